package com.antom;

import com.sun.net.httpserver.HttpHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A notify endpoint: the raw bytes verified first, your handler called with the typed
 * notification, and the answer taken from the core's table ({@link WebhookReply}): 200 and the
 * ack once handled; 401 or 400 for a delivery that does not verify, never acted on; 500 and no
 * ack when your handler throws, so Antom delivers it again. Antom redelivers, so handle each
 * notification idempotently (by its paymentId, refundId, ...).
 * {@code server.createContext("/antom/notify", Webhooks.httpHandler(client, n -> orders.markPaid(n)));}
 * Any other server (a Spring controller, a servlet) calls {@link #answer} and sends its reply.
 */
public final class Webhooks {
    private static final Logger LOG = Logger.getLogger("com.antom");

    private Webhooks() {
    }

    /** Your code for one verified notification; throwing means "not handled" (no ack). */
    @FunctionalInterface
    public interface Handler {
        void handle(AntomNotification notification) throws Exception;
    }

    /**
     * Verifies one delivery, runs {@code handler} on it and says what to answer. Every failure is
     * a reply that does not ack, logged to {@code com.antom} with what and why (never the body:
     * it was not verified); only a VirtualMachineError from the handler is thrown on.
     */
    public static WebhookReply answer(AntomClient client, String path, Map<String, String> headers, byte[] body, Handler handler) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(handler, "handler");
        AntomNotification notification;
        try {
            notification = client.verifyNotification(path, headers, body);
        } catch (AntomException e) {
            return report(WebhookReply.forKind(e.getKind()), "delivery refused: " + e.getMessage(), null);
        } catch (RuntimeException e) {
            // A closed client, or a null argument: nothing verified, so nothing acked.
            return report(WebhookReply.FAILED, "the delivery could not be verified", e);
        }
        try {
            handler.handle(notification);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return report(WebhookReply.FAILED, "the handler threw; no ack, so Antom delivers it again", e);
        }
        return WebhookReply.ACKED;
    }

    /** A handler for the JDK's HttpServer: POST only, the request's raw path as signed. */
    public static HttpHandler httpHandler(AntomClient client, Handler handler) {
        return httpHandler(client, handler, null);
    }

    /**
     * {@link #httpHandler(AntomClient, Handler)} with the path Antom posted to, for a proxy that
     * rewrites it (the signature covers that path); null is the request's own.
     */
    public static HttpHandler httpHandler(AntomClient client, Handler handler, String path) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(handler, "handler");
        return exchange -> {
            try {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.getResponseHeaders().set("Allow", "POST");
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                Map<String, String> headers = new LinkedHashMap<String, String>();
                for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                    headers.put(h.getKey(), h.getValue().get(0));
                }
                byte[] body = readCapped(exchange.getRequestBody());
                String signed = path != null ? path : exchange.getRequestURI().getRawPath();
                WebhookReply reply = answer(client, signed, headers, body, handler);
                byte[] out = reply.getBody().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", reply.getContentType());
                exchange.sendResponseHeaders(reply.getStatus(), out.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            } finally {
                exchange.close();
            }
        };
    }

    /** The body to one byte over the core's limit: enough for the core to refuse it, never more. */
    static byte[] readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int limit = WebhookReply.MAX_NOTIFICATION_BYTES + 1;
        int n;
        while (out.size() < limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) > 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static WebhookReply report(WebhookReply reply, String what, Throwable e) {
        LOG.log(Level.WARNING, "antom webhook: " + what + " -> " + reply.getStatus(), e);
        return reply;
    }
}
