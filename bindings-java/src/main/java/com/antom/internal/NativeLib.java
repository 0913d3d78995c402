package com.antom.internal;

import com.antom.AntomException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The core's C ABI (libantom_ffi.so, shipped in the jar as linux-x86-64/libantom_ffi.so) through
 * JNA, loaded on first use. Every call returns a status; a result or an error comes back as a
 * buffer the library owns, copied here and freed at once. Internal: not part of the API.
 */
public final class NativeLib {
    private NativeLib() {
    }

    /** The library's bytes out (struct AntomBuffer: ptr, len, cap): freed with antom_buffer_free, by value. */
    public static class Buffer extends Structure {
        public Pointer ptr;
        public long len;
        public long cap;

        @Override
        protected List<String> getFieldOrder() {
            return Arrays.asList("ptr", "len", "cap");
        }
    }

    /** A buffer passed by value (to antom_buffer_free). */
    public static class BufferValue extends Buffer implements Structure.ByValue {
    }

    /** The functions of include/antom.h this binding uses; size_t is 64-bit on linux-x86-64. */
    public interface Lib extends Library {
        int antom_client_new_for(Pointer options, long optionsLen, byte[] language, long languageLen, PointerByReference client, Buffer err);

        void antom_client_free(Pointer client);

        int antom_client_invoke(Pointer client, byte[] name, long nameLen, byte[] args, long argsLen, Buffer out, Buffer err);

        int antom_function(byte[] name, long nameLen, Pointer args, long argsLen, Buffer out, Buffer err);

        void antom_buffer_free(BufferValue buffer);

        /** AntomAttemptListener: an attempt's event as JSON bytes, valid only during the call, on an I/O thread. */
        interface AttemptListener extends com.sun.jna.Callback {
            void invoke(Pointer json, long jsonLen);
        }

        void antom_set_attempt_listener(AttemptListener listener);

        int antom_sim_start(byte[] options, long optionsLen, PointerByReference sim, Buffer info, Buffer err);

        int antom_sim_control(Pointer sim, byte[] name, long nameLen, byte[] args, long argsLen, Buffer out, Buffer err);

        void antom_sim_free(Pointer sim);
    }

    private static final class Holder {
        static final Lib LIB = load();
    }

    private static Lib load() {
        if (!"linux-x86-64".equals(Platform.RESOURCE_PREFIX)) {
            throw new UnsupportedOperationException("antom's native library is built for linux-x86-64 (glibc) only; this JVM is "
                    + Platform.RESOURCE_PREFIX + " (os.name=" + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch") + ")");
        }
        try {
            return Native.load("antom_ffi", Lib.class);
        } catch (UnsatisfiedLinkError e) {
            throw new UnsupportedOperationException("cannot load antom's native library (linux-x86-64/libantom_ffi.so in the antom jar, "
                    + "or a directory named by -Djna.library.path): " + e.getMessage(), e);
        }
    }

    /** The library, loaded on first use. */
    public static Lib lib() {
        return Holder.LIB;
    }

    /** Native memory holding `bytes` (key material), for {@link #wipe} after the call. */
    public static com.sun.jna.Memory secret(byte[] bytes) {
        com.sun.jna.Memory m = new com.sun.jna.Memory(Math.max(1, bytes.length));
        m.write(0, bytes, 0, bytes.length);
        return m;
    }

    /** Zeroes and frees native memory from {@link #secret}. */
    public static void wipe(com.sun.jna.Memory m) {
        m.clear();
        m.close();
    }

    /** UTF-8 bytes of a string (null stays null: an absent value). */
    public static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    public static long len(byte[] b) {
        return b == null ? 0 : b.length;
    }

    /** The bytes of a buffer, which is freed. */
    public static byte[] take(Buffer b) {
        if (b.ptr == null) {
            return new byte[0];
        }
        byte[] out = b.ptr.getByteArray(0, (int) b.len);
        BufferValue v = new BufferValue();
        v.ptr = b.ptr;
        v.len = b.len;
        v.cap = b.cap;
        b.ptr = null;
        lib().antom_buffer_free(v);
        return out;
    }

    /** The output as text when `status` is OK; otherwise the error, thrown as its class. */
    public static String check(int status, Buffer out, Buffer err) {
        byte[] result = take(out);
        byte[] error = take(err);
        if (status == 0) {
            return new String(result, StandardCharsets.UTF_8);
        }
        throw AntomException.fromJson(new String(error, StandardCharsets.UTF_8));
    }

    /** Runs an operation of the bridge's table on a client: its result view as JSON text. */
    public static String invoke(Pointer client, String name, String argsJson) {
        byte[] n = utf8(name);
        byte[] a = utf8(argsJson);
        Buffer out = new Buffer();
        Buffer err = new Buffer();
        int status = lib().antom_client_invoke(client, n, len(n), a, len(a), out, err);
        return check(status, out, err);
    }

    /**
     * Runs a function of the bridge's table (every generated function of {@code Signature} and
     * {@code Amounts} is one call of this): its answer as JSON text. The arguments may hold key
     * text, so they go through native memory this binding clears.
     */
    public static String function(String name, Object... args) {
        byte[] n = utf8(name);
        byte[] a = utf8(Json.write(Arrays.asList(args)));
        com.sun.jna.Memory secret = secret(a);
        try {
            Buffer out = new Buffer();
            Buffer err = new Buffer();
            return check(lib().antom_function(n, len(n), secret, a.length, out, err), out, err);
        } finally {
            Arrays.fill(a, (byte) 0);
            wipe(secret);
        }
    }

    /** A verdict function: true when it verifies, false on a mismatch (which the native side
     * reports as an error, so that no status check can take it for a match). */
    public static boolean verdict(String name, Object... args) {
        try {
            return Boolean.TRUE.equals(Json.parse(function(name, args)));
        } catch (com.antom.SignatureException e) {
            if ("SIGNATURE_MISMATCH".equals(e.getKind())) {
                return false;
            }
            throw e;
        }
    }
}
