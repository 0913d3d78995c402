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
    public string Url, ClientId, MerchantKey, AntomKey;
    Process proc;
    readonly string dir;

    public Sim()
    {
        var bin = Environment.GetEnvironmentVariable("ANTOM_BIN") ?? "target/debug/antom";
        dir = Path.Combine(Path.GetTempPath(), "antom-dotnet-" + Guid.NewGuid().ToString("N"));
        proc = Process.Start(new ProcessStartInfo(bin, "sim --quiet --time-scale 0.0005 --slow-ms 1500 --state-dir " + dir)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = false,
        });
        var line = proc.StandardOutput.ReadLine();
        Url = Field(line, "url");
        ClientId = Field(line, "client_id");
        MerchantKey = File.ReadAllText(Field(line, "merchant_private_key_file"));
        AntomKey = File.ReadAllText(Field(line, "antom_public_key_file"));
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
                        var failFirst = Interlocked.Increment(ref seen) <= 2 && Sim.Field(n.Raw, "paymentRequestId") == "cw-1";
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
                    Assert.True(n.Kind == "PAYMENT_RESULT" && n.ResultStatus == ResultStatus.Success && n.ClientId == sim.ClientId, n.ToString());
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
        using (var client = new AntomClient(new AntomOptions { ClientId = "M1", PrivateKey = key, AntomPublicKey = Vec("test_public_spki.pem") }))
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
                using (var dead = new AntomClient(new AntomOptions { ClientId = "C1", PrivateKey = Vec("test_private_pkcs8.pem"), AntomPublicKey = Vec("test_public_spki.pem"), GatewayUrl = "http://127.0.0.1:" + FreePort(), MaxRetries = 0 }))
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

    // tests/models/samples.json: every schema type, read into its generated class and written
    // back, equal as JSON (member order aside).
    static string Canon(XElement e)
    {
        var type = (string)e.Attribute("type") ?? "string";
        if (type == "object")
            return "{" + string.Join(",", e.Elements().Select(c => Key(c) + ":" + Canon(c)).OrderBy(x => x, StringComparer.Ordinal)) + "}";
        if (type == "array") return "[" + string.Join(",", e.Elements().Select(Canon)) + "]";
        return type + ":" + e.Value;
    }

    static string Key(XElement e)
    {
        var item = e.Attribute("item");
        return item != null ? item.Value : e.Name.LocalName;
    }

    static string ToJson(XElement e)
    {
        using (var ms = new MemoryStream())
        {
            var root = new XElement("root", e.Attributes().Where(a => a.Name == "type"), e.Nodes());
            using (var w = JsonReaderWriterFactory.CreateJsonWriter(ms, Encoding.UTF8, false)) root.WriteTo(w);
            return Encoding.UTF8.GetString(ms.ToArray());
        }
    }

    [Test]
    static void EveryModelRoundTripsItsSample()
    {
        var samples = Json(File.ReadAllText(Path.Combine(Root, "tests", "models", "samples.json"))).Element("samples");
        var settings = new DataContractJsonSerializerSettings { UseSimpleDictionaryFormat = true };
        var n = 0;
        foreach (var sample in samples.Elements())
        {
            var name = Key(sample);
            var type = typeof(AntomClient).Assembly.GetType("Antom.Models." + name);
            Assert.True(type != null, "a class for " + name);
            var ser = new DataContractJsonSerializer(type, settings);
            var text = ToJson(sample);
            var typed = ser.ReadObject(new MemoryStream(Encoding.UTF8.GetBytes(text)));
            var back = new MemoryStream();
            ser.WriteObject(back, typed);
            Assert.Equal(Canon(sample), Canon(Json(Encoding.UTF8.GetString(back.ToArray()))), name + " round trip");
            n++;
        }
        Assert.Equal(620, n, "every schema type has a sample");
    }

    [Test]
    static void TypedPayAndRefundThroughTheSimulator()
    {
        using (var sim = new Sim())
        using (var client = sim.Client())
        {
            var pay = client.Pay(new Antom.Models.PayRequest
            {
                PaymentRequestId = "cs-typed-1",
                PaymentAmount = new Antom.Models.Amount { Currency = "USD", Value = "1000" },
                ProductCode = Antom.Models.ProductCodeType.CASHIER_PAYMENT,
                PaymentMethod = new Antom.Models.PaymentMethod { PaymentMethodType = "ALIPAY_CN" },
            });
            Assert.True(pay.Verified && pay.Data.PaymentId != null, pay.ToString());
            Assert.Equal("1000", pay.Data.PaymentAmount.Value, "typed amount");
            Assert.Equal("PAYMENT_IN_PROCESS", pay.Data.Result.ResultCode, "typed result");
            sim.Post("/sim/payments/" + pay.Data.PaymentId + "/complete");
            var inq = client.InquiryPaymentAsync(new Antom.Models.PayQueryRequest { PaymentRequestId = "cs-typed-1" }).Result;
            Assert.Equal("SUCCESS", inq.Data.PaymentStatus, "typed inquiry");
        }
    }

    // tests/models/endpoints.json: every typed method against the simulator; the reply is
    // verified, parses into the endpoint's response class and writes the same JSON back.
    [Test]
    static void EveryTypedMethodParsesTheSimulatorsReply()
    {
        var methods = Json(File.ReadAllText(Path.Combine(Root, "tests", "models", "endpoints.json"))).Element("methods").Elements().ToList();
        Assert.Equal(167, methods.Count, "typed methods");
        var settings = new DataContractJsonSerializerSettings { UseSimpleDictionaryFormat = true };
        using (var sim = new Sim())
        using (var client = sim.Client())
        {
            foreach (var e in methods)
            {
                var endpoint = e.Element("endpoint").Value;
                var response = typeof(AntomClient).Assembly.GetType("Antom.Models." + e.Element("response").Value);
                var method = typeof(AntomClient).GetMethods().Single(m => m.Name == e.Element("pascal").Value && m.ReturnType.IsGenericType);
                Assert.True(method.ReturnType.GetGenericArguments()[0] == response, endpoint + " returns its response class");
                var reqType = method.GetParameters()[0].ParameterType;
                var request = new DataContractJsonSerializer(reqType, settings).ReadObject(new MemoryStream(Encoding.UTF8.GetBytes(ToJson(e.Element("body")))));
                var r = (AntomResponse)method.Invoke(client, new object[] { request, null });
                Assert.True(r.Verified, endpoint + " verified");
                if (e.Element("lifecycle").Value != "true") Assert.True(r.ResultStatus == ResultStatus.Success, endpoint + ": " + r.Raw);
                var data = r.GetType().GetProperty("Data").GetValue(r);
                Assert.True(data != null && data.GetType() == response, endpoint + " typed");
                var back = new MemoryStream();
                new DataContractJsonSerializer(response, settings).WriteObject(back, data);
                Assert.Equal(Canon(Json(r.Raw)), Canon(Json(Encoding.UTF8.GetString(back.ToArray()))), endpoint + " round trip");
            }
        }
    }

    [Test]
    static void RequestOptionsApplyToOneCall()
    {
        using (var sim = new Sim())
        using (var client = sim.Client())
        {
            var pay = client.Pay(PayBody("cs-ro-1"), new RequestOptions
            {
                Headers = new Dictionary<string, string> { { "X-Trace-Id", "cs-1" } },
                Timeout = TimeSpan.FromSeconds(5),
                MaxRetries = 1,
            });
            Assert.True(pay.Verified, "pay with options");
            var last = Json(sim.Get("/sim/requests")).Element("requests").Elements().Last();
            Assert.Equal("cs-1", last.Element("headers").Elements().Single(h => Key(h) == "x-trace-id").Value, "the extra header arrived");
            client.InquiryPayment(new Antom.Models.PayQueryRequest { PaymentRequestId = "cs-ro-1" });
            last = Json(sim.Get("/sim/requests")).Element("requests").Elements().Last();
            Assert.True(!last.Element("headers").Elements().Any(h => Key(h) == "x-trace-id"), "only for that call");
            var watch = Stopwatch.StartNew();
            var e = Assert.Throws<OutcomeUnknownException>(() => client.Pay(PayBody("cs-ro-2", "9902"), new RequestOptions { Timeout = TimeSpan.FromMilliseconds(300), MaxRetries = 0 }), "slow pay");
            Assert.True(watch.ElapsedMilliseconds < 1400 && e.IdempotencyKey == "cs-ro-2", "the per-call timeout");
            var bad = new[]
            {
                new RequestOptions { Headers = new Dictionary<string, string> { { "Signature", "forged" } } },
                new RequestOptions { Headers = new Dictionary<string, string> { { "X-A", "a\r\nInjected: 1" } } },
                new RequestOptions { Timeout = TimeSpan.Zero },
                new RequestOptions { MaxRetries = 11 },
            };
            foreach (var o in bad)
            {
                var err = Assert.Throws<AntomException>(() => client.Call("payments.inquiryPayment", "{\"paymentRequestId\":\"cs-ro-1\"}", o), "bad options");
                Assert.Equal("INVALID_INPUT", err.Kind, "bad options: " + err.Message);
            }
        }
    }

    [Test]
    static void MissedWebhooksAreRecoveredTyped()
    {
        using (var sim = new Sim())
        using (var client = sim.Client())
        {
            // Nothing listens on this port: every delivery attempt fails.
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            var pay = client.Pay(PayBody("cs-rec-1", "1000", "http://127.0.0.1:" + port + "/hooks/antom"));
            sim.Post("/sim/payments/" + Sim.Field(pay.Raw, "paymentId") + "/complete");
            var found = client.RecoverNotifications("2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z");
            Assert.Equal(1, found.Length, "one recovered notification");
            Assert.Equal("PAYMENT_RESULT", found[0].Kind, "kind");
            Assert.Equal("PayResultNotify", found[0].Model, "model");
            var typed = found[0].As<Antom.Models.PayResultNotify>();
            Assert.True(typed.Result.ResultStatus == "S", "typed result");
            Assert.Equal("cs-rec-1", Sim.Field(found[0].Raw, "paymentRequestId"), "the payment's notification");
            Assert.Equal(0, client.RecoverNotificationsAsync("1999-01-01T00:00:00Z", "1999-12-31T00:00:00Z").Result.Length, "an empty window");
        }
    }

    [Test]
    static void ProductImagesUploadFromBytesAndFiles()
    {
        using (var sim = new Sim())
        using (var client = new AntomClient(new AntomOptions
        {
            ClientId = sim.ClientId, PrivateKey = sim.MerchantKey, AntomPublicKey = sim.AntomKey, GatewayUrl = sim.Url, UploadUrl = sim.Url,
        }))
        {
            var image = new byte[100000];
            for (var i = 0; i < image.Length; i++) image[i] = (byte)(i % 251);
            var r = client.UploadProductImage("prod-1", image, "tea.png");
            Assert.True(r.Verified && r.ResultStatus == ResultStatus.Success, r.Raw);
            string sha;
            using (var h = System.Security.Cryptography.SHA256.Create())
                sha = BitConverter.ToString(h.ComputeHash(image)).Replace("-", "").ToLowerInvariant();
            Assert.Equal(sha, Sim.Field(r.Raw, "fileSha256"), "the signed hash");
            var file = Path.Combine(Path.GetTempPath(), "antom-cs-" + Guid.NewGuid().ToString("N") + ".png");
            File.WriteAllBytes(file, image);
            try
            {
                Assert.Equal(sha, Sim.Field(client.UploadProductImageFileAsync("prod-1", file).Result.Raw, "fileSha256"), "from a file");
            }
            finally { File.Delete(file); }
            var big = Assert.Throws<AntomException>(() => client.UploadProductImage("prod-1", new byte[2 * 1024 * 1024 + 1]), "too large");
            Assert.Equal("INVALID_INPUT", big.Kind, "too large");
            using (var plain = sim.Client())
            {
                var e = Assert.Throws<AntomException>(() => plain.UploadProductImage("prod-1", image), "no upload gateway");
                Assert.True(e.Message.Contains("upload_url"), e.Message);
            }
        }
    }

    [Test]
    static void UsageEventsGoOverHttp2InASession()
    {
        using (var sim = new Sim())
        using (var client = sim.Client())
        {
            var session = client.MeterCreateSession(new Antom.Models.MeterCreateSessionRequest { RequestId = "cs-meter-1" });
            Assert.True(session.Verified && session.Data.SessionId != null, "a verified session");
            var batch = new Antom.Models.MeterUploadEventRequest
            {
                Meters = new List<Antom.Models.MeterEventBatch>
                {
                    new Antom.Models.MeterEventBatch
                    {
                        EventName = "api_calls",
                        Events = new List<Antom.Models.Event> { new Antom.Models.Event { EventTimestamp = 1700000000000, IdempotencyKey = "cs-ev-1" } },
                    },
                },
            };
            var r = client.UploadMeterEvents(session.Data.SessionId, batch);
            Assert.True(r.ResultStatus == ResultStatus.Success && !r.Verified && r.Attempts == 1, r.Raw);
            var last = Json(sim.Get("/sim/requests")).Element("requests").Elements().Last();
            Assert.Equal("HTTP/2.0", last.Element("httpVersion").Value, "HTTP/2");
            Assert.Equal(session.Data.SessionId, last.Element("headers").Elements().Single(h => Key(h) == "x-session-id").Value, "the session header");
            Assert.Equal("SESSION_INVALID", client.UploadMeterEvents("SIMSESSION-forged", "{\"meters\":[]}").ResultCode, "a forged session");
            var e = Assert.Throws<AntomException>(() => client.UploadMeterEvents("s\r\nX-Injected: 1", "{\"meters\":[]}"), "CR/LF");
            Assert.Equal("INVALID_INPUT", e.Kind, "CR/LF in the session");
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
