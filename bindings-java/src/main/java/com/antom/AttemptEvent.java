package com.antom;

import java.util.Collections;
import java.util.Map;

/** What one attempt of a call did (the core's AttemptEvent): never a body, a header value, a
 * signature or a key. */
public final class AttemptEvent {
    private final Map<String, Object> fields;

    AttemptEvent(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    private Integer count(String name) {
        Object v = fields.get(name);
        return v instanceof Number ? ((Number) v).intValue() : null;
    }

    private String text(String name) {
        Object v = fields.get(name);
        return v == null ? null : v.toString();
    }

    /** Always POST. */
    public String getMethod() {
        return text("method");
    }

    /** The path called (after any sandbox rewrite). */
    public String getPath() {
        return text("path");
    }

    /** 1 for the first attempt. */
    public int getAttempt() {
        Integer n = count("attempt");
        return n == null ? 0 : n;
    }

    /** The answer's HTTP status, or null when none came. */
    public Integer getHttpStatus() {
        return count("httpStatus");
    }

    /** S, F or U, or null when the answer had no result. */
    public String getResultStatus() {
        return text("resultStatus");
    }

    /** Antom's resultCode, or null. */
    public String getResultCode() {
        return text("resultCode");
    }

    /** Whether the answer's signature verified, or null when it had no result. */
    public Boolean getVerified() {
        Object v = fields.get("verified");
        return v instanceof Boolean ? (Boolean) v : null;
    }

    /** What the attempt got, e.g. "HTTP 503". */
    public String getOutcome() {
        return text("outcome");
    }

    /** Send to answer (or to failure), in milliseconds. */
    public long getLatencyMs() {
        Object v = fields.get("latencyMs");
        return v instanceof Number ? ((Number) v).longValue() : 0;
    }

    /** The request's idempotency key (paymentRequestId, ...), or null. */
    public String getIdempotencyKey() {
        return text("idempotencyKey");
    }

    /** Whether another attempt follows. */
    public boolean isWillRetry() {
        return Boolean.TRUE.equals(fields.get("willRetry"));
    }

    /** Every field, as the core named it (camelCase). */
    public Map<String, Object> asMap() {
        return fields;
    }

    @Override
    public String toString() {
        return "antom " + getMethod() + " " + getPath() + " attempt " + getAttempt() + ": " + getOutcome() + " (" + getLatencyMs() + " ms)";
    }
}
