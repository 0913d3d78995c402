package com.antom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.antom.models.Amount;
import com.antom.models.PayResponse;
import com.antom.models.PayResultNotify;
import com.antom.models.RefundRequest;
import com.antom.testing.Simulator;
import com.antom.testing.SimulatorOptions;
import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** com.antom.testing.Simulator as a merchant's own JUnit test uses it: in this process, no `antom sim`. */
public class SimulatorTest {
    @Test
    public void aWholeFlowAgainstTheInProcessSimulator() throws Exception {
        ConcurrentLinkedQueue<PayResultNotify> paid = new ConcurrentLinkedQueue<PayResultNotify>();
        try (Simulator sim = new Simulator()) {
            assertTrue(sim.url().startsWith("http://127.0.0.1:"), sim.url());
            AntomClient client = sim.client();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/antom/notify", exchange -> {
                Map<String, String> headers = new LinkedHashMap<String, String>();
                for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                    headers.put(h.getKey(), h.getValue().get(0));
                }
                byte[] body = WebhookTest.readAll(exchange.getRequestBody());
                AntomNotification n = client.verifyNotification(exchange.getRequestURI().getPath(), headers, body);
                paid.add((PayResultNotify) n.getData());
                byte[] ack = AntomNotification.ACK.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, ack.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(ack);
                }
            });
            server.start();
            try {
                String hook = "http://127.0.0.1:" + server.getAddress().getPort() + "/antom/notify";
                AntomResponse<PayResponse> pay = client.pay(ErrorTableTest.pay("java-sim-1", "1999").setPaymentNotifyUrl(hook));
                assertTrue(pay.isVerified() && "U".equals(pay.getResultStatus()), pay.getRaw());
                String paymentId = pay.getData().getPaymentId();
                assertEquals("PROCESSING", ((Map<?, ?>) sim.payment(paymentId)).get("paymentStatus"));
                assertEquals("SUCCESS", ((Map<?, ?>) sim.complete(paymentId)).get("paymentStatus"));
                for (int i = 0; i < 400 && !acked(sim.deliveries()); i++) {
                    Thread.sleep(25);
                }
                assertTrue(acked(sim.deliveries()), "acked: " + sim.deliveries());
                assertEquals("java-sim-1", paid.peek().getPaymentRequestId());
                assertEquals("1999", paid.peek().getPaymentAmount().getValue());
                AntomResponse<?> refund = client.refund(new RefundRequest().setRefundRequestId("java-sim-1-r").setPaymentId(paymentId)
                        .setRefundAmount(new Amount().setCurrency("USD").setValue("500")));
                assertTrue(refund.isVerified() && "S".equals(refund.getResultStatus()), refund.getRaw());
                assertEquals("500", ((Map<?, ?>) sim.payment(paymentId)).get("refunded"));
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    public void faultsBadControlsOptionsAndClose() {
        Simulator stopped;
        try (Simulator sim = new Simulator(new SimulatorOptions().audit(true).timeScale(0.001))) {
            stopped = sim;
            Map<?, ?> armed = (Map<?, ?>) sim.armFault("/payments/pay", 9901);
            assertEquals(1L, armed.get("count"));
            AntomResponse<PayResponse> pay = sim.client().pay(ErrorTableTest.pay("java-sim-2", "1000"));
            assertEquals("U", pay.getResultStatus());
            assertEquals("UNKNOWN_EXCEPTION", pay.getResultCode());
            sim.armFault("/payments/pay", 9905);
            try (AntomClient once = sim.clientBuilder().maxRetries(0).build()) {
                AntomException e = assertThrows(AntomException.class, () -> once.pay(ErrorTableTest.pay("java-sim-3", "1000")));
                assertTrue(e.isOutcomeUnknown(), e.getKind());
                assertEquals("java-sim-3", e.getIdempotencyKey());
            }
            assertEquals("INVALID_INPUT", assertThrows(AntomException.class, () -> sim.complete("nope")).getKind());
            assertEquals("INVALID_INPUT", assertThrows(AntomException.class, () -> sim.armFault("/payments/pay", 1234, 2)).getKind());
            assertEquals(Boolean.TRUE, ((Map<?, ?>) sim.audit()).get("audit"));
        }
        assertThrows(IllegalStateException.class, stopped::deliveries);
        assertThrows(IllegalStateException.class, stopped::clientBuilder);
        // A closed client verifies nothing: the helper answers FAILED (no ack) rather than throw.
        java.util.concurrent.atomic.AtomicBoolean acted = new java.util.concurrent.atomic.AtomicBoolean();
        assertEquals(WebhookReply.FAILED, Webhooks.answer(stopped.client(), "/antom/notify", new LinkedHashMap<String, String>(),
                new byte[0], n -> acted.set(true)));
        assertTrue(!acted.get(), "acted on nothing verified");
        stopped.close();
        AntomException bad = assertThrows(AntomException.class, () -> new Simulator(new SimulatorOptions().timeScale(-1)));
        assertEquals("INVALID_INPUT", bad.getKind());
    }

    @Test
    public void theWebhookHelperAcksOnlyWhatItVerifiedAndHandled() throws Exception {
        ConcurrentLinkedQueue<AntomNotification> handled = new ConcurrentLinkedQueue<AntomNotification>();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        try (Simulator sim = new Simulator()) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            // The first delivery's handler throws: no ack, so the simulator delivers it again.
            server.createContext("/antom/notify", Webhooks.httpHandler(sim.client(), n -> {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("the database is down");
                }
                handled.add(n);
            }));
            server.start();
            try {
                String hook = "http://127.0.0.1:" + server.getAddress().getPort() + "/antom/notify";
                AntomResponse<PayResponse> pay = sim.client().pay(ErrorTableTest.pay("java-hook-2", "700").setPaymentNotifyUrl(hook));
                sim.complete(pay.getData().getPaymentId());
                for (int i = 0; i < 400 && !acked(sim.deliveries()); i++) {
                    Thread.sleep(25);
                }
                List<?> deliveries = (List<?>) sim.deliveries();
                assertEquals(500L, ((Map<?, ?>) deliveries.get(0)).get("http_status"), "the throwing handler: " + deliveries);
                assertTrue(acked(deliveries), "then acked: " + deliveries);
                assertEquals(1, handled.size());
                assertEquals("java-hook-2", ((PayResultNotify) handled.peek().getData()).getPaymentRequestId());
                // A notification whose signature the simulator corrupts (amount 9907): 401, never handled.
                AntomResponse<PayResponse> forged = sim.client().pay(ErrorTableTest.pay("java-hook-3", "9907").setPaymentNotifyUrl(hook));
                sim.complete(forged.getData().getPaymentId());
                for (int i = 0; i < 400 && refusals(sim.deliveries()) == 0; i++) {
                    Thread.sleep(25);
                }
                assertTrue(refusals(sim.deliveries()) > 0, "refused: " + sim.deliveries());
                assertEquals(2, calls.get(), "the forged notification never reached the handler");
                java.net.HttpURLConnection get = (java.net.HttpURLConnection) new java.net.URL(hook).openConnection();
                assertEquals(405, get.getResponseCode());
                assertEquals("POST", get.getHeaderField("Allow"));
            } finally {
                server.stop(0);
            }
            Map<String, String> unsigned = new LinkedHashMap<String, String>();
            unsigned.put("client-id", sim.clientId());
            Webhooks.Handler never = n -> {
                throw new AssertionError("acted on an unverified delivery");
            };
            assertEquals(WebhookReply.REFUSED, Webhooks.answer(sim.client(), "/antom/notify", unsigned, "{}".getBytes(StandardCharsets.UTF_8), never));
            assertEquals(WebhookReply.MALFORMED, Webhooks.answer(sim.client(), "/antom/notify", unsigned, new byte[WebhookReply.MAX_NOTIFICATION_BYTES + 1], never));
            assertEquals(WebhookReply.REFUSED, WebhookReply.forKind("SIGNATURE_MISMATCH"));
            assertEquals(WebhookReply.FAILED, WebhookReply.forKind("A_KIND_FROM_A_NEWER_CORE"));
        }
    }

    private static int refusals(Object deliveries) {
        int n = 0;
        for (Object d : (List<?>) deliveries) {
            n += Long.valueOf(401).equals(((Map<?, ?>) d).get("http_status")) ? 1 : 0;
        }
        return n;
    }

    private static boolean acked(Object deliveries) {
        for (Object d : (List<?>) deliveries) {
            if (Boolean.TRUE.equals(((Map<?, ?>) d).get("acked"))) {
                return true;
            }
        }
        return false;
    }
}
