package example;

import com.antom.AntomClient;
import com.antom.AntomException;
import com.antom.AntomResponse;
import com.antom.WebhookReply;
import com.antom.Webhooks;
import com.antom.models.Amount;
import com.antom.models.PayRequest;
import com.antom.models.PayResponse;
import com.antom.models.PayResultNotify;
import com.antom.models.PaymentMethod;
import com.antom.models.ProductCodeType;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A merchant app on Spring Boot: one {@link AntomClient} bean (thread-safe, closed with the
 * context), a pay endpoint and the Antom webhook. The webhook takes the body as raw bytes
 * ({@code byte[]}, never a parsed object) because those exact bytes are what Antom signed: it
 * verifies them first, and only a verified notification is recorded and acked.
 *
 * Configuration from the environment: ANTOM_SIM_INFO (the JSON line `antom sim` prints), PORT,
 * APP_LOG (where verified notifications are appended).
 */
@SpringBootApplication
@RestController
public class MerchantApp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AntomClient antom;

    public MerchantApp(AntomClient antom) {
        this.antom = antom;
    }

    public static void main(String[] args) {
        System.setProperty("server.port", System.getenv("PORT"));
        System.setProperty("server.address", "127.0.0.1");
        SpringApplication.run(MerchantApp.class, args);
    }

    @Bean(destroyMethod = "close")
    static AntomClient antomClient() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, String> info = JSON.readValue(System.getenv("ANTOM_SIM_INFO"), Map.class);
        return AntomClient.builder()
                .clientId(info.get("client_id"))
                .privateKey(Files.readString(Path.of(info.get("merchant_private_key_file"))))
                .antomPublicKey(Files.readString(Path.of(info.get("antom_public_key_file"))))
                .gatewayUrl(info.get("url"))
                .build();
    }

    private static String worker() {
        return ProcessHandle.current().pid() + ":" + Thread.currentThread().getName();
    }

    @GetMapping("/health")
    public String health() {
        return "ok";
    }

    @PostMapping("/pay")
    public Map<String, Object> pay(@RequestBody Map<String, String> order) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            AntomResponse<PayResponse> r = antom.pay(new PayRequest()
                    .setPaymentRequestId(order.get("id"))
                    .setPaymentAmount(new Amount().setCurrency("USD").setValue(order.get("amount")))
                    .setProductCode(ProductCodeType.CASHIER_PAYMENT)
                    .setPaymentMethod(new PaymentMethod().setPaymentMethodType("ALIPAY_CN"))
                    .setPaymentNotifyUrl(order.get("notify")));
            out.put("status", r.getResultStatus());
            out.put("code", r.getResultCode());
            out.put("paymentId", r.getData().getPaymentId());
        } catch (AntomException e) {
            // Unknown (isOutcomeUnknown) is not a failure: the order stays open for an inquiry.
            out.put("error", e.getKind());
            out.put("outcomeUnknown", e.isOutcomeUnknown());
        }
        out.put("pid", worker());
        return out;
    }

    @PostMapping("/notify")
    public ResponseEntity<String> notify(HttpServletRequest request, @RequestHeader HttpHeaders headers,
                                         @RequestBody(required = false) byte[] body) {
        // The raw bytes are verified before the handler runs; the answer (the exact ack, or a
        // refusal Antom cannot take for one) is the SDK's.
        WebhookReply reply = Webhooks.answer(antom, request.getRequestURI(), headers.toSingleValueMap(),
                body == null ? new byte[0] : body, n -> {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("pid", worker());
                    line.put("type", n.getKind());
                    line.put("id", n.getData() instanceof PayResultNotify ? ((PayResultNotify) n.getData()).getPaymentRequestId() : null);
                    line.put("status", n.getResultStatus());
                    synchronized (MerchantApp.class) {
                        Files.write(Path.of(System.getenv("APP_LOG")), (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8),
                                StandardOpenOption.APPEND);
                    }
                });
        return ResponseEntity.status(reply.getStatus()).header("Content-Type", reply.getContentType()).body(reply.getBody());
    }
}
