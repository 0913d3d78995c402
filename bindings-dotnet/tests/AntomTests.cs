// The .NET binding's tests, run with Mono: shared vectors, key forms, the simulator flow, every
// fault code, a real HttpListener webhook with redelivery, threads, Dispose. The last line is
// "N passed, N failed".
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using Antom;

[AttributeUsage(AttributeTargets.Method)]
class TestAttribute : Attribute { }

static class Assert
{
    public static void True(bool cond, string what) { if (!cond) throw new Exception("assertion failed: " + what); }
    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual)) throw new Exception(string.Format("{0}: expected <{1}>, got <{2}>", what, expected, actual));
    }
    public static E Throws<E>(Action a, string what) where E : Exception
    {
        try { a(); }
        catch (E e) { return e; }
        catch (Exception e) { throw new Exception(what + ": expected " + typeof(E).Name + ", got " + e.GetType().Name + ": " + e.Message); }
        throw new Exception(what + ": expected " + typeof(E).Name + ", nothing was thrown");
    }
}

class Sim : IDisposable
{
    public string Url, ClientId, MerchantKey, AntomKey, CaCertificate;
    /// <summary>The key the simulator signs as Antom with (what `antom check webhook` needs).</summary>
    public string AntomPrivateKeyFile;
    Process proc;
    readonly string dir;

    /// <param name="extra">More `antom sim` arguments, e.g. "--tls".</param>
    public Sim(string extra = "")
    {
        var bin = Environment.GetEnvironmentVariable("ANTOM_BIN") ?? "target/debug/antom";
        dir = Path.Combine(Path.GetTempPath(), "antom-dotnet-" + Guid.NewGuid().ToString("N"));
        proc = Process.Start(new ProcessStartInfo(bin, "sim --quiet --time-scale 0.0005 --slow-ms 1500 --state-dir " + dir + " " + extra)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = false,
        });
        var line = proc.StandardOutput.ReadLine();
        Url = Field(line, "url");
        ClientId = Field(line, "client_id");
        MerchantKey = File.ReadAllText(Field(line, "merchant_private_key_file"));
        AntomPrivateKeyFile = Path.Combine(Path.GetDirectoryName(Field(line, "merchant_private_key_file")), "antom_private_key.pem");
        AntomKey = File.ReadAllText(Field(line, "antom_public_key_file"));
        if (line.Contains("\"ca_certificate_file\"")) CaCertificate = File.ReadAllText(Field(line, "ca_certificate_file"));
    }

    public static string Field(string json, string name)
    {
        var m = Regex.Match(json, "\"" + name + "\":\"([^\"]*)\"");
        if (!m.Success) throw new Exception("no " + name + " in " + json);
        return m.Groups[1].Value;
    }

    public AntomClient Client(int maxRetries = 2, int timeoutMs = 15000)
    {
        return new AntomClient(new AntomOptions
        {
            ClientId = ClientId, PrivateKey = MerchantKey, AntomPublicKey = AntomKey, GatewayUrl = Url,
            MaxRetries = maxRetries, Timeout = TimeSpan.FromMilliseconds(timeoutMs),
        });
    }

    public string Post(string path, string json = null)
    {
        var req = (HttpWebRequest)WebRequest.Create(Url + path);
        req.Method = "POST";
        var body = Encoding.UTF8.GetBytes(json ?? "");
        req.ContentLength = body.Length;
        if (json != null)
        {
            req.ContentType = "application/json";
            using (var w = req.GetRequestStream()) w.Write(body, 0, body.Length);
        }
        using (var resp = (HttpWebResponse)req.GetResponse())
        using (var r = new StreamReader(resp.GetResponseStream())) return r.ReadToEnd();
    }

    public string Get(string path)
    {
        using (var wc = new WebClient()) return wc.DownloadString(Url + path);
    }

    public void Dispose()
    {
        if (!proc.HasExited) { proc.Kill(); proc.WaitForExit(5000); }
        // The simulator's key files (private ones among them) go with it.
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
    }
}

static partial class Tests
{
    static readonly string Root = Environment.GetEnvironmentVariable("ANTOM_ROOT") ?? ".";
    static string Vec(string name) { return File.ReadAllText(Path.Combine(Root, "tests", "vectors", name)); }
    static string VectorsJson { get { return Vec("vectors.json"); } }

    static string PayBody(string id, string value = "1000", string notify = null)
    {
        var b = "{\"paymentRequestId\":\"" + id + "\",\"paymentAmount\":{\"currency\":\"USD\",\"value\":\"" + value + "\"},\"productCode\":\"CASHIER_PAYMENT\",\"paymentMethod\":{\"paymentMethodType\":\"ALIPAY_CN\"}";
        if (notify != null) b += ",\"paymentNotifyUrl\":\"" + notify + "\"";
        return b + "}";
    }

    // The first sign case of the shared vectors, read with a regex (no JSON library here).
    static Dictionary<string, string> FirstCase()
    {
        var json = VectorsJson;
        var start = json.IndexOf("\"sign_cases\"", StringComparison.Ordinal);
        var d = new Dictionary<string, string>();
        foreach (var f in new[] { "path", "client_id", "time", "signature_header", "signature_urlencoded", "signature_urlencoded_dotnet_lowercase", "signature_base64" })
        {
            var m = new Regex("\"" + f + "\": \"((?:[^\"\\\\]|\\\\.)*)\"").Match(json, start);
            d[f] = m.Groups[1].Value;
        }
        d["body"] = "{\"key1\":\"value1\"}";
        return d;
    }

    [Test]
    static void SignsTheVectorFromEveryKeyForm()
    {
        var c = FirstCase();
        foreach (var key in new[] { Vec("test_private_pkcs8.pem"), Vec("test_private_pkcs1.pem"), Vec("test_private_pkcs8.b64"), Vec("test_private_pkcs1.b64") })
        {
            Assert.Equal(c["signature_header"], Signature.SignRequest(key, "POST", c["path"], c["client_id"], c["time"], c["body"]), "signature");
            Assert.Equal(c["signature_header"], Signature.SignRequest(key, "POST", c["path"], c["client_id"], c["time"], Encoding.UTF8.GetBytes(c["body"])), "byte body");
        }
    }

    [Test]
    static void VerifiesEverySpellingFromEveryPublicForm()
    {
        var c = FirstCase();
        foreach (var key in new[] { Vec("test_public_spki.pem"), Vec("test_public_pkcs1.pem"), Vec("test_public_spki.b64"), Vec("test_cert.pem") })
            foreach (var f in new[] { "signature_header", "signature_urlencoded", "signature_urlencoded_dotnet_lowercase", "signature_base64" })
                Assert.True(Signature.Verify(key, "POST", c["path"], c["client_id"], c["time"], c["body"], c[f]), f);
        Assert.True(!Signature.Verify(Vec("test_public_spki.pem"), "POST", c["path"], c["client_id"], c["time"], "{\"key1\":\"value2\"}", c["signature_header"]), "tampered body");
        Assert.True(!Signature.Verify(Vec("test_public_spki.pem"), "POST", c["path"], "other", c["time"], c["body"], c["signature_header"]), "other client id");
    }

    [Test]
    static void MalformedHeadersAndKeysAreTyped()
    {
        var pub = Vec("test_public_spki.pem");
        foreach (var h in new[] { "", "algorithm=RSA256,keyVersion=1", "algorithm=RSA256,keyVersion=1,signature=", "algorithm=RSA512,keyVersion=1,signature=abc" })
        {
            var e = Assert.Throws<InvalidInputException>(() => Signature.Verify(pub, "POST", "/p", "c", "t", "{}", h), h);
            Assert.Equal("INVALID_HEADER", e.Kind, "kind");
        }
        var k = Assert.Throws<InvalidKeyException>(() => Signature.SignRequest(pub, "POST", "/p", "c", "t", "{}"), "public as private");
        Assert.True(k.Message.Contains("public key") && !k.Message.Contains("MII"), k.Message);
        Assert.Throws<InvalidKeyException>(() => Signature.SignRequest(Vec("test_private_encrypted.pem"), "POST", "/p", "c", "t", "{}"), "encrypted");
        Assert.Throws<InvalidKeyException>(() => Signature.SignRequest(Vec("test_rsa1024.pem"), "POST", "/p", "c", "t", "{}"), "1024");
        Assert.Throws<ArgumentNullException>(() => Signature.SignRequest(null, "POST", "/p", "c", "t", "{}"), "null key");
        Assert.Equal("{\"result\":{\"resultCode\":\"SUCCESS\",\"resultStatus\":\"S\",\"resultMessage\":\"success\"}}", Notification.Ack, "ack");
    }

    [Test]
    static void WholeFlowAgainstTheSimulator()
    {
        using (var sim = new Sim())
        using (var client = sim.Client())
        {
            var pay = client.Pay(PayBody("cs-1"));
            Assert.Equal(ResultStatus.Unknown, pay.ResultStatus, "pay status");
            Assert.Equal("PAYMENT_IN_PROCESS", pay.ResultCode, "pay code");
            Assert.True(pay.Verified && pay.Attempts == 1 && pay.HttpStatus == 200 && pay.IdempotencyKey == "cs-1", pay.ToString());
            Assert.True(pay.Headers.ContainsKey("Signature"), "headers, any case");
            var paymentId = Sim.Field(pay.Raw, "paymentId");
            Assert.True(sim.Post("/sim/payments/" + paymentId + "/complete").Contains("SUCCESS"), "complete");
            var final = client.InquirePaymentUntilFinal("cs-1", TimeSpan.FromSeconds(5));
            Assert.Equal("SUCCESS", Sim.Field(final.Raw, "paymentStatus"), "final");
            var refund = client.Refund("{\"refundRequestId\":\"cs-1-r\",\"paymentId\":\"" + paymentId + "\",\"refundAmount\":{\"currency\":\"USD\",\"value\":\"400\"}}");
            Assert.True(refund.IsSuccess && refund.Verified, refund.ToString());
            var inq = client.InquiryRefundAsync("{\"refundRequestId\":\"cs-1-r\"}").Result;
            Assert.Equal("SUCCESS", Sim.Field(inq.Raw, "refundStatus"), "refund status");
            var over = client.Call("payments.refund", "{\"refundRequestId\":\"cs-1-r2\",\"paymentId\":\"" + paymentId + "\",\"refundAmount\":{\"currency\":\"USD\",\"value\":\"601\"}}");
            Assert.Equal("REFUND_AMOUNT_EXCEED", over.ResultCode, "over-refund");
        }
    }

    [Test]
    static void APaymentOverHttpsTrustingOnlyTheSimulatorsCa()
    {
        using (var sim = new Sim("--tls"))
        {
            Assert.True(sim.Url.StartsWith("https://127.0.0.1:"), sim.Url);
            using (var untrusting = sim.Client(0))
            {
                var e = Assert.Throws<TransportException>(() => untrusting.Pay(PayBody("cs-tls-0")), "an unknown CA");
                Assert.True(!e.OutcomeUnknown, "refused before anything was sent");
            }
            using (var client = new AntomClient(new AntomOptions
            {
                ClientId = sim.ClientId, PrivateKey = sim.MerchantKey, AntomPublicKey = sim.AntomKey, GatewayUrl = sim.Url,
                CaCertificate = sim.CaCertificate,
            }))
            {
                var pay = client.Pay(PayBody("cs-tls-1"));
                Assert.True(pay.Verified && pay.ResultCode == "PAYMENT_IN_PROCESS", pay.ToString());
                Assert.True(Sim.Field(pay.Raw, "normalUrl").StartsWith("https://127.0.0.1:"), pay.Raw);
                var inq = client.InquiryPayment("{\"paymentRequestId\":\"cs-tls-1\"}");
                Assert.True(inq.Verified && inq.IsSuccess && Sim.Field(inq.Raw, "paymentStatus") == "PROCESSING", inq.ToString());
            }
        }
    }

    [Test]
    static void EveryFaultCode()
    {
        using (var sim = new Sim())
        using (var client = sim.Client())
        {
            var u = client.Pay(PayBody("cf-1", "9901"));
            Assert.True(u.IsUnknown && u.ResultCode == "UNKNOWN_EXCEPTION", u.ToString());
            Assert.Equal("SUCCESS", Sim.Field(client.InquirePaymentUntilFinal("cf-1", TimeSpan.FromSeconds(5)).Raw, "paymentStatus"), "9901 then success");
            using (var slow = sim.Client(0, 400))
            {
                var e = Assert.Throws<OutcomeUnknownException>(() => slow.Pay(PayBody("cf-2", "9902")), "9902");
                Assert.Equal("cf-2", e.IdempotencyKey, "idempotency key");
            }
            var s = Assert.Throws<SignatureException>(() => client.Pay(PayBody("cf-3", "9903")), "9903");
            Assert.True(s.Kind == "SIGNATURE_MISMATCH" && s.Raw.Contains("cf-3"), s.Kind);
            Assert.Equal("UNSIGNED_RESPONSE", Assert.Throws<SignatureException>(() => client.Pay(PayBody("cf-4", "9904")), "9904").Kind, "9904");
            Assert.Equal(2, client.Pay(PayBody("cf-5", "9905")).Attempts, "9905 retried");
            using (var once = sim.Client(0))
            {
                // A final 500 on a pay may hide a payment: outcome unknown, status and history kept.
                var u5 = Assert.Throws<OutcomeUnknownException>(() => once.Pay(PayBody("cf-5b", "9905")), "9905 no retry");
                Assert.Equal(500, u5.HttpStatus, "status");
                Assert.True(u5.OutcomeUnknown && u5.IdempotencyKey == "cf-5b", "flag and key");
                Assert.Equal("attempt 1: HTTP 500", string.Join("|", u5.AttemptHistory), "history");
                // On an inquiry nothing can have happened.
                sim.Post("/sim/faults", "{\"path\":\"payments/inquiryPayment\",\"code\":9905}");
                var h = Assert.Throws<HttpStatusException>(() => once.InquiryPayment("{\"paymentRequestId\":\"cf-5b\"}"), "inquiry 500");
                Assert.True(!h.OutcomeUnknown, "an inquiry's 500 is not an unknown outcome");
            }
            Assert.True(Assert.Throws<SignatureException>(() => client.Pay(PayBody("cf-3b", "9903")), "9903 flag").OutcomeUnknown, "a bad signature on a pay: outcome unknown");
            var f = client.Pay(PayBody("cf-6", "9906"));
            Assert.True(f.ResultStatus == ResultStatus.Failure && f.ResultCode == "USER_BALANCE_NOT_ENOUGH" && f.Verified, f.ToString());
            Assert.True(f.IsFailure && !f.IsUnknown && !u.IsFailure, "verified F is a failure; U is not");
        }
    }

    static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    [Test]
    static void WebhookVerifiesAcksAndSeesRedelivery()
    {
        using (var sim = new Sim())
        using (var client = sim.Client())
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add("http://127.0.0.1:" + port + "/");
            listener.Start();
            var got = new List<object>();
            int seen = 0;
            var server = Task.Run(() =>
            {
                while (listener.IsListening)
                {
                    HttpListenerContext ctx;
                    try { ctx = listener.GetContext(); } catch { return; }
                    byte[] body;
                    using (var ms = new MemoryStream()) { ctx.Request.InputStream.CopyTo(ms); body = ms.ToArray(); }
                    var headers = ctx.Request.Headers.AllKeys.Select(k => new KeyValuePair<string, string>(k, ctx.Request.Headers[k]));
                    byte[] answer;
                    try
                    {
                        var n = client.VerifyNotification(ctx.Request.RawUrl, headers, body);
                        lock (got) got.Add(n);
                        // The typed data, as a handler reads it: no parsing of Raw.
                        var paid = n.Data as Antom.Models.PayResultNotify;
                        var failFirst = Interlocked.Increment(ref seen) <= 2 && paid != null && paid.PaymentRequestId == "cw-1";
                        ctx.Response.StatusCode = failFirst ? 500 : 200;
                        answer = Encoding.UTF8.GetBytes(failFirst ? "busy" : Notification.Ack);
                    }
                    catch (SignatureException e)
                    {
                        lock (got) got.Add(e);
                        ctx.Response.StatusCode = 401;
                        answer = Encoding.UTF8.GetBytes("bad signature");
                    }
                    ctx.Response.OutputStream.Write(answer, 0, answer.Length);
                    ctx.Response.Close();
                }
            });
            var hook = "http://127.0.0.1:" + port + "/antom/notify?shop=1";
            var pay = client.Pay(PayBody("cw-1", "1000", hook));
            sim.Post("/sim/payments/" + Sim.Field(pay.Raw, "paymentId") + "/complete");
            for (int i = 0; i < 200 && got.Count < 3; i++) Thread.Sleep(25);
            Thread.Sleep(200);
            lock (got)
            {
                Assert.Equal(3, got.Count, "delivered until acked");
                foreach (AntomNotification n in got)
                {
                    Assert.True(n.Kind == "PAYMENT_RESULT" && n.ResultStatus == ResultStatus.Success && n.ClientId == sim.ClientId, n.ToString());
                    var p = n.Data as Antom.Models.PayResultNotify;
                    Assert.True(p != null && p.PaymentRequestId == "cw-1" && p.PaymentId == Sim.Field(pay.Raw, "paymentId")
                                && p.PaymentAmount.Value == "1000" && p.PaymentAmount.Currency == "USD", "typed data: " + n);
                }
            }
            Assert.True(sim.Get("/sim/notifications").Contains("\"acked\":true"), "acked");
            var bad = client.Pay(PayBody("cw-2", "9907", hook));
            sim.Post("/sim/payments/" + Sim.Field(bad.Raw, "paymentId") + "/complete");
            for (int i = 0; i < 200 && got.Count < 4; i++) Thread.Sleep(25);
            lock (got) Assert.True(got[3] is SignatureException, "a corrupted notification is rejected");
            listener.Stop();
            server.Wait(5000);
        }
    }

    [Test]
    static void ThreadsShareOneClient()
    {
        using (var sim = new Sim())
        using (var client = sim.Client())
        {
            var tasks = Enumerable.Range(0, 16).Select(i => client.PayAsync(PayBody("ct-" + i))).ToArray();
            Task.WaitAll(tasks);
            Assert.True(tasks.All(t => t.Result.Verified && t.Result.ResultCode == "PAYMENT_IN_PROCESS"), "all verified");
        }
    }

    [Test]
    static void DisposeAndBadInput()
    {
        using (var sim = new Sim())
        {
            var client = sim.Client();
            Assert.Equal("INVALID_INPUT", Assert.Throws<InvalidInputException>(() => client.Call("payments.pay", "not json"), "non-JSON").Kind, "kind");
            Assert.Throws<InvalidInputException>(() => client.Call("payments.pay", new string(' ', 2 * 1024 * 1024)), "2 MiB");
            Assert.Throws<InvalidInputException>(() => client.Call("nope", "{}"), "unknown endpoint");
            Assert.Throws<ArgumentNullException>(() => client.Call("payments.pay", null), "null body");
            Assert.True(!client.ToString().Contains("MII") && client.ToString().Contains(sim.ClientId), client.ToString());
            var opts = new AntomOptions { ClientId = "X", PrivateKey = sim.MerchantKey, AntomPublicKey = sim.AntomKey, AgentToken = "secret-token" };
            Assert.True(!opts.ToString().Contains("MII") && !opts.ToString().Contains("secret-token"), opts.ToString());
            client.Dispose();
            client.Dispose();
            Assert.Throws<ObjectDisposedException>(() => client.Pay(PayBody("cd-1")), "after Dispose");
            Assert.Throws<InvalidKeyException>(() => new AntomClient(new AntomOptions { ClientId = "C", PrivateKey = "garbage", AntomPublicKey = sim.AntomKey }), "bad key");
            Assert.Throws<InvalidInputException>(() => new AntomClient(new AntomOptions { ClientId = "C", PrivateKey = sim.MerchantKey, AntomPublicKey = sim.AntomKey, GatewayUrl = "http://example.com" }), "plain http");
        }
    }

    [Test]
    static void HostileInputIsRefused()
    {
        // A message Antom signed for another path must not pass as a notification.
        var key = Vec("test_private_pkcs8.pem");
        var apiPath = "/ams/api/v1/payments/inquiryPayment";
        var body = "{\"notifyType\":\"PAYMENT_RESULT\",\"paymentRequestId\":\"o1\"}";
        var t = "2024-01-01T00:00:00Z";
        var headers = new Dictionary<string, string> { { "client-id", "M1" }, { "request-time", t }, { "signature", Signature.SignRequest(key, "POST", apiPath, "M1", t, body) } };
        using (var client = new AntomClient(new AntomOptions { ClientId = "M1", PrivateKey = Vec("test_private_merchant_pkcs8.pem"), AntomPublicKey = Vec("test_public_spki.pem") }))
        {
            foreach (var target in new[] { "/antom/notify?next=https://x" + apiPath, "/antom/notify#https://x" + apiPath, "//x" + apiPath,
                                           "https://shop.example/antom/notify?u=https://x" + apiPath, "/ams%2Fapi%2Fv1%2Fpayments%2FinquiryPayment", "?" + apiPath })
            {
                try { client.VerifyNotification(target, headers, body); throw new Exception("accepted: " + target); }
                catch (AntomException e) { Assert.True(e.Kind == "SIGNATURE_MISMATCH" || e.Kind == "INVALID_INPUT", target + ": " + e.Kind); }
            }
            Assert.Equal("PAYMENT_RESULT", client.VerifyNotification(apiPath, headers, body).Kind, "the genuine path");
        }
        // A malformed PEM armour never puts the key in the error.
        var pem = key.Replace("\r", "");
        var lines = pem.Split('\n');
        var keyBody = string.Join("", lines.Skip(1).Take(lines.Length - 3));
        foreach (var broken in new[] { pem.Replace("-----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY----"), pem.Replace("-----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY") })
        {
            var e = Assert.Throws<InvalidKeyException>(() => Signature.SignRequest(broken, "POST", "/p", "c", "t", "{}"), "broken armour");
            var text = Regex.Replace(e.Message + e.ToString(), "\\s", "");
            for (int i = 0; i + 16 <= keyBody.Length; i++)
                if (text.Contains(keyBody.Substring(i, 16))) throw new Exception("the error quotes the key");
        }
        // Enormous timeouts are typed errors, never a crash.
        Assert.Throws<InvalidInputException>(() => new AntomClient(new AntomOptions { ClientId = "C", PrivateKey = key, AntomPublicKey = Vec("test_public_spki.pem"), Timeout = TimeSpan.FromDays(3650) }), "huge timeout");
    }

    static XElement Json(string text)
    {
        using (var reader = JsonReaderWriterFactory.CreateJsonReader(Encoding.UTF8.GetBytes(text), XmlDictionaryReaderQuotas.Max))
            return XElement.Load(reader);
    }

    // tests/errors.json, the error table every binding shares: each row's error must surface as
    // its family's exception class, with its kind and fields.
    static void Trigger(XElement c, Sim sim, int n)
    {
        var fault = (string)c.Element("fault");
        switch ((string)c.Element("trigger"))
        {
            case "sign_bad_key": Signature.SignRequest("garbage", "POST", "/p", "C1", "1", "{}"); return;
            case "verify_bad_header": Signature.Verify(Vec("test_public_spki.pem"), "POST", "/p", "C1", "1", "{}", "algorithm=RSA512,signature=abc"); return;
            case "call_unknown_endpoint": using (var c1 = sim.Client()) c1.Call("no.such.endpoint", "{}"); return;
            case "inquiry_closed_port":
                using (var dead = new AntomClient(new AntomOptions { ClientId = "C1", PrivateKey = Vec("test_private_merchant_pkcs8.pem"), AntomPublicKey = Vec("test_public_spki.pem"), GatewayUrl = "http://127.0.0.1:" + FreePort(), MaxRetries = 0 }))
                    dead.InquiryPayment("{\"paymentRequestId\":\"x\"}");
                return;
            case "inquiry_fault":
                sim.Post("/sim/faults", "{\"path\":\"payments/inquiryPayment\",\"code\":" + fault + "}");
                var timeout = c.Element("timeout_ms") != null ? (int)c.Element("timeout_ms") : 15000;
                using (var c2 = sim.Client(0, timeout)) c2.InquiryPayment("{\"paymentRequestId\":\"x\"}");
                return;
            case "pay_fault":
                using (var c3 = sim.Client(0)) c3.Pay(PayBody("et-cs-" + n, fault));
                return;
        }
        throw new Exception("unknown trigger " + (string)c.Element("trigger"));
    }

    [Test]
    static void EveryRowOfTheSharedErrorTable()
    {
        var table = Json(File.ReadAllText(Path.Combine(Root, "tests", "errors.json")));
        using (var sim = new Sim())
        {
            var n = 0;
            foreach (var c in table.Element("cases").Elements())
            {
                var kind = (string)c.Element("kind");
                var family = (string)table.Element("families").Element(kind);
                var expected = (string)table.Element("classes").Element("dotnet").Element(family);
                AntomException caught = null;
                try { Trigger(c, sim, n); }
                catch (AntomException e) { caught = e; }
                Assert.True(caught != null, kind + ": nothing was thrown");
                Assert.Equal(expected, caught.GetType().Name, kind + " class");
                Assert.Equal(kind, caught.Kind, "kind");
                Assert.Equal((bool)c.Element("outcome_unknown"), caught.OutcomeUnknown, kind + " outcome unknown");
                if (c.Element("http_status") != null) Assert.Equal((int)c.Element("http_status"), caught.HttpStatus ?? 0, kind + " status");
                if (c.Element("idempotency_key") != null && (bool)c.Element("idempotency_key")) Assert.Equal("et-cs-" + n, caught.IdempotencyKey, kind + " key");
                n++;
            }
        }
    }

    static int Main()
    {
        int passed = 0, failed = 0;
        foreach (var m in typeof(Tests).GetMethods(BindingFlags.Static | BindingFlags.NonPublic).Where(m => m.GetCustomAttributes(typeof(TestAttribute), false).Length > 0))
        {
            try
            {
                m.Invoke(null, null);
                passed++;
                Console.WriteLine("ok   " + m.Name);
            }
            catch (TargetInvocationException e)
            {
                failed++;
                Console.WriteLine("FAIL " + m.Name + ": " + e.InnerException);
            }
        }
        Console.WriteLine(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
