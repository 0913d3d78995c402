package com.antom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.antom.internal.Json;
import com.antom.models.PayQueryRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * tests/hostile.json, the hostile-input table every binding shares: each bad input is a typed
 * exception of its row's kind (IllegalArgumentException for a wrong type), with no key text in
 * its message.
 */
public class HostileTest {
    private static String repeat(String s, int times) {
        StringBuilder b = new StringBuilder(s.length() * times);
        for (int i = 0; i < times; i++) {
            b.append(s);
        }
        return b.toString();
    }

    private static byte[] hex(String h) {
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** The row's input as Java has it: a String, bytes, a number or nested lists. */
    private static Object value(Map<String, Object> spec) {
        if (spec.containsKey("text")) {
            return spec.get("text");
        }
        if (spec.containsKey("bytes_hex")) {
            return hex((String) spec.get("bytes_hex"));
        }
        if (spec.containsKey("repeat")) {
            String prefix = spec.containsKey("prefix") ? (String) spec.get("prefix") : "";
            String suffix = spec.containsKey("suffix") ? (String) spec.get("suffix") : "";
            return prefix + repeat((String) spec.get("repeat"), ((Number) spec.get("times")).intValue()) + suffix;
        }
        if (spec.containsKey("nested_text")) {
            int n = ((Number) spec.get("nested_text")).intValue();
            return "{\"x\":" + repeat("[", n) + repeat("]", n) + "}";
        }
        if (spec.containsKey("nested")) {
            Object deep = "x";
            for (int i = 0, n = ((Number) spec.get("nested")).intValue(); i < n; i++) {
                deep = Collections.singletonList(deep);
            }
            return deep;
        }
        if (spec.containsKey("number")) {
            return spec.get("number");
        }
        if (spec.containsKey("file")) {
            return Sim.vector((String) spec.get("file"));
        }
        if (spec.containsKey("test_key_insert")) {
            String pem = Sim.vector("test_private_pkcs8.pem");
            int mid = pem.length() / 2;
            return pem.substring(0, mid) + spec.get("test_key_insert") + pem.substring(mid);
        }
        throw new IllegalStateException("unknown input " + spec);
    }

    /** A number of seconds as a Duration; beyond what a Duration holds, the longest one. */
    private static Duration seconds(Object n) {
        double d = ((Number) n).doubleValue();
        return d > Long.MAX_VALUE / 2 ? Duration.ofSeconds(Long.MAX_VALUE) : Duration.ofMillis((long) (d * 1000));
    }

    private static AntomClient.Builder builder() throws IOException {
        return AntomClient.builder().clientId("C1").privateKey(Sim.vector("test_private_merchant_pkcs8.pem"))
                .antomPublicKey(Sim.vector("test_public_spki.pem")).gatewayUrl("http://127.0.0.1:" + ErrorTableTest.closedPort()).maxRetries(0);
    }

    private static void run(Map<String, Object> row) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) row.get("input");
        Object v = value(spec);
        String pem = Sim.vector("test_private_pkcs8.pem");
        switch ((String) row.get("op")) {
            case "sign":
                Signature.signRequest((String) v, "POST", "/p", "C1", "t", "{}");
                return;
            case "verify":
                Signature.verify(Sim.vector("test_public_spki.pem"), "POST", "/p", "C1", "t", "{}", (String) v);
                return;
            case "notify": {
                byte[] body = v instanceof byte[] ? (byte[]) v : ((String) v).getBytes(StandardCharsets.UTF_8);
                Map<String, String> headers = new LinkedHashMap<String, String>();
                if (Boolean.TRUE.equals(row.get("signed"))) {
                    // Signed over the exact bytes: the verification passes and the parse must refuse.
                    headers.put("Client-Id", "C1");
                    headers.put("Request-Time", "t");
                    headers.put("Signature", Signature.signRequest(pem, "POST", "/notify", "C1", "t", body));
                }
                try (AntomClient client = builder().build()) {
                    client.verifyNotification("/notify", headers, body);
                }
                return;
            }
            case "call": {
                Object body = v;
                if (Boolean.TRUE.equals(spec.get("field")) || spec.containsKey("nested")) {
                    Map<String, Object> m = new LinkedHashMap<String, Object>();
                    m.put("paymentRequestId", "hostile");
                    m.put("x", v);
                    body = m;
                }
                try (AntomClient client = builder().build()) {
                    client.call("payments.pay", body);
                }
                return;
            }
            case "call_header":
                try (AntomClient client = builder().build()) {
                    client.inquiryPayment(new PayQueryRequest().setPaymentRequestId("h"), RequestOptions.builder().header("X-Hostile", (String) v).build());
                }
                return;
            case "call_timeout":
                try (AntomClient client = builder().build()) {
                    client.inquiryPayment(new PayQueryRequest().setPaymentRequestId("t"), RequestOptions.builder().timeout(seconds(v)).build());
                }
                return;
            case "client_timeout":
                builder().timeout(seconds(v)).build().close();
                return;
            case "client_antom_key":
                AntomClient.builder().clientId("C1").privateKey(Sim.vector("test_private_merchant_pkcs8.pem")).antomPublicKey((String) v).build().close();
                return;
            default:
                throw new IllegalStateException("unknown op " + row.get("op"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    public void everyRowOfTheHostileTable() throws IOException {
        Map<String, Object> table = Json.parseObject(Sim.read(Sim.ROOT.resolve("tests/hostile.json")));
        Map<String, Object> errors = Json.parseObject(Sim.read(Sim.ROOT.resolve("tests/errors.json")));
        Map<String, Object> classes = (Map<String, Object>) ((Map<String, Object>) errors.get("classes")).get("java");
        Map<String, Object> families = (Map<String, Object>) errors.get("families");
        List<String> keyLines = new ArrayList<String>();
        for (String line : Sim.vector("test_private_pkcs8.pem").split("\n")) {
            if (!line.isEmpty() && !line.startsWith("-----")) {
                keyLines.add(line);
            }
        }
        int ran = 0;
        for (Map<String, Object> row : (List<Map<String, Object>>) table.get("rows")) {
            String id = (String) row.get("id");
            Map<String, Object> na = (Map<String, Object>) row.get("not_applicable");
            if (na != null && na.containsKey("java")) {
                continue;
            }
            String kind = (String) row.get("kind");
            try {
                run(row);
                fail(id + ": accepted");
            } catch (AntomException e) {
                assertFalse("TYPE".equals(kind), id + ": " + e);
                assertEquals(classes.get(families.get(kind)), e.getClass().getSimpleName(), id + ": " + e.getMessage());
                assertEquals(kind, e.getKind(), id);
                check(row, id, e, keyLines);
            } catch (IllegalArgumentException | ClassCastException e) {
                assertEquals("TYPE", kind, id + ": " + e);
                check(row, id, e, keyLines);
            }
            ran++;
        }
        assertTrue(ran > 20);
    }

    private static void check(Map<String, Object> row, String id, Exception e, List<String> keyLines) {
        String shown = e.getMessage() + " " + e;
        if (row.containsKey("message")) {
            assertTrue(e.getMessage().contains((String) row.get("message")), id + ": " + e.getMessage());
        }
        assertTrue(shown.length() < 8000, id + ": the message repeats the input");
        for (String line : keyLines) {
            assertFalse(shown.contains(line), id + ": key text in the error");
        }
    }
}
