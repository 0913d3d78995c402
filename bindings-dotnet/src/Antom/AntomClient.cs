using System;
using System.Collections.Generic;
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
            var status = Native.antom_client_new(json, Native.Len(json), out h, out error);
            Array.Clear(json, 0, json.Length);
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

        /// <summary>Calls any endpoint by catalog name ("payments.pay", "pay") or path with a JSON body;
        /// <paramref name="options"/> (extra headers, timeout, retries) apply to this call only.</summary>
        public AntomResponse Call(string endpoint, string jsonBody, RequestOptions options = null)
        {
            Signature.Require(endpoint, "endpoint");
            Signature.Require(jsonBody, "jsonBody");
            var h = Live();
            var e = Native.Utf8(endpoint);
            var b = Native.Utf8(jsonBody);
            var o = options == null ? null : Native.Utf8(Json.Write(options.ToView()));
            AntomBuffer output, error;
            var status = Native.antom_client_call(h, e, Native.Len(e), b, Native.Len(b), o, Native.Len(o), out output, out error);
            return AntomResponse.FromNative(Native.Check(status, output, error));
        }

        public Task<AntomResponse> CallAsync(string endpoint, string jsonBody, RequestOptions options = null)
        {
            return Task.Run(() => Call(endpoint, jsonBody, options));
        }

        /// <summary>Polls inquiryPayment until paymentStatus is final or the timeout passes.</summary>
        public AntomResponse InquirePaymentUntilFinal(string paymentRequestId, TimeSpan timeout)
        {
            Signature.Require(paymentRequestId, "paymentRequestId");
            if (timeout < TimeSpan.Zero) throw new ArgumentOutOfRangeException("timeout");
            var h = Live();
            var id = Native.Utf8(paymentRequestId);
            AntomBuffer output, error;
            var status = Native.antom_client_inquire_payment_until_final(h, id, Native.Len(id), (ulong)timeout.TotalMilliseconds, out output, out error);
            return AntomResponse.FromNative(Native.Check(status, output, error));
        }

        public Task<AntomResponse> InquirePaymentUntilFinalAsync(string paymentRequestId, TimeSpan timeout)
        {
            return Task.Run(() => InquirePaymentUntilFinal(paymentRequestId, timeout));
        }

        /// <summary>Verifies a notification over its raw body (exact bytes), then parses it.</summary>
        public AntomNotification VerifyNotification(string path, IEnumerable<KeyValuePair<string, string>> headers, byte[] body)
        {
            Signature.Require(path, "path");
            if (headers == null) throw new ArgumentNullException("headers");
            if (body == null) throw new ArgumentNullException("body");
            var list = new List<HeaderView>();
            foreach (var kv in headers)
            {
                if (kv.Key == null || kv.Value == null) continue;
                list.Add(new HeaderView { Name = kv.Key, Value = kv.Value });
            }
            var h = Live();
            var p = Native.Utf8(path);
            var hs = Native.Utf8(Json.Write(list.ToArray()));
            AntomBuffer output, error;
            var status = Native.antom_client_verify_notification(h, p, Native.Len(p), hs, Native.Len(hs), body, Native.Len(body), out output, out error);
            return AntomNotification.FromNative(Native.Check(status, output, error));
        }

        /// <summary>Verifies a notification whose body is text.</summary>
        /// <summary>Sends usage events (JSON) once, unsigned, over HTTP/2, in the session
        /// <c>MeterCreateSession</c> opened. The answer is unsigned by Antom's design: never Verified.</summary>
        public AntomResponse UploadMeterEvents(string sessionId, string jsonBody)
        {
            Signature.Require(sessionId, "sessionId");
            Signature.Require(jsonBody, "jsonBody");
            var h = Live();
            var id = Native.Utf8(sessionId);
            var b = Native.Utf8(jsonBody);
            AntomBuffer output, error;
            var status = Native.antom_client_upload_meter_events(h, id, Native.Len(id), b, Native.Len(b), out output, out error);
            return AntomResponse.FromNative(Native.Check(status, output, error));
        }

        /// <summary>Sends typed usage events once (see <see cref="UploadMeterEvents(string, string)"/>).</summary>
        public AntomResponse<Antom.Models.MeterUploadEventResponse> UploadMeterEvents(string sessionId, Antom.Models.MeterUploadEventRequest events)
        {
            return new AntomResponse<Antom.Models.MeterUploadEventResponse>(UploadMeterEvents(sessionId, Json.Write(events)));
        }

        public Task<AntomResponse<Antom.Models.MeterUploadEventResponse>> UploadMeterEventsAsync(string sessionId, Antom.Models.MeterUploadEventRequest events)
        {
            return Task.Run(() => UploadMeterEvents(sessionId, events));
        }

        /// <summary>Uploads a product image (at most 2 MiB) as signed multipart.</summary>
        public AntomResponse UploadProductImage(string productId, byte[] image, string fileName = null)
        {
            if (image == null) throw new ArgumentNullException("image");
            return Upload(productId, image, null, fileName);
        }

        /// <summary>Uploads the product image in a file (at most 2 MiB); the form announces the file's own name unless <paramref name="fileName"/> is given.</summary>
        public AntomResponse UploadProductImageFile(string productId, string path, string fileName = null)
        {
            Signature.Require(path, "path");
            return Upload(productId, null, path, fileName);
        }

        public Task<AntomResponse> UploadProductImageAsync(string productId, byte[] image, string fileName = null)
        {
            return Task.Run(() => UploadProductImage(productId, image, fileName));
        }

        public Task<AntomResponse> UploadProductImageFileAsync(string productId, string path, string fileName = null)
        {
            return Task.Run(() => UploadProductImageFile(productId, path, fileName));
        }

        private AntomResponse Upload(string productId, byte[] image, string path, string fileName)
        {
            Signature.Require(productId, "productId");
            var h = Live();
            var id = Native.Utf8(productId);
            var p = Native.Utf8(path);
            var n = Native.Utf8(fileName);
            AntomBuffer output, error;
            var status = Native.antom_client_upload_product_image(h, id, Native.Len(id), image, Native.Len(image), p, Native.Len(p), n, Native.Len(n), out output, out error);
            return AntomResponse.FromNative(Native.Check(status, output, error));
        }

        /// <summary>Missed-webhook recovery: the notifications Antom recorded between two ISO 8601 times
        /// ("2026-11-26T00:00:00Z"), each as <see cref="VerifyNotification(string, IEnumerable{KeyValuePair{string, string}}, byte[])"/>
        /// gives a delivery, so the webhook's handler takes them as they are.</summary>
        public AntomNotification[] RecoverNotifications(string from, string to)
        {
            Signature.Require(from, "from");
            Signature.Require(to, "to");
            var h = Live();
            var f = Native.Utf8(from);
            var t = Native.Utf8(to);
            AntomBuffer output, error;
            var status = Native.antom_client_recover_notifications(h, f, Native.Len(f), t, Native.Len(t), out output, out error);
            return Array.ConvertAll(Json.Read<NotificationView[]>(Native.Check(status, output, error)), AntomNotification.FromView);
        }

        public Task<AntomNotification[]> RecoverNotificationsAsync(string from, string to)
        {
            return Task.Run(() => RecoverNotifications(from, to));
        }

        public AntomNotification VerifyNotification(string path, IEnumerable<KeyValuePair<string, string>> headers, string body)
        {
            Signature.Require(body, "body");
            return VerifyNotification(path, headers, Encoding.UTF8.GetBytes(body));
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
