// The merchant app every server test runs, in C# under mono: one AntomClient shared by every
// request, an HttpListener whose requests are each handled on the thread pool, so many calls
// run in parallel tasks. Serves /pay, /notify and /health (see wsgi_app.py). The simulator's
// JSON line and the log path come from ANTOM_SIM_INFO and APP_LOG.
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Antom;

static class App
{
    static readonly object LogLock = new object();

    static string Field(string json, string name)
    {
        var m = Regex.Match(json, "\"" + name + "\"\\s*:\\s*\"([^\"]*)\"");
        return m.Success ? m.Groups[1].Value : null;
    }

    static string Esc(string s) { return s == null ? "null" : "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""; }

    static void Send(HttpListenerResponse res, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        res.StatusCode = status;
        res.ContentType = "application/json";
        res.ContentLength64 = bytes.Length;
        res.OutputStream.Write(bytes, 0, bytes.Length);
        res.OutputStream.Close();
    }

    static async Task Handle(HttpListenerContext ctx, AntomClient client, string log)
    {
        var req = ctx.Request;
        byte[] body;
        using (var ms = new MemoryStream()) { await req.InputStream.CopyToAsync(ms); body = ms.ToArray(); }
        var pid = System.Diagnostics.Process.GetCurrentProcess().Id + ":" + System.Threading.Thread.CurrentThread.ManagedThreadId;
        var path = req.Url.AbsolutePath;
        if (path == "/health") { Send(ctx.Response, 200, "ok"); return; }
        if (path == "/pay")
        {
            var order = Encoding.UTF8.GetString(body);
            var json = "{\"paymentRequestId\":" + Esc(Field(order, "id")) + ",\"paymentAmount\":{\"currency\":\"USD\",\"value\":" + Esc(Field(order, "amount")) +
                       "},\"productCode\":\"CASHIER_PAYMENT\",\"paymentMethod\":{\"paymentMethodType\":\"ALIPAY_CN\"},\"paymentNotifyUrl\":" + Esc(Field(order, "notify")) + "}";
            try
            {
                var r = await client.PayAsync(json);
                Send(ctx.Response, 200, "{\"status\":" + Esc(r.ResultStatus == ResultStatus.Success ? "S" : r.ResultStatus == ResultStatus.Failure ? "F" : "U") +
                                        ",\"code\":" + Esc(r.ResultCode) + ",\"paymentId\":" + Esc(Field(r.Raw, "paymentId")) + ",\"pid\":" + Esc(pid) + "}");
            }
            catch (AntomException e)
            {
                Send(ctx.Response, 200, "{\"error\":" + Esc(e.Kind) + ",\"pid\":" + Esc(pid) + "}");
            }
            return;
        }
        if (path == "/notify")
        {
            var headers = new List<KeyValuePair<string, string>>();
            foreach (string k in req.Headers.AllKeys) headers.Add(new KeyValuePair<string, string>(k, req.Headers[k]));
            try
            {
                var n = client.VerifyNotification(req.RawUrl, headers, body);
                var line = "{\"pid\":" + Esc(pid) + ",\"type\":" + Esc(n.Kind) + ",\"id\":" + Esc(Field(n.Raw, "paymentRequestId")) +
                           ",\"status\":" + Esc(Field(n.Raw, "resultStatus")) + "}\n";
                lock (LogLock) File.AppendAllText(log, line);
                Send(ctx.Response, 200, Antom.Notification.Ack);
            }
            catch (AntomException e)
            {
                Send(ctx.Response, 401, "{\"refused\":" + Esc(e.Kind) + "}");
            }
            return;
        }
        Send(ctx.Response, 404, "{}");
    }

    static int Main()
    {
        var info = Environment.GetEnvironmentVariable("ANTOM_SIM_INFO");
        var log = Environment.GetEnvironmentVariable("APP_LOG");
        var listener = new HttpListener();
        listener.Prefixes.Add("http://127.0.0.1:" + Environment.GetEnvironmentVariable("PORT") + "/");
        listener.Start();
        System.Threading.ThreadPool.SetMinThreads(32, 32);
        using (var client = new AntomClient(new AntomOptions { ClientId = Field(info, "client_id"), PrivateKey = File.ReadAllText(Field(info, "merchant_private_key_file")),
                                                               AntomPublicKey = File.ReadAllText(Field(info, "antom_public_key_file")), GatewayUrl = Field(info, "url") }))
        {
            while (true)
            {
                var ctx = listener.GetContext();
                Task.Run(() => Handle(ctx, client, log));
            }
        }
    }
}
