// Compiled against Antom.dll restored by `nuget install Antom -Source dist` and run under Mono
// (no Rust on PATH): every shared signature vector, then one payment against the simulator.
// Env: ANTOM_VECTORS, SIM_INFO. JSON is read with the standard library's JSON reader.
using System;
using System.IO;
using System.Linq;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Antom;

static class Smoke
{
    static XElement Json(string text)
    {
        using (var reader = JsonReaderWriterFactory.CreateJsonReader(Encoding.UTF8.GetBytes(text), XmlDictionaryReaderQuotas.Max))
            return XElement.Load(reader);
    }

    static void Check(bool ok, string what)
    {
        if (!ok) throw new Exception("FAILED: " + what);
    }

    static int Main()
    {
        var v = Json(File.ReadAllText(Environment.GetEnvironmentVariable("ANTOM_VECTORS")));
        var keys = v.Element("keys");
        var passed = 0;
        foreach (var c in v.Element("sign_cases").Elements())
        {
            Func<string, string> f = n => (string)c.Element(n);
            foreach (var key in new[] { (string)keys.Element("private_pkcs8_base64"), (string)keys.Element("private_pkcs1_base64") })
                Check(Signature.SignRequest(key, f("method"), f("path"), f("client_id"), f("time"), f("body")) == f("signature_header"), f("name"));
            Check(Signature.Verify((string)keys.Element("public_spki_base64"), f("method"), f("path"), f("client_id"), f("time"), f("body"), f("signature_header")), "verify " + f("name"));
            passed++;
        }
        foreach (var c in v.Element("verify_must_fail").Elements())
        {
            if (c.Element("content_override") != null) continue; // raw content, below the API
            Func<string, string> f = n => (string)c.Element(n);
            var header = "algorithm=RSA256,keyVersion=1,signature=" + f("signature_urlencoded");
            Check(!Signature.Verify((string)keys.Element("public_spki_base64"), f("method"), f("path"), f("client_id"), f("time"), f("body"), header), f("name"));
            passed++;
        }
        var sim = Json(Environment.GetEnvironmentVariable("SIM_INFO"));
        using (var client = new AntomClient(new AntomOptions
        {
            ClientId = (string)sim.Element("client_id"),
            PrivateKey = File.ReadAllText((string)sim.Element("merchant_private_key_file")),
            AntomPublicKey = File.ReadAllText((string)sim.Element("antom_public_key_file")),
            GatewayUrl = (string)sim.Element("url"),
        }))
        {
            var r = client.Pay("{\"paymentRequestId\":\"dist-cs-1\",\"productCode\":\"CASHIER_PAYMENT\",\"paymentAmount\":{\"currency\":\"USD\",\"value\":\"1000\"},\"paymentMethod\":{\"paymentMethodType\":\"ALIPAY_CN\"}}");
            Check(r.ResultStatus == ResultStatus.Unknown && r.ResultCode == "PAYMENT_IN_PROCESS" && r.Verified, r.ToString());
            var inq = Json(client.InquiryPayment("{\"paymentRequestId\":\"dist-cs-1\"}").Raw);
            Check((string)inq.Element("paymentStatus") == "PROCESSING", "inquiry");
            passed++;
        }
        // The in-process simulator ships in the package: a pay and the buyer's completion, no process.
        using (var inproc = new Antom.Testing.Simulator())
        {
            var paid = inproc.Client.Pay("{\"paymentRequestId\":\"dist-cs-3\",\"productCode\":\"CASHIER_PAYMENT\",\"paymentAmount\":{\"currency\":\"USD\",\"value\":\"1000\"},\"paymentMethod\":{\"paymentMethodType\":\"ALIPAY_CN\"}}");
            var done = Json(inproc.Complete((string)Json(paid.Raw).Element("paymentId")));
            Check((string)done.Element("paymentStatus") == "SUCCESS", "in-process simulator");
            passed++;
        }
        Console.WriteLine("nuget package: " + passed + " passed, 0 failed");
        return 0;
    }
}
