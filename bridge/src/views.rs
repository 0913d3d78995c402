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
    pub http_status: u32,
    pub attempts: u32,
    pub idempotency_key: Option<String>,
    pub is_success: bool,
    pub is_failure: bool,
    pub is_unknown: bool,
    pub data: Value,
    pub raw: String,
    pub headers: Vec<Header>,
    pub items: Value,
    pub next_page: Option<String>,
}

impl ResponseView {
    /// A page of a list endpoint: its answer, with the objects it lists and the next token.
    pub fn page(page: antom::Page) -> Self {
        ResponseView {
            items: Value::Array(page.items),
            next_page: page.next,
            ..ResponseView::from(page.response)
        }
    }
}

impl From<antom::Response> for ResponseView {
    fn from(r: antom::Response) -> Self {
        ResponseView {
            result_status: r.result_status().as_str().to_string(),
            result_code: r.result_code().to_string(),
            result_message: r.result_message().to_string(),
            verified: r.verified(),
            http_status: u32::from(r.http_status()),
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
            items: Value::Null,
            next_page: None,
        }
    }
}

/// A verified notification.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationView {
    pub kind: String,
    pub model: String,
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
            model: n.model.to_string(),
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
    /// A panic caught at a language boundary: the base class, nothing unwound. It may have
    /// struck after a request went out, so the outcome is unknown (inquire, never charge again).
    pub fn panic() -> Self {
        ErrorView {
            kind: "PANIC".into(),
            family: crate::families::BASE.name.into(),
            message: "internal error in the antom library (caught); the request may have been sent: inquire before retrying".into(),
            http_status: None,
            raw: None,
            idempotency_key: None,
            result_code: None,
            attempts: None,
            outcome_unknown: true,
            attempt_history: Vec::new(),
        }
    }
}

/// The type of a view field, as the generator maps it to each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// A string.
    Text,
    /// A string or nothing.
    OptText,
    /// `S`, `F` or `U`.
    Status,
    /// `S`, `F`, `U` or nothing.
    OptStatus,
    /// A boolean.
    Flag,
    /// A boolean or nothing.
    OptFlag,
    /// A non-negative integer.
    Count,
    /// A non-negative integer or nothing.
    OptCount,
    /// Parsed JSON.
    Json,
    /// Response headers, lowercase names.
    Headers,
    /// A list of strings.
    Lines,
}

/// One field of a view: its snake-case name (serialized in camel case), type and documentation.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
    pub doc: &'static str,
    /// Shown in the value's printed form (never anything secret; views hold none).
    pub shown: bool,
}

const fn field(name: &'static str, ty: FieldType, doc: &'static str, shown: bool) -> Field {
    Field::new(name, ty, doc, shown)
}

impl Field {
    /// A row of a field table.
    pub const fn new(name: &'static str, ty: FieldType, doc: &'static str, shown: bool) -> Field {
        Field {
            name,
            ty,
            doc,
            shown,
        }
    }
}

use FieldType::*;

/// The fields of [`ResponseView`], in order (a test keeps the two in step).
pub const RESPONSE_FIELDS: [Field; 15] = [
    field("result_status", Status, "\"S\", \"F\" or \"U\".", true),
    field("result_code", Text, "Antom's resultCode.", true),
    field("result_message", Text, "Antom's resultMessage.", false),
    field(
        "verified",
        Flag,
        "True when Antom's signature over the raw body verified (always for \"S\").",
        true,
    ),
    field("http_status", Count, "The HTTP status of the answer.", true),
    field(
        "attempts",
        Count,
        "Attempts made (1 without retries).",
        true,
    ),
    field(
        "idempotency_key",
        OptText,
        "The request's idempotency key (paymentRequestId, ...), if it has one.",
        false,
    ),
    field("is_success", Flag, "\"S\".", false),
    field(
        "is_failure",
        Flag,
        "A verified \"F\": the call failed, finally.",
        false,
    ),
    field(
        "is_unknown",
        Flag,
        "\"U\", or an unverified \"F\": inquire, never charge again.",
        false,
    ),
    field("data", Json, "The parsed JSON body.", false),
    field(
        "raw",
        Text,
        "The body exactly as received (what the signature covers).",
        false,
    ),
    field(
        "headers",
        Headers,
        "Response headers (lowercase names).",
        false,
    ),
    field(
        "items",
        Json,
        "For a page of a list endpoint (list_page), the objects it lists; null for any other answer.",
        false,
    ),
    field(
        "next_page",
        OptText,
        "For a page of a list endpoint, the token that asks for the next page; null on the last page and for any other answer.",
        false,
    ),
];

/// The fields of [`NotificationView`], in order.
pub const NOTIFICATION_FIELDS: [Field; 8] = [
    field(
        "kind",
        Text,
        "notifyType (or the kind's own discriminator), e.g. PAYMENT_RESULT.",
        true,
    ),
    field(
        "model",
        Text,
        "The typed model this notification is, e.g. PayResultNotify, AuthNotify (BaseNotify when unknown).",
        true,
    ),
    field(
        "result_status",
        OptStatus,
        "\"S\", \"F\", \"U\" or nothing.",
        true,
    ),
    field(
        "result_code",
        OptText,
        "The result's code, if the notification has a result.",
        false,
    ),
    field("data", Json, "The parsed JSON body.", false),
    field(
        "raw",
        Text,
        "The body exactly as received (what the signature covers).",
        false,
    ),
    field("client_id", Text, "The Client-Id header.", false),
    field("request_time", Text, "The Request-Time header.", false),
];

/// The fields of [`ErrorView`], in order.
pub const ERROR_FIELDS: [Field; 10] = [
    field(
        "kind",
        Text,
        "The core's stable error kind, e.g. SIGNATURE_MISMATCH.",
        true,
    ),
    field(
        "family",
        Text,
        "The family that picks the class in every language.",
        false,
    ),
    field(
        "message",
        Text,
        "What went wrong, never with key material.",
        true,
    ),
    field(
        "http_status",
        OptCount,
        "The HTTP status of Antom's answer, if there was one.",
        false,
    ),
    field(
        "raw",
        OptText,
        "The raw response body, if there was one.",
        false,
    ),
    field(
        "idempotency_key",
        OptText,
        "The request's idempotency key (paymentRequestId, ...): inquire with it, never charge again.",
        false,
    ),
    field(
        "result_code",
        OptText,
        "Antom's resultCode, if the body had one.",
        false,
    ),
    field(
        "attempts",
        OptCount,
        "Attempts made before giving up.",
        false,
    ),
    field(
        "outcome_unknown",
        Flag,
        "True on any error after which the request may have taken effect at Antom (an outcome-unknown error, or a signature error on a pay): never charge again, inquire with the idempotency key.",
        false,
    ),
    field(
        "attempt_history",
        Lines,
        "What each attempt got, e.g. \"attempt 1: HTTP 503\".",
        false,
    ),
];
