//! Reading a request's fields as Antom does (a missing or empty required field is PARAM_ILLEGAL;
//! an amount is a positive string of minor units), and the answer type every API handler
//! returns. A leaf module: payments, fulfilment and reserve all read requests through it.

use serde_json::{json, Value};

use crate::reply::{fail, Reply};

pub(crate) type Outcome = Result<Reply, Reply>;

pub(crate) fn text<'a>(req: &'a Value, field: &str) -> Result<&'a str, Reply> {
    let mut v = req;
    for part in field.split('.') {
        v = v.get(part).ok_or_else(|| missing(field))?;
    }
    v.as_str()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| missing(field))
}

pub(crate) fn missing(field: &str) -> Reply {
    fail(
        "PARAM_ILLEGAL",
        &format!("the required field {field} is missing or empty"),
    )
}

/// Reads `<field>.currency` and `<field>.value` (a string of minor units).
pub(crate) fn amount(req: &Value, field: &str) -> Result<(String, u64), Reply> {
    let currency = text(req, &format!("{field}.currency"))?.to_string();
    let value = text(req, &format!("{field}.value"))?;
    let parsed = value
        .parse::<u64>()
        .ok()
        .filter(|v| *v > 0)
        .ok_or_else(|| {
            fail(
                "PARAM_ILLEGAL",
                &format!("{field}.value must be a positive integer string of minor units"),
            )
        })?;
    Ok((currency, parsed))
}

pub(crate) fn amount_json(currency: &str, value: u64) -> Value {
    json!({"currency": currency, "value": value.to_string()})
}

pub(crate) fn new_id(prefix: &str) -> String {
    format!("{prefix}{:016x}", rand::random::<u64>())
}
