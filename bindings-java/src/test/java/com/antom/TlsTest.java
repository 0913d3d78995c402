package com.antom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.antom.internal.Json;
import com.antom.models.Amount;
import com.antom.models.PayQueryRequest;
import com.antom.models.PayResponse;
import com.antom.models.RefundRequest;
import com.antom.models.TransactionStatusType;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** The simulator over HTTPS (`antom sim --tls`): certificates are always checked, so the client
 * reaches it only when told to trust the simulator's local CA, and then a whole flow runs. */
public class TlsTest {
    @Test
    public void aPaymentOverHttpsTrustingOnlyTheSimulatorsCa() throws Exception {
        try (Sim sim = new Sim("--tls")) {
            assertTrue(sim.get("url").startsWith("https://127.0.0.1:"));
            String ca = Sim.read(Paths.get(sim.get("ca_certificate_file")));
            try (AntomClient untrusting = sim.builder().maxRetries(0).build()) {
                TransportException e = assertThrows(TransportException.class,
                        () -> untrusting.pay(ErrorTableTest.pay("java-tls-0", "1000")));
                assertFalse(e.isOutcomeUnknown(), "refused before anything was sent");
            }
            try (AntomClient client = sim.builder().caCertificate(ca).build()) {
                AntomResponse<PayResponse> pay = client.pay(ErrorTableTest.pay("java-tls-1", "1000"));
                assertTrue(pay.isVerified());
                assertEquals("PAYMENT_IN_PROCESS", pay.getResultCode());
                assertTrue(pay.getData().getNormalUrl().startsWith("https://127.0.0.1:"));
                assertEquals("SUCCESS", complete(sim, ca, pay.getData().getPaymentId()));
                AntomResponse<com.antom.models.PayQueryResponse> fin =
                        client.inquirePaymentUntilFinal("java-tls-1", Duration.ofSeconds(5));
                assertTrue(fin.isVerified());
                assertEquals(TransactionStatusType.SUCCESS, fin.getData().getPaymentStatus());
                RefundRequest refund = new RefundRequest().setRefundRequestId("java-tls-r-1")
                        .setPaymentId(pay.getData().getPaymentId()).setRefundAmount(new Amount().setCurrency("USD").setValue("1000"));
                assertTrue(client.refund(refund).isSuccess());
                assertTrue(client.inquiryPayment(new PayQueryRequest().setPaymentRequestId("java-tls-1")).isVerified());
            }
        }
    }

    /** The buyer pays at the simulator's cashier, over HTTPS trusting the same CA. */
    private static String complete(Sim sim, String caPem, String paymentId) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("antom-sim", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        HttpsURLConnection c = (HttpsURLConnection) new URL(sim.get("url") + "/sim/payments/" + paymentId + "/complete").openConnection();
        c.setSSLSocketFactory(tls.getSocketFactory());
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.getOutputStream().close();
        return (String) Json.parseObject(Sim.body(c)).get("paymentStatus");
    }
}
