package com.antom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.antom.models.BaseNotify;
import com.antom.models.Model;
import com.antom.models.PayResultNotify;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** Webhooks: a real HTTP server (the JDK's) receives the simulator's signed notifications. */
public class WebhookTest {
    @Test
    public void notificationsAreVerifiedTypedAndAcked() throws Exception {
        ConcurrentLinkedQueue<PayResultNotify> paid = new ConcurrentLinkedQueue<PayResultNotify>();
        try (Sim sim = new Sim(); AntomClient client = sim.client()) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hooks/antom", exchange -> {
                Map<String, String> headers = new LinkedHashMap<String, String>();
                for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                    headers.put(h.getKey(), h.getValue().get(0));
                }
                byte[] body = readAll(exchange.getRequestBody());
                int status;
                String answer;
                try {
                    AntomNotification n = client.verifyNotification(exchange.getRequestURI().getPath(), headers, body);
                    if (n.getData() instanceof PayResultNotify) {
                        paid.add((PayResultNotify) n.getData());
                    }
                    status = 200;
                    answer = AntomNotification.ACK;
                } catch (SignatureException | InvalidInputException e) {
                    status = 401;
                    answer = "{\"refused\":\"" + e.getKind() + "\"}";
                }
                byte[] out = answer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, out.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            });
            server.start();
            try {
                String hook = "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/antom";
                AntomResponse<com.antom.models.PayResponse> pay = client.pay(ErrorTableTest.pay("java-hook-1", "1000").setPaymentNotifyUrl(hook));
                sim.post("/sim/payments/" + pay.getData().getPaymentId() + "/complete", null);
                for (int i = 0; i < 200 && paid.isEmpty(); i++) {
                    Thread.sleep(25);
                }
                PayResultNotify n = paid.peek();
                assertEquals("java-hook-1", n.getPaymentRequestId());
                assertEquals(pay.getData().getPaymentId(), n.getPaymentId());
                assertEquals("1000", n.getPaymentAmount().getValue());
                assertEquals("S", n.getResult().getResultStatus().getValue());
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    public void everyNotificationFamilyIsItsModel() {
        String key = Sim.vector("test_private_pkcs8.pem");
        try (AntomClient client = AntomClient.builder().clientId("M1").privateKey(Sim.vector("test_private_merchant_pkcs8.pem"))
                .antomPublicKey(Sim.vector("test_public_spki.pem")).build()) {
            String[][] families = {
                {"{\"notifyType\":\"PAYMENT_RESULT\",\"paymentRequestId\":\"o1\",\"paymentId\":\"p1\",\"paymentAmount\":{\"currency\":\"USD\",\"value\":\"1000\"}}", "PayResultNotify"},
                {"{\"notifyType\":\"CAPTURE_RESULT\",\"captureRequestId\":\"c1\",\"captureAmount\":{\"currency\":\"USD\",\"value\":\"1\"}}", "CaptureResultNotify"},
                {"{\"notifyType\":\"REFUND_RESULT\",\"refundRequestId\":\"r1\",\"refundStatus\":\"SUCCESS\"}", "RefundNotify"},
                {"{\"authorizationNotifyType\":\"AUTHCODE_CREATED\",\"authCode\":\"a1\"}", "AuthNotify"},
                {"{\"disputeNotificationType\":\"DISPUTE_CREATED\",\"disputeId\":\"d1\"}", "DisputeNotify"},
                {"{\"notifyType\":\"VAULTING_RESULT\",\"vaultingRequestId\":\"v1\"}", "VaultingNotify"},
                {"{\"paymentId\":\"p1\"}", "BaseNotify"},
            };
            for (String[] f : families) {
                AntomNotification n = verify(client, key, f[0]);
                assertEquals(f[1], n.getModel(), f[0]);
                Model data = n.getData();
                assertEquals(f[1], data.getClass().getSimpleName(), f[0]);
                if (!(data instanceof BaseNotify)) {
                    assertTrue(data.getExtra().isEmpty(), f[0] + ": untyped fields " + data.getExtra());
                }
                assertEquals(com.antom.internal.Json.parse(f[0]), data.toMap());
            }
            PayResultNotify odd = verify(client, key, "{\"notifyType\":\"PAYMENT_RESULT\",\"paymentRequestId\":\"o1\",\"paymentAmount\":\"1000\"}")
                    .getData(PayResultNotify.class);
            assertEquals("o1", odd.getPaymentRequestId());
            assertNull(odd.getPaymentAmount());
            assertEquals("1000", odd.getExtra().get("paymentAmount"), "kept as received");
            try {
                client.verifyNotification("/n", new LinkedHashMap<String, String>(), "{\"notifyType\":\"PAYMENT_RESULT\"}".getBytes(StandardCharsets.UTF_8));
                fail("an unsigned notification verified");
            } catch (InvalidInputException e) {
                assertEquals("INVALID_HEADER", e.getKind());
            }
        }
    }

    @Test
    public void missedWebhooksAreRecoveredTyped() throws Exception {
        try (Sim sim = new Sim(); AntomClient client = sim.client()) {
            int port = ErrorTableTest.closedPort();
            AntomResponse<com.antom.models.PayResponse> pay = client.pay(ErrorTableTest.pay("java-rec-1", "1000")
                    .setPaymentNotifyUrl("http://127.0.0.1:" + port + "/hooks/antom"));
            sim.post("/sim/payments/" + pay.getData().getPaymentId() + "/complete", null);
            List<AntomNotification> found = client.recoverNotifications("2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z");
            assertEquals(1, found.size());
            assertEquals("PAYMENT_RESULT", found.get(0).getKind());
            assertEquals("java-rec-1", found.get(0).getData(PayResultNotify.class).getPaymentRequestId());
            assertTrue(client.recoverNotifications("1999-01-01T00:00:00Z", "1999-12-31T00:00:00Z").isEmpty());
        }
    }

    static AntomNotification verify(AntomClient client, String key, String body) {
        String t = "2024-01-01T00:00:00Z";
        Map<String, String> h = new LinkedHashMap<String, String>();
        h.put("Client-Id", "M1");
        h.put("Request-Time", t);
        h.put("Signature", Signature.signRequest(key, "POST", "/n", "M1", t, body));
        return client.verifyNotification("/n", h, body.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] readAll(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            b.write(buf, 0, n);
        }
        return b.toByteArray();
    }
}
