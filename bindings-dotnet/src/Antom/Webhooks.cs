// A notify endpoint for HttpListener (and any server, through Answer): the raw bytes verified
// first, your handler called with the typed notification, and the answer taken from the core's
// table (WebhookReply): 200 and the ack once handled; 401 or 400 for a delivery that does not
// verify, never acted on; 500 and no ack when your handler throws, so Antom delivers it again.
// Antom redelivers, so handle each notification idempotently (by its paymentId, refundId, ...).
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;

namespace Antom
{
    /// <summary>Webhook handling: verify first, then your handler, then the answer Antom expects.</summary>
    /// <example><code>
    /// var ctx = listener.GetContext();
    /// Webhooks.Handle(ctx, client, n =&gt; orders.MarkPaid(n));
    /// </code></example>
    public static class Webhooks
    {
        /// <summary>Verifies one delivery, runs <paramref name="handler"/> on it and says what to
        /// answer. Never throws: every failure is a reply that does not ack, reported to
        /// <paramref name="onError"/> (default: <see cref="Trace.TraceWarning(string)"/>).</summary>
        public static WebhookReply Answer(AntomClient client, string path, IEnumerable<KeyValuePair<string, string>> headers,
            byte[] body, Action<AntomNotification> handler, Action<Exception, WebhookReply> onError = null)
        {
            if (handler == null) throw new ArgumentNullException("handler");
            return AnswerAsync(client, path, headers, body, n => { handler(n); return Task.FromResult(0); }, onError).GetAwaiter().GetResult();
        }

        /// <summary><see cref="Answer"/> for a handler that returns a Task (awaited before the ack).</summary>
        public static async Task<WebhookReply> AnswerAsync(AntomClient client, string path, IEnumerable<KeyValuePair<string, string>> headers,
            byte[] body, Func<AntomNotification, Task> handler, Action<Exception, WebhookReply> onError = null)
        {
            if (client == null) throw new ArgumentNullException("client");
            if (handler == null) throw new ArgumentNullException("handler");
            AntomNotification notification;
            try
            {
                notification = client.VerifyNotification(path, headers, body);
            }
            catch (AntomException e)
            {
                return Report(onError, e, WebhookReply.ForKind(e.Kind), "delivery refused (" + e.Kind + ")");
            }
            try
            {
                await handler(notification).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                return Report(onError, e, WebhookReply.Failed, "the handler threw; no ack, so Antom delivers it again");
            }
            return WebhookReply.Acked;
        }

        /// <summary>Answers one HttpListener request as a notify endpoint and closes the response.
        /// <paramref name="path"/> overrides the request's, for a proxy that rewrites it: the
        /// signature covers the path Antom posted to.</summary>
        public static WebhookReply Handle(HttpListenerContext context, AntomClient client, Action<AntomNotification> handler,
            string path = null, Action<Exception, WebhookReply> onError = null)
        {
            if (handler == null) throw new ArgumentNullException("handler");
            return HandleAsync(context, client, n => { handler(n); return Task.FromResult(0); }, path, onError).GetAwaiter().GetResult();
        }

        /// <summary><see cref="Handle"/> for a handler that returns a Task.</summary>
        public static async Task<WebhookReply> HandleAsync(HttpListenerContext context, AntomClient client, Func<AntomNotification, Task> handler,
            string path = null, Action<Exception, WebhookReply> onError = null)
        {
            if (context == null) throw new ArgumentNullException("context");
            var request = context.Request;
            WebhookReply reply;
            bool over = false;
            try
            {
                var body = ReadCapped(request.InputStream, out over);
                var headers = request.Headers.AllKeys.Select(k => new KeyValuePair<string, string>(k, request.Headers[k])).ToList();
                reply = await AnswerAsync(client, path ?? request.RawUrl, headers, body, handler, onError).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                reply = Report(onError, e, WebhookReply.Failed, "the request body could not be read");
            }
            Send(context.Response, reply, over);
            return reply;
        }

        // To one byte over the core's limit: enough for the core to refuse it as oversize,
        // without ever buffering more.
        static byte[] ReadCapped(Stream input, out bool over)
        {
            var limit = WebhookReply.MaxNotificationBytes + 1;
            var buffer = new byte[16 * 1024];
            using (var ms = new MemoryStream())
            {
                int n;
                while (ms.Length < limit && (n = input.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - ms.Length))) > 0) ms.Write(buffer, 0, n);
                over = ms.Length >= limit;
                return ms.ToArray();
            }
        }

        static void Send(HttpListenerResponse response, WebhookReply reply, bool close)
        {
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            response.StatusCode = reply.Status;
            response.ContentType = reply.ContentType;
            response.ContentLength64 = bytes.Length;
            // The rest of an oversize body is never read: the connection goes with this answer.
            if (close) response.KeepAlive = false;
            try { response.OutputStream.Write(bytes, 0, bytes.Length); }
            finally { response.Close(); }
        }

        // A delivery that is not acked is worth a line: what and why, never the body (it was
        // not verified).
        static WebhookReply Report(Action<Exception, WebhookReply> onError, Exception e, WebhookReply reply, string what)
        {
            if (onError != null) onError(e, reply);
            else Trace.TraceWarning("antom webhook: {0}: {1} (answered {2})", what, e.Message, reply.Status);
            return reply;
        }
    }
}
