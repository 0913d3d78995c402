// The typed surface: every model round-trips its sample, typed methods parse the simulator's
// replies, per-call options, missed-webhook recovery, product images and usage events.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using Antom;

static partial class Tests
{
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
            // Parity with the schema: every field of the sample (each of the type's fields) is typed.
            var members = new HashSet<string>(type.GetMembers(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(p => p.GetCustomAttributes(typeof(DataMemberAttribute), false).Cast<DataMemberAttribute>().FirstOrDefault())
                .Where(a => a != null).Select(a => a.Name));
            var untyped = sample.Elements().Select(Key).Where(k => !members.Contains(k)).ToList();
            Assert.True(untyped.Count == 0, name + ": untyped fields " + string.Join(",", untyped));
            var back = new MemoryStream();
            ser.WriteObject(back, typed);
            Assert.Equal(Canon(sample), Canon(Json(Encoding.UTF8.GetString(back.ToArray()))), name + " round trip");
            n++;
        }
        Assert.Equal(641, n, "every schema type has a sample");
    }

    [Test]
    static void AFieldOfTheOtherFormIsLeftOutAndKeptInRaw()
    {
        // A notification whose amount comes as a string (one SDK's form): the rest is typed.
        var body = "{\"notifyType\":\"PAYMENT_RESULT\",\"paymentRequestId\":\"o-1\",\"paymentAmount\":\"1000\",\"paymentId\":\"p-1\",\"result\":{\"resultCode\":\"SUCCESS\",\"resultStatus\":\"S\",\"resultMessage\":\"success\"}}";
        var t = "2024-01-01T00:00:00Z";
        var headers = new Dictionary<string, string> { { "client-id", "M1" }, { "request-time", t }, { "signature", Signature.SignRequest(Vec("test_private_pkcs8.pem"), "POST", "/n", "M1", t, body) } };
        using (var client = new AntomClient(new AntomOptions { ClientId = "M1", PrivateKey = Vec("test_private_merchant_pkcs8.pem"), AntomPublicKey = Vec("test_public_spki.pem") }))
        {
            var n = client.VerifyNotification("/n", headers, body);
            var paid = n.Data as Antom.Models.PayResultNotify;
            Assert.True(paid != null && paid.PaymentRequestId == "o-1" && paid.PaymentId == "p-1" && paid.PaymentAmount == null, "typed but for the odd field");
            Assert.True(n.Raw.Contains("\"paymentAmount\":\"1000\""), "kept as received in Raw");
            var tax = n.As<Antom.Models.TaxBreakdown>();
            Assert.True(tax != null && tax.TaxAmount == null, "any model reads it");
        }
    }

    [Test]
    static void AmountsFollowTheSharedTable()
    {
        // tests/amounts.json, which every binding runs: ISO 4217 exponents, never rounded.
        var t = Json(File.ReadAllText(Path.Combine(Root, "tests", "amounts.json")));
        Func<string, string[][]> rows = name => t.Element(name).Elements().Select(r => r.Elements().Select(c => c.Value).ToArray()).ToArray();
        foreach (var r in rows("round_trip"))
        {
            Assert.Equal(r[2], Amounts.ToMinorUnits(r[0], r[1]), r[0] + " " + r[1]);
            Assert.Equal(r[1], Amounts.FromMinorUnits(r[0], r[2]), r[0] + " " + r[2]);
        }
        foreach (var r in rows("to_minor")) Assert.Equal(r[2], Amounts.ToMinorUnits(r[0], r[1]), r[0] + " " + r[1]);
        foreach (var r in rows("from_minor")) Assert.Equal(r[2], Amounts.FromMinorUnits(r[0], r[1]), r[0] + " " + r[1]);
        foreach (var r in rows("to_minor_refused"))
        {
            var e = Assert.Throws<InvalidInputException>(() => Amounts.ToMinorUnits(r[0], r[1]), r[0] + " '" + r[1] + "'");
            Assert.Equal("INVALID_INPUT", e.Kind, "kind");
        }
        foreach (var r in rows("from_minor_refused"))
            Assert.Throws<InvalidInputException>(() => Amounts.FromMinorUnits(r[0], r[1]), r[0] + " '" + r[1] + "'");
    }

    [Test]
    static void EveryNotificationFamilyIsItsModel()
    {
        var families = new[]
        {
            new[] { "{\"notifyType\":\"PAYMENT_RESULT\",\"paymentRequestId\":\"o1\",\"paymentId\":\"p1\",\"paymentAmount\":{\"currency\":\"USD\",\"value\":\"1000\"}}", "PAYMENT_RESULT", "PayResultNotify" },
            new[] { "{\"notifyType\":\"CAPTURE_RESULT\",\"captureRequestId\":\"c1\",\"captureAmount\":{\"currency\":\"USD\",\"value\":\"1\"}}", "CAPTURE_RESULT", "CaptureResultNotify" },
            new[] { "{\"notifyType\":\"REFUND_RESULT\",\"refundRequestId\":\"r1\",\"refundStatus\":\"SUCCESS\"}", "REFUND_RESULT", "RefundNotify" },
            new[] { "{\"authorizationNotifyType\":\"AUTHCODE_CREATED\",\"authCode\":\"a1\"}", "AUTHCODE_CREATED", "AuthNotify" },
            new[] { "{\"disputeNotificationType\":\"DISPUTE_CREATED\",\"disputeId\":\"d1\"}", "DISPUTE_CREATED", "DisputeNotify" },
            new[] { "{\"notifyType\":\"VAULTING_RESULT\",\"vaultingRequestId\":\"v1\"}", "VAULTING_RESULT", "VaultingNotify" },
        };
        var t = "2024-01-01T00:00:00Z";
        var settings = new DataContractJsonSerializerSettings { UseSimpleDictionaryFormat = true };
        using (var client = new AntomClient(new AntomOptions { ClientId = "M1", PrivateKey = Vec("test_private_merchant_pkcs8.pem"), AntomPublicKey = Vec("test_public_spki.pem") }))
        {
            foreach (var f in families)
            {
                var headers = new Dictionary<string, string> { { "client-id", "M1" }, { "request-time", t }, { "signature", Signature.SignRequest(Vec("test_private_pkcs8.pem"), "POST", "/n", "M1", t, f[0]) } };
                var n = client.VerifyNotification("/n", headers, f[0]);
                Assert.Equal(f[1], n.Kind, f[0] + " kind");
                Assert.Equal(f[2], n.Model, f[0] + " model");
                Assert.Equal(f[2], n.Data.GetType().Name, f[0] + " data");
                // Every field of the body is a typed member: written back, nothing is lost.
                var back = new MemoryStream();
                new DataContractJsonSerializer(n.Data.GetType(), settings).WriteObject(back, n.Data);
                Assert.Equal(Canon(Json(f[0])), Canon(Json(Encoding.UTF8.GetString(back.ToArray()))), f[0] + " typed round trip");
            }
        }
    }

    [Test]
    static void EnumsAreOpenKnownValuesAreMembersAndNewOnesAreKept()
    {
        var settings = new DataContractJsonSerializerSettings { UseSimpleDictionaryFormat = true };
        var ser = new DataContractJsonSerializer(typeof(Antom.Models.PayQueryResponse), settings);
        foreach (var value in new[] { "SUCCESS", "A_STATUS_ANTOM_ADDS_LATER" })
        {
            var text = "{\"paymentStatus\":\"" + value + "\"}";
            var r = (Antom.Models.PayQueryResponse)ser.ReadObject(new MemoryStream(Encoding.UTF8.GetBytes(text)));
            Assert.Equal(value, r.PaymentStatus.Value, "kept as its string");
            Assert.True((r.PaymentStatus == Antom.Models.TransactionStatusType.SUCCESS) == (value == "SUCCESS"), "compared by value");
            var back = new MemoryStream();
            ser.WriteObject(back, r);
            Assert.Equal(text, Encoding.UTF8.GetString(back.ToArray()), "written back as a string");
        }
        var req = new Antom.Models.PayRequest { ProductCode = Antom.Models.ProductCodeType.CASHIER_PAYMENT };
        string code = req.ProductCode;
        Assert.Equal("CASHIER_PAYMENT", code, "converts to string");
        req.ProductCode = "A_PRODUCT_ANTOM_ADDS_LATER";
        Assert.Equal("A_PRODUCT_ANTOM_ADDS_LATER", req.ProductCode.ToString(), "and from any string");
        // A list of an enum is a list of the open enum, read and written as strings.
        var auth = new DataContractJsonSerializer(typeof(Antom.Models.AuthConsultRequest), settings);
        var list = "{\"scopes\":[\"AGREEMENT_PAY\",\"A_SCOPE_ANTOM_ADDS_LATER\"]}";
        var consult = (Antom.Models.AuthConsultRequest)auth.ReadObject(new MemoryStream(Encoding.UTF8.GetBytes(list)));
        Assert.True(consult.Scopes[0] == Antom.Models.ScopeType.AGREEMENT_PAY, "a known scope");
        Assert.Equal("A_SCOPE_ANTOM_ADDS_LATER", consult.Scopes[1].Value, "an unknown scope kept");
        consult.Scopes.Add(Antom.Models.ScopeType.AGREEMENT_PAY);
        var written = new MemoryStream();
        auth.WriteObject(written, consult);
        Assert.Equal("{\"scopes\":[\"AGREEMENT_PAY\",\"A_SCOPE_ANTOM_ADDS_LATER\",\"AGREEMENT_PAY\"]}", Encoding.UTF8.GetString(written.ToArray()), "written back from the typed list");
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
            Assert.True(inq.Data.PaymentStatus == Antom.Models.TransactionStatusType.SUCCESS && inq.Data.PaymentStatus == "SUCCESS", "typed inquiry");
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
}
