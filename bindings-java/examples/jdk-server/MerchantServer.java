// A merchant server on the JDK's own HTTP server (com.sun.net.httpserver), no framework: one
// AntomClient shared by every request (it is thread-safe), requests handled on a thread pool.
//   POST /pay {"id", "amount", "notify"}  pays through the SDK and answers the outcome as JSON
//   POST /notify                          verifies the raw body first, then records and acks;
//                                         anything unverified gets 401 and no ack
//   GET  /health                          ok
// Configuration from the environment: ANTOM_SIM_INFO (the JSON line `antom sim` prints), PORT,
// APP_LOG (where verified notifications are appended). The server test (tests/servers) runs it
// and drives it with `antom check webhook`.
// Run (Java 11+ runs a source file): java -cp antom.jar:jna.jar MerchantServer.java
import com.antom.AntomClient;
import com.antom.AntomException;
import com.antom.AntomResponse;
import com.antom.Webhooks;
import com.antom.models.Amount;
import com.antom.models.PayRequest;
import com.antom.models.PayResponse;
import com.antom.models.PayResultNotify;
import com.antom.models.PaymentMethod;
import com.antom.models.ProductCodeType;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class MerchantServer {
    // The simulator's line and the test's order are flat JSON of strings: values by name.
    static Map<String, String> flat(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    static String quote(Object s) {
        return s == null ? "null" : "\"" + s.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String worker() {
        return ProcessHandle.current().pid() + ":" + Thread.currentThread().getName();
    }

    static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> info = flat(System.getenv("ANTOM_SIM_INFO"));
        String log = System.getenv("APP_LOG");
        AntomClient client = AntomClient.builder()
                .clientId(info.get("client_id"))
                .privateKey(new String(Files.readAllBytes(Paths.get(info.get("merchant_private_key_file"))), StandardCharsets.UTF_8))
                .antomPublicKey(new String(Files.readAllBytes(Paths.get(info.get("antom_public_key_file"))), StandardCharsets.UTF_8))
                .gatewayUrl(info.get("url"))
                .build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT"))), 128);
        server.createContext("/health", ex -> send(ex, 200, "ok"));
        server.createContext("/pay", ex -> {
            Map<String, String> order = flat(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                AntomResponse<PayResponse> r = client.pay(new PayRequest()
                        .setPaymentRequestId(order.get("id"))
                        .setPaymentAmount(new Amount().setCurrency("USD").setValue(order.get("amount")))
                        .setProductCode(ProductCodeType.CASHIER_PAYMENT)
                        .setPaymentMethod(new PaymentMethod().setPaymentMethodType("ALIPAY_CN"))
                        .setPaymentNotifyUrl(order.get("notify")));
                send(ex, 200, "{\"status\":" + quote(r.getResultStatus()) + ",\"code\":" + quote(r.getResultCode())
                        + ",\"paymentId\":" + quote(r.getData().getPaymentId()) + ",\"pid\":" + quote(worker()) + "}");
            } catch (AntomException e) {
                send(ex, 200, "{\"error\":" + quote(e.getKind()) + ",\"outcomeUnknown\":" + e.isOutcomeUnknown() + ",\"pid\":" + quote(worker()) + "}");
            }
        });
        // The raw bytes are verified before the handler sees anything; the answer (the ack, or a
        // refusal that Antom must not take as one) is the SDK's.
        server.createContext("/notify", Webhooks.httpHandler(client, n -> {
            String id = n.getData() instanceof PayResultNotify ? ((PayResultNotify) n.getData()).getPaymentRequestId() : null;
            String line = "{\"pid\":" + quote(worker()) + ",\"type\":" + quote(n.getKind()) + ",\"id\":" + quote(id)
                    + ",\"status\":" + quote(n.getResultStatus()) + "}\n";
            synchronized (MerchantServer.class) {
                Files.write(Paths.get(log), line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
            }
        }));
        server.setExecutor(Executors.newFixedThreadPool(16));
        // SIGTERM: stop taking requests, let those in flight finish, then free the client.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(1);
            client.close();
        }));
        server.start();
    }
}
