package com.antom.models;

/**
 * A schema enum that stays open: the known values are static members of each subclass, and a
 * value Antom adds later is kept as its string. Compared by value.
 */
public abstract class OpenEnum {
    private final String value;

    protected OpenEnum(String value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        this.value = value;
    }

    /** The value on the wire. */
    public final String getValue() {
        return value;
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && ((OpenEnum) other).value.equals(value);
    }

    @Override
    public final int hashCode() {
        return value.hashCode();
    }

    @Override
    public final String toString() {
        return value;
    }
}
