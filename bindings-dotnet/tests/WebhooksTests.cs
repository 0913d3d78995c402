// Webhooks.Handle under a real HttpListener: `antom check webhook` passes (genuine deliveries
// acked, forgeries refused and never handed over), a throwing handler gets 500 and no ack, an
// oversize body is refused unread.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Antom;

static partial class Tests
{
    // What `antom check webhook` sends that is genuine: one of each family, a redelivery and an
    // unknown kind; its four forgeries must never reach the handler.
    const int Genuine = 8;

    sealed class Hook : IDisposable
    {
        public readonly List<AntomNotification> Calls = new List<AntomNotification>();
        public readonly List<KeyValuePair<Exception, WebhookReply>> Errors = new List<KeyValuePair<Exception, WebhookReply>>();
        public readonly string Url;
        readonly HttpListener listener = new HttpListener();

        public Hook(AntomClient client, bool fail)
        {
            var port = FreePort();
            listener.Prefixes.Add("http://127.0.0.1:" + port + "/");
            listener.Start();
            Url = "http://127.0.0.1:" + port + "/antom/notify";
            Task.Run(() =>
            {
                while (listener.IsListening)
                {
                    HttpListenerContext ctx;
                    try { ctx = listener.GetContext(); } catch { return; }
                    Webhooks.Handle(ctx, client, n =>
                    {
                        lock (Calls) Calls.Add(n);
                        if (fail) throw new InvalidOperationException("the order database is down");
                    }, onError: (e, r) => { lock (Errors) Errors.Add(new KeyValuePair<Exception, WebhookReply>(e, r)); });
                }
            });
        }

        public void Dispose() { listener.Stop(); listener.Close(); }
    }

    static int Check(Sim sim, string url, out string output)
    {
        var bin = Environment.GetEnvironmentVariable("ANTOM_BIN") ?? "target/debug/antom";
        var p = Process.Start(new ProcessStartInfo(bin, "check webhook " + url + " --antom-private-key " + sim.AntomPrivateKeyFile + " --client-id " + sim.ClientId)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        });
        var err = p.StandardError.ReadToEndAsync();
        output = p.StandardOutput.ReadToEnd() + err.Result;
        p.WaitForExit();
        return p.ExitCode;
    }

    // One genuine delivery, signed as Antom signs it; returns status and body.
    static KeyValuePair<int, string> Deliver(Sim sim, string url, string body)
    {
        var t = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        var signature = Signature.SignRequest(File.ReadAllText(sim.AntomPrivateKeyFile), "POST", new Uri(url).AbsolutePath, sim.ClientId, t, body);
        var req = (HttpWebRequest)WebRequest.Create(url);
        req.Method = "POST";
        req.ContentType = "application/json";
        req.Headers["client-id"] = sim.ClientId;
        req.Headers["request-time"] = t;
        req.Headers["signature"] = signature;
        var bytes = Encoding.UTF8.GetBytes(body);
        try
        {
            using (var w = req.GetRequestStream()) w.Write(bytes, 0, bytes.Length);
        }
        catch (WebException) { } // the server may close an oversize body's connection early
        HttpWebResponse resp;
        try { resp = (HttpWebResponse)req.GetResponse(); }
        catch (WebException e) when (e.Response != null) { resp = (HttpWebResponse)e.Response; }
        using (resp)
        using (var r = new StreamReader(resp.GetResponseStream())) return new KeyValuePair<int, string>((int)resp.StatusCode, r.ReadToEnd());
    }

    const string PaidBody = "{\"notifyType\":\"PAYMENT_RESULT\",\"paymentRequestId\":\"direct-1\",\"result\":{\"resultCode\":\"SUCCESS\",\"resultStatus\":\"S\",\"resultMessage\":\"success\"}}";

    [Test]
    static void WebhooksHandlePassesTheCheck()
    {
        using (var sim = new Sim())
        using (var client = sim.Client())
        using (var hook = new Hook(client, false))
        {
            string output;
            Assert.Equal(0, Check(sim, hook.Url, out output), "antom check webhook: " + output);
            lock (hook.Calls)
            {
                Assert.Equal(Genuine, hook.Calls.Count, "genuine deliveries handed over");
                var paid = hook.Calls[0].Data as Antom.Models.PayResultNotify;
                Assert.True(paid != null && paid.PaymentRequestId == "check-pay-1" && paid.PaymentAmount.Value == "1000", "typed data: " + hook.Calls[0]);
                Assert.True(hook.Calls.TrueForAll(n => n.ClientId == sim.ClientId), "client id");
            }
            lock (hook.Errors)
            {
                Assert.Equal(4, hook.Errors.Count, "forgeries reported");
                Assert.True(hook.Errors.TrueForAll(e => e.Value.Status != 200 && e.Key is AntomException), "forgeries refused");
            }
            var direct = Deliver(sim, hook.Url, PaidBody);
            Assert.Equal(WebhookReply.Acked.Status, direct.Key, "status");
            Assert.Equal(Notification.Ack, direct.Value, "the exact ack");
        }
    }

    [Test]
    static void WebhooksHandlerThatThrowsGetsNoAck()
    {
        using (var sim = new Sim())
        using (var client = sim.Client())
        using (var hook = new Hook(client, true))
        {
            var direct = Deliver(sim, hook.Url, PaidBody);
            Assert.Equal(500, direct.Key, "status");
            Assert.Equal(WebhookReply.Failed.Body, direct.Value, "body");
            Assert.True(hook.Calls.Count == 1 && hook.Errors[0].Key is InvalidOperationException, "the handler's exception reported");
            string output;
            Assert.True(Check(sim, hook.Url, out output) != 0, "the check fails: " + output);

            var big = Deliver(sim, hook.Url, new string('x', WebhookReply.MaxNotificationBytes + 10));
            Assert.Equal(WebhookReply.Malformed.Status, big.Key, "oversize status");
            Assert.Equal(WebhookReply.Malformed.Body, big.Value, "oversize body");
        }
    }

    [Test]
    static void WebhooksAnswerWithoutAServer()
    {
        using (var sim = new Sim())
        using (var client = sim.Client())
        {
            var none = new List<KeyValuePair<string, string>>();
            Exception reported = null;
            var r = Webhooks.Answer(client, "/antom/notify", none, Encoding.UTF8.GetBytes("{}"), n => { throw new Exception("called"); }, (e, _) => reported = e);
            Assert.Equal(WebhookReply.Refused, r, "unsigned");
            Assert.True(reported is AntomException && ((AntomException)reported).Kind == "INVALID_HEADER", "reported: " + reported);
            Assert.Throws<ArgumentNullException>(() => Webhooks.Answer(client, "/", none, new byte[0], null), "no handler");
        }
    }
}
