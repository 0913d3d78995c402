// One event per attempt of every client, for logging and metrics (the core's AttemptEvent):
// never a body, a header value, a signature or a key.
using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Serialization;
using System.Text;

namespace Antom
{
    /// <summary>What one attempt of a call did.</summary>
    [DataContract]
    public sealed class AttemptEvent
    {
        /// <summary>Always POST.</summary>
        [DataMember(Name = "method")] public string Method { get; private set; }
        /// <summary>The path called (after any sandbox rewrite).</summary>
        [DataMember(Name = "path")] public string Path { get; private set; }
        /// <summary>1 for the first attempt.</summary>
        [DataMember(Name = "attempt")] public int Attempt { get; private set; }
        /// <summary>The answer's HTTP status, if one came.</summary>
        [DataMember(Name = "httpStatus")] public int? HttpStatus { get; private set; }
        /// <summary>S, F or U, if the answer had a result.</summary>
        [DataMember(Name = "resultStatus")] public string ResultStatus { get; private set; }
        /// <summary>Antom's resultCode, if the answer had a result.</summary>
        [DataMember(Name = "resultCode")] public string ResultCode { get; private set; }
        /// <summary>Whether the answer's signature verified, if it had a result.</summary>
        [DataMember(Name = "verified")] public bool? Verified { get; private set; }
        /// <summary>What the attempt got, e.g. "HTTP 503".</summary>
        [DataMember(Name = "outcome")] public string Outcome { get; private set; }
        /// <summary>Send to answer, in milliseconds.</summary>
        [DataMember(Name = "latencyMs")] public long LatencyMs { get; private set; }
        /// <summary>The request's idempotency key, if it has one.</summary>
        [DataMember(Name = "idempotencyKey")] public string IdempotencyKey { get; private set; }
        /// <summary>Whether another attempt follows.</summary>
        [DataMember(Name = "willRetry")] public bool WillRetry { get; private set; }

        /// <inheritdoc/>
        public override string ToString()
        {
            return "antom " + Method + " " + Path + " attempt " + Attempt + ": " + Outcome + " (" + LatencyMs + " ms)";
        }
    }

    /// <summary>Where every client reports its attempts.</summary>
    public static class AntomDiagnostics
    {
        // Every delegate ever handed to the library stays reachable: an I/O thread may still be
        // inside one that was just replaced, and a collected delegate's thunk is gone.
        private static readonly System.Collections.Generic.List<Native.AttemptListener> Kept = new System.Collections.Generic.List<Native.AttemptListener>();
        private static readonly object Gate = new object();

        /// <summary>Calls <paramref name="listener"/> after every attempt of every client, on a
        /// library I/O thread (return quickly); null stops. An exception it throws is traced and
        /// never reaches the call.</summary>
        public static void OnAttempt(Action<AttemptEvent> listener)
        {
            lock (Gate)
            {
                if (listener == null)
                {
                    Native.antom_set_attempt_listener(null);
                    return;
                }
                Native.AttemptListener callback = (ptr, len) =>
                {
                    try
                    {
                        var bytes = new byte[(int)len.ToUInt32()];
                        Marshal.Copy(ptr, bytes, 0, bytes.Length);
                        listener(Json.Read<AttemptEvent>(Encoding.UTF8.GetString(bytes)));
                    }
                    catch (Exception e)
                    {
                        Trace.TraceWarning("antom: the attempt listener threw: {0}", e.Message);
                    }
                };
                Kept.Add(callback);
                Native.antom_set_attempt_listener(callback);
            }
        }
    }
}
