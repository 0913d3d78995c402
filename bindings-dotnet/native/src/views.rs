//! What crosses the C ABI as data, written and read by serde: the JSON detail of an error, a
//! response and a notification, and the notification headers a caller passes in. C# reads and
//! writes the same shapes with `DataContractJsonSerializer` (Views.cs); nothing is written by hand.

use serde::{Deserialize, Serialize};

/// One HTTP header (response headers out, notification headers in).
#[derive(Debug, Serialize, Deserialize)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// An error's detail: kind, message and every piece of context the core kept.
#[derive(Debug, Serialize)]
pub struct ErrorView {
    pub kind: String,
    pub message: String,
    pub http_status: Option<u16>,
    pub raw: Option<String>,
    pub idempotency_key: Option<String>,
    pub result_code: Option<String>,
    pub attempts: Option<u32>,
    pub outcome_unknown: bool,
    pub attempt_history: Vec<String>,
}

impl ErrorView {
    pub fn of(e: &antom::Error) -> Self {
        ErrorView {
            kind: e.kind().as_str().to_string(),
            message: e.to_string(),
            http_status: e.http_status(),
            raw: e.raw_body().map(str::to_string),
            idempotency_key: e.idempotency_key().map(str::to_string),
            result_code: e.result_code().map(str::to_string),
            attempts: e.attempts(),
            outcome_unknown: e.is_outcome_unknown(),
            attempt_history: e.attempt_history().iter().map(|a| a.to_string()).collect(),
        }
    }

    /// A panic caught at the boundary.
    pub fn panic() -> Self {
        ErrorView {
            kind: "PANIC".into(),
            message: "internal error in the antom library (caught)".into(),
            http_status: None,
            raw: None,
            idempotency_key: None,
            result_code: None,
            attempts: None,
            outcome_unknown: false,
            attempt_history: Vec::new(),
        }
    }
}

/// A response: the typed result, the verdict flags and the raw body.
#[derive(Debug, Serialize)]
pub struct ResponseView {
    pub result_status: &'static str,
    pub result_code: String,
    pub result_message: String,
    pub verified: bool,
    pub is_failure: bool,
    pub is_unknown: bool,
    pub raw: String,
    pub http_status: u16,
    pub headers: Vec<Header>,
    pub attempts: u32,
    pub idempotency_key: Option<String>,
}

impl ResponseView {
    pub fn of(r: &antom::Response) -> Self {
        ResponseView {
            result_status: r.result_status().as_str(),
            result_code: r.result_code().to_string(),
            result_message: r.result_message().to_string(),
            verified: r.verified(),
            is_failure: r.is_failure(),
            is_unknown: r.is_unknown(),
            raw: r.raw().to_string(),
            http_status: r.http_status(),
            headers: r
                .headers()
                .iter()
                .map(|(name, value)| Header {
                    name: name.clone(),
                    value: value.clone(),
                })
                .collect(),
            attempts: r.attempts(),
            idempotency_key: r.idempotency_key().map(str::to_string),
        }
    }
}

/// A verified notification.
#[derive(Debug, Serialize)]
pub struct NotificationView {
    pub kind: String,
    pub result_status: Option<&'static str>,
    pub result_code: Option<String>,
    pub raw: String,
    pub client_id: String,
    pub request_time: String,
}

impl NotificationView {
    pub fn of(n: antom::Notification) -> Self {
        NotificationView {
            result_status: n.result.as_ref().map(|r| r.status.as_str()),
            result_code: n.result.as_ref().map(|r| r.code.clone()),
            kind: n.kind,
            raw: n.raw,
            client_id: n.client_id,
            request_time: n.request_time,
        }
    }
}

/// Serializes a view. serde_json cannot fail on these plain structs; should it ever, the
/// caller still gets a well-formed detail rather than a panic.
pub fn to_json<T: Serialize>(v: &T) -> Vec<u8> {
    serde_json::to_vec(v).unwrap_or_else(|_| {
        br#"{"kind":"PANIC","message":"the detail could not be serialized","outcome_unknown":false,"attempt_history":[]}"#
            .to_vec()
    })
}
