using System;
using System.Collections.Generic;
using System.Runtime.Serialization;
using System.Text;
using System.Threading.Tasks;

namespace Antom
{
    /// <summary>
    /// Antom API client over the Rust core. Thread-safe; dispose it when done. Calls block the
    /// calling thread; each ...Async variant runs the blocking call on the thread pool.
    /// </summary>
    public sealed partial class AntomClient : IDisposable
    {
        private readonly ClientHandle handle;
        private readonly string clientId;

        public AntomClient(AntomOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            var json = Native.Utf8(Json.Write(options.ToView()));
            AntomBuffer error;
            ClientHandle h;
            int status;
            try
            {
                status = Native.antom_client_new(json, Native.Len(json), out h, out error);
            }
            finally
            {
                // The options hold key text: cleared even when the native call throws.
                Array.Clear(json, 0, json.Length);
            }
            try
            {
                Native.Check(status, default(AntomBuffer), error);
            }
            catch
            {
                h.Dispose();
                throw;
            }
            handle = h;
            clientId = options.ClientId;
        }

        private ClientHandle Live()
        {
            if (handle.IsClosed) throw new ObjectDisposedException("AntomClient");
            return handle;
        }

        /// <summary>Runs an operation of the bridge's table with its arguments as JSON values; every
        /// generated operation method (Generated.cs) is one call of this.</summary>
        private string Invoke(string name, params string[] jsonArgs)
        {
            var h = Live();
            return Native.WithArgs(name, jsonArgs, (n, a) =>
            {
                AntomBuffer output, error;
                var status = Native.antom_client_invoke(h, n, Native.Len(n), a, Native.Len(a), out output, out error);
                return Native.Check(status, output, error);
            });
        }

        public void Dispose() => handle.Dispose();

        public override string ToString() => "AntomClient(" + clientId + ")";
    }
}
