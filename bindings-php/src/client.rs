//! `Antom\Client`, `Antom\Response` and `Antom\Notification`.

use std::sync::Mutex;
use std::time::Duration;

use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};

use crate::convert::{array_to_json, json_to_zval};
use crate::errors::{invalid, to_php, type_error};

/// A verified notification; `Notification::ACK` is the exact acknowledgement body.
#[php_class]
#[php(name = "Antom\\Notification")]
#[derive(Default)]
pub struct Notification {
    #[php(prop, name = "kind")]
    kind: String,
    #[php(prop, name = "resultStatus")]
    result_status: Option<String>,
    #[php(prop, name = "resultCode")]
    result_code: Option<String>,
    #[php(prop, name = "raw")]
    raw: String,
    #[php(prop, name = "clientId")]
    client_id: String,
    #[php(prop, name = "requestTime")]
    request_time: String,
    json: serde_json::Value,
}

#[php_impl]
impl Notification {
    /// The exact body to answer a handled notification with (HTTP 200).
    pub const ACK: &'static str =
        r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#;

    /// The parsed JSON body as an array.
    #[php(getter)]
    pub fn get_data(&self) -> PhpResult<Zval> {
        json_to_zval(&self.json)
    }
}

/// A response from Antom.
#[php_class]
#[php(name = "Antom\\Response")]
#[derive(Default)]
pub struct Response {
    #[php(prop, name = "resultStatus")]
    result_status: String,
    #[php(prop, name = "resultCode")]
    result_code: String,
    #[php(prop, name = "resultMessage")]
    result_message: String,
    /// True when Antom's signature over the raw body verified (always for "S").
    #[php(prop, name = "verified")]
    verified: bool,
    #[php(prop, name = "raw")]
    raw: String,
    #[php(prop, name = "httpStatus")]
    http_status: i64,
    #[php(prop, name = "attempts")]
    attempts: i64,
    #[php(prop, name = "idempotencyKey")]
    idempotency_key: Option<String>,
    /// "S".
    #[php(prop, name = "isSuccess")]
    is_success: bool,
    /// A verified "F": failed, finally.
    #[php(prop, name = "isFailure")]
    is_failure: bool,
    /// "U", or an unverified "F": inquire, never charge again.
    #[php(prop, name = "isUnknown")]
    is_unknown: bool,
    json: serde_json::Value,
    header_pairs: Vec<(String, String)>,
}

#[php_impl]
impl Response {
    /// The parsed JSON body as an array.
    #[php(getter)]
    pub fn get_data(&self) -> PhpResult<Zval> {
        json_to_zval(&self.json)
    }

    /// Response headers (lowercase names).
    #[php(getter)]
    pub fn get_headers(&self) -> PhpResult<Zval> {
        let map: serde_json::Map<String, serde_json::Value> = self
            .header_pairs
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        json_to_zval(&serde_json::Value::Object(map))
    }
}

impl From<antom_core::Response> for Response {
    fn from(r: antom_core::Response) -> Self {
        Response {
            result_status: r.result_status().as_str().to_string(),
            result_code: r.result_code().to_string(),
            result_message: r.result_message().to_string(),
            verified: r.verified(),
            raw: r.raw().to_string(),
            http_status: i64::from(r.http_status()),
            attempts: i64::from(r.attempts()),
            idempotency_key: r.idempotency_key().map(str::to_string),
            is_success: r.is_success(),
            is_failure: r.is_failure(),
            is_unknown: r.is_unknown(),
            json: r.data().clone(),
            header_pairs: r.headers().to_vec(),
        }
    }
}

const OPTIONS: [&str; 11] = [
    "clientId",
    "privateKey",
    "antomPublicKey",
    "region",
    "gatewayUrl",
    "keyVersion",
    "agentToken",
    "timeout",
    "connectTimeout",
    "maxRetries",
    "proxy",
];

/// Antom API client. Blocking; created lazily per process, so it is safe under PHP-FPM and
/// other forking servers, and can live across requests in a worker.
#[php_class]
#[php(name = "Antom\\Client")]
pub struct Client {
    config: antom_core::Config,
    inner: Mutex<Option<(u32, antom_core::blocking::Client)>>,
}

fn opt_string(options: &ZendHashTable, key: &str) -> PhpResult<Option<String>> {
    match options.get(key) {
        None => Ok(None),
        Some(z) if z.is_null() => Ok(None),
        Some(z) => z
            .string()
            .map(Some)
            .ok_or_else(|| type_error(format!("option {key} must be a string"))),
    }
}

fn opt_number(options: &ZendHashTable, key: &str) -> PhpResult<Option<f64>> {
    match options.get(key) {
        None => Ok(None),
        Some(z) if z.is_null() => Ok(None),
        Some(z) => z
            .long()
            .map(|l| l as f64)
            .or_else(|| z.double())
            .map(Some)
            .ok_or_else(|| type_error(format!("option {key} must be a number"))),
    }
}

fn seconds(v: f64, name: &str) -> PhpResult<Duration> {
    antom_core::duration_from_secs(name, v).map_err(to_php)
}

fn body(z: &Zval) -> PhpResult<antom_core::RequestBody> {
    if let Some(s) = z.string() {
        return Ok(antom_core::RequestBody::from(s));
    }
    if let Some(ht) = z.array() {
        return Ok(antom_core::RequestBody::Json(array_to_json(ht, true)?));
    }
    Err(type_error(format!(
        "the body must be an array or a string, {} given",
        z.get_type()
    )))
}

#[php_impl]
impl Client {
    pub fn __construct(options: &ZendHashTable) -> PhpResult<Self> {
        for (k, _) in options.iter() {
            let key = k.to_string();
            if !OPTIONS.contains(&key.as_str()) {
                return Err(invalid(format!(
                    "unknown option '{key}'; accepted: {}",
                    OPTIONS.join(", ")
                )));
            }
        }
        let client_id =
            opt_string(options, "clientId")?.ok_or_else(|| invalid("clientId is required"))?;
        let private_key = zeroize::Zeroizing::new(
            opt_string(options, "privateKey")?.ok_or_else(|| invalid("privateKey is required"))?,
        );
        let public_key = opt_string(options, "antomPublicKey")?
            .ok_or_else(|| invalid("antomPublicKey is required"))?;
        let mut b = antom_core::Config::builder(
            client_id,
            antom_core::PrivateKey::parse(&private_key).map_err(to_php)?,
            antom_core::PublicKey::parse(&public_key).map_err(to_php)?,
        );
        if let Some(v) = opt_number(options, "keyVersion")? {
            b = b.key_version(v as u32);
        }
        if let Some(v) = opt_number(options, "timeout")? {
            b = b.timeout(seconds(v, "timeout")?);
        }
        if let Some(v) = opt_number(options, "connectTimeout")? {
            b = b.connect_timeout(seconds(v, "connectTimeout")?);
        }
        if let Some(v) = opt_number(options, "maxRetries")? {
            if !(0.0..=10.0).contains(&v) {
                return Err(invalid("maxRetries must be between 0 and 10"));
            }
            b = b.max_retries(v as u32);
        }
        let region = opt_string(options, "region")?;
        let gateway = opt_string(options, "gatewayUrl")?;
        if region.is_some() && gateway.is_some() {
            return Err(invalid("pass region or gatewayUrl, not both"));
        }
        if let Some(r) = region {
            b = b.region(r.parse().map_err(to_php)?);
        }
        if let Some(u) = gateway {
            b = b.gateway_url(u);
        }
        if let Some(t) = opt_string(options, "agentToken")? {
            b = b.agent_token(t);
        }
        if let Some(p) = opt_string(options, "proxy")? {
            b = b.proxy(p);
        }
        Ok(Client {
            config: b.build().map_err(to_php)?,
            inner: Mutex::new(None),
        })
    }

    /// Calls any endpoint by catalog name ("payments.pay", "pay") or path.
    pub fn call(&self, endpoint: String, body: &Zval) -> PhpResult<Response> {
        self.run(&endpoint, body)
    }

    /// Polls inquiryPayment until paymentStatus is final or `timeout` seconds pass.
    pub fn inquire_payment_until_final(
        &self,
        payment_request_id: String,
        timeout: f64,
    ) -> PhpResult<Response> {
        let timeout = Duration::try_from_secs_f64(timeout)
            .map_err(|_| invalid("timeout must be a non-negative number of seconds"))?;
        let c = self.client()?;
        c.inquire_payment_until_final(&payment_request_id, timeout)
            .map(Response::from)
            .map_err(to_php)
    }

    /// Verifies a notification over its raw body, then parses it. Headers as getallheaders()
    /// returns them, any case.
    pub fn verify_notification(
        &self,
        path: String,
        headers: &ZendHashTable,
        body: String,
    ) -> PhpResult<Notification> {
        let mut pairs = Vec::new();
        for (k, v) in headers.iter() {
            let value = v
                .string()
                .ok_or_else(|| type_error("header values must be strings"))?;
            pairs.push((k.to_string(), value));
        }
        let c = self.client()?;
        let n = c
            .verify_notification(&path, pairs, body.as_bytes())
            .map_err(to_php)?;
        Ok(Notification {
            kind: n.kind,
            result_status: n.result.as_ref().map(|r| r.status.as_str().to_string()),
            result_code: n.result.as_ref().map(|r| r.code.clone()),
            raw: n.raw,
            client_id: n.client_id,
            request_time: n.request_time,
            json: n.data,
        })
    }

    /// `payments.pay`.
    pub fn pay(&self, body: &Zval) -> PhpResult<Response> {
        self.run("payments.pay", body)
    }

    /// `payments.consult`.
    pub fn consult(&self, body: &Zval) -> PhpResult<Response> {
        self.run("payments.consult", body)
    }

    /// `payments.inquiryPayment`.
    pub fn inquiry_payment(&self, body: &Zval) -> PhpResult<Response> {
        self.run("payments.inquiryPayment", body)
    }

    /// `payments.cancel`.
    pub fn cancel(&self, body: &Zval) -> PhpResult<Response> {
        self.run("payments.cancel", body)
    }

    /// `payments.capture`.
    pub fn capture(&self, body: &Zval) -> PhpResult<Response> {
        self.run("payments.capture", body)
    }

    /// `payments.refund`.
    pub fn refund(&self, body: &Zval) -> PhpResult<Response> {
        self.run("payments.refund", body)
    }

    /// `payments.inquiryRefund`.
    pub fn inquiry_refund(&self, body: &Zval) -> PhpResult<Response> {
        self.run("payments.inquiryRefund", body)
    }

    /// `payments.createPaymentSession`.
    pub fn create_payment_session(&self, body: &Zval) -> PhpResult<Response> {
        self.run("payments.createPaymentSession", body)
    }

    /// What var_dump/print_r show: the client id and gateway, never keys.
    pub fn __debug_info(&self) -> std::collections::HashMap<String, String> {
        [
            ("clientId", self.config.client_id()),
            ("gateway", self.config.base_url()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let slot = self.inner.get_mut().unwrap_or_else(|p| p.into_inner());
        if slot
            .as_ref()
            .is_some_and(|(owner, _)| *owner != std::process::id())
        {
            // Inherited across fork: never join threads that only exist in the parent.
            std::mem::forget(slot.take());
        }
    }
}

impl Client {
    /// The core client for this process (built lazily; rebuilt after a fork).
    fn client(&self) -> PhpResult<antom_core::blocking::Client> {
        let pid = std::process::id();
        let mut slot = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((owner, c)) = slot.as_ref() {
            if *owner == pid {
                return Ok(c.clone());
            }
        }
        if let Some(stale) = slot.take() {
            // The parent's runtime threads do not exist in this forked child: dropping its
            // runtime here would wait for them forever.
            std::mem::forget(stale);
        }
        let c = antom_core::blocking::Client::with_language(self.config.clone(), "php")
            .map_err(to_php)?;
        *slot = Some((pid, c.clone()));
        Ok(c)
    }

    fn run(&self, endpoint: &str, b: &Zval) -> PhpResult<Response> {
        let body = body(b)?;
        self.client()?
            .call(endpoint, body)
            .map(Response::from)
            .map_err(to_php)
    }
}
