package com.antom;

import com.antom.internal.NativeLib;
import com.antom.internal.NativeLib.Buffer;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Request signing and signature verification, as Antom's Open API defines them. */
public final class Signature {
    private static final int PRIVATE = 0;
    private static final int PUBLIC = 1;

    private Signature() {
    }

    /**
     * The whole {@code Signature} header value for a request, with keyVersion 1. The key is PEM
     * or base64 text (PKCS#8 or PKCS#1).
     */
    public static String signRequest(String privateKey, String method, String path, String clientId, String requestTime, String body) {
        return signRequest(privateKey, method, path, clientId, requestTime, body, 1);
    }

    /** {@link #signRequest(String, String, String, String, String, String)} with another keyVersion. */
    public static String signRequest(String privateKey, String method, String path, String clientId, String requestTime, String body, int keyVersion) {
        return signRequest(privateKey, method, path, clientId, requestTime, NativeLib.utf8(require(body, "body")), keyVersion);
    }

    /** Signs the body's exact bytes (keyVersion 1). */
    public static String signRequest(String privateKey, String method, String path, String clientId, String requestTime, byte[] body) {
        return signRequest(privateKey, method, path, clientId, requestTime, body, 1);
    }

    /** Signs the body's exact bytes with another keyVersion. */
    public static String signRequest(String privateKey, String method, String path, String clientId, String requestTime, byte[] body, int keyVersion) {
        if (body == null) {
            throw new NullPointerException("body");
        }
        if (keyVersion < 1) {
            throw new IllegalArgumentException("keyVersion must be at least 1");
        }
        Pointer key = key(PRIVATE, privateKey);
        try {
            byte[][] c = content(method, path, clientId, requestTime);
            byte[] b = body;
            Buffer out = new Buffer();
            Buffer err = new Buffer();
            int status = NativeLib.lib().antom_sign_request(key, c[0], c[0].length, c[1], c[1].length, c[2], c[2].length, c[3], c[3].length,
                    b, b.length, keyVersion, out, err);
            return NativeLib.check(status, out, err);
        } finally {
            NativeLib.lib().antom_key_free(key);
        }
    }

    /**
     * True when {@code signature} (a whole Signature header value) verifies over the content with
     * Antom's public key; false on a mismatch. Malformed keys and headers throw.
     */
    public static boolean verifySignature(String publicKey, String method, String path, String clientId, String requestTime, String body, String signature) {
        Pointer key = key(PUBLIC, publicKey);
        try {
            byte[][] c = content(method, path, clientId, requestTime);
            byte[] b = NativeLib.utf8(require(body, "body"));
            byte[] s = NativeLib.utf8(require(signature, "signature"));
            Buffer err = new Buffer();
            int status = NativeLib.lib().antom_verify_signature(key, c[0], c[0].length, c[1], c[1].length, c[2], c[2].length, c[3], c[3].length,
                    b, b.length, s, s.length, err);
            try {
                NativeLib.check(status, new Buffer(), err);
                return true;
            } catch (SignatureException e) {
                if ("SIGNATURE_MISMATCH".equals(e.getKind())) {
                    return false;
                }
                throw e;
            }
        } finally {
            NativeLib.lib().antom_key_free(key);
        }
    }

    private static Pointer key(int kind, String text) {
        byte[] k = require(text, kind == PRIVATE ? "privateKey" : "publicKey").getBytes(StandardCharsets.UTF_8);
        com.sun.jna.Memory secret = NativeLib.secret(k);
        try {
            PointerByReference out = new PointerByReference();
            Buffer err = new Buffer();
            int status = NativeLib.lib().antom_key_new(kind, secret, k.length, out, err);
            NativeLib.check(status, new Buffer(), err);
            return out.getValue();
        } finally {
            // The copies of the key this binding made are cleared (the String itself cannot be).
            Arrays.fill(k, (byte) 0);
            NativeLib.wipe(secret);
        }
    }

    private static byte[][] content(String method, String path, String clientId, String requestTime) {
        return new byte[][] {NativeLib.utf8(require(method, "method")), NativeLib.utf8(require(path, "path")),
            NativeLib.utf8(require(clientId, "clientId")), NativeLib.utf8(require(requestTime, "requestTime"))};
    }

    static String require(String v, String name) {
        if (v == null) {
            throw new NullPointerException(name);
        }
        return v;
    }
}
