// The demo payment flow in C# (Mono or .NET) against the simulator, one line per step.
// Usage: mono Demo.exe URL CLIENT_ID MERCHANT_PRIVATE_KEY_FILE ANTOM_PUBLIC_KEY_FILE
using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Antom;
using Antom.Models;

static class Demo
{
    static int Main(string[] args)
    {
        var url = args[0];
        using (var client = new AntomClient(new AntomOptions
        {
            ClientId = args[1], PrivateKey = File.ReadAllText(args[2]), AntomPublicKey = File.ReadAllText(args[3]), GatewayUrl = url,
        }))
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add("http://127.0.0.1:" + port + "/");
            listener.Start();
            var inbox = new BlockingCollection<AntomNotification>();
            Task.Run(() =>
            {
                while (listener.IsListening)
                {
                    HttpListenerContext ctx;
                    try { ctx = listener.GetContext(); } catch { return; }
                    byte[] body;
                    using (var ms = new MemoryStream()) { ctx.Request.InputStream.CopyTo(ms); body = ms.ToArray(); }
                    var headers = ctx.Request.Headers.AllKeys.Select(k => new System.Collections.Generic.KeyValuePair<string, string>(k, ctx.Request.Headers[k]));
                    byte[] answer;
                    try
                    {
                        // Verify the raw bytes first; only a verified notification is acted on and acked.
                        inbox.Add(client.VerifyNotification(ctx.Request.RawUrl, headers, body));
                        answer = Encoding.UTF8.GetBytes(Notification.Ack);
                    }
                    catch (SignatureException)
                    {
                        ctx.Response.StatusCode = 401;
                        answer = Encoding.UTF8.GetBytes("invalid signature");
                    }
                    ctx.Response.OutputStream.Write(answer, 0, answer.Length);
                    ctx.Response.Close();
                }
            });
            var hook = "http://127.0.0.1:" + port + "/antom/notify";
            var order = "cs-demo-" + System.Diagnostics.Process.GetCurrentProcess().Id;
            Console.WriteLine("demo merchant " + args[1] + " on " + url + " (webhook " + hook + ")");
            var pay = client.Pay(new PayRequest
            {
                PaymentRequestId = order,
                PaymentAmount = new Amount { Currency = "USD", Value = "1000" },
                ProductCode = ProductCodeType.CASHIER_PAYMENT,
                PaymentMethod = new PaymentMethod { PaymentMethodType = "ALIPAY_CN" },
                PaymentNotifyUrl = hook,
            });
            var paymentId = pay.Data.PaymentId;
            Console.WriteLine(string.Format("[1] pay {0}: {1} {2} (verified={3}) paymentId={4}", order, pay.ResultStatus, pay.ResultCode, pay.Verified, paymentId));
            Console.WriteLine("[2] checkout URL for the buyer: " + pay.Data.NormalUrl);
            var req = (HttpWebRequest)WebRequest.Create(url + "/sim/payments/" + paymentId + "/complete");
            req.Method = "POST";
            req.ContentLength = 0;
            using (var resp = req.GetResponse())
            using (var r = new StreamReader(resp.GetResponseStream()))
            {
                // The simulator's control API, not Antom's: its answer is plain JSON.
                var answer = r.ReadToEnd();
                if (!answer.Contains("\"paymentStatus\":\"SUCCESS\"")) throw new Exception("the buyer could not pay: " + answer);
                Console.WriteLine("[3] buyer paid through the simulator: paymentStatus=SUCCESS");
            }
            AntomNotification n;
            if (!inbox.TryTake(out n, 10000)) throw new Exception("no notification arrived");
            var paid = (PayResultNotify)n.Data;
            Console.WriteLine(string.Format("[4] notification {0} verified and acked: {1} {2} paymentId={3} for {4} {5}", n.Kind, n.ResultStatus, n.ResultCode, paid.PaymentId, paid.PaymentRequestId, paid.PaymentAmount.Value));
            var inq = client.InquiryPayment(new PayQueryRequest { PaymentRequestId = order });
            Console.WriteLine(string.Format("[5] inquiryPayment: paymentStatus={0} (verified={1})", inq.Data.PaymentStatus, inq.Verified));
            var refund = client.Refund(new RefundRequest
            {
                RefundRequestId = order + "-refund-1",
                PaymentId = paymentId,
                RefundAmount = new Amount { Currency = "USD", Value = "400" },
                RefundNotifyUrl = hook,
            });
            Console.WriteLine(string.Format("[6] partial refund USD 4.00: {0} {1} refundId={2} (verified={3})", refund.ResultStatus, refund.ResultCode, refund.Data.RefundId, refund.Verified));
            if (!inbox.TryTake(out n, 10000)) throw new Exception("no refund notification arrived");
            Console.WriteLine(string.Format("[7] notification {0} verified and acked: refundStatus={1}", n.Kind, ((RefundNotify)n.Data).RefundStatus));
            var ir = client.InquiryRefund(new InquiryRefundRequest { RefundRequestId = order + "-refund-1" });
            Console.WriteLine(string.Format("[8] inquiryRefund: refundStatus={0} amount={1} (verified={2})", ir.Data.RefundStatus, ir.Data.RefundAmount.Value, ir.Verified));
            listener.Stop();
            if (!refund.IsSuccess || ir.Data.RefundStatus != "SUCCESS") return 1;
            Console.WriteLine("demo complete: paid, notified, verified, refunded");
            return 0;
        }
    }
}
