//! What an API handler answers, before the protocol layer signs it: the reply, the `result`
//! object, and the time and key formats Antom uses. Handlers depend on this module only; the
//! router (`protocol.rs`) depends on the handlers, never the other way round.

use serde_json::{json, Value};

/// What an API handler decided, before signing.
pub struct Reply {
    pub body: Value,
    /// A response fault to apply (9902 slow, 9903 bad signature, 9904 unsigned, 9905 HTTP 500).
    pub fault: Option<u32>,
}

impl Reply {
    pub fn ok(body: Value) -> Reply {
        Reply { body, fault: None }
    }
}

/// `{"result": {...}}` plus fields.
pub fn result(status: &str, code: &str, message: &str) -> Value {
    json!({"result": {"resultCode": code, "resultStatus": status, "resultMessage": message}})
}

pub fn success(mut fields: Value) -> Value {
    if let Value::Object(map) = &mut fields {
        map.insert(
            "result".into(),
            json!({"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"}),
        );
    }
    fields
}

pub fn fail(code: &str, message: &str) -> Reply {
    Reply::ok(result("F", code, message))
}

pub fn iso_now() -> String {
    let now = time::OffsetDateTime::now_utc();
    now.format(&time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
    ))
    .unwrap_or_default()
}

pub fn public_pem(key: &antom::PrivateKey) -> antom::Result<String> {
    Ok(key.public_key()?.to_pem())
}
