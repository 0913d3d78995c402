package com.antom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AntomDiagnostics.onAttempt against a real simulator: one event per attempt (a retried 500
 * gives two), nothing secret in any, a throwing listener leaves the call alone, null stops it. */
public class DiagnosticsTest {
    @AfterEach
    public void stop() {
        AntomDiagnostics.onAttempt(null);
    }

    @Test
    public void oneEventPerAttemptAndNothingSecret() throws Exception {
        try (Sim sim = new Sim(); AntomClient client = sim.client()) {
            List<AttemptEvent> events = new CopyOnWriteArrayList<AttemptEvent>();
            AntomDiagnostics.onAttempt(events::add);
            Map<String, Object> fault = new LinkedHashMap<String, Object>();
            fault.put("path", "payments/pay");
            fault.put("code", 9905);
            sim.post("/sim/faults", fault);
            String card = "4111111111111111";
            String body = "{\"paymentRequestId\":\"java-log-1\",\"productCode\":\"CASHIER_PAYMENT\",\"paymentAmount\":{\"currency\":\"USD\",\"value\":\"1000\"},"
                    + "\"paymentMethod\":{\"paymentMethodType\":\"CARD\",\"paymentMethodMetaData\":{\"cardNo\":\"" + card + "\"}}}";
            AntomResponse<Map<String, Object>> pay = client.call("payments.pay", body);
            assertEquals("U", pay.getResultStatus());
            // The event of the last attempt is handed over before the call returns.
            assertEquals(2, events.size(), events.toString());
            AttemptEvent first = events.get(0);
            AttemptEvent second = events.get(1);
            assertEquals("POST", first.getMethod());
            assertTrue(first.getPath().endsWith("/v1/payments/pay"));
            assertEquals(1, first.getAttempt());
            assertEquals(Integer.valueOf(500), first.getHttpStatus());
            assertTrue(first.isWillRetry());
            assertEquals(2, second.getAttempt());
            assertEquals("U", second.getResultStatus());
            assertEquals("java-log-1", second.getIdempotencyKey());
            assertFalse(second.isWillRetry());
            String all = events.toString() + events.stream().map(AttemptEvent::asMap).map(Object::toString).reduce("", String::concat);
            String key = new String(Files.readAllBytes(Paths.get(sim.get("merchant_private_key_file"))), "UTF-8").replaceAll("-----[^-]+-----|\\s", "");
            assertFalse(all.contains(card));
            assertFalse(all.contains(key.substring(40, 80)));
            assertFalse(all.contains("signature="));

            AntomDiagnostics.onAttempt(e -> {
                throw new IllegalStateException("listener bug");
            });
            assertTrue(client.call("payments.inquiryPayment", "{\"paymentRequestId\":\"java-log-1\"}").isVerified());
            AntomDiagnostics.onAttempt(null);
            events.clear();
            client.call("payments.inquiryPayment", "{\"paymentRequestId\":\"java-log-1\"}");
            assertTrue(events.isEmpty());
        }
    }
}
