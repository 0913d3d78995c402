package com.antom.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of the core's views (a response, a notification, an error) as parsed JSON:
 * what the generated getters call. Internal: not part of the API.
 */
public final class Views {
    private Views() {
    }

    /** Headers as the views carry them ({@code [{"name", "value"}]}), as a read-only map. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> headers(Object v) {
        Map<String, String> out = new LinkedHashMap<String, String>();
        if (v instanceof List) {
            for (Object h : (List<Object>) v) {
                Map<String, Object> pair = (Map<String, Object>) h;
                out.put((String) pair.get("name"), (String) pair.get("value"));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** A list of lines, read-only. */
    @SuppressWarnings("unchecked")
    public static List<String> lines(Object v) {
        List<String> out = new ArrayList<String>();
        if (v instanceof List) {
            for (Object line : (List<Object>) v) {
                out.add(String.valueOf(line));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** A JSON object, or an empty one for anything else. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object v) {
        return v instanceof Map ? (Map<String, Object>) v : new LinkedHashMap<String, Object>();
    }
}
