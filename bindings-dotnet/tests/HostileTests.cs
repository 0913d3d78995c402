// tests/hostile.json, the hostile-input table every binding shares: each bad input is a typed
// AntomException of its row's kind, thrown at once, with no key text in its message. Rows the
// .NET types cannot express say why in the table (`not_applicable.dotnet`); a TimeSpan the
// input does not fit in is refused by the type itself (OverflowException), like Rust's Duration.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using Antom;

static partial class Tests
{
    static string HostileText(XElement spec)
    {
        if (spec.Element("text") != null) return (string)spec.Element("text");
        if (spec.Element("repeat") != null)
            return (string)spec.Element("prefix") + new StringBuilder().Insert(0, (string)spec.Element("repeat"), (int)spec.Element("times")) + (string)spec.Element("suffix");
        if (spec.Element("nested_text") != null)
        {
            var n = (int)spec.Element("nested_text");
            return "{\"x\":" + new string('[', n) + new string(']', n) + "}";
        }
        if (spec.Element("file") != null) return Vec((string)spec.Element("file"));
        if (spec.Element("test_key_insert") != null)
        {
            var pem = Vec("test_private_pkcs8.pem");
            var mid = pem.Length / 2;
            return pem.Substring(0, mid) + (string)spec.Element("test_key_insert") + pem.Substring(mid);
        }
        return null;
    }

    static byte[] HostileBytes(XElement spec)
    {
        var hex = (string)spec.Element("bytes_hex");
        if (hex == null) return Encoding.UTF8.GetBytes(HostileText(spec));
        return Enumerable.Range(0, hex.Length / 2).Select(i => Convert.ToByte(hex.Substring(i * 2, 2), 16)).ToArray();
    }

    static AntomClient HostileClient(TimeSpan? timeout = null)
    {
        return new AntomClient(new AntomOptions { ClientId = "C1", PrivateKey = Vec("test_private_merchant_pkcs8.pem"), AntomPublicKey = Vec("test_public_spki.pem"),
                                                  GatewayUrl = "http://127.0.0.1:" + FreePort(), MaxRetries = 0, Timeout = timeout });
    }

    static void HostileRun(XElement row)
    {
        var spec = row.Element("input");
        var seconds = spec.Element("number") != null ? (double)spec.Element("number") : 0;
        switch ((string)row.Element("op"))
        {
            case "sign": Signature.SignRequest(HostileText(spec), "POST", "/p", "C1", "t", "{}"); return;
            case "verify": Signature.Verify(Vec("test_public_spki.pem"), "POST", "/p", "C1", "t", "{}", HostileText(spec)); return;
            case "notify":
                var body = HostileBytes(spec);
                var headers = new Dictionary<string, string>();
                if ((bool?)row.Element("signed") == true)
                {
                    headers["client-id"] = "C1";
                    headers["request-time"] = "t";
                    headers["signature"] = Signature.SignRequest(Vec("test_private_pkcs8.pem"), "POST", "/notify", "C1", "t", body);
                }
                using (var c = HostileClient()) c.VerifyNotification("/notify", headers, body);
                return;
            case "call":
                var text = HostileText(spec);
                if ((bool?)spec.Element("field") == true) text = "{\"paymentRequestId\":\"big\",\"x\":\"" + text + "\"}";
                using (var c = HostileClient()) c.Call("payments.pay", text);
                return;
            case "call_header":
                using (var c = HostileClient())
                    c.InquiryPayment("{\"paymentRequestId\":\"h\"}", new RequestOptions { Headers = new Dictionary<string, string> { { "X-Hostile", HostileText(spec) } } });
                return;
            case "call_timeout":
                using (var c = HostileClient()) c.InquiryPayment("{\"paymentRequestId\":\"t\"}", new RequestOptions { Timeout = TimeSpan.FromSeconds(seconds) });
                return;
            case "client_timeout":
                using (HostileClient(TimeSpan.FromSeconds(seconds))) { }
                return;
            case "client_antom_key":
                using (new AntomClient(new AntomOptions { ClientId = "C1", PrivateKey = Vec("test_private_merchant_pkcs8.pem"), AntomPublicKey = HostileText(spec) })) { }
                return;
        }
        throw new Exception("unknown op " + (string)row.Element("op"));
    }

    [Test]
    static void EveryRowOfTheHostileTable()
    {
        var table = Json(System.IO.File.ReadAllText(System.IO.Path.Combine(Root, "tests", "hostile.json")));
        var errors = Json(System.IO.File.ReadAllText(System.IO.Path.Combine(Root, "tests", "errors.json")));
        var keyLines = Vec("test_private_pkcs8.pem").Replace("\r", "").Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----")).ToList();
        int ran = 0;
        foreach (var row in table.Element("rows").Elements())
        {
            var id = (string)row.Element("id");
            var na = row.Element("not_applicable");
            if (na != null && na.Element("dotnet") != null) continue;
            try
            {
                HostileRun(row);
                throw new Exception(id + ": accepted");
            }
            catch (OverflowException) when (((string)row.Element("op")).EndsWith("timeout"))
            {
                continue; // TimeSpan cannot hold it
            }
            catch (AntomException e)
            {
                var family = (string)errors.Element("families").Element((string)row.Element("kind"));
                Assert.Equal((string)errors.Element("classes").Element("dotnet").Element(family), e.GetType().Name, id);
                Assert.Equal((string)row.Element("kind"), e.Kind, id + ": " + e.Message);
                if (row.Element("message") != null) Assert.True(e.Message.Contains((string)row.Element("message")), id + ": " + e.Message);
                var shown = e.Message + " " + e;
                Assert.True(shown.Length < 8000, id + ": the message repeats the input");
                foreach (var line in keyLines) Assert.True(!shown.Contains(line), id + ": key text in the error");
                ran++;
            }
        }
        Assert.True(ran >= 18, ran + " rows ran");
    }
}
