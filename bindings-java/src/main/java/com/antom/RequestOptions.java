package com.antom;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options for one call: extra headers, a timeout and a retry budget, over the client's own.
 * {@code RequestOptions.builder().header("X-Trace-Id", "t-1").timeout(Duration.ofSeconds(5)).maxRetries(0).build()}
 */
public final class RequestOptions {
    private final Map<String, Object> wire;

    private RequestOptions(Map<String, Object> wire) {
        this.wire = wire;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The options as the core reads them (headers, timeout in seconds, maxRetries). */
    Map<String, Object> toWire() {
        return wire;
    }

    /** Builds {@link RequestOptions}; the core checks the values. */
    public static final class Builder {
        private final Map<String, Object> headers = new LinkedHashMap<String, Object>();
        private final Map<String, Object> wire = new LinkedHashMap<String, Object>();

        private Builder() {
        }

        public Builder header(String name, String value) {
            headers.put(Signature.require(name, "name"), Signature.require(value, "value"));
            return this;
        }

        public Builder timeout(Duration timeout) {
            if (timeout == null) {
                throw new NullPointerException("timeout");
            }
            wire.put("timeout", seconds(timeout));
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            wire.put("maxRetries", (long) maxRetries);
            return this;
        }

        public RequestOptions build() {
            Map<String, Object> out = new LinkedHashMap<String, Object>(wire);
            if (!headers.isEmpty()) {
                out.put("headers", new LinkedHashMap<String, Object>(headers));
            }
            return new RequestOptions(out);
        }
    }

    static java.math.BigDecimal seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.getSeconds()).add(java.math.BigDecimal.valueOf(d.getNano(), 9));
    }
}
