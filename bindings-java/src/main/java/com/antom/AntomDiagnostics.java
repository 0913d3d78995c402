package com.antom;

import com.antom.internal.Json;
import com.antom.internal.NativeLib;
import com.sun.jna.Pointer;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The attempt events of every client: one per attempt, for logging and metrics. */
public final class AntomDiagnostics {
    private static final Logger LOG = Logger.getLogger("com.antom");
    // The native library keeps only a function pointer, and an event already on its way may
    // still call a replaced one: every callback ever installed stays reachable here.
    private static final java.util.List<NativeLib.Lib.AttemptListener> KEPT = new java.util.ArrayList<NativeLib.Lib.AttemptListener>();

    private AntomDiagnostics() {
    }

    /**
     * Calls {@code listener} after each attempt of each call, on one of the library's I/O threads
     * (it must return quickly); {@code null} stops it. A listener that throws is logged to the
     * {@code java.util.logging} logger {@code com.antom}; the call is unaffected.
     */
    public static synchronized void onAttempt(Consumer<AttemptEvent> listener) {
        if (listener == null) {
            NativeLib.lib().antom_set_attempt_listener(null);
            return;
        }
        NativeLib.Lib.AttemptListener callback = (Pointer json, long len) -> {
            try {
                String text = new String(json.getByteArray(0, (int) len), StandardCharsets.UTF_8);
                listener.accept(new AttemptEvent(Json.parseObject(text)));
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "the antom attempt listener threw", t);
            }
        };
        KEPT.add(callback);
        NativeLib.lib().antom_set_attempt_listener(callback);
    }
}
