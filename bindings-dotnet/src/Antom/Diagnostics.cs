// One event per attempt of every client, for logging and metrics (AttemptEvent, generated from
// the bridge's EVENT_FIELDS): never a body, a header value, a signature or a key.
using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Serialization;
using System.Text;

namespace Antom
{
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
