//! The native addon behind the `antom` npm package. Thin: conversions only; every protocol rule
//! lives in the Rust core. Errors carry the core's kind as `code` and a JSON detail that
//! `index.js` turns into an `AntomError`.

#![allow(clippy::needless_pass_by_value)]
// napi passes owned values across the boundary.
// No Debug on napi objects: ClientOptions holds key material and must never be printed.
#![allow(missing_debug_implementations)]

use std::collections::HashMap;
use std::time::Duration;

use napi::bindgen_prelude::{AsyncTask, Buffer, Either};
use napi_derive::napi;
use serde_json::Value;

/// The reason is a JSON detail; `index.js` turns it into an `AntomError` whose `code` is the kind.
fn to_napi(e: antom::Error) -> napi::Error {
    let detail = serde_json::json!({
        "kind": e.kind().as_str(),
        "message": e.to_string(),
        "httpStatus": e.http_status(),
        "raw": e.raw_body(),
        "resultCode": e.result_code(),
        "idempotencyKey": e.idempotency_key(),
        "attempts": e.attempts(),
        "outcomeUnknown": e.is_outcome_unknown(),
        "attemptHistory": e.attempt_history().iter().map(|a| a.to_string()).collect::<Vec<_>>(),
    });
    napi::Error::new(napi::Status::GenericFailure, detail.to_string())
}

fn invalid(message: impl Into<String>) -> napi::Error {
    to_napi(antom::Error::new(antom::ErrorKind::InvalidInput, message))
}

fn bytes(body: &Either<String, Buffer>) -> &[u8] {
    match body {
        Either::A(s) => s.as_bytes(),
        Either::B(b) => b.as_ref(),
    }
}

fn private_key(key: &Either<String, Buffer>) -> antom::Result<antom::PrivateKey> {
    antom::key_cache::private_key(bytes(key))
}

fn public_key(key: &Either<String, Buffer>) -> antom::Result<antom::PublicKey> {
    antom::key_cache::public_key(bytes(key))
}

mod tasks;

/// The addon's version; `native.js` refuses an addon whose version differs from the package's.
#[napi]
pub const VERSION: &str = antom::VERSION;

/// The exact body that acknowledges a notification.
#[napi]
pub const NOTIFICATION_ACK: &str = antom::NOTIFICATION_ACK;

/// The whole `Signature` header value for a request (blocks the event loop for the RSA work;
/// `signRequestAsync` does not).
#[napi]
pub fn sign_request(
    private_key_text: Either<String, Buffer>,
    method: String,
    path: String,
    client_id: String,
    request_time: String,
    body: Either<String, Buffer>,
    key_version: Option<u32>,
) -> napi::Result<String> {
    tasks::sign(
        bytes(&private_key_text),
        [&method, &path, &client_id, &request_time],
        bytes(&body),
        key_version.unwrap_or(1),
    )
}

/// True when the signature verifies, false on a mismatch; throws on malformed keys or headers
/// (blocks the event loop for the RSA work; `verifySignatureAsync` does not).
#[napi]
pub fn verify_signature(
    public_key_text: Either<String, Buffer>,
    method: String,
    path: String,
    client_id: String,
    request_time: String,
    body: Either<String, Buffer>,
    signature: String,
) -> napi::Result<bool> {
    tasks::verify(
        bytes(&public_key_text),
        [&method, &path, &client_id, &request_time],
        bytes(&body),
        &signature,
    )
}

/// `signRequest` off the event loop: the RSA work runs on the libuv thread pool.
#[napi(ts_return_type = "Promise<string>")]
pub fn sign_request_async(
    private_key_text: Either<String, Buffer>,
    method: String,
    path: String,
    client_id: String,
    request_time: String,
    body: Either<String, Buffer>,
    key_version: Option<u32>,
) -> AsyncTask<tasks::Sign> {
    AsyncTask::new(tasks::Sign {
        key: zeroize::Zeroizing::new(bytes(&private_key_text).to_vec()),
        method,
        path,
        client_id,
        request_time,
        body: bytes(&body).to_vec(),
        key_version: key_version.unwrap_or(1),
    })
}

/// `verifySignature` off the event loop: the RSA work runs on the libuv thread pool.
#[napi(ts_return_type = "Promise<boolean>")]
pub fn verify_signature_async(
    public_key_text: Either<String, Buffer>,
    method: String,
    path: String,
    client_id: String,
    request_time: String,
    body: Either<String, Buffer>,
    signature: String,
) -> AsyncTask<tasks::Verify> {
    AsyncTask::new(tasks::Verify {
        key: bytes(&public_key_text).to_vec(),
        method,
        path,
        client_id,
        request_time,
        body: bytes(&body).to_vec(),
        signature,
    })
}

/// Options of `new Client(...)`.
#[napi(object)]
pub struct ClientOptions {
    pub client_id: String,
    pub private_key: Either<String, Buffer>,
    pub antom_public_key: Either<String, Buffer>,
    pub region: Option<String>,
    pub gateway_url: Option<String>,
    pub key_version: Option<u32>,
    pub agent_token: Option<String>,
    pub timeout_ms: Option<u32>,
    pub connect_timeout_ms: Option<u32>,
    pub max_retries: Option<u32>,
    pub proxy: Option<String>,
}

/// A response from Antom.
#[napi(object)]
pub struct Response {
    pub result_status: String,
    pub result_code: String,
    pub result_message: String,
    pub verified: bool,
    pub data: Value,
    pub raw: String,
    pub http_status: u32,
    pub headers: HashMap<String, String>,
    pub attempts: u32,
    pub idempotency_key: Option<String>,
    /// `S`.
    pub is_success: bool,
    /// A verified `F`: failed, finally.
    pub is_failure: bool,
    /// `U`, or an unverified `F`: inquire, never charge again.
    pub is_unknown: bool,
}

impl From<antom::Response> for Response {
    fn from(r: antom::Response) -> Self {
        Response {
            result_status: r.result_status().as_str().to_string(),
            result_code: r.result_code().to_string(),
            result_message: r.result_message().to_string(),
            verified: r.verified(),
            data: r.data().clone(),
            raw: r.raw().to_string(),
            http_status: u32::from(r.http_status()),
            headers: r.headers().iter().cloned().collect(),
            attempts: r.attempts(),
            idempotency_key: r.idempotency_key().map(str::to_string),
            is_success: r.is_success(),
            is_failure: r.is_failure(),
            is_unknown: r.is_unknown(),
        }
    }
}

/// A verified notification.
#[napi(object)]
pub struct Notification {
    pub kind: String,
    pub data: Value,
    pub result_status: Option<String>,
    pub result_code: Option<String>,
    pub raw: String,
    pub client_id: String,
    pub request_time: String,
}

/// Antom API client: every network method returns a Promise and never blocks the event loop.
#[napi]
pub struct Client {
    inner: antom::Client,
}

fn raw_body(b: Either<String, Buffer>) -> antom::RequestBody {
    match b {
        Either::A(s) => antom::RequestBody::from(s),
        Either::B(buf) => antom::RequestBody::from(buf.to_vec()),
    }
}

macro_rules! endpoint_methods {
    ($($name:ident => $endpoint:literal),* $(,)?) => {
        #[napi]
        impl Client {
            $(
                #[napi]
                pub async fn $name(&self, body: Value) -> napi::Result<Response> {
                    self.run($endpoint, antom::RequestBody::Json(body)).await
                }
            )*
        }
    };
}

#[napi]
impl Client {
    #[napi(constructor)]
    pub fn new(options: ClientOptions) -> napi::Result<Self> {
        let ms = |v: Option<u32>, default: u64| Duration::from_millis(v.map_or(default, u64::from));
        let mut b = antom::Config::builder(
            options.client_id,
            private_key(&options.private_key).map_err(to_napi)?,
            public_key(&options.antom_public_key).map_err(to_napi)?,
        )
        .key_version(options.key_version.unwrap_or(1))
        .timeout(ms(options.timeout_ms, 15_000))
        .connect_timeout(ms(options.connect_timeout_ms, 5_000))
        .max_retries(options.max_retries.unwrap_or(2));
        if options.region.is_some() && options.gateway_url.is_some() {
            return Err(invalid("pass region or gatewayUrl, not both"));
        }
        if let Some(r) = options.region {
            b = b.region(r.parse().map_err(to_napi)?);
        }
        if let Some(u) = options.gateway_url {
            b = b.gateway_url(u);
        }
        if let Some(t) = options.agent_token {
            b = b.agent_token(t);
        }
        if let Some(p) = options.proxy {
            b = b.proxy(p);
        }
        let config = b.build().map_err(to_napi)?;
        // Built inside napi's runtime so the connection pool lives where the calls run.
        let inner =
            napi::bindgen_prelude::block_on(async { antom::Client::with_language(config, "node") })
                .map_err(to_napi)?;
        Ok(Client { inner })
    }

    async fn run(&self, endpoint: &str, body: antom::RequestBody) -> napi::Result<Response> {
        self.inner
            .call(endpoint, body)
            .await
            .map(Response::from)
            .map_err(to_napi)
    }

    /// Calls any endpoint with a JSON object, serialized once by the core.
    #[napi]
    pub async fn call_json(&self, endpoint: String, body: Value) -> napi::Result<Response> {
        self.run(&endpoint, antom::RequestBody::Json(body)).await
    }

    /// Calls any endpoint with JSON text or bytes, sent exactly as given.
    #[napi]
    pub async fn call_raw(
        &self,
        endpoint: String,
        body: Either<String, Buffer>,
    ) -> napi::Result<Response> {
        self.run(&endpoint, raw_body(body)).await
    }

    /// Polls inquiryPayment until paymentStatus is final or `timeoutMs` passes.
    #[napi]
    pub async fn inquire_payment_until_final(
        &self,
        payment_request_id: String,
        timeout_ms: u32,
    ) -> napi::Result<Response> {
        self.inner
            .inquire_payment_until_final(
                &payment_request_id,
                Duration::from_millis(u64::from(timeout_ms)),
            )
            .await
            .map(Response::from)
            .map_err(to_napi)
    }

    /// Verifies a notification over its raw body, then parses it (synchronous).
    #[napi]
    pub fn verify_notification(
        &self,
        path: String,
        headers: HashMap<String, Either<String, Vec<String>>>,
        body: Either<String, Buffer>,
    ) -> napi::Result<Notification> {
        self.inner
            .verify_notification(&path, flat_headers(headers), bytes(&body))
            .map(Notification::from)
            .map_err(to_napi)
    }

    /// `verifyNotification` off the event loop: the RSA work runs on the libuv thread pool.
    #[napi(ts_return_type = "Promise<Notification>")]
    pub fn verify_notification_async(
        &self,
        path: String,
        headers: HashMap<String, Either<String, Vec<String>>>,
        body: Either<String, Buffer>,
    ) -> AsyncTask<tasks::VerifyNotification> {
        AsyncTask::new(tasks::VerifyNotification {
            client: self.inner.clone(),
            path,
            headers: flat_headers(headers).collect(),
            body: bytes(&body).to_vec(),
        })
    }
}

fn flat_headers(
    headers: HashMap<String, Either<String, Vec<String>>>,
) -> impl Iterator<Item = (String, String)> {
    headers.into_iter().map(|(k, v)| {
        let v = match v {
            Either::A(s) => s,
            Either::B(list) => list.join(", "),
        };
        (k, v)
    })
}

impl From<antom::Notification> for Notification {
    fn from(n: antom::Notification) -> Self {
        Notification {
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

endpoint_methods! {
    pay => "payments.pay",
    consult => "payments.consult",
    inquiry_payment => "payments.inquiryPayment",
    cancel => "payments.cancel",
    capture => "payments.capture",
    refund => "payments.refund",
    inquiry_refund => "payments.inquiryRefund",
    create_payment_session => "payments.createPaymentSession",
}
