//! Per-call options as every binding receives them: extra headers, a timeout and a retry limit,
//! named as in the client options (`timeout`, `max_retries`) and checked by the same rules, then
//! handed to the core's [`antom::CallOptions`], which refuses headers the SDK owns.

use std::time::Duration;

use antom::{CallOptions, Result, MAX_RETRIES};
use serde_json::Value;

use crate::input;
use crate::options::{count, seconds, Naming};

/// How a per-call option is taken, and where it lands in [`CallOptions`].
#[derive(Clone, Copy)]
pub enum CallKind {
    /// Extra headers: an object of names to text.
    Headers,
    /// Seconds, checked like the client's timeouts.
    Seconds(fn(CallOptions, Duration) -> CallOptions),
    /// A whole number from 0 to the bound.
    Count(u32, fn(CallOptions, u32) -> CallOptions),
}

impl std::fmt::Debug for CallKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CallKind::Headers => "CallKind::Headers",
            CallKind::Seconds(_) => "CallKind::Seconds",
            CallKind::Count(..) => "CallKind::Count",
        })
    }
}

/// One per-call option: its name (snake_case; each binding spells it in its own case), its doc
/// and its kind, from which the generator types it in every language.
#[derive(Debug)]
pub struct CallOption {
    pub name: &'static str,
    pub doc: &'static str,
    pub kind: CallKind,
}

/// The per-call options: adding one is adding its row (and `make codegen`).
pub const CALL_OPTIONS: [CallOption; 3] = [
    CallOption {
        name: "headers",
        doc: "Extra HTTP headers for this call (not Signature, Request-Time, Client-Id or Content-Type).",
        kind: CallKind::Headers,
    },
    CallOption {
        name: "timeout",
        doc: "Seconds one attempt of this call may take (instead of the client's timeout).",
        kind: CallKind::Seconds(CallOptions::timeout),
    },
    CallOption {
        name: "max_retries",
        doc: "Retries for this call, 0 to 10 (instead of the client's limit).",
        kind: CallKind::Count(MAX_RETRIES, CallOptions::max_retries),
    },
];

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
    let mut options = CallOptions::new();
    for (key, v) in map {
        let Some(row) = CALL_OPTIONS.iter().find(|o| naming.spell(o.name) == key) else {
            return Err(unknown(naming, &key));
        };
        let number = || {
            v.as_f64()
                .ok_or_else(|| input(format!("{key} must be a number")))
        };
        options = match row.kind {
            CallKind::Headers => with_headers(options, v)?,
            CallKind::Seconds(set) => set(options, seconds(naming, row.name, number()?)?),
            CallKind::Count(max, set) => set(options, count(naming, row.name, number()?, max)?),
        };
    }
    Ok(options)
}

/// Extra headers from an object of names to text (PHP writes an empty array for `[]`: none).
fn with_headers(mut options: CallOptions, value: Value) -> Result<CallOptions> {
    if value.as_array().is_some_and(Vec::is_empty) {
        return Ok(options);
    }
    let Value::Object(h) = value else {
        return Err(input("headers must be an object of header names to text"));
    };
    for (name, value) in h {
        let Value::String(value) = value else {
            return Err(input(format!("the {name} header value must be text")));
        };
        options = options.header(name, value);
    }
    Ok(options)
}

/// An error for a name no call option has, listing those there are.
pub fn unknown(naming: Naming, name: &str) -> antom::Error {
    input(format!(
        "unknown call option '{}'; accepted: {}",
        name.chars().take(40).collect::<String>(),
        CALL_OPTIONS.map(|o| naming.spell(o.name)).join(", ")
    ))
}
