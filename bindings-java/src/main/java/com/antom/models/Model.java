package com.antom.models;

import com.antom.internal.Json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A typed object of Antom's API (the generated classes of this package). Parsing never fails on
 * a field: one this version does not know, or one whose value is not of the schema's type (the
 * official SDKs disagree on a few: a tax amount is an Amount in one and a string in two), is
 * kept as received in {@link #getExtra()} and written back unchanged.
 */
public abstract class Model {
    private final Map<String, Object> extra = new LinkedHashMap<String, Object>();

    /** Fields this version does not know, or of the other form, as received. */
    public final Map<String, Object> getExtra() {
        return extra;
    }

    /** Reads this type's fields, removing each it takes from {@code m}. */
    protected abstract void readFields(Map<String, Object> m);

    /** Writes this type's set fields to {@code out}. */
    protected abstract void writeFields(Map<String, Object> out);

    private static final int MAX_DEPTH = 128;
    private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    /**
     * The wire object Antom reads: unset fields left out, {@code extra} kept. A model nested
     * deeper than 128 levels (or holding itself) is refused with {@link Json.TooDeep}, never a
     * stack overflow.
     */
    public final Map<String, Object> toMap() {
        int[] depth = DEPTH.get();
        if (++depth[0] > MAX_DEPTH) {
            depth[0]--;
            throw new Json.TooDeep();
        }
        try {
            Map<String, Object> out = new LinkedHashMap<String, Object>(extra);
            writeFields(out);
            return out;
        } finally {
            depth[0]--;
        }
    }

    /** The JSON text of {@link #toMap()}. */
    public final String toJson() {
        return Json.write(toMap());
    }

    /**
     * The class and the names of the fields that are set, never their values: a model can hold
     * card numbers and tokens, and a log line must not.
     */
    @Override
    public String toString() {
        Map<String, Object> set = new LinkedHashMap<String, Object>();
        writeFields(set);
        return getClass().getSimpleName() + set.keySet() + (extra.isEmpty() ? "" : " extra" + extra.keySet());
    }

    /** Fills {@code model} from a wire object and returns it. */
    public static <T extends Model> T fromMap(Map<String, Object> m, T model) {
        Map<String, Object> rest = new LinkedHashMap<String, Object>(m);
        model.readFields(rest);
        model.getExtra().putAll(rest);
        return model;
    }

    /** Fills {@code model} from JSON text (an object) and returns it. */
    public static <T extends Model> T fromJson(String json, T model) {
        return fromMap(Json.parseObject(json), model);
    }

    /** A maker of empty models, for nested fields. */
    public interface Maker<T> {
        T make();
    }

    /** A reader of an open enum from its string. */
    public interface Of<E> {
        E of(String value);
    }

    // Readers: each takes the field from `m` only when its value is of the schema's type, so a
    // value of the other form stays in `m` and becomes extra.

    protected static String text(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v instanceof String ? (String) m.remove(k) : null;
    }

    protected static Long integer(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v instanceof Long ? (Long) m.remove(k) : null;
    }

    protected static BigDecimal number(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v instanceof Long) {
            m.remove(k);
            return BigDecimal.valueOf((Long) v);
        }
        return v instanceof BigDecimal ? (BigDecimal) m.remove(k) : null;
    }

    protected static Boolean bool(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v instanceof Boolean ? (Boolean) m.remove(k) : null;
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> object(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v instanceof Map ? (Map<String, Object>) m.remove(k) : null;
    }

    @SuppressWarnings("unchecked")
    protected static <T extends Model> T model(Map<String, Object> m, String k, Maker<T> make) {
        Object v = m.get(k);
        return v instanceof Map ? fromMap((Map<String, Object>) m.remove(k), make.make()) : null;
    }

    protected static <E> E enumOf(Map<String, Object> m, String k, Of<E> of) {
        String v = text(m, k);
        return v == null ? null : of.of(v);
    }

    @SuppressWarnings("unchecked")
    protected static <T extends Model> List<T> models(Map<String, Object> m, String k, Maker<T> make) {
        return mapped(m, k, Map.class, item -> fromMap((Map<String, Object>) item, make.make()));
    }

    protected static <E> List<E> enums(Map<String, Object> m, String k, Of<E> of) {
        return mapped(m, k, String.class, item -> of.of((String) item));
    }

    @SuppressWarnings("unchecked")
    protected static <V> List<V> list(Map<String, Object> m, String k, Class<V> type) {
        return mapped(m, k, type, item -> type == BigDecimal.class && item instanceof Long ? (V) BigDecimal.valueOf((Long) item) : (V) item);
    }

    /** The list at `k`, each item read by `read`, when every item is of `type`. */
    private static <V> List<V> mapped(Map<String, Object> m, String k, Class<?> type, java.util.function.Function<Object, V> read) {
        List<Object> items = items(m, k, type);
        if (items == null) {
            return null;
        }
        List<V> out = new ArrayList<V>(items.size());
        for (Object item : items) {
            out.add(read.apply(item));
        }
        return out;
    }

    /** The list at `k` when every item is of `type` (numbers: Long or BigDecimal). */
    @SuppressWarnings("unchecked")
    private static List<Object> items(Map<String, Object> m, String k, Class<?> type) {
        Object v = m.get(k);
        if (!(v instanceof List)) {
            return null;
        }
        for (Object item : (List<Object>) v) {
            boolean ok = type == BigDecimal.class ? item instanceof Long || item instanceof BigDecimal : type.isInstance(item);
            if (!ok && type != Object.class) {
                return null;
            }
        }
        m.remove(k);
        return (List<Object>) v;
    }

    /** Writes a set field: models as objects, open enums as their strings, lists item by item. */
    protected static void put(Map<String, Object> out, String k, Object v) {
        if (v != null) {
            out.put(k, wire(v));
        }
    }

    private static Object wire(Object v) {
        if (v instanceof Model) {
            return ((Model) v).toMap();
        }
        if (v instanceof OpenEnum) {
            return ((OpenEnum) v).getValue();
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<Object>();
            for (Object item : (List<?>) v) {
                out.add(wire(item));
            }
            return Collections.unmodifiableList(out);
        }
        return v;
    }
}
