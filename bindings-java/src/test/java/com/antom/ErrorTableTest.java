package com.antom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.antom.internal.Json;
import com.antom.models.Amount;
import com.antom.models.PayQueryRequest;
import com.antom.models.PayRequest;
import com.antom.models.PaymentMethod;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tests/errors.json, the error table every binding shares: each row surfaces as its family's class. */
public class ErrorTableTest {
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static PayRequest pay(String id, String value) {
        return new PayRequest().setPaymentRequestId(id).setPaymentAmount(new Amount().setCurrency("USD").setValue(value))
                .setProductCode(com.antom.models.ProductCodeType.CASHIER_PAYMENT)
                .setPaymentMethod(new PaymentMethod().setPaymentMethodType("ALIPAY_CN"));
    }

    private static void trigger(Sim sim, Map<String, Object> c, int n) throws IOException {
        switch ((String) c.get("trigger")) {
            case "sign_bad_key":
                Signature.signRequest("garbage", "POST", "/p", "C1", "1", "{}");
                return;
            case "verify_bad_header":
                Signature.verify(Sim.vector("test_public_spki.pem"), "POST", "/p", "C1", "1", "{}", "algorithm=RSA512,signature=abc");
                return;
            case "call_unknown_endpoint":
                try (AntomClient client = sim.client()) {
                    client.call("no.such.endpoint", new LinkedHashMap<String, Object>());
                }
                return;
            case "inquiry_closed_port":
                try (AntomClient client = sim.builder().gatewayUrl("http://127.0.0.1:" + closedPort()).maxRetries(0).build()) {
                    client.inquiryPayment(new PayQueryRequest().setPaymentRequestId("x"));
                }
                return;
            case "inquiry_fault": {
                Map<String, Object> fault = new LinkedHashMap<String, Object>();
                fault.put("path", "payments/inquiryPayment");
                fault.put("code", c.get("fault"));
                sim.post("/sim/faults", fault);
                AntomClient.Builder b = sim.builder().maxRetries(0);
                if (c.get("timeout_ms") != null) {
                    b.timeout(Duration.ofMillis(((Number) c.get("timeout_ms")).longValue()));
                }
                try (AntomClient client = b.build()) {
                    client.inquiryPayment(new PayQueryRequest().setPaymentRequestId("x"));
                }
                return;
            }
            case "pay_fault":
                try (AntomClient client = sim.builder().maxRetries(0).build()) {
                    client.pay(pay("et-java-" + n, String.valueOf(c.get("fault"))));
                }
                return;
            default:
                fail("unknown trigger " + c.get("trigger"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    public void everyRowOfTheSharedErrorTable() throws IOException {
        Map<String, Object> table = Json.parseObject(Sim.read(Sim.ROOT.resolve("tests/errors.json")));
        Map<String, Object> classes = (Map<String, Object>) ((Map<String, Object>) table.get("classes")).get("java");
        Map<String, Object> families = (Map<String, Object>) table.get("families");
        try (Sim sim = new Sim()) {
            int n = 0;
            for (Map<String, Object> c : (List<Map<String, Object>>) table.get("cases")) {
                String kind = (String) c.get("kind");
                try {
                    trigger(sim, c, n);
                    fail(kind + ": nothing was thrown");
                } catch (AntomException e) {
                    assertEquals(classes.get(families.get(kind)), e.getClass().getSimpleName(), kind);
                    assertEquals(kind, e.getKind());
                    assertEquals(c.get("outcome_unknown"), e.isOutcomeUnknown(), kind);
                    if (c.get("http_status") != null) {
                        assertEquals(((Number) c.get("http_status")).intValue(), (int) e.getHttpStatus(), kind);
                    }
                    if (Boolean.TRUE.equals(c.get("idempotency_key"))) {
                        assertEquals("et-java-" + n, e.getIdempotencyKey(), kind);
                    }
                }
                n++;
            }
        }
    }
}
