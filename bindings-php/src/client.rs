//! `Antom\Client`, `Antom\Response` and `Antom\Notification` over the bridge's handle and views.
//! The PHP method table of `Antom\Client` is generated (client_generated.rs); the functions it
//! calls are here.

use antom_bridge::{Handle, Naming, NotificationView, Op, Options, ResponseView};
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};

use crate::convert::{array_to_json, json_to_zval};
use crate::errors::{to_php, type_error};

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
    pub const ACK: &'static str = antom_core::NOTIFICATION_ACK;

    /// The parsed JSON body as an array.
    #[php(getter)]
    pub fn get_data(&self) -> PhpResult<Zval> {
        json_to_zval(&self.json)
    }
}

impl From<NotificationView> for Notification {
    fn from(n: NotificationView) -> Self {
        Notification {
            kind: n.kind,
            result_status: n.result_status,
            result_code: n.result_code,
            raw: n.raw,
            client_id: n.client_id,
            request_time: n.request_time,
            json: n.data,
        }
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
    #[php(prop, name = "isSuccess")]
    is_success: bool,
    #[php(prop, name = "isFailure")]
    is_failure: bool,
    #[php(prop, name = "isUnknown")]
    is_unknown: bool,
    json: serde_json::Value,
    headers: serde_json::Value,
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
        json_to_zval(&self.headers)
    }
}

impl From<ResponseView> for Response {
    fn from(r: ResponseView) -> Self {
        let headers = r.headers.into_iter().map(|h| (h.name, h.value.into()));
        Response {
            result_status: r.result_status,
            result_code: r.result_code,
            result_message: r.result_message,
            verified: r.verified,
            raw: r.raw,
            http_status: i64::from(r.http_status),
            attempts: i64::from(r.attempts),
            idempotency_key: r.idempotency_key,
            is_success: r.is_success,
            is_failure: r.is_failure,
            is_unknown: r.is_unknown,
            json: r.data,
            headers: serde_json::Value::Object(headers.collect()),
        }
    }
}

/// Antom API client (blocking). Its connection pool is shared per process and per distinct
/// options, so a client created on every request reuses it, and rebuilt after a fork.
#[php_class]
#[php(name = "Antom\\Client")]
pub struct Client {
    handle: Handle,
}

impl Client {
    fn build(options: &ZendHashTable) -> PhpResult<Self> {
        let options = Options::from_json(array_to_json(options, true)?, Naming::Camel);
        let handle = Handle::new(&options.map_err(to_php)?, "php").map_err(to_php)?;
        Ok(Client { handle })
    }

    fn run(&self, endpoint: &str, body: &Zval) -> PhpResult<Response> {
        let body = if let Some(s) = body.string() {
            antom_core::RequestBody::from(s)
        } else if let Some(ht) = body.array() {
            antom_core::RequestBody::Json(array_to_json(ht, true)?)
        } else {
            let given = body.get_type();
            return Err(type_error(format!(
                "the body must be an array or a string, {given} given"
            )));
        };
        let op = Op::Call(endpoint.to_string(), body);
        self.handle
            .run_blocking(op)
            .map(Response::from)
            .map_err(to_php)
    }

    fn until_final(&self, payment_request_id: String, timeout: f64) -> PhpResult<Response> {
        let timeout = antom_bridge::client::poll_timeout(Naming::Camel, timeout).map_err(to_php)?;
        let op = Op::UntilFinal(payment_request_id, timeout);
        self.handle
            .run_blocking(op)
            .map(Response::from)
            .map_err(to_php)
    }

    fn verify(&self, path: &str, headers: &ZendHashTable, body: &str) -> PhpResult<Notification> {
        let mut pairs = Vec::new();
        for (k, v) in headers.iter() {
            let value = v
                .string()
                .ok_or_else(|| type_error("header values must be strings"))?;
            pairs.push((k.to_string(), value));
        }
        let n = self
            .handle
            .verify_notification(path, pairs, body.as_bytes());
        n.map(Notification::from).map_err(to_php)
    }

    fn debug_info(&self) -> std::collections::HashMap<String, String> {
        let c = self.handle.describe("Antom\\Client");
        [("client".to_string(), c)].into_iter().collect()
    }
}

include!("client_generated.rs");
