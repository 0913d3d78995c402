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
            var n = Native.Utf8(name);
            var a = Native.Utf8("[" + string.Join(",", jsonArgs) + "]");
            AntomBuffer output, error;
            var status = Native.antom_client_invoke(h, n, Native.Len(n), a, Native.Len(a), out output, out error);
            return Native.Check(status, output, error);
        }

        // Arguments by kind (the bridge's operations::Kind), as antom_client_invoke reads them.

        private static string ArgText(string v, string name)
        {
            Signature.Require(v, name);
            return Json.Write(v);
        }

        private static string ArgOptText(string v)
        {
            return v == null ? "null" : Json.Write(v);
        }

        /// <summary>A body: JSON text as it is, or a model written by its data contract.</summary>
        private static string ArgBody(object v, string name)
        {
            if (v == null) throw new ArgumentNullException(name);
            var text = v as string;
            if (text != null) return Json.Write(text);
            try
            {
                return Json.Write(Json.WriteObject(v));
            }
            catch (Exception e) when (e is InvalidDataContractException || e is SerializationException)
            {
                throw new InvalidInputException("INVALID_INPUT", name + " must be JSON text or a model of Antom.Models: " + e.Message);
            }
        }

        private static string ArgBytes(byte[] v, string name)
        {
            if (v == null) throw new ArgumentNullException(name);
            return Json.Write(Convert.ToBase64String(v));
        }

        private static string ArgHeaders(IEnumerable<KeyValuePair<string, string>> headers, string name)
        {
            if (headers == null) throw new ArgumentNullException(name);
            var list = new List<HeaderView>();
            foreach (var kv in headers)
            {
                if (kv.Key == null || kv.Value == null) continue;
                list.Add(new HeaderView { Name = kv.Key, Value = kv.Value });
            }
            return Json.Write(list.ToArray());
        }

        private static string ArgSeconds(TimeSpan v, string name)
        {
            if (v < TimeSpan.Zero) throw new ArgumentOutOfRangeException(name);
            return v.TotalSeconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }

        private static string ArgOptions(RequestOptions options)
        {
            return options == null ? "null" : Json.Write(options.ToView());
        }

        // Results by kind (the bridge's operations::Returns).

        private static AntomResponse ToResponse(string json)
        {
            return AntomResponse.FromNative(json);
        }

        private static AntomNotification ToNotification(string json)
        {
            return AntomNotification.FromNative(json);
        }

        private static AntomNotification[] ToNotifications(string json)
        {
            return Array.ConvertAll(Json.Read<NotificationView[]>(json), AntomNotification.FromView);
        }

        public void Dispose()
        {
            handle.Dispose();
        }

        public override string ToString()
        {
            return "AntomClient(" + clientId + ")";
        }
    }
}
