// Java benchmarks for tools/bench_java.py (not a test: numbers, never assertions on time).
//   sign <n>     Signature.signRequest and Signature.verify through the SDK (the key text parsed
//                once and cached by the core), and the JDK's own SHA256withRSA with parsed keys
//   client <n>   sequential signed inquiryPayment calls, each answer verified, against the
//                simulator named by SIM_INFO
// Prints one JSON object per line.
import com.antom.AntomClient;
import com.antom.Signature;
import com.antom.models.PayQueryRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class JavaBench {
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static String read(String path) throws Exception {
        return new String(Files.readAllBytes(Paths.get(path)), StandardCharsets.UTF_8);
    }

    static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    static void rate(String name, int n, long nanos) {
        System.out.printf("{\"name\":\"%s\",\"n\":%d,\"per_second\":%.1f}%n", name, n, n / (nanos / 1e9));
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        if (args[0].equals("sign")) {
            String priv = read(args[2]), pub = read(args[3]);
            StringBuilder b = new StringBuilder("{\"paymentRequestId\":\"bench\",\"pad\":\"");
            while (b.length() < 1022) b.append('x');
            String body = b.append("\"}").toString();
            String path = "/ams/api/v1/payments/pay", t = "2026-12-04T00:00:00Z";
            for (int i = 0; i < 200; i++) Signature.signRequest(priv, "POST", path, "C1", t, body);
            long s = System.nanoTime();
            String header = null;
            for (int i = 0; i < n; i++) header = Signature.signRequest(priv, "POST", path, "C1", t, body);
            rate("antom signRequest", n, System.nanoTime() - s);
            s = System.nanoTime();
            for (int i = 0; i < n * 10; i++) {
                if (!Signature.verify(pub, "POST", path, "C1", t, body, header)) throw new IllegalStateException("unverified");
            }
            rate("antom Signature.verify", n * 10, System.nanoTime() - s);
            PrivateKey pk = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(priv)));
            PublicKey vk = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pub)));
            byte[] content = ("POST " + path + "\nC1." + t + "." + body).getBytes(StandardCharsets.UTF_8);
            java.security.Signature sig = java.security.Signature.getInstance("SHA256withRSA");
            byte[] out = null;
            for (int i = 0; i < 200; i++) { sig.initSign(pk); sig.update(content); out = sig.sign(); }
            s = System.nanoTime();
            for (int i = 0; i < n; i++) { sig.initSign(pk); sig.update(content); out = sig.sign(); }
            rate("JDK SHA256withRSA sign (parsed key)", n, System.nanoTime() - s);
            s = System.nanoTime();
            for (int i = 0; i < n * 10; i++) {
                sig.initVerify(vk); sig.update(content);
                if (!sig.verify(out)) throw new IllegalStateException("unverified");
            }
            rate("JDK SHA256withRSA verify (parsed key)", n * 10, System.nanoTime() - s);
            return;
        }
        String info = System.getenv("SIM_INFO");
        try (AntomClient c = AntomClient.builder().clientId(field(info, "client_id"))
                .privateKey(read(field(info, "merchant_private_key_file"))).antomPublicKey(read(field(info, "antom_public_key_file")))
                .gatewayUrl(field(info, "url"))
                // Over TLS (antom sim --tls), the simulator's own CA is the one extra root.
                .caCertificate(field(info, "ca_certificate_file") == null ? null : read(field(info, "ca_certificate_file")))
                .build()) {
            PayQueryRequest q = new PayQueryRequest().setPaymentRequestId("load-1");
            for (int i = 0; i < 100; i++) c.inquiryPayment(q);
            long s = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (!c.inquiryPayment(q).isVerified()) throw new IllegalStateException("unverified");
            }
            rate("antom AntomClient.inquiryPayment", n, System.nanoTime() - s);
        }
    }
}
