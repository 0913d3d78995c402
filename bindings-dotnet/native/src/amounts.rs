//! Amounts by currency over the C ABI: one function for both directions of the core's
//! conversion (antom::amounts), so C#, Java and C share it.

use crate::{guard, required, AntomBuffer, AntomStatus};

/// `direction` of [`antom_amount_convert`]: a decimal ("19.99") to minor units ("1999").
pub const ANTOM_AMOUNT_TO_MINOR: u32 = 0;
/// `direction` of [`antom_amount_convert`]: minor units ("1999") to the decimal ("19.99").
pub const ANTOM_AMOUNT_FROM_MINOR: u32 = 1;

/// Converts `amount` in `currency` (a three-letter ISO 4217 code) by the currency's exponent,
/// into `out` as UTF-8. More decimals than the currency has is an `INVALID_INPUT` error, never
/// rounded; so is an unknown `direction`.
///
/// # Safety
/// Every (pointer, length) pair must describe readable memory; `out`/`err` must be null or
/// valid for writes.
#[no_mangle]
pub unsafe extern "C" fn antom_amount_convert(
    currency: *const u8,
    currency_len: usize,
    amount: *const u8,
    amount_len: usize,
    direction: u32,
    out: *mut AntomBuffer,
    err: *mut AntomBuffer,
) -> AntomStatus {
    // SAFETY: forwarded contract for every pointer.
    unsafe {
        guard(out, err, || {
            let currency = required(currency, currency_len, "currency")?;
            let amount = required(amount, amount_len, "amount")?;
            let converted = match direction {
                ANTOM_AMOUNT_TO_MINOR => antom::amounts::to_minor_units(currency, amount),
                ANTOM_AMOUNT_FROM_MINOR => antom::amounts::from_minor_units(currency, amount),
                other => Err(crate::input(format!(
                    "direction {other} is neither ANTOM_AMOUNT_TO_MINOR (0) nor ANTOM_AMOUNT_FROM_MINOR (1)"
                ))),
            };
            converted.map(String::into_bytes)
        })
    }
}
