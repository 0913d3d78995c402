// Soak of the .NET binding under Mono: N sign+verify pairs (1 in 10 with a bad key, so error
// paths run too) and M client calls against the simulator; prints one JSON line with RSS
// (before, after the signing, after the calls) and the managed heap growth after full GCs.
// mono Soak.exe N M (the simulator's JSON line in ANTOM_SIM_INFO).
using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Antom;

static class Soak
{
    static long RssKb()
    {
        var line = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmRSS:"));
        return long.Parse(Regex.Match(line, "\\d+").Value);
    }

    static string Field(string json, string name)
    {
        return Regex.Match(json, "\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").Groups[1].Value;
    }

    static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(true);
    }

    static int Main(string[] args)
    {
        int nSign = int.Parse(args[0]), nCall = int.Parse(args[1]);
        var info = Environment.GetEnvironmentVariable("ANTOM_SIM_INFO");
        var key = File.ReadAllText(Field(info, "merchant_private_key_file"));
        var pub = File.ReadAllText(Field(info, "merchant_public_key_file"));
        var body = "{\"paymentRequestId\":\"soak\",\"note\":\"" + new string('x', 200) + "\"}";
        var pid = System.Diagnostics.Process.GetCurrentProcess().Id;
        using (var client = new AntomClient(new AntomOptions { ClientId = Field(info, "client_id"), PrivateKey = key,
            AntomPublicKey = File.ReadAllText(Field(info, "antom_public_key_file")), GatewayUrl = Field(info, "url"), MaxRetries = 0 }))
        {
            Action<int> signVerify = i =>
            {
                if (i % 10 == 9)
                {
                    try { Signature.SignRequest("garbage", "POST", "/p", "C1", "t", body); }
                    catch (InvalidKeyException) { return; }
                    throw new Exception("a bad key signed");
                }
                var h = Signature.SignRequest(key, "POST", "/p", "C1", "t", body);
                if (!Signature.Verify(pub, "POST", "/p", "C1", "t", body, h)) throw new Exception("no verify");
            };
            Action<int> call = i =>
            {
                var r = i % 2 == 1
                    ? client.Pay("{\"paymentRequestId\":\"soak-cs-" + pid + "-" + i + "\",\"paymentAmount\":{\"currency\":\"USD\",\"value\":\"100\"},\"productCode\":\"CASHIER_PAYMENT\",\"paymentMethod\":{\"paymentMethodType\":\"ALIPAY_CN\"}}")
                    : client.InquiryPayment("{\"paymentRequestId\":\"soak-cs-" + pid + "-" + (i - 1) + "\"}");
                if (!r.Verified) throw new Exception("unverified");
            };
            for (int i = 0; i < 1000; i++) signVerify(i);
            for (int i = 0; i < 200; i++) call(i);
            var heap0 = Settled();
            var rss0 = RssKb();
            for (int i = 0; i < nSign; i++) signVerify(i);
            Settled();
            var rss1 = RssKb();
            for (int i = 0; i < nCall; i++) call(i + 1000);
            var heap = Settled();
            var rss2 = RssKb();
            Console.WriteLine("{\"binding\":\"dotnet\",\"sign_verify\":" + nSign + ",\"calls\":" + nCall + ",\"rss_kb\":[" + rss0 + "," + rss1 + "," + rss2 + "],\"heap_growth_kb\":" + (heap - heap0) / 1024 + "}");
        }
        return 0;
    }
}
