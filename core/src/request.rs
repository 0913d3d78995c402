//! Building a request: the body serialized once, the sandbox path, `Request-Time`, headers.

use bytes::Bytes;
use reqwest::header::HeaderMap;
use serde::Serialize;
use serde_json::Value;

use crate::catalog::Resolved;
use crate::config::{Config, TimeFormat};
use crate::error::{Error, Result};
use crate::signature::Signer;
use crate::transport::header;

/// A request body: JSON to serialize once, or bytes sent exactly as given.
#[derive(Debug, Clone)]
pub enum RequestBody {
    /// A JSON value, serialized once by the SDK; those bytes are signed and sent.
    Json(Value),
    /// JSON text or bytes, signed and sent byte for byte.
    Raw(Bytes),
}

impl RequestBody {
    /// Serializes any `Serialize` model (such as [`crate::payments::PayRequest`]).
    pub fn json<T: Serialize + ?Sized>(model: &T) -> Result<Self> {
        serde_json::to_value(model)
            .map(RequestBody::Json)
            .map_err(|e| Error::input(format!("the request body cannot be serialized: {e}")))
    }
}

impl From<Value> for RequestBody {
    fn from(v: Value) -> Self {
        RequestBody::Json(v)
    }
}
impl From<&Value> for RequestBody {
    fn from(v: &Value) -> Self {
        RequestBody::Json(v.clone())
    }
}
impl From<String> for RequestBody {
    fn from(v: String) -> Self {
        RequestBody::Raw(Bytes::from(v))
    }
}
impl From<&str> for RequestBody {
    fn from(v: &str) -> Self {
        RequestBody::Raw(Bytes::copy_from_slice(v.as_bytes()))
    }
}
impl From<Vec<u8>> for RequestBody {
    fn from(v: Vec<u8>) -> Self {
        RequestBody::Raw(Bytes::from(v))
    }
}
impl From<&[u8]> for RequestBody {
    fn from(v: &[u8]) -> Self {
        RequestBody::Raw(Bytes::copy_from_slice(v))
    }
}
impl From<Bytes> for RequestBody {
    fn from(v: Bytes) -> Self {
        RequestBody::Raw(v)
    }
}

/// The body bytes and what the SDK read from them.
#[derive(Debug, Clone)]
pub(crate) struct Body {
    pub bytes: Bytes,
    pub idempotency_key: Option<String>,
}

/// Serializes (or checks) the body once and finds its idempotency key.
pub(crate) fn prepare_body(body: RequestBody, resolved: &Resolved, max: usize) -> Result<Body> {
    let (bytes, value) = match body {
        RequestBody::Json(v) => {
            let bytes = serde_json::to_vec(&v)
                .map_err(|e| Error::input(format!("the request body cannot be serialized: {e}")))?;
            (Bytes::from(bytes), v)
        }
        RequestBody::Raw(bytes) => {
            if bytes.len() > max {
                return Err(too_large(bytes.len(), max));
            }
            let v: Value = serde_json::from_slice(&bytes)
                .map_err(|e| Error::input(format!("the request body is not valid JSON: {e}")))?;
            (bytes, v)
        }
    };
    if bytes.len() > max {
        return Err(too_large(bytes.len(), max));
    }
    let Value::Object(map) = &value else {
        return Err(Error::input("the request body must be a JSON object"));
    };
    let field = match resolved.endpoint() {
        Some(e) => e.idempotency_field.map(str::to_string),
        // Antom names every idempotency key `...RequestId`; trust that for unknown paths.
        None => map.keys().find(|k| k.ends_with("RequestId")).cloned(),
    };
    let idempotency_key = field
        .and_then(|f| map.get(&f))
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok(Body {
        bytes,
        idempotency_key,
    })
}

fn too_large(len: usize, max: usize) -> Error {
    Error::input(format!(
        "the request body is {len} bytes; the limit is {max} bytes"
    ))
}

/// The path that is signed and sent: sandbox client ids use `/ams/sandbox/api`.
pub(crate) fn effective_path(config: &Config, resolved: &Resolved) -> String {
    let path = resolved.path();
    if config.is_sandbox() && resolved.sandbox_rewrite() {
        if let Some(rest) = path.strip_prefix("/ams/api/") {
            return format!("/ams/sandbox/api/{rest}");
        }
    }
    path.to_string()
}

/// The current time in the configured `Request-Time` format.
pub(crate) fn request_time(format: TimeFormat) -> String {
    let now = time::OffsetDateTime::now_utc();
    match format {
        TimeFormat::EpochMillis => (now.unix_timestamp_nanos() / 1_000_000).to_string(),
        TimeFormat::Iso8601 => now
            .format(&time::macros::format_description!(
                "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
            ))
            .unwrap_or_default(),
    }
}

/// Signed headers for one attempt (a retry gets a fresh time and signature).
pub(crate) fn signed_headers(
    config: &Config,
    signer: &Signer,
    path: &str,
    body: &[u8],
) -> Result<(HeaderMap, String)> {
    let time = request_time(config.time_format);
    let signature = signer.sign("POST", path, &config.client_id, &time, body)?;
    let mut map = HeaderMap::with_capacity(6);
    header(&mut map, "content-type", "application/json; charset=UTF-8")?;
    header(&mut map, "client-id", &config.client_id)?;
    header(&mut map, "request-time", &time)?;
    header(&mut map, "signature", &signature)?;
    if let Some(token) = &config.agent_token {
        header(&mut map, "agent-token", token)?;
    }
    Ok((map, time))
}
