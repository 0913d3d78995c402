// The demo payment flow in Java against the simulator, one line per step. The webhook is the
// JDK's own HTTP server: it verifies the raw body first, then acks.
// Usage (Java 11+ runs a source file): java -cp antom.jar:jna.jar Demo.java '<the JSON line printed by antom sim>'
import com.antom.AntomClient;
import com.antom.AntomNotification;
import com.antom.AntomResponse;
import com.antom.Webhooks;
import com.antom.models.Amount;
import com.antom.models.InquiryRefundRequest;
import com.antom.models.InquiryRefundResponse;
import com.antom.models.PayQueryRequest;
import com.antom.models.PayRequest;
import com.antom.models.PayResponse;
import com.antom.models.PayResultNotify;
import com.antom.models.PaymentMethod;
import com.antom.models.ProductCodeType;
import com.antom.models.RefundNotify;
import com.antom.models.RefundRequest;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Demo {
    public static void main(String[] args) throws Exception {
        // The simulator's line is flat JSON of strings: its values by name.
        Map<String, String> info = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"").matcher(args[0]);
        while (m.find()) {
            info.put(m.group(1), m.group(2));
        }
        LinkedBlockingQueue<AntomNotification> inbox = new LinkedBlockingQueue<>();
        try (AntomClient client = AntomClient.builder()
                .clientId(info.get("client_id"))
                .privateKey(new String(Files.readAllBytes(Paths.get(info.get("merchant_private_key_file"))), StandardCharsets.UTF_8))
                .antomPublicKey(new String(Files.readAllBytes(Paths.get(info.get("antom_public_key_file"))), StandardCharsets.UTF_8))
                .gatewayUrl(info.get("url"))
                .build()) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            // Verify the raw bytes first; only then act and ack (the SDK's answer for each case).
            server.createContext("/antom/notify", Webhooks.httpHandler(client, inbox::add));
            server.start();
            String hook = "http://127.0.0.1:" + server.getAddress().getPort() + "/antom/notify";
            String order = "java-demo-" + ProcessHandle.current().pid();
            System.out.printf("demo merchant %s on %s (webhook %s)%n", info.get("client_id"), info.get("url"), hook);
            AntomResponse<PayResponse> pay = client.pay(new PayRequest()
                    .setPaymentRequestId(order)
                    .setPaymentAmount(new Amount().setCurrency("USD").setValue("1000"))
                    .setProductCode(ProductCodeType.CASHIER_PAYMENT)
                    .setPaymentMethod(new PaymentMethod().setPaymentMethodType("ALIPAY_CN"))
                    .setPaymentNotifyUrl(hook));
            String paymentId = pay.getData().getPaymentId();
            System.out.printf("[1] pay %s: %s %s (verified=%s) paymentId=%s%n", order, pay.getResultStatus(), pay.getResultCode(), pay.isVerified(), paymentId);
            System.out.printf("[2] checkout URL for the buyer: %s%n", pay.getData().getNormalUrl());
            String done = post(info.get("url") + "/sim/payments/" + paymentId + "/complete");
            System.out.printf("[3] buyer paid through the simulator: %s%n", done.contains("\"SUCCESS\"") ? "paymentStatus=SUCCESS" : done);
            AntomNotification n = next(inbox);
            PayResultNotify paid = n.getData(PayResultNotify.class);
            System.out.printf("[4] notification %s verified and acked: %s %s order=%s amount=%s %s paymentId=%s%n", n.getKind(), n.getResultStatus(), n.getResultCode(),
                    paid.getPaymentRequestId(), paid.getPaymentAmount().getValue(), paid.getPaymentAmount().getCurrency(), paid.getPaymentId());
            AntomResponse<com.antom.models.PayQueryResponse> inq = client.inquiryPayment(new PayQueryRequest().setPaymentRequestId(order));
            System.out.printf("[5] inquiryPayment: paymentStatus=%s (verified=%s)%n", inq.getData().getPaymentStatus(), inq.isVerified());
            AntomResponse<com.antom.models.RefundResponse> refund = client.refund(new RefundRequest()
                    .setRefundRequestId(order + "-refund-1")
                    .setPaymentId(paymentId)
                    .setRefundAmount(new Amount().setCurrency("USD").setValue("400"))
                    .setRefundNotifyUrl(hook));
            System.out.printf("[6] partial refund USD 4.00: %s %s refundId=%s (verified=%s)%n", refund.getResultStatus(), refund.getResultCode(), refund.getData().getRefundId(), refund.isVerified());
            n = next(inbox);
            System.out.printf("[7] notification %s verified and acked: refundStatus=%s%n", n.getKind(), n.getData(RefundNotify.class).getRefundStatus());
            AntomResponse<InquiryRefundResponse> ir = client.inquiryRefund(new InquiryRefundRequest().setRefundRequestId(order + "-refund-1"));
            System.out.printf("[8] inquiryRefund: refundStatus=%s amount=%s (verified=%s)%n", ir.getData().getRefundStatus(), ir.getData().getRefundAmount().getValue(), ir.isVerified());
            server.stop(0);
            if (!"SUCCESS".equals(ir.getData().getRefundStatus().getValue())) {
                throw new IllegalStateException("the refund did not succeed");
            }
            System.out.println("demo complete: paid, notified, verified, refunded");
        }
    }

    private static AntomNotification next(LinkedBlockingQueue<AntomNotification> inbox) throws InterruptedException {
        AntomNotification n = inbox.poll(10, TimeUnit.SECONDS);
        if (n == null) {
            throw new IllegalStateException("no notification arrived");
        }
        return n;
    }

    private static String post(String url) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.getOutputStream().close();
        return new String(readAll(c.getInputStream()), StandardCharsets.UTF_8);
    }

    private static byte[] readAll(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int k; (k = in.read(buf)) > 0; ) {
            b.write(buf, 0, k);
        }
        return b.toByteArray();
    }
}
