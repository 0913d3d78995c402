//! Fault injection by magic amounts (as Antom's old online sandbox did) or armed per path.

/// `U` `UNKNOWN_EXCEPTION`; the payment still succeeds a moment later.
pub const UNKNOWN: u32 = 9901;
/// The response is held past the client's timeout; the payment is still created.
pub const SLOW: u32 = 9902;
/// The response signature is corrupted.
pub const BAD_SIGNATURE: u32 = 9903;
/// An `S` response without signature headers.
pub const UNSIGNED: u32 = 9904;
/// HTTP 500 on the first attempt, normal on a retry.
pub const HTTP_500: u32 = 9905;
/// `F` `USER_BALANCE_NOT_ENOUGH`.
pub const BALANCE: u32 = 9906;
/// The payment notification's signature is corrupted.
pub const BAD_NOTIFICATION: u32 = 9907;
/// A correctly signed HTTP 200 whose body is not JSON (a gateway error page); the business
/// outcome still happens.
pub const NOT_JSON: u32 = 9908;

/// Every fault code the simulator knows.
pub const ALL: [u32; 8] = [
    UNKNOWN,
    SLOW,
    BAD_SIGNATURE,
    UNSIGNED,
    HTTP_500,
    BALANCE,
    BAD_NOTIFICATION,
    NOT_JSON,
];

/// Faults applied to the HTTP response itself rather than to the business outcome.
pub fn is_response_fault(code: u32) -> bool {
    matches!(code, SLOW | BAD_SIGNATURE | UNSIGNED | HTTP_500 | NOT_JSON)
}

/// The fault a pay amount asks for.
pub fn from_amount(value: u64) -> Option<u32> {
    let v = u32::try_from(value).ok()?;
    ALL.contains(&v).then_some(v)
}
