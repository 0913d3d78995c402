package com.antom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.antom.models.Amount;
import com.antom.models.InquiryRefundRequest;
import com.antom.models.PayQueryRequest;
import com.antom.models.PayResponse;
import com.antom.models.RefundRequest;
import com.antom.models.TransactionStatusType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The client against a real simulator over HTTP on 127.0.0.1. */
public class ClientTest {
    @Test
    public void theWholeFlowTyped() throws Exception {
        try (Sim sim = new Sim(); AntomClient client = sim.client()) {
            AntomResponse<PayResponse> pay = client.pay(ErrorTableTest.pay("java-1", "1000"));
            assertEquals("U", pay.getResultStatus());
            assertEquals("PAYMENT_IN_PROCESS", pay.getResultCode());
            assertTrue(pay.isVerified());
            assertTrue(pay.isUnknown());
            assertFalse(pay.isSuccess() || pay.isFailure());
            assertEquals("java-1", pay.getIdempotencyKey());
            assertEquals(200, pay.getHttpStatus());
            assertTrue(pay.getHeaders().containsKey("signature"));
            String paymentId = pay.getData().getPaymentId();
            assertNotNull(paymentId);
            assertEquals("1000", pay.getData().getPaymentAmount().getValue());
            assertTrue(pay.getData().getNormalUrl().startsWith("http://127.0.0.1:"));
            assertTrue(pay.getData().getExtra().isEmpty());
            assertEquals("SUCCESS", sim.post("/sim/payments/" + paymentId + "/complete", null).get("paymentStatus"));
            AntomResponse<com.antom.models.PayQueryResponse> fin = client.inquirePaymentUntilFinal("java-1", Duration.ofSeconds(5));
            assertEquals(TransactionStatusType.SUCCESS, fin.getData().getPaymentStatus());
            RefundRequest refund = new RefundRequest().setRefundRequestId("java-1-r").setPaymentId(paymentId)
                    .setRefundAmount(new Amount().setCurrency("USD").setValue("400"));
            String refundId = client.refund(refund).getData().getRefundId();
            assertEquals(refundId, client.refund(refund).getData().getRefundId(), "idempotent on refundRequestId");
            assertEquals("SUCCESS", client.inquiryRefund(new InquiryRefundRequest().setRefundRequestId("java-1-r")).getData().getRefundStatus().getValue());
        }
    }

    @Test
    public void callByNameAsyncTwinsAndOneCallsOptions() throws Exception {
        try (Sim sim = new Sim(); AntomClient client = sim.client()) {
            Map<String, Object> body = ErrorTableTest.pay("java-2", "1000").toMap();
            AntomResponse<Map<String, Object>> r = client.call("payments.pay", body);
            assertEquals("java-2", r.getData().get("paymentRequestId"), "a Map: call by name has no model");
            assertEquals(r.getRaw(), client.call("pay", com.antom.internal.Json.write(body)).getRaw(), "JSON text is a body too");
            List<CompletableFuture<AntomResponse<com.antom.models.PayQueryResponse>>> many = new ArrayList<CompletableFuture<AntomResponse<com.antom.models.PayQueryResponse>>>();
            for (int i = 0; i < 16; i++) {
                many.add(client.inquiryPaymentAsync(new PayQueryRequest().setPaymentRequestId("java-2")));
            }
            for (CompletableFuture<AntomResponse<com.antom.models.PayQueryResponse>> f : many) {
                assertEquals(TransactionStatusType.PROCESSING, f.get().getData().getPaymentStatus());
            }
            RequestOptions o = RequestOptions.builder().header("X-Trace-Id", "t-1").timeout(Duration.ofSeconds(5)).maxRetries(0).build();
            assertTrue(client.inquiryPayment(new PayQueryRequest().setPaymentRequestId("java-2"), o).isVerified());
            try {
                client.inquiryPayment(new PayQueryRequest().setPaymentRequestId("java-2"),
                        RequestOptions.builder().header("X-A", "a\r\nX-Injected: 1").build());
                fail("a header with a newline was sent");
            } catch (InvalidInputException e) {
                assertEquals("INVALID_INPUT", e.getKind());
            }
        }
    }

    @Test
    public void anInquiryThatCannotTellIsAnUnknownOutcomeNeverAFailure() throws Exception {
        try (Sim sim = new Sim(); AntomClient client = sim.client()) {
            try {
                client.inquirePaymentUntilFinal("never-paid", Duration.ofSeconds(2));
                fail("an inquiry of an unknown order returned");
            } catch (OutcomeUnknownException e) {
                assertTrue(e.isOutcomeUnknown());
                assertEquals("ORDER_NOT_EXIST", e.getResultCode());
            }
        }
    }

    @Test
    public void imagesUploadFromBytesAndFilesAndMeterEventsGoOut() throws Exception {
        try (Sim sim = new Sim(); AntomClient client = sim.builder().uploadUrl(sim.get("url")).build()) {
            byte[] image = "\u0089PNG fake image".getBytes(StandardCharsets.ISO_8859_1);
            String sha = hex(MessageDigest.getInstance("SHA-256").digest(image));
            assertEquals(sha, client.uploadProductImage("prod-1", image).getData().getExtra().get("fileSha256"));
            Path file = Files.createTempFile("antom-image", ".png");
            try {
                Files.write(file, image);
                assertEquals(sha, client.uploadProductImageFile("prod-1", file).getData().getExtra().get("fileSha256"));
            } finally {
                Files.delete(file);
            }
            String session = client.meterCreateSession(new com.antom.models.MeterCreateSessionRequest()).getData().getSessionId();
            Map<String, Object> event = new LinkedHashMap<String, Object>();
            event.put("eventName", "api_call");
            Map<String, Object> events = new LinkedHashMap<String, Object>();
            events.put("events", java.util.Collections.singletonList(event));
            AntomResponse<com.antom.models.MeterUploadEventResponse> r = client.uploadMeterEvents(session, events);
            assertFalse(r.isVerified(), "unsigned by Antom's design");
        }
    }

    @Test
    public void aClosedClientRefusesAndNothingPrintsAKey() throws Exception {
        try (Sim sim = new Sim()) {
            String key = Sim.read(java.nio.file.Paths.get(sim.get("merchant_private_key_file")));
            AntomClient client = sim.client();
            assertFalse(client.toString().contains("PRIVATE"));
            assertTrue(client.toString().contains(sim.get("client_id")));
            client.close();
            client.close();
            try {
                client.inquiryPayment(new PayQueryRequest().setPaymentRequestId("x"));
                fail("a closed client called");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage().contains("closed"));
            }
            try {
                AntomClient.builder().clientId("C1").privateKey(key.substring(0, key.length() / 2)).antomPublicKey(key).gatewayUrl(sim.get("url")).build();
                fail("half a key built a client");
            } catch (InvalidKeyException e) {
                String body = key.split("\n")[2];
                assertFalse(e.getMessage().contains(body), "no key text in the message");
            }
            try {
                AntomClient.builder().privateKey(key).build();
                fail("a client without a client id");
            } catch (InvalidInputException e) {
                assertTrue(e.getMessage().contains("clientId"), e.getMessage());
            }
        }
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }
}
