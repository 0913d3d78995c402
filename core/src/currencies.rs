//! ISO 4217: the currencies with a minor unit and how many decimal places each has. A code not
//! here (a typo such as "JYP", a metal such as XAU, a fund code with no minor unit) has no
//! exponent, so no amount in it can be converted: guessing 2 would turn JPY 1999 into 199900.

/// Currencies whose minor unit is the major unit (0 decimal places).
const ZERO: [&str; 17] = [
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
    "VUV", "XAF", "XOF", "XPF",
];

/// Currencies with 3 decimal places.
const THREE: [&str; 7] = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

/// Currencies with 4 decimal places.
const FOUR: [&str; 2] = ["CLF", "UYW"];

/// Currencies with 2 decimal places: every other active code, and codes withdrawn recently
/// enough that an older order may still carry them (ANG, CUC, HRK, SLL, ZWL).
const TWO: [&str; 144] = [
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF",
    "CHE", "CHF", "CHW", "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK", "DKK", "DOP",
    "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ",
    "GYD", "HKD", "HNL", "HRK", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS",
    "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD",
    "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
    "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON", "RSD",
    "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP",
    "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH",
    "USD", "USN", "UYU", "UZS", "VED", "VES", "WST", "XCD", "XCG", "YER", "ZAR", "ZMW", "ZWG",
    "ZWL",
];

/// How many decimal places `code` (upper case) has, or `None` when it is not a currency with a
/// minor unit.
pub(crate) fn exponent(code: &str) -> Option<usize> {
    [
        (&ZERO[..], 0),
        (&TWO[..], 2),
        (&THREE[..], 3),
        (&FOUR[..], 4),
    ]
    .into_iter()
    .find(|(codes, _)| codes.contains(&code))
    .map(|(_, digits)| digits)
}

#[cfg(test)]
mod tests {
    use super::{exponent, FOUR, THREE, TWO, ZERO};

    #[test]
    fn each_code_has_one_exponent() {
        let mut all: Vec<&str> = [&ZERO[..], &TWO[..], &THREE[..], &FOUR[..]].concat();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n, "a code stands in two lists");
        assert!(all
            .iter()
            .all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())));
        assert_eq!(exponent("JPY"), Some(0));
        assert_eq!(exponent("KWD"), Some(3));
        assert_eq!(exponent("XAU"), None);
        assert_eq!(exponent("JYP"), None);
    }
}
