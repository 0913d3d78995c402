// Run from the antom jar of dist/ alone (its native library comes from inside it; no Rust on
// PATH): every shared signature vector, then a typed payment against the simulator.
// Env: ANTOM_VECTORS, SIM_INFO.
import com.antom.AntomClient;
import com.antom.AntomResponse;
import com.antom.Signature;
import com.antom.internal.Json;
import com.antom.models.Amount;
import com.antom.models.PayRequest;
import com.antom.models.PayResponse;
import com.antom.models.PaymentMethod;
import com.antom.models.ProductCodeType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

public class Smoke {
    static void check(boolean ok, String what) {
        if (!ok) {
            System.err.println("FAILED: " + what);
            System.exit(1);
        }
    }

    static String read(String path) throws Exception {
        return new String(Files.readAllBytes(Paths.get(path)), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Map<String, Object> v = Json.parseObject(read(System.getenv("ANTOM_VECTORS")));
        Map<String, Object> keys = (Map<String, Object>) v.get("keys");
        int passed = 0;
        for (Map<String, Object> c : (List<Map<String, Object>>) v.get("sign_cases")) {
            for (String k : new String[] {"private_pkcs8_base64", "private_pkcs1_base64"}) {
                String h = Signature.signRequest((String) keys.get(k), (String) c.get("method"), (String) c.get("path"), (String) c.get("client_id"), (String) c.get("time"), (String) c.get("body"));
                check(h.equals(c.get("signature_header")), (String) c.get("name"));
            }
            check(Signature.verify((String) keys.get("public_spki_base64"), (String) c.get("method"), (String) c.get("path"), (String) c.get("client_id"),
                    (String) c.get("time"), (String) c.get("body"), (String) c.get("signature_header")), "verify " + c.get("name"));
            passed++;
        }
        Map<String, Object> sim = Json.parseObject(System.getenv("SIM_INFO"));
        try (AntomClient client = AntomClient.builder().clientId((String) sim.get("client_id")).gatewayUrl((String) sim.get("url"))
                .privateKey(read((String) sim.get("merchant_private_key_file"))).antomPublicKey(read((String) sim.get("antom_public_key_file"))).build()) {
            AntomResponse<PayResponse> r = client.pay(new PayRequest().setPaymentRequestId("dist-java-1").setProductCode(ProductCodeType.CASHIER_PAYMENT)
                    .setPaymentAmount(new Amount().setCurrency("USD").setValue("1000")).setPaymentMethod(new PaymentMethod().setPaymentMethodType("ALIPAY_CN")));
            check("U".equals(r.getResultStatus()) && r.isVerified() && "1000".equals(r.getData().getPaymentAmount().getValue()), "typed pay");
            passed++;
        }
        System.out.println("java jar: " + passed + " passed, 0 failed");
    }
}
