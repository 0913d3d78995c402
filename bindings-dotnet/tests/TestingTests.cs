// Antom.Testing.Simulator as a merchant's own test uses it: an HttpListener webhook written with
// Webhooks.Handle, a whole pay / notify / refund flow, a fault left unknown and settled by
// inquiry, typed errors for bad controls, and a clean stop. No `antom sim` process.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Antom;
using Antom.Testing;

static partial class Tests
{
    [Test]
    static void InProcessSimulatorRunsAWholeFlow()
    {
        using (var sim = new Simulator())
        {
            Assert.True(sim.Url.StartsWith("http://127.0.0.1:"), sim.Url);
            var got = new List<AntomNotification>();
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add("http://127.0.0.1:" + port + "/");
            listener.Start();
            Task.Run(() =>
            {
                while (listener.IsListening)
                {
                    HttpListenerContext ctx;
                    try { ctx = listener.GetContext(); } catch { return; }
                    Webhooks.Handle(ctx, sim.Client, n => { lock (got) got.Add(n); });
                }
            });
            try
            {
                var pay = sim.Client.Pay(PayBody("ts-1", "1999", "http://127.0.0.1:" + port + "/antom/notify"));
                Assert.True(pay.ResultStatus == ResultStatus.Unknown && pay.Verified, "pay is pending: " + pay.Raw);
                var paymentId = Sim.Field(pay.Raw, "paymentId");
                Assert.True(sim.Payment(paymentId).Contains("\"paymentStatus\":\"PROCESSING\""), "processing");
                Assert.True(sim.Complete(paymentId).Contains("\"paymentStatus\":\"SUCCESS\""), "completed");
                for (int i = 0; i < 500 && got.Count == 0; i++) Thread.Sleep(20);
                lock (got)
                {
                    Assert.Equal(1, got.Count, "notified");
                    var paid = got[0].Data as Antom.Models.PayResultNotify;
                    Assert.True(paid != null && paid.PaymentRequestId == "ts-1" && paid.PaymentAmount.Value == "1999", "typed: " + got[0]);
                }
                for (int i = 0; i < 500 && !sim.Deliveries().Contains("\"acked\":true"); i++) Thread.Sleep(20);
                Assert.True(sim.Deliveries().Contains("\"acked\":true"), "acked");
                var refund = sim.Client.Refund("{\"refundRequestId\":\"ts-1-r\",\"paymentId\":\"" + paymentId + "\",\"refundAmount\":{\"currency\":\"USD\",\"value\":\"500\"}}");
                Assert.True(refund.Verified && refund.ResultStatus == ResultStatus.Success, "refunded: " + refund.Raw);
                Assert.True(sim.Payment(paymentId).Contains("\"refunded\":\"500\""), "ledger");
            }
            finally
            {
                listener.Stop();
                listener.Close();
            }
        }
    }

    [Test]
    static void InProcessSimulatorFaultsAndBadControls()
    {
        Simulator stopped;
        using (var sim = new Simulator(new SimulatorOptions { Audit = true }))
        {
            stopped = sim;
            Assert.Equal("{\"path\":\"/payments/pay\",\"code\":9901,\"count\":1}", sim.ArmFault("/payments/pay", 9901), "armed");
            var pay = sim.Client.Pay(PayBody("ts-2", "1000", null));
            Assert.True(pay.ResultStatus == ResultStatus.Unknown && pay.ResultCode == "UNKNOWN_EXCEPTION", "unknown: " + pay.Raw);
            var inq = sim.Client.InquiryPayment("{\"paymentRequestId\":\"ts-2\"}");
            Assert.True(inq.Verified && inq.Raw.Contains("\"paymentRequestId\":\"ts-2\""), "inquiry");
            sim.ArmFault("/payments/pay", 9905);
            using (var once = sim.NewClient(o => o.MaxRetries = 0))
            {
                var e = Assert.Throws<AntomException>(() => once.Pay(PayBody("ts-3", "1000", null)), "500 on a pay");
                Assert.True(e.OutcomeUnknown && e.IdempotencyKey == "ts-3", "unknown, with the key: " + e.Kind);
            }
            var bad = Assert.Throws<AntomException>(() => sim.Complete("nope"), "no such payment");
            Assert.Equal("INVALID_INPUT", bad.Kind, "kind");
            Assert.Throws<AntomException>(() => sim.ArmFault("/payments/pay", 1234), "bad code");
            Assert.True(sim.Audit().Contains("\"audit\":true"), "audit on");
        }
        Assert.Throws<ObjectDisposedException>(() => stopped.Deliveries(), "stopped");
        var opt = Assert.Throws<AntomException>(() => new Simulator(new SimulatorOptions { TimeScale = -1 }), "bad option");
        Assert.Equal("INVALID_INPUT", opt.Kind, "option kind");
    }

    [Test]
    static void EveryAttemptIsReportedWithNothingSecret()
    {
        var events = new List<AttemptEvent>();
        AntomDiagnostics.OnAttempt(e => { lock (events) events.Add(e); });
        try
        {
            using (var sim = new Simulator())
            {
                sim.ArmFault("/payments/pay", 9905);
                const string card = "4111111111111111";
                var r = sim.Client.Pay("{\"paymentRequestId\":\"log-cs-1\",\"productCode\":\"CASHIER_PAYMENT\",\"paymentAmount\":{\"currency\":\"USD\",\"value\":\"1000\"},\"paymentMethod\":{\"paymentMethodType\":\"CARD\",\"paymentMethodMetaData\":{\"cardNo\":\"" + card + "\"}}}");
                Assert.Equal(2, r.Attempts, "attempts");
                lock (events)
                {
                    Assert.Equal(2, events.Count, "one event per attempt");
                    Assert.True(events[0].Attempt == 1 && events[0].HttpStatus == 500 && events[0].WillRetry && events[0].Method == "POST", events[0].ToString());
                    Assert.True(events[1].Attempt == 2 && events[1].HttpStatus == 200 && events[1].ResultStatus == "U" && events[1].ResultCode == "PAYMENT_IN_PROCESS"
                                && events[1].Verified == true && events[1].IdempotencyKey == "log-cs-1" && !events[1].WillRetry, events[1].ToString());
                    foreach (var e in events)
                    {
                        var text = e + " " + e.Path + e.Outcome + e.IdempotencyKey;
                        Assert.True(!text.Contains(card) && !text.Contains("signature=") && !text.Contains("PRIVATE"), text);
                    }
                }
                AntomDiagnostics.OnAttempt(e => { throw new InvalidOperationException("listener broke"); });
                Assert.True(sim.Client.InquiryPayment("{\"paymentRequestId\":\"log-cs-1\"}").Verified, "a throwing listener changes nothing");
                AntomDiagnostics.OnAttempt(null);
                var before = events.Count;
                sim.Client.InquiryPayment("{\"paymentRequestId\":\"log-cs-1\"}");
                Assert.Equal(before, events.Count, "stopped");
            }
        }
        finally
        {
            AntomDiagnostics.OnAttempt(null);
        }
    }
}
