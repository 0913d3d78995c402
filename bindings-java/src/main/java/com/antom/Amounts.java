package com.antom;

import com.antom.internal.NativeLib;
import com.antom.internal.NativeLib.Buffer;

/**
 * Amounts by currency (ISO 4217 exponents): the decimal a person writes and the minor units of
 * {@code Amount.value}. {@code Amounts.toMinorUnits("USD", "19.99")} is {@code "1999"}; JPY 1999
 * is {@code "1999"}; KWD 1.999 is {@code "1999"}.
 */
public final class Amounts {
    private static final int TO_MINOR = 0;
    private static final int FROM_MINOR = 1;

    private Amounts() {
    }

    /**
     * A decimal amount ("19.99") in {@code currency} as minor units ("1999"); more decimals than
     * the currency has throws {@link InvalidInputException}, never rounded.
     */
    public static String toMinorUnits(String currency, String amount) {
        return convert(currency, amount, TO_MINOR);
    }

    /** Minor units ("1999") in {@code currency} as the decimal a person reads ("19.99"). */
    public static String fromMinorUnits(String currency, String minorUnits) {
        return convert(currency, minorUnits, FROM_MINOR);
    }

    private static String convert(String currency, String amount, int direction) {
        if (currency == null) {
            throw new NullPointerException("currency");
        }
        if (amount == null) {
            throw new NullPointerException("amount");
        }
        byte[] c = NativeLib.utf8(currency);
        byte[] a = NativeLib.utf8(amount);
        Buffer out = new Buffer();
        Buffer err = new Buffer();
        return NativeLib.check(NativeLib.lib().antom_amount_convert(c, c.length, a, a.length, direction, out, err), out, err);
    }
}
