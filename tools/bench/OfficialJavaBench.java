// Antom's official Java SDK (com.alipay.global.sdk:global-open-sdk-java, built from its
// source by tools/bench_java.py) doing what JavaBench's client mode does: sequential signed
// inquiryPayment calls against the simulator named by SIM_INFO. For docs/benchmarks.md only.
import com.alipay.global.api.DefaultAlipayClient;
import com.alipay.global.api.request.ams.pay.AlipayPayQueryRequest;
import com.alipay.global.api.response.ams.pay.AlipayPayQueryResponse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class OfficialJavaBench {
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    // The official SDK takes keys as bare base64 only.
    static String bare(String file) throws Exception {
        String pem = new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8);
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        String info = System.getenv("SIM_INFO");
        DefaultAlipayClient c = new DefaultAlipayClient(field(info, "url"), bare(field(info, "merchant_private_key_file")),
                bare(field(info, "antom_public_key_file")), field(info, "client_id"));
        AlipayPayQueryRequest q = new AlipayPayQueryRequest();
        q.setPaymentRequestId("load-1");
        for (int i = 0; i < 20; i++) c.execute(q);
        long s = System.nanoTime();
        for (int i = 0; i < n; i++) {
            AlipayPayQueryResponse r = c.execute(q);
            if (r.getResult() == null || r.getResult().getResultStatus() == null) throw new IllegalStateException("no result");
        }
        System.out.printf("{\"name\":\"official Java SDK 2.2.8 DefaultAlipayClient.execute\",\"n\":%d,\"per_second\":%.1f}%n", n, n / ((System.nanoTime() - s) / 1e9));
    }
}
