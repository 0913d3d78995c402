package com.antom;

import com.antom.internal.Json;
import com.antom.internal.NativeLib;
import com.antom.internal.NativeLib.Buffer;
import com.antom.models.Model;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What {@link AntomClient} (generated from the bridge's tables) stands on: the native handle,
 * one entry point into the core ({@code invoke} of the operations table), the conversion of
 * each argument kind and each result kind, and the async twins. Names no operation, option or
 * field.
 */
abstract class ClientBase implements AutoCloseable {
    /** Daemon threads for the ...Async twins: a blocking call never holds a shared pool's thread. */
    private static final ExecutorService ASYNC = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "antom-async");
        t.setDaemon(true);
        return t;
    });

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final String clientId;
    private Pointer handle;

    ClientBase(Map<String, Object> options) {
        Object id = options.get("clientId");
        this.clientId = id instanceof String ? (String) id : "";
        byte[] json = NativeLib.utf8(Json.write(options));
        byte[] language = NativeLib.utf8("java");
        // The options hold key text: they go through native memory this binding clears (JNA's
        // own copy of a byte[] argument would not be); the Strings themselves cannot be cleared.
        com.sun.jna.Memory secret = NativeLib.secret(json);
        try {
            PointerByReference out = new PointerByReference();
            Buffer err = new Buffer();
            int status = NativeLib.lib().antom_client_new_for(secret, json.length, language, language.length, out, err);
            NativeLib.check(status, new Buffer(), err);
            handle = out.getValue();
        } finally {
            Arrays.fill(json, (byte) 0);
            NativeLib.wipe(secret);
        }
    }

    /** Runs an operation; calls may run on many threads at once, close waits for them. */
    final String invoke(String name, Object... args) {
        String argsJson;
        try {
            argsJson = Json.write(Arrays.asList(args));
        } catch (Json.Unwritable e) {
            throw invalidInput(e.getMessage());
        }
        lock.readLock().lock();
        try {
            if (handle == null) {
                throw new IllegalStateException("the client is closed");
            }
            return NativeLib.invoke(handle, name, argsJson);
        } finally {
            lock.readLock().unlock();
        }
    }

    // Arguments by kind (the bridge's operations::Kind), as the C ABI reads them.

    static String text(String v, String name) {
        return Objects.requireNonNull(v, name);
    }

    /** The same error the core gives bad input, as its class (InvalidInputException). */
    static AntomException invalidInput(String message) {
        Map<String, Object> view = new LinkedHashMap<String, Object>();
        view.put("kind", "INVALID_INPUT");
        view.put("family", "InvalidInput");
        view.put("message", message);
        return AntomException.fromJson(Json.write(view));
    }

    static Object body(Object v, String name) {
        Objects.requireNonNull(v, name);
        if (v instanceof Model) {
            try {
                return ((Model) v).toMap();
            } catch (Json.Unwritable e) {
                throw invalidInput(e.getMessage());
            }
        }
        if (v instanceof Map || v instanceof String) {
            return v;
        }
        throw new IllegalArgumentException(name + " must be a model, a Map or JSON text, not a " + v.getClass().getName());
    }

    static String bytes(byte[] v, String name) {
        return Base64.getEncoder().encodeToString(Objects.requireNonNull(v, name));
    }

    static String path(Path v, String name) {
        return Objects.requireNonNull(v, name).toString();
    }

    static Map<String, Object> headers(Map<String, String> v, String name) {
        return new LinkedHashMap<String, Object>(Objects.requireNonNull(v, name));
    }

    static Object seconds(Duration v, String name) {
        return RequestOptions.seconds(Objects.requireNonNull(v, name));
    }

    static Object options(RequestOptions v) {
        return v == null ? null : v.toWire();
    }

    // Results by kind (the bridge's operations::Returns).

    static <T> AntomResponse<T> response(String json, Function<Map<String, Object>, T> parse) {
        return new AntomResponse<T>(Json.parseObject(json), parse);
    }

    static AntomNotification notification(String json) {
        return new AntomNotification(Json.parseObject(json));
    }

    @SuppressWarnings("unchecked")
    static List<AntomNotification> notifications(String json) {
        List<AntomNotification> out = new ArrayList<AntomNotification>();
        for (Object item : (List<Object>) Json.parse(json)) {
            out.add(new AntomNotification((Map<String, Object>) item));
        }
        return out;
    }

    static <T> CompletableFuture<T> async(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, ASYNC);
    }

    /** Frees the native client once calls in flight are done; later calls throw. */
    @Override
    public final void close() {
        lock.writeLock().lock();
        try {
            if (handle != null) {
                NativeLib.lib().antom_client_free(handle);
                handle = null;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The client id, never a key. */
    @Override
    public final String toString() {
        return "AntomClient(clientId=" + clientId + ")";
    }
}
