//! Amounts by currency: the decimal a person writes ("19.99") to the string of minor units
//! Antom's `Amount.value` carries ("1999") and back, by the currency's ISO 4217 exponent (USD
//! 19.99 is "1999", JPY 1999 is "1999", KWD 1.999 is "1999").
//!
//! Both directions refuse what they cannot convert exactly: a code that is not an ISO 4217
//! currency with a minor unit (a typo such as "JYP" must not become a 2-decimal currency and
//! charge 100 times the yen amount), more decimals than the currency has (USD "19.999" would lose
//! a tenth of a cent, so it is an error, never rounded), signs, exponents, separators, anything
//! but ASCII digits, and more minor-unit digits than `Amount.value` holds. Every binding calls
//! these two functions, so a currency's exponent is decided in one place.

use crate::currencies::exponent;
use crate::{Error, ErrorKind, Result};

/// The most digits an amount in minor units has: Antom's `Amount.value` is a string of at most
/// 16 characters.
const MAX_DIGITS: usize = 16;

/// The longest text read as an amount (leading zeros included): bounds the work on any input.
const MAX_INPUT: usize = 32;

fn invalid(message: String) -> Error {
    Error::new(ErrorKind::InvalidInput, message)
}

/// A currency code (any case) and its number of decimal places.
fn currency_code(currency: &str) -> Result<(String, usize)> {
    let code = currency.to_ascii_uppercase();
    let known = (code.len() == 3).then(|| exponent(&code)).flatten();
    known.map(|digits| (code, digits)).ok_or_else(|| {
        invalid("a currency is an ISO 4217 code with a minor unit, such as USD, JPY or KWD".into())
    })
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// A decimal `amount` in `currency` as minor units, the form of `Amount.value`.
///
/// ```
/// use antom::amounts::to_minor_units;
/// assert_eq!(to_minor_units("USD", "19.99")?, "1999");
/// assert_eq!(to_minor_units("USD", "19.9")?, "1990");
/// assert_eq!(to_minor_units("usd", "0.05")?, "5");
/// assert_eq!(to_minor_units("JPY", "1999")?, "1999");
/// assert_eq!(to_minor_units("KWD", "1.999")?, "1999");
/// assert!(to_minor_units("USD", "19.999").is_err()); // never rounded
/// assert!(to_minor_units("JPY", "19.5").is_err());
/// assert!(to_minor_units("USD", "-1").is_err());
/// # Ok::<(), antom::Error>(())
/// ```
pub fn to_minor_units(currency: &str, amount: &str) -> Result<String> {
    let (code, digits) = currency_code(currency)?;
    let (whole, fraction) = amount.split_once('.').unwrap_or((amount, ""));
    let plain =
        (!whole.is_empty() || !fraction.is_empty()) && all_digits(whole) && all_digits(fraction);
    if !plain || amount.len() > MAX_INPUT {
        return Err(invalid(
            "an amount is a plain decimal such as 19.99 (digits and at most one point, no sign)"
                .into(),
        ));
    }
    if fraction.len() > digits {
        return Err(invalid(format!(
            "{code} has {digits} decimal places; the amount has {} (it is never rounded)",
            fraction.len()
        )));
    }
    let minor = format!("{whole}{fraction:0<digits$}");
    let minor = minor.trim_start_matches('0');
    if minor.len() > MAX_DIGITS {
        return Err(invalid(format!(
            "the amount has more than {MAX_DIGITS} digits in minor units"
        )));
    }
    Ok(if minor.is_empty() { "0" } else { minor }.to_string())
}

/// `minor_units` in `currency` (an `Amount.value`) as the decimal a person reads, with exactly
/// the currency's decimal places.
///
/// ```
/// use antom::amounts::from_minor_units;
/// assert_eq!(from_minor_units("USD", "1999")?, "19.99");
/// assert_eq!(from_minor_units("USD", "5")?, "0.05");
/// assert_eq!(from_minor_units("JPY", "1999")?, "1999");
/// assert_eq!(from_minor_units("KWD", "1999")?, "1.999");
/// assert!(from_minor_units("USD", "19.99").is_err()); // minor units have no point
/// # Ok::<(), antom::Error>(())
/// ```
pub fn from_minor_units(currency: &str, minor_units: &str) -> Result<String> {
    let (_, digits) = currency_code(currency)?;
    let minor = minor_units.trim_start_matches('0');
    if minor_units.is_empty()
        || minor_units.len() > MAX_INPUT
        || minor.len() > MAX_DIGITS
        || !all_digits(minor)
    {
        return Err(invalid(format!(
            "minor units are a string of at most {MAX_DIGITS} digits such as 1999"
        )));
    }
    let padded = format!("{minor:0>width$}", width = digits + 1);
    if digits == 0 {
        return Ok(padded);
    }
    let (major, fraction) = padded.split_at(padded.len() - digits);
    Ok(format!("{major}.{fraction}"))
}

#[cfg(test)]
mod tests {
    use super::{from_minor_units, to_minor_units};
    use crate::ErrorKind;

    #[test]
    fn round_trips_by_each_exponent() {
        for (currency, decimal, minor) in [
            ("USD", "19.99", "1999"),
            ("USD", "0.00", "0"),
            ("USD", "1000000.01", "100000001"),
            ("JPY", "1999", "1999"),
            ("KRW", "0", "0"),
            ("KWD", "1.999", "1999"),
            ("BHD", "0.001", "1"),
            ("CLF", "1.0001", "10001"),
        ] {
            assert_eq!(to_minor_units(currency, decimal).unwrap(), minor);
            assert_eq!(from_minor_units(currency, minor).unwrap(), decimal);
        }
    }

    #[test]
    fn shorter_and_padded_forms_are_read() {
        assert_eq!(to_minor_units("USD", "19").unwrap(), "1900");
        assert_eq!(to_minor_units("USD", "19.").unwrap(), "1900");
        assert_eq!(to_minor_units("USD", ".5").unwrap(), "50");
        assert_eq!(to_minor_units("USD", "007.10").unwrap(), "710");
        assert_eq!(from_minor_units("USD", "0005").unwrap(), "0.05");
    }

    #[test]
    fn what_cannot_be_exact_is_an_input_error() {
        for (currency, decimal) in [
            ("USD", "19.999"),
            ("USD", "19.990"),
            ("JPY", "1.0"),
            ("KWD", "1.9999"),
            ("USD", ""),
            ("USD", "."),
            ("USD", "-1"),
            ("USD", "+1"),
            ("USD", "1e3"),
            ("USD", "1,000.00"),
            ("USD", " 1"),
            ("USD", "1.2.3"),
            ("USD", "١٢"),
            ("US", "1"),
            ("US1", "1"),
            ("USDX", "1"),
            ("JYP", "1999"),
            ("XAU", "1.5"),
        ] {
            let e = to_minor_units(currency, decimal).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidInput, "{currency} {decimal}");
        }
        let long = "9".repeat(17);
        assert!(to_minor_units("USD", &long).is_err());
        for minor in ["", "19.99", "-5", "1e3", long.as_str()] {
            assert_eq!(
                from_minor_units("USD", minor).unwrap_err().kind(),
                ErrorKind::InvalidInput
            );
        }
    }

    #[test]
    fn the_error_says_how_many_places_the_currency_has() {
        let e = to_minor_units("JPY", "19.5").unwrap_err();
        assert!(e.message().contains("JPY has 0 decimal places"), "{e}");
    }
}
