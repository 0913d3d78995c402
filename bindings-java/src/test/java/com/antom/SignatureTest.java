package com.antom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.antom.internal.Json;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tests/vectors/vectors.json, the signature vectors every binding must pass. */
public class SignatureTest {
    @SuppressWarnings("unchecked")
    private static final Map<String, Object> V = Json.parseObject(Sim.vector("vectors.json"));

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(String name) {
        return (List<Map<String, Object>>) V.get(name);
    }

    @SuppressWarnings("unchecked")
    private static String key(String name) {
        return (String) ((Map<String, Object>) V.get("keys")).get(name);
    }

    @Test
    public void everySignCaseSignsAndVerifiesExactly() {
        int n = 0;
        for (Map<String, Object> c : rows("sign_cases")) {
            for (String k : new String[] {"private_pkcs8_base64", "private_pkcs1_base64"}) {
                String header = Signature.signRequest(key(k), (String) c.get("method"), (String) c.get("path"), (String) c.get("client_id"),
                        (String) c.get("time"), (String) c.get("body"));
                assertEquals(c.get("signature_header"), header, (String) c.get("name"));
            }
            assertTrue(Signature.verify(key("public_spki_base64"), (String) c.get("method"), (String) c.get("path"),
                    (String) c.get("client_id"), (String) c.get("time"), (String) c.get("body"), (String) c.get("signature_header")));
            n++;
        }
        assertTrue(n > 0);
    }

    @Test
    public void everyTamperedCaseIsAMismatchNotAnError() {
        for (Map<String, Object> c : rows("verify_must_fail")) {
            if (c.containsKey("content_override")) {
                continue; // raw content, below the API
            }
            String header = "algorithm=RSA256,keyVersion=1,signature=" + c.get("signature_urlencoded");
            assertFalse(Signature.verify(key("public_spki_base64"), (String) c.get("method"),
                    (String) c.get("path"), (String) c.get("client_id"), (String) c.get("time"), (String) c.get("body"), header), (String) c.get("name"));
        }
    }

    @Test
    public void pemKeysInEveryFormSign() {
        String pem = Sim.vector("test_private_pkcs8.pem");
        String header = Signature.signRequest(pem, "POST", "/ams/api/v1/payments/pay", "C1", "1", "{}", 2);
        assertTrue(header.startsWith("algorithm=RSA256,keyVersion=2,signature="));
    }

    @Test
    public void aMalformedKeyIsTypedAndNeverQuoted() {
        String secret = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCsecret";
        try {
            Signature.signRequest(secret, "POST", "/p", "C1", "1", "{}");
            fail("a malformed key signed");
        } catch (InvalidKeyException e) {
            assertEquals("INVALID_KEY", e.getKind());
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
    }
}
