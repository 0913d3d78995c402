//! Typed S/F/U results and the strict response policy: status, then signature over the raw
//! bytes, then JSON. A response without a valid signature is never a verified success.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::attempt::Attempt;
use crate::error::{Error, ErrorKind, Result};
use crate::signature::SignatureHeader;
pub use crate::status::ResultStatus;
use crate::verify::Verifier;

/// The `result` object of every response and notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiResult {
    /// `resultStatus`.
    pub status: ResultStatus,
    /// `resultCode`, e.g. `SUCCESS`, `PAYMENT_IN_PROCESS`.
    pub code: String,
    /// `resultMessage`.
    pub message: String,
}

impl ApiResult {
    /// Reads `result` from a JSON body, if present and well formed.
    pub fn from_body(body: &Value) -> Option<ApiResult> {
        let r = body.get("result")?;
        Some(ApiResult {
            status: ResultStatus::from_wire(r.get("resultStatus")?.as_str()?),
            code: r
                .get("resultCode")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            message: r
                .get("resultMessage")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        })
    }
}

/// A response from Antom, kept whole: raw body, headers, status, and the typed result.
#[derive(Debug, Clone)]
pub struct Response {
    pub(crate) http_status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) raw: String,
    pub(crate) body: Value,
    pub(crate) result: ApiResult,
    pub(crate) verified: bool,
    pub(crate) attempts: u32,
    pub(crate) history: Vec<Attempt>,
    pub(crate) path: String,
    pub(crate) idempotency_key: Option<String>,
}

impl Response {
    /// The typed `result`.
    pub fn result(&self) -> &ApiResult {
        &self.result
    }
    /// `S`, `F` or `U`.
    pub fn result_status(&self) -> ResultStatus {
        self.result.status
    }
    /// `resultCode`.
    pub fn result_code(&self) -> &str {
        &self.result.code
    }
    /// `resultMessage`.
    pub fn result_message(&self) -> &str {
        &self.result.message
    }
    /// True when the response carried a signature that verified with the Antom public key.
    /// Always true for `S`: an unsigned success is an error, never a response.
    pub fn verified(&self) -> bool {
        self.verified
    }
    /// `resultStatus == S`.
    pub fn is_success(&self) -> bool {
        self.result.status == ResultStatus::Success
    }
    /// A verified `F`: the call failed, finally. An unverified `F` is not a failure (a man in
    /// the middle can write one): it counts as [`Response::is_unknown`].
    pub fn is_failure(&self) -> bool {
        self.result.status == ResultStatus::Failure && self.verified
    }
    /// The outcome is not known yet: `U`, or an unverified `F`. Inquire, never charge again.
    pub fn is_unknown(&self) -> bool {
        !self.is_success() && !self.is_failure()
    }
    /// The parsed JSON body.
    pub fn data(&self) -> &Value {
        &self.body
    }
    /// The body deserialized into a typed model (unknown fields are kept by the models).
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_value(self.body.clone()).map_err(|e| {
            Error::new(
                ErrorKind::InvalidResponse,
                format!("unexpected body shape: {e}"),
            )
        })
    }
    /// The raw body, exactly as received and verified.
    pub fn raw(&self) -> &str {
        &self.raw
    }
    /// HTTP status code.
    pub fn http_status(&self) -> u16 {
        self.http_status
    }
    /// Response headers (lowercase names).
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }
    /// A header by name, any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
    /// Attempts made (1 when no retry happened).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
    /// What each attempt got, its HTTP status and latency (empty for a response that was not
    /// sent by this client, e.g. one verified from elsewhere).
    pub fn attempt_history(&self) -> &[Attempt] {
        &self.history
    }
    /// The path that was signed and called (after any sandbox rewrite).
    pub fn path(&self) -> &str {
        &self.path
    }
    /// The request's idempotency key, if the endpoint has one.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.idempotency_key.as_deref()
    }
}

pub(crate) fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// What the transport received, before any judgement.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// The body as JSON with its `result` object: what every answer must be, signed or not.
pub(crate) fn json_with_result(body: &[u8]) -> std::result::Result<(Value, ApiResult), String> {
    let body: Value =
        serde_json::from_slice(body).map_err(|e| format!("response body is not JSON: {e}"))?;
    let result = ApiResult::from_body(&body)
        .ok_or_else(|| "response body has no result object".to_string())?;
    Ok((body, result))
}

/// What an answer must match besides being JSON with a result: who it is for, and which request.
pub(crate) struct Expect<'a> {
    /// The path that was signed (the answer is signed over the same one).
    pub path: &'a str,
    pub client_id: &'a str,
    pub verifier: &'a Verifier,
    pub idempotency_key: Option<&'a str>,
    /// The identifiers the request named (see [`crate::request::Body::request_ids`]): an answer
    /// that echoes one of them with another value answers another request.
    pub request_ids: &'a [(String, String)],
    pub signing: Signing,
}

/// Which answers may arrive unsigned (PROTOCOL §3 and §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Signing {
    /// A success must be signed; `F` and `U` may come unsigned, reported unverified.
    SuccessMustBeSigned,
    /// The image upload: only `F` may come unsigned, and one signature header without the
    /// other is refused.
    OnlyFailureUnsigned,
    /// The metered usage upload, unsigned by Antom's design: never verified.
    Never,
}

/// Applies the strict policy to a raw response.
pub(crate) fn evaluate(raw: RawResponse, expect: &Expect<'_>) -> Result<Response> {
    let path = expect.path;
    let idempotency_key = expect.idempotency_key.map(str::to_string);
    let text = String::from_utf8_lossy(&raw.body).into_owned();
    let fail = |kind: ErrorKind, message: String| {
        Error::new(kind, message)
            .with_http_status(raw.status)
            .with_raw_body(text.clone())
            .with_endpoint(path)
            .with_idempotency_key(idempotency_key.clone())
    };
    if !(200..300).contains(&raw.status) {
        let code = serde_json::from_slice::<Value>(&raw.body)
            .ok()
            .and_then(|v| ApiResult::from_body(&v))
            .map(|r| r.code);
        return Err(fail(
            ErrorKind::HttpStatus,
            format!("Antom answered HTTP {}", raw.status),
        )
        .with_result_code(code));
    }
    let signature = find_header(&raw.headers, "signature");
    let time = find_header(&raw.headers, "response-time");
    // Verify the raw bytes before anything is parsed.
    let verified = match (signature, time) {
        _ if expect.signing == Signing::Never => false,
        (Some(sig), Some(time)) => {
            let header = SignatureHeader::parse(sig).map_err(|e| {
                fail(
                    ErrorKind::SignatureMismatch,
                    format!("response signature unusable: {}", e.message()),
                )
            })?;
            expect
                .verifier
                .verify_parsed("POST", path, expect.client_id, time, &raw.body, &header)
                .map_err(|e| fail(e.kind(), format!("response {}", e.message())))?;
            true
        }
        (None, None) => false,
        _ if expect.signing == Signing::OnlyFailureUnsigned => {
            return Err(fail(
                ErrorKind::UnsignedResponse,
                format!(
                    "the answer carries {} only; both signature headers or neither",
                    if signature.is_some() {
                        "a Signature header"
                    } else {
                        "a Response-Time header"
                    }
                ),
            ))
        }
        _ => false,
    };
    let (body, result) =
        json_with_result(&raw.body).map_err(|m| fail(ErrorKind::InvalidResponse, m))?;
    let unsigned_refused = match (expect.signing, result.status) {
        (Signing::Never, _) | (_, ResultStatus::Failure) => false,
        (_, ResultStatus::Success) => true,
        (Signing::OnlyFailureUnsigned, ResultStatus::Unknown) => true,
        (Signing::SuccessMustBeSigned, ResultStatus::Unknown) => false,
    };
    if !verified && unsigned_refused {
        let which = match (signature, time) {
            (None, None) => "without Signature and Response-Time headers",
            (None, Some(_)) => "without a Signature header",
            _ => "without a Response-Time header",
        };
        return Err(fail(
            ErrorKind::UnsignedResponse,
            format!(
                "a {} response arrived {which}; it cannot be trusted",
                result.status.as_str()
            ),
        )
        .with_result_code(Some(result.code)));
    }
    if let Some((field, asked, answered)) = other_request(&body, expect.request_ids) {
        // A genuine answer to another request (recorded, then replayed by a proxy that can
        // read TLS) verifies: its signature covers the body, not the request it answers.
        return Err(fail(
            ErrorKind::InvalidResponse,
            format!(
                "the answer is for another request: it names {field} '{}' where this request named '{}'",
                crate::text::excerpt(answered),
                crate::text::excerpt(asked)
            ),
        )
        .with_result_code(Some(result.code)));
    }
    Ok(Response {
        http_status: raw.status,
        headers: raw.headers,
        raw: text,
        body,
        result,
        verified,
        attempts: 1,
        history: Vec::new(),
        path: path.to_string(),
        idempotency_key,
    })
}

/// The first identifier the request named that the answer echoes with another value.
fn other_request<'a>(
    body: &'a Value,
    request_ids: &'a [(String, String)],
) -> Option<(&'a str, &'a str, &'a str)> {
    request_ids.iter().find_map(|(field, asked)| {
        let answered = body.get(field)?.as_str()?;
        // An empty echo (some failures carry `"paymentId": ""`) names no other request.
        (!answered.is_empty() && answered != asked).then_some((
            field.as_str(),
            asked.as_str(),
            answered,
        ))
    })
}

/// A response from a typed endpoint method: everything a [`Response`] has (through `Deref`),
/// and [`Typed::model`], the body as the endpoint's response model. Parsing is on demand, so a
/// body of an unexpected shape never hides the verified result.
///
/// ```no_run
/// # async fn f(client: antom::Client) -> antom::Result<()> {
/// use antom::models::{Amount, PayRequest};
/// let r = client
///     .pay(PayRequest {
///         payment_request_id: Some("order-1".into()),
///         payment_amount: Some(Amount { currency: Some("USD".into()), value: Some("1000".into()), ..Default::default() }),
///         ..Default::default()
///     })
///     .await?;
/// let payment_id = r.model()?.payment_id;       // r.data() is still the JSON
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Typed<T> {
    response: Response,
    model: std::marker::PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Typed<T> {
    pub(crate) fn new(response: Response) -> Self {
        Typed {
            response,
            model: std::marker::PhantomData,
        }
    }

    /// The body as the endpoint's response model (unknown fields kept in `extra`).
    pub fn model(&self) -> Result<T> {
        self.response.json()
    }

    /// The untyped response.
    pub fn into_response(self) -> Response {
        self.response
    }
}

impl<T> std::ops::Deref for Typed<T> {
    type Target = Response;
    fn deref(&self) -> &Response {
        &self.response
    }
}
