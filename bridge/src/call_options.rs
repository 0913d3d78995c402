//! Per-call options as every binding receives them: extra headers, a timeout and a retry limit,
//! named as in the client options (`timeout`, `max_retries`) and checked by the same rules, then
//! handed to the core's [`antom::CallOptions`], which refuses headers the SDK owns.

use antom::{CallOptions, Result, MAX_RETRIES};
use serde_json::Value;

use crate::input;
use crate::options::{count, seconds, Naming};

/// The per-call option names (snake_case; each binding spells them in its own case) and docs.
pub const CALL_OPTIONS: [(&str, &str); 3] = [
    (
        "headers",
        "Extra HTTP headers for this call (not Signature, Request-Time, Client-Id or Content-Type).",
    ),
    (
        "timeout",
        "Seconds one attempt of this call may take (instead of the client's timeout).",
    ),
    (
        "max_retries",
        "Retries for this call, 0 to 10 (instead of the client's limit).",
    ),
];

/// Builds call options from what a binding read: headers as pairs, a timeout in seconds and a
/// retry count as numbers (a fractional or negative count is refused, never truncated).
pub fn call_options(
    naming: Naming,
    headers: Vec<(String, String)>,
    timeout: Option<f64>,
    max_retries: Option<f64>,
) -> Result<CallOptions> {
    let mut options = CallOptions::new();
    for (name, value) in headers {
        options = options.header(name, value);
    }
    if let Some(t) = timeout {
        options = options.timeout(seconds(naming, "timeout", t)?);
    }
    if let Some(n) = max_retries {
        options = options.max_retries(count(naming, "max_retries", n, MAX_RETRIES)?);
    }
    Ok(options)
}

/// Call options from JSON (the C ABI): `{"headers": {"X-A": "1"}, "timeout": 5, "maxRetries": 0}`;
/// an empty text or `null` is none.
pub fn call_options_from_json(text: &str) -> Result<CallOptions> {
    let text = text.trim();
    if text.is_empty() || text == "null" {
        return Ok(CallOptions::new());
    }
    let value: Value = serde_json::from_str(text)
        .map_err(|e| input(format!("the call options are not valid JSON: {e}")))?;
    call_options_from_value(value, Naming::Camel)
}

/// Call options from a JSON object whose names are spelled by `naming` (camelCase for PHP
/// arrays, Node objects and the C ABI's JSON; snake_case for Python's dict): the one reader
/// every binding uses.
pub fn call_options_from_value(value: Value, naming: Naming) -> Result<CallOptions> {
    let Value::Object(map) = value else {
        return Err(input("the call options must be a JSON object"));
    };
    let mut headers = Vec::new();
    let mut timeout = None;
    let mut max_retries = None;
    for (key, v) in map {
        let Some((name, _)) = CALL_OPTIONS.iter().find(|(n, _)| naming.spell(n) == key) else {
            return Err(unknown(naming, &key));
        };
        let number = || {
            v.as_f64()
                .ok_or_else(|| input(format!("{key} must be a number")))
        };
        match *name {
            // PHP writes an empty array for `[]`: no headers.
            "headers" if v.as_array().is_some_and(Vec::is_empty) => {}
            "headers" => {
                let Value::Object(h) = v else {
                    return Err(input("headers must be an object of header names to text"));
                };
                for (name, value) in h {
                    let Value::String(value) = value else {
                        return Err(input(format!("the {name} header value must be text")));
                    };
                    headers.push((name, value));
                }
            }
            "timeout" => timeout = Some(number()?),
            "max_retries" => max_retries = Some(number()?),
            // A row added to CALL_OPTIONS without its arm here is refused, never misread.
            _ => return Err(unknown(naming, &key)),
        }
    }
    call_options(naming, headers, timeout, max_retries)
}

/// An error for a name no call option has, listing those there are.
pub fn unknown(naming: Naming, name: &str) -> antom::Error {
    input(format!(
        "unknown call option '{}'; accepted: {}",
        name.chars().take(40).collect::<String>(),
        CALL_OPTIONS.map(|(n, _)| naming.spell(n)).join(", ")
    ))
}
