namespace Antom
{
    /// <summary>Amounts by currency (ISO 4217 exponents): the decimal a person writes and the minor
    /// units of <c>Amount.Value</c>. <c>Amounts.ToMinorUnits("USD", "19.99")</c> is <c>"1999"</c>;
    /// JPY 1999 is <c>"1999"</c>; KWD 1.999 is <c>"1999"</c>.</summary>
    public static class Amounts
    {
        /// <summary>A decimal amount ("19.99") in <paramref name="currency"/> as minor units ("1999"); more
        /// decimals than the currency has throws <see cref="InvalidInputException"/>, never rounded.</summary>
        public static string ToMinorUnits(string currency, string amount)
        {
            return Convert(currency, amount, Native.AmountToMinor);
        }

        /// <summary>Minor units ("1999") in <paramref name="currency"/> as the decimal a person reads ("19.99").</summary>
        public static string FromMinorUnits(string currency, string minorUnits)
        {
            return Convert(currency, minorUnits, Native.AmountFromMinor);
        }

        private static string Convert(string currency, string amount, uint direction)
        {
            Signature.Require(currency, "currency");
            Signature.Require(amount, "amount");
            var c = Native.Utf8(currency);
            var a = Native.Utf8(amount);
            AntomBuffer output, error;
            var status = Native.antom_amount_convert(c, Native.Len(c), a, Native.Len(a), direction, out output, out error);
            return Native.Check(status, output, error);
        }
    }
}
