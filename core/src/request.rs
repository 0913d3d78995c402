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
    /// Serializes any `Serialize` model (such as [`crate::models::PayRequest`]).
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
    /// The top-level identifiers the body names (`paymentRequestId`, `paymentId`, ...): an
    /// answer must not echo one of them with another value.
    pub request_ids: Vec<(String, String)>,
}

/// Whether a top-level field names the object a request is about. Antom names request ids
/// `...RequestId` and echoes them, with the object ids below, in the answer.
fn names_the_object(field: &str) -> bool {
    field.ends_with("RequestId") || matches!(field, "paymentId" | "refundId" | "captureId")
}

/// Serializes (or checks) the body once and finds its idempotency key.
pub(crate) fn prepare_body(body: RequestBody, resolved: &Resolved, max: usize) -> Result<Body> {
    let (bytes, value) = match body {
        RequestBody::Json(v) => {
            // serde_json serializes recursively: a value nested deeper than its parser would
            // ever produce is refused before it can exhaust the stack; one whose text alone is
            // over the limit, before any of it is serialized.
            match refuse(&v, MAX_DEPTH, max) {
                Some(Refusal::TooDeep) => {
                    return Err(Error::input(format!(
                        "the body is nested deeper than {MAX_DEPTH} levels"
                    )))
                }
                Some(Refusal::TooLarge) => {
                    return Err(Error::input(format!(
                        "the request body is over the {max} byte limit"
                    )))
                }
                None => {}
            }
            // Written through a limit: an oversize body stops at the limit instead of being
            // serialized whole (a 100 MB field costs 1 MiB of work, not 100 MB).
            let mut out = Limited {
                bytes: Vec::new(),
                max,
            };
            match serde_json::to_writer(&mut out, &v) {
                Ok(()) => (Bytes::from(out.bytes), v),
                Err(e) if e.is_io() => {
                    return Err(Error::input(format!(
                        "the request body is over the {max} byte limit"
                    )))
                }
                Err(e) => {
                    return Err(Error::input(format!(
                        "the request body cannot be serialized: {e}"
                    )))
                }
            }
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
    // Only the catalog says which field is an idempotency key: a path it does not know is
    // never retried on the strength of a field's name.
    let idempotency_key = resolved
        .endpoint()
        .and_then(|e| e.idempotency_field)
        .and_then(|f| map.get(f))
        .and_then(Value::as_str)
        .map(str::to_string);
    // On a path the catalog does not know, nothing is known of what its answer echoes.
    let request_ids = match resolved.endpoint() {
        Some(_) => map
            .iter()
            .filter(|(k, _)| names_the_object(k))
            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
            .filter(|(_, v)| !v.is_empty())
            .collect(),
        None => Vec::new(),
    };
    Ok(Body {
        bytes,
        idempotency_key,
        request_ids,
    })
}

/// A writer that refuses to grow past `max` bytes.
struct Limited {
    bytes: Vec<u8>,
    max: usize,
}

impl std::io::Write for Limited {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.max {
            return Err(std::io::Error::other("over the body limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// serde_json's own parse limit: no JSON text it parses is deeper.
const MAX_DEPTH: usize = 128;

/// What a JSON value's walk found that refuses it before serialization.
enum Refusal {
    TooDeep,
    /// Its strings and keys alone are longer than the limit.
    TooLarge,
}

/// Walks `v` without recursion: too deep past `max_depth`, or text (strings and keys) longer
/// than `max_bytes` (a lower bound of its serialized size).
fn refuse(v: &Value, max_depth: usize, max_bytes: usize) -> Option<Refusal> {
    let mut stack = vec![(v, 0usize)];
    let mut text = 0usize;
    while let Some((v, depth)) = stack.pop() {
        match v {
            Value::String(s) => text += s.len(),
            Value::Array(items) if depth < max_depth => {
                stack.extend(items.iter().map(|c| (c, depth + 1)));
            }
            Value::Object(map) if depth < max_depth => {
                text += map.keys().map(String::len).sum::<usize>();
                stack.extend(map.values().map(|c| (c, depth + 1)));
            }
            Value::Array(_) | Value::Object(_) => return Some(Refusal::TooDeep),
            _ => {}
        }
        if text > max_bytes {
            return Some(Refusal::TooLarge);
        }
    }
    None
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
