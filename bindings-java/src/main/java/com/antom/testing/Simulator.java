package com.antom.testing;

import com.antom.AntomClient;
import com.antom.internal.Json;
import com.antom.internal.NativeLib;
import com.antom.internal.NativeLib.Buffer;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Map;

/**
 * The Antom simulator inside your own tests, in this process on a free 127.0.0.1 port: no
 * account, no network, no {@code antom sim} process. It verifies every request, signs every
 * answer and notification, and plays the buyer and the faults through its controls (generated
 * from the bridge's table). {@link #close()} stops it and removes its key files: close it
 * (try-with-resources), since nothing else does before the JVM exits.
 * {@code try (Simulator sim = new Simulator()) { sim.client().pay(...); sim.complete(paymentId); }}
 */
public final class Simulator extends SimControls implements AutoCloseable {
    private final Map<String, Object> info;
    private final AntomClient client;
    private Pointer handle;

    public Simulator() {
        this(new SimulatorOptions());
    }

    public Simulator(SimulatorOptions options) {
        byte[] json = NativeLib.utf8(Json.write(options.toMap()));
        PointerByReference out = new PointerByReference();
        Buffer info = new Buffer();
        Buffer err = new Buffer();
        int status = NativeLib.lib().antom_sim_start(json, json.length, out, info, err);
        String text = NativeLib.check(status, info, err);
        this.handle = out.getValue();
        try {
            this.info = Collections.unmodifiableMap(Json.parseObject(text));
            this.client = clientBuilder().build();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** What {@code antom sim} prints: url, client_id and the key files. */
    public Map<String, Object> info() {
        return info;
    }

    /** The simulator's gateway URL (http://127.0.0.1:port). */
    public String url() {
        return (String) info.get("url");
    }

    /** The merchant's client id. */
    public String clientId() {
        return (String) info.get("client_id");
    }

    /** A ready client for this simulator, closed with it. */
    public AntomClient client() {
        return client;
    }

    /** A builder for another client of this simulator, to set more options ({@code maxRetries(0)}). */
    public synchronized AntomClient.Builder clientBuilder() {
        if (handle == null) {
            throw new IllegalStateException("the simulator is closed");
        }
        return AntomClient.builder().clientId(clientId()).gatewayUrl(url())
                .privateKey(read("merchant_private_key_file")).antomPublicKey(read("antom_public_key_file"));
    }

    private String read(String file) {
        try {
            return new String(Files.readAllBytes(Paths.get((String) info.get(file))), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    synchronized Object control(String name, Map<String, Object> args) {
        if (handle == null) {
            throw new IllegalStateException("the simulator is closed");
        }
        byte[] n = NativeLib.utf8(name);
        byte[] a = NativeLib.utf8(Json.write(args));
        Buffer out = new Buffer();
        Buffer err = new Buffer();
        return Json.parse(NativeLib.check(NativeLib.lib().antom_sim_control(handle, n, n.length, a, a.length, out, err), out, err));
    }

    /** Stops the simulator and its client; a second close does nothing. */
    @Override
    public synchronized void close() {
        if (handle == null) {
            return;
        }
        if (client != null) {
            client.close();
        }
        NativeLib.lib().antom_sim_free(handle);
        handle = null;
    }
}
