//! What a binding hands to its language, as plain serializable data: a response, a notification
//! and an error, each flattened once here. Field names serialize in camel case (the JSON the C
//! ABI writes and Node receives); Python and PHP read the fields directly.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::families::family_of;

/// One HTTP header.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// A response from Antom: the typed result, the verdict flags (decided by the core) and the
/// raw body.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseView {
    pub result_status: String,
    pub result_code: String,
    pub result_message: String,
    pub verified: bool,
    pub http_status: u16,
    pub attempts: u32,
    pub idempotency_key: Option<String>,
    pub is_success: bool,
    pub is_failure: bool,
    pub is_unknown: bool,
    pub data: Value,
    pub raw: String,
    pub headers: Vec<Header>,
}

impl From<antom::Response> for ResponseView {
    fn from(r: antom::Response) -> Self {
        ResponseView {
            result_status: r.result_status().as_str().to_string(),
            result_code: r.result_code().to_string(),
            result_message: r.result_message().to_string(),
            verified: r.verified(),
            http_status: r.http_status(),
            attempts: r.attempts(),
            idempotency_key: r.idempotency_key().map(str::to_string),
            is_success: r.is_success(),
            is_failure: r.is_failure(),
            is_unknown: r.is_unknown(),
            headers: r
                .headers()
                .iter()
                .map(|(name, value)| Header {
                    name: name.clone(),
                    value: value.clone(),
                })
                .collect(),
            data: r.data().clone(),
            raw: r.raw().to_string(),
        }
    }
}

/// A verified notification.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationView {
    pub kind: String,
    pub result_status: Option<String>,
    pub result_code: Option<String>,
    pub data: Value,
    pub raw: String,
    pub client_id: String,
    pub request_time: String,
}

impl From<antom::Notification> for NotificationView {
    fn from(n: antom::Notification) -> Self {
        NotificationView {
            kind: n.kind,
            result_status: n.result.as_ref().map(|r| r.status.as_str().to_string()),
            result_code: n.result.as_ref().map(|r| r.code.clone()),
            data: n.data,
            raw: n.raw,
            client_id: n.client_id,
            request_time: n.request_time,
        }
    }
}

/// An error: its stable kind, the family that picks its class in every language, and every
/// piece of context the core kept.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorView {
    pub kind: String,
    pub family: String,
    pub message: String,
    pub http_status: Option<u16>,
    pub raw: Option<String>,
    pub idempotency_key: Option<String>,
    pub result_code: Option<String>,
    pub attempts: Option<u32>,
    pub outcome_unknown: bool,
    pub attempt_history: Vec<String>,
}

impl From<&antom::Error> for ErrorView {
    fn from(e: &antom::Error) -> Self {
        ErrorView {
            kind: e.kind().as_str().to_string(),
            family: family_of(e.kind()).name.to_string(),
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
}

impl ErrorView {
    /// A panic caught at a language boundary: the base class, nothing unwound.
    pub fn panic() -> Self {
        ErrorView {
            kind: "PANIC".into(),
            family: crate::families::BASE.name.into(),
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
