// The merchant app every server test runs, in C# under mono: one AntomClient shared by every
// request, an HttpListener whose requests are each handled on the thread pool, so many calls
// run in parallel tasks. Serves /pay, /notify and /health (see wsgi_app.py). The simulator's
// JSON line and the log path come from ANTOM_SIM_INFO and APP_LOG.
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Threading.Tasks;
using Antom;
using Antom.Models;

// What the test driver posts to /pay, and the simulator's JSON line: the app's own inputs.
[DataContract]
sealed class Order
{
    [DataMember(Name = "id")] public string Id;
    [DataMember(Name = "amount")] public string Amount;
    [DataMember(Name = "notify")] public string Notify;
}

[DataContract]
sealed class SimInfo
{
    [DataMember(Name = "url")] public string Url;
    [DataMember(Name = "client_id")] public string ClientId;
    [DataMember(Name = "merchant_private_key_file")] public string MerchantPrivateKeyFile;
    [DataMember(Name = "antom_public_key_file")] public string AntomPublicKeyFile;
}

static class App
{
    static readonly object LogLock = new object();

    static T Read<T>(byte[] json)
    {
        using (var ms = new MemoryStream(json)) return (T)new DataContractJsonSerializer(typeof(T)).ReadObject(ms);
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
            var order = Read<Order>(body);
            try
            {
                var r = await client.PayAsync(new PayRequest
                {
                    PaymentRequestId = order.Id,
                    PaymentAmount = new Amount { Currency = "USD", Value = order.Amount },
                    ProductCode = ProductCodeType.CASHIER_PAYMENT,
                    PaymentMethod = new PaymentMethod { PaymentMethodType = "ALIPAY_CN" },
                    PaymentNotifyUrl = order.Notify,
                });
                Send(ctx.Response, 200, "{\"status\":" + Esc(r.ResultStatus == ResultStatus.Success ? "S" : r.ResultStatus == ResultStatus.Failure ? "F" : "U") +
                                        ",\"code\":" + Esc(r.ResultCode) + ",\"paymentId\":" + Esc(r.Data == null ? null : r.Data.PaymentId) + ",\"pid\":" + Esc(pid) + "}");
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
                var paid = n.Data as PayResultNotify;
                var status = n.ResultStatus == ResultStatus.Success ? "S" : n.ResultStatus == ResultStatus.Failure ? "F" : n.ResultStatus == ResultStatus.Unknown ? "U" : null;
                var line = "{\"pid\":" + Esc(pid) + ",\"type\":" + Esc(n.Kind) + ",\"id\":" + Esc(paid == null ? null : paid.PaymentRequestId) +
                           ",\"status\":" + Esc(status) + "}\n";
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
        var info = Read<SimInfo>(Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("ANTOM_SIM_INFO")));
        var log = Environment.GetEnvironmentVariable("APP_LOG");
        var listener = new HttpListener();
        listener.Prefixes.Add("http://127.0.0.1:" + Environment.GetEnvironmentVariable("PORT") + "/");
        listener.Start();
        System.Threading.ThreadPool.SetMinThreads(32, 32);
        using (var client = new AntomClient(new AntomOptions { ClientId = info.ClientId, PrivateKey = File.ReadAllText(info.MerchantPrivateKeyFile),
                                                               AntomPublicKey = File.ReadAllText(info.AntomPublicKeyFile), GatewayUrl = info.Url }))
        {
            while (true)
            {
                var ctx = listener.GetContext();
                Task.Run(() => Handle(ctx, client, log));
            }
        }
    }
}
