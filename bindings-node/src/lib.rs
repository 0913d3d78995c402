//! The native addon behind the `antom` npm package. It maps the shared binding facade
//! (antom-bridge) to napi: conversions only. Errors carry the bridge's error view as JSON,
//! which `index.js` turns into an `AntomError` whose `code` is the kind; responses and
//! notifications are the bridge's views as plain objects.

#![allow(clippy::needless_pass_by_value)]
// napi passes owned values across the boundary.
// No Debug on napi objects: ClientOptions holds key material and must never be printed.
#![allow(missing_debug_implementations)]

use std::collections::HashMap;

use antom_bridge::keys::KeySource;
use antom_bridge::options::{OptionKind, OptionValue};
use antom_bridge::{Handle, Naming, Op, Options};
use napi::bindgen_prelude::{AsyncTask, Buffer, Either, Either3};
use napi_derive::napi;
use serde_json::Value;

mod tasks;
use tasks::{Json, Work};

/// The reason is the error view as JSON; `index.js` makes it an `AntomError`.
fn to_napi(e: antom::Error) -> napi::Error {
    let view = antom_bridge::ErrorView::from(&e);
    let detail = serde_json::to_string(&view).unwrap_or_else(|_| e.to_string());
    napi::Error::new(napi::Status::GenericFailure, detail)
}

type Bytes = Either<String, Buffer>;

fn bytes(b: &Bytes) -> &[u8] {
    match b {
        Either::A(s) => s.as_bytes(),
        Either::B(b) => b.as_ref(),
    }
}

fn json<T: serde::Serialize>(v: T) -> napi::Result<Value> {
    serde_json::to_value(v).map_err(|e| napi::Error::from_reason(e.to_string()))
}

/// The addon's version; `native.js` refuses an addon whose version differs from the package's.
#[napi]
pub const VERSION: &str = antom::VERSION;

/// The exact body that acknowledges a notification.
#[napi]
pub const NOTIFICATION_ACK: &str = antom::NOTIFICATION_ACK;

/// A parsed private key; `index.js` keeps one per distinct key text, so a call converts and
/// hashes no key text.
#[napi]
pub struct PrivateKey(antom::PrivateKey);

#[napi]
impl PrivateKey {
    #[napi(constructor)]
    pub fn new(key: Either<String, Buffer>) -> napi::Result<Self> {
        antom_bridge::keys::private_key(bytes(&key))
            .map(PrivateKey)
            .map_err(to_napi)
    }
}

/// A parsed public key (see `PrivateKey`).
#[napi]
pub struct PublicKey(antom::PublicKey);

#[napi]
impl PublicKey {
    #[napi(constructor)]
    pub fn new(key: Either<String, Buffer>) -> napi::Result<Self> {
        antom_bridge::keys::public_key(bytes(&key))
            .map(PublicKey)
            .map_err(to_napi)
    }
}

fn version(v: Option<f64>) -> antom::Result<u32> {
    antom_bridge::options::count(Naming::Camel, "key_version", v.unwrap_or(1.0), u32::MAX)
}

/// The whole `Signature` header value (blocks the event loop for the RSA work).
#[napi]
pub fn sign_request(
    key: &PrivateKey,
    method: String,
    path: String,
    client_id: String,
    request_time: String,
    body: Either<String, Buffer>,
    key_version: Option<f64>,
) -> napi::Result<String> {
    let c = [&*method, &path, &client_id, &request_time];
    let v = version(key_version).map_err(to_napi)?;
    antom_bridge::sign_with(&key.0, c, bytes(&body), v).map_err(to_napi)
}

/// True when the signature verifies, false on a mismatch (blocks the event loop).
#[napi]
pub fn verify_signature(
    key: &PublicKey,
    method: String,
    path: String,
    client_id: String,
    request_time: String,
    body: Either<String, Buffer>,
    signature: String,
) -> napi::Result<bool> {
    let c = [&*method, &path, &client_id, &request_time];
    antom_bridge::verify_with(&key.0, c, bytes(&body), &signature).map_err(to_napi)
}

/// `signRequest` with the RSA work on the libuv thread pool.
#[napi(ts_return_type = "Promise<string>")]
pub fn sign_request_async(
    key: &PrivateKey,
    method: String,
    path: String,
    client_id: String,
    request_time: String,
    body: Either<String, Buffer>,
    key_version: Option<f64>,
) -> AsyncTask<Work<String>> {
    let (key, body) = (key.0.clone(), bytes(&body).to_vec());
    AsyncTask::new(Work::new(move || {
        let c = [&*method, &path, &client_id, &request_time];
        antom_bridge::sign_with(&key, c, &body, version(key_version)?)
    }))
}

/// `verifySignature` with the RSA work on the libuv thread pool.
#[napi(ts_return_type = "Promise<boolean>")]
pub fn verify_signature_async(
    key: &PublicKey,
    method: String,
    path: String,
    client_id: String,
    request_time: String,
    body: Either<String, Buffer>,
    signature: String,
) -> AsyncTask<Work<bool>> {
    let (key, body) = (key.0.clone(), bytes(&body).to_vec());
    AsyncTask::new(Work::new(move || {
        let c = [&*method, &path, &client_id, &request_time];
        antom_bridge::verify_with(&key, c, &body, &signature)
    }))
}

/// Options for one call; `index.js` refuses names not in the bridge's table.
#[napi(object)]
pub struct RequestOptions {
    /// Extra HTTP headers.
    pub headers: Option<HashMap<String, String>>,
    /// Milliseconds one attempt may take.
    pub timeout_ms: Option<f64>,
    /// Retries for this call.
    pub max_retries: Option<f64>,
}

fn call_options(options: Option<RequestOptions>) -> napi::Result<antom::CallOptions> {
    let Some(o) = options else {
        return Ok(antom::CallOptions::new());
    };
    antom_bridge::call_options::call_options(
        Naming::Camel,
        o.headers.unwrap_or_default().into_iter().collect(),
        o.timeout_ms.map(|ms| ms / 1000.0),
        o.max_retries,
    )
    .map_err(to_napi)
}

/// Antom API client: every network method returns a Promise and never blocks the event loop.
#[napi]
pub struct Client {
    handle: Handle,
}

#[napi]
impl Client {
    /// Options named as the bridge's option table names them, durations in milliseconds
    /// (`timeoutMs`), as Node's timers take them; `index.js` drops undefined and null values.
    #[napi(constructor)]
    pub fn new(options: HashMap<String, Either3<String, f64, Buffer>>) -> napi::Result<Self> {
        let mut o = Options::default();
        for (name, v) in options {
            let millis = name.strip_suffix("Ms");
            let spec = Options::spec(Naming::Camel, millis.unwrap_or(&name))
                .filter(|s| (s.kind == OptionKind::Seconds) == millis.is_some())
                .ok_or_else(|| to_napi(Options::unknown(Naming::Camel, &name)))?;
            let value = match v {
                Either3::A(s) => OptionValue::Text(s),
                Either3::B(n) => OptionValue::Number(millis.map_or(n, |_| n / 1000.0)),
                Either3::C(b) => OptionValue::Key(KeySource::from(b.to_vec())),
            };
            o.set(spec, value).map_err(to_napi)?;
        }
        let handle = Handle::new(&o, "node").map_err(to_napi)?;
        Ok(Client { handle })
    }

    async fn run(&self, op: Op) -> napi::Result<Value> {
        json(self.handle.run(op).await.map_err(to_napi)?)
    }

    /// Calls any endpoint with a JSON object, serialized once by the core.
    #[napi(ts_return_type = "Promise<any>")]
    pub async fn call_json(
        &self,
        endpoint: String,
        body: Value,
        options: Option<RequestOptions>,
    ) -> napi::Result<Value> {
        let options = call_options(options)?;
        self.run(Op::Call(endpoint, antom::RequestBody::Json(body), options))
            .await
    }

    /// Calls any endpoint with JSON text or bytes, sent exactly as given.
    #[napi(ts_return_type = "Promise<any>")]
    pub async fn call_raw(
        &self,
        endpoint: String,
        body: Either<String, Buffer>,
        options: Option<RequestOptions>,
    ) -> napi::Result<Value> {
        let body = match body {
            Either::A(s) => antom::RequestBody::from(s),
            Either::B(b) => antom::RequestBody::from(b.to_vec()),
        };
        let options = call_options(options)?;
        self.run(Op::Call(endpoint, body, options)).await
    }

    /// Polls inquiryPayment until paymentStatus is final or `timeoutMs` passes.
    #[napi(ts_return_type = "Promise<any>")]
    pub async fn inquire_payment_until_final(
        &self,
        payment_request_id: String,
        timeout_ms: f64,
    ) -> napi::Result<Value> {
        let timeout = antom_bridge::client::poll_timeout(Naming::Camel, timeout_ms / 1000.0)
            .map_err(to_napi)?;
        self.run(Op::UntilFinal(payment_request_id, timeout)).await
    }

    /// Verifies a notification over its raw body, then parses it (blocks for the RSA work).
    #[napi]
    pub fn verify_notification(
        &self,
        path: String,
        headers: HashMap<String, Either<String, Vec<String>>>,
        body: Either<String, Buffer>,
    ) -> napi::Result<Value> {
        json(
            self.handle
                .verify_notification(&path, flat(headers), bytes(&body))
                .map_err(to_napi)?,
        )
    }

    /// Sends usage events (an object, serialized once) once, unsigned, over HTTP/2.
    #[napi(ts_return_type = "Promise<any>")]
    pub async fn upload_meter_events_json(
        &self,
        session_id: String,
        events: Value,
    ) -> napi::Result<Value> {
        self.run(Op::MeterEvents(
            session_id,
            antom::RequestBody::Json(events),
        ))
        .await
    }

    /// Sends usage events given as JSON text or bytes, as given.
    #[napi(ts_return_type = "Promise<any>")]
    pub async fn upload_meter_events_raw(
        &self,
        session_id: String,
        events: Either<String, Buffer>,
    ) -> napi::Result<Value> {
        let events = match events {
            Either::A(s) => antom::RequestBody::from(s),
            Either::B(b) => antom::RequestBody::from(b.to_vec()),
        };
        self.run(Op::MeterEvents(session_id, events)).await
    }

    /// Uploads a product image: a Buffer, or a string naming a file.
    #[napi(ts_return_type = "Promise<any>")]
    pub async fn upload_product_image(
        &self,
        product_id: String,
        image: Either<Buffer, String>,
        file_name: Option<String>,
    ) -> napi::Result<Value> {
        let image = match image {
            Either::A(b) => antom_bridge::client::Image::Bytes(b.to_vec()),
            Either::B(p) => antom_bridge::client::Image::Path(p.into()),
        };
        self.run(Op::UploadImage {
            product_id,
            image,
            file_name,
        })
        .await
    }

    /// Missed-webhook recovery: the notifications Antom recorded between two ISO 8601 times,
    /// each as `verifyNotification` gives a delivery.
    #[napi(ts_return_type = "Promise<any[]>")]
    pub async fn recover_notifications(&self, from: String, to: String) -> napi::Result<Value> {
        json(self.handle.recover(from, to).await.map_err(to_napi)?)
    }

    /// `verifyNotification` with the RSA work on the libuv thread pool.
    #[napi(ts_return_type = "Promise<any>")]
    pub fn verify_notification_async(
        &self,
        path: String,
        headers: HashMap<String, Either<String, Vec<String>>>,
        body: Either<String, Buffer>,
    ) -> AsyncTask<Work<Json>> {
        let (handle, headers, body) = (self.handle.clone(), flat(headers), bytes(&body).to_vec());
        AsyncTask::new(Work::new(move || {
            let n = handle.verify_notification(&path, headers, &body)?;
            Ok(Json(serde_json::to_value(n).unwrap_or(Value::Null)))
        }))
    }
}

/// Node gives repeated headers as arrays; the core takes one value per name.
fn flat(headers: HashMap<String, Either<String, Vec<String>>>) -> Vec<(String, String)> {
    headers
        .into_iter()
        .map(|(k, v)| match v {
            Either::A(s) => (k, s),
            Either::B(list) => (k, list.join(", ")),
        })
        .collect()
}
