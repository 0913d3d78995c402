using System;
using System.Collections.Generic;

namespace Antom
{
    /// <summary>Request signing and signature verification (RSA-SHA256, Antom's content format).</summary>
    public static class Signature
    {
        /// <summary>The whole Signature header value for a request.</summary>
        public static string SignRequest(string privateKey, string method, string path, string clientId, string requestTime, string body, int keyVersion = 1)
        {
            return SignRequest(privateKey, method, path, clientId, requestTime, Native.Utf8(body), keyVersion);
        }

        /// <summary>The whole Signature header value for a request with a byte body.</summary>
        public static string SignRequest(string privateKey, string method, string path, string clientId, string requestTime, byte[] body, int keyVersion = 1)
        {
            Require(privateKey, "privateKey");
            Require(method, "method");
            Require(path, "path");
            Require(clientId, "clientId");
            Require(requestTime, "requestTime");
            if (body == null) throw new ArgumentNullException("body");
            if (keyVersion < 0) throw new ArgumentOutOfRangeException("keyVersion");
            var k = Key(Native.KeyPrivate, privateKey);
            var m = Native.Utf8(method);
            var p = Native.Utf8(path);
            var c = Native.Utf8(clientId);
            var t = Native.Utf8(requestTime);
            AntomBuffer output, error;
            var status = Native.antom_sign_request(k, m, Native.Len(m), p, Native.Len(p), c, Native.Len(c), t, Native.Len(t), body, Native.Len(body), (uint)keyVersion, out output, out error);
            return Native.Check(status, output, error);
        }

        /// <summary>True when the signature verifies; false on a mismatch; throws on malformed keys or headers.</summary>
        public static bool Verify(string publicKey, string method, string path, string clientId, string requestTime, string body, string signature)
        {
            Require(publicKey, "publicKey");
            Require(method, "method");
            Require(path, "path");
            Require(clientId, "clientId");
            Require(requestTime, "requestTime");
            Require(body, "body");
            Require(signature, "signature");
            var k = Key(Native.KeyPublic, publicKey);
            var m = Native.Utf8(method);
            var p = Native.Utf8(path);
            var c = Native.Utf8(clientId);
            var t = Native.Utf8(requestTime);
            var b = Native.Utf8(body);
            var s = Native.Utf8(signature);
            AntomBuffer error;
            var status = Native.antom_verify_signature(k, m, Native.Len(m), p, Native.Len(p), c, Native.Len(c), t, Native.Len(t), b, Native.Len(b), s, Native.Len(s), out error);
            // A mismatch comes back as an error of kind SIGNATURE_MISMATCH (never as OK).
            try
            {
                Native.Check(status, default(AntomBuffer), error);
            }
            catch (SignatureException e)
            {
                if (e.Kind == "SIGNATURE_MISMATCH") return false;
                throw;
            }
            return status == Native.Ok;
        }

        // Parsed keys by key text (a few: merchants hold one or two), so a call marshals and
        // hashes no key text. The native keys are zeroized when their handles are released.
        private static readonly Dictionary<string, KeyHandle>[] Keys = { new Dictionary<string, KeyHandle>(), new Dictionary<string, KeyHandle>() };

        private static KeyHandle Key(uint kind, string text)
        {
            var cache = Keys[kind];
            lock (cache)
            {
                KeyHandle handle;
                if (cache.TryGetValue(text, out handle)) return handle;
                var bytes = Native.Utf8(text);
                AntomBuffer error;
                var status = Native.antom_key_new(kind, bytes, Native.Len(bytes), out handle, out error);
                Array.Clear(bytes, 0, bytes.Length);
                try
                {
                    Native.Check(status, default(AntomBuffer), error);
                }
                catch
                {
                    handle.Dispose();
                    throw;
                }
                if (cache.Count >= 8) cache.Clear();
                cache[text] = handle;
                return handle;
            }
        }

        internal static void Require(string value, string name)
        {
            if (value == null) throw new ArgumentNullException(name);
        }
    }
}
