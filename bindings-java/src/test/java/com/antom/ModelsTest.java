package com.antom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.antom.internal.Json;
import com.antom.models.Model;
import com.antom.models.ProductCodeType;
import com.antom.models.TaxBreakdown;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated models: every shared sample round-trips with nothing untyped, and every typed method parses the simulator's reply. */
public class ModelsTest {
    @Test
    @SuppressWarnings("unchecked")
    public void everySampleRoundTripsWithEveryFieldTyped() throws Exception {
        Map<String, Object> samples = (Map<String, Object>) Json.parseObject(Sim.read(Sim.ROOT.resolve("tests/models/samples.json"))).get("samples");
        assertEquals(641, samples.size());
        for (Map.Entry<String, Object> e : samples.entrySet()) {
            Class<?> c = Class.forName("com.antom.models." + e.getKey());
            Model typed = (Model) c.getMethod("fromMap", Map.class).invoke(null, e.getValue());
            assertTrue(typed.getExtra().isEmpty(), e.getKey() + ": untyped fields " + typed.getExtra());
            assertEquals(e.getValue(), Json.parse(typed.toJson()), e.getKey());
        }
    }

    @Test
    public void openEnumsKeepValuesAntomAddsLater() {
        assertEquals(ProductCodeType.CASHIER_PAYMENT, ProductCodeType.of("CASHIER_PAYMENT"));
        assertEquals("A_PRODUCT_ANTOM_ADDS_LATER", ProductCodeType.of("A_PRODUCT_ANTOM_ADDS_LATER").getValue());
        com.antom.models.PayRequest r = com.antom.models.PayRequest.fromJson("{\"productCode\":\"A_PRODUCT_ANTOM_ADDS_LATER\"}");
        assertEquals("A_PRODUCT_ANTOM_ADDS_LATER", r.getProductCode().getValue());
        assertEquals("{\"productCode\":\"A_PRODUCT_ANTOM_ADDS_LATER\"}", r.toJson());
    }

    @Test
    public void aValueOfTheOtherFormIsKeptAsReceived() {
        TaxBreakdown typed = TaxBreakdown.fromJson("{\"taxAmount\":{\"currency\":\"USD\",\"value\":\"10\"},\"taxRate\":\"0.1\"}");
        assertEquals("10", typed.getTaxAmount().getValue());
        TaxBreakdown plain = TaxBreakdown.fromJson("{\"taxAmount\":\"10.00\",\"taxRate\":\"0.1\",\"inclusive\":\"yes\"}");
        assertNull(plain.getTaxAmount());
        assertEquals("0.1", plain.getTaxRate());
        assertEquals("10.00", plain.getExtra().get("taxAmount"));
        assertEquals(Json.parse("{\"taxAmount\":\"10.00\",\"taxRate\":\"0.1\",\"inclusive\":\"yes\"}"), plain.toMap());
    }

    @Test
    @SuppressWarnings("unchecked")
    public void everyTypedMethodParsesTheSimulatorsReply() throws Exception {
        List<Map<String, Object>> methods = (List<Map<String, Object>>) Json.parseObject(Sim.read(Sim.ROOT.resolve("tests/models/endpoints.json"))).get("methods");
        assertEquals(167, methods.size());
        try (Sim sim = new Sim(); AntomClient client = sim.client()) {
            for (Map<String, Object> e : methods) {
                Method m = null;
                for (Method candidate : AntomClient.class.getMethods()) {
                    if (candidate.getName().equals(e.get("camel")) && candidate.getParameterCount() == 1) {
                        m = candidate;
                    }
                }
                Class<?> req = m.getParameterTypes()[0];
                Object body = req.getMethod("fromMap", Map.class).invoke(null, e.get("body"));
                AntomResponse<?> r = (AntomResponse<?>) m.invoke(client, body);
                String name = (String) e.get("endpoint");
                assertTrue(r.isVerified(), name);
                if (!Boolean.TRUE.equals(e.get("lifecycle"))) {
                    assertEquals("S", r.getResultStatus(), name + ": " + r.getRaw());
                }
                Model data = (Model) r.getData();
                assertEquals(e.get("response"), data.getClass().getSimpleName(), name);
                assertTrue(data.getExtra().isEmpty(), name + ": untyped fields " + data.getExtra());
                assertEquals(Json.parse(r.getRaw()), data.toMap(), name);
            }
        }
    }

    @Test
    public void aModelPrintsItsFieldNamesNeverTheirValues() {
        com.antom.models.CardInfo card = new com.antom.models.CardInfo().setCardNo("4111111111111111").setCardToken("tok-secret-987");
        String shown = card.toString();
        assertTrue(shown.startsWith("CardInfo[") && shown.contains("cardNo"), shown);
        assertTrue(!shown.contains("4111") && !shown.contains("987"), shown);
    }

    @Test
    public void aModelThatHoldsItselfIsATypedErrorNotAStackOverflow() {
        com.antom.models.Goods loop = new com.antom.models.Goods().setGoodsName("loop");
        loop.setCrossSell(loop);
        try (AntomClient client = AntomClient.builder().clientId("C1").privateKey(Sim.vector("test_private_merchant_pkcs8.pem"))
                .antomPublicKey(Sim.vector("test_public_spki.pem")).gatewayUrl("http://127.0.0.1:9").build()) {
            java.util.Map<String, Object> body = new java.util.LinkedHashMap<String, Object>();
            body.put("goods", loop);
            try {
                client.call("payments.pay", body);
                org.junit.jupiter.api.Assertions.fail("a model holding itself was sent");
            } catch (InvalidInputException e) {
                assertEquals("INVALID_INPUT", e.getKind());
            }
            body.put("goods", new java.util.HashSet<String>());
            try {
                client.call("payments.pay", body);
                org.junit.jupiter.api.Assertions.fail("a Set was sent");
            } catch (InvalidInputException e) {
                assertTrue(e.getMessage().contains("HashSet"), e.getMessage());
            }
        }
    }
}
