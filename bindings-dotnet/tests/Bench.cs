// .NET section of docs/benchmarks.md (Mono): sign and verify ops/s through P/Invoke.
// Prints "name<TAB>ops/s" lines for tools/bench_dotnet.py.
using System;
using System.Diagnostics;
using System.IO;
using Antom;

static class Bench
{
    static double Rate(Action a)
    {
        a();
        var sw = Stopwatch.StartNew();
        int n = 0;
        while (sw.Elapsed.TotalSeconds < 2) { for (int i = 0; i < 20; i++) a(); n += 20; }
        return n / sw.Elapsed.TotalSeconds;
    }

    static void Main(string[] args)
    {
        var priv = File.ReadAllText(Path.Combine(args[0], "test_private_pkcs8.pem"));
        var pub = File.ReadAllText(Path.Combine(args[0], "test_public_spki.pem"));
        var body = "{\"paymentRequestId\":\"order-123456\",\"note\":\"" + new string('x', 900) + "\"}";
        var header = Signature.SignRequest(priv, "POST", "/ams/api/v1/payments/pay", "C1", "1700000000000", body);
        Console.WriteLine("sign\t" + Rate(() => Signature.SignRequest(priv, "POST", "/ams/api/v1/payments/pay", "C1", "1700000000000", body)));
        Console.WriteLine("verify\t" + Rate(() => Signature.Verify(pub, "POST", "/ams/api/v1/payments/pay", "C1", "1700000000000", body, header)));
        Console.WriteLine("verify_malformed\t" + Rate(() => { try { Signature.Verify("x", "POST", "/p", "c", "t", "{}", "y"); } catch (AntomException) { } }));
    }
}
