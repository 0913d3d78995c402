//! `Antom\Client` over the bridge's handle. Generated: its PHP method table
//! (client_generated.rs, calling the functions here) and `Antom\Response` and
//! `Antom\Notification` (views_generated.rs, from the bridge's views).

use antom_bridge::client::Image;
use antom_bridge::{Handle, Naming, NotificationView, Op, Options, ResponseView};
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};

use crate::convert::{array_to_json, json_to_zval};
use crate::errors::{to_php, type_error};

include!("views_generated.rs");

/// Response headers as a PHP array (name => value).
fn headers_object(headers: Vec<antom_bridge::Header>) -> serde_json::Value {
    let pairs = headers.into_iter().map(|h| (h.name, h.value.into()));
    serde_json::Value::Object(pairs.collect())
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

    /// Runs `op`; the answer's `data` parses as `Antom\Models\{model}` (none: an array).
    fn answer(&self, op: Op, model: &str) -> PhpResult<Response> {
        let mut r = Response::from(self.handle.run_blocking(op).map_err(to_php)?);
        r.model_class = model.to_string();
        Ok(r)
    }

    fn run(
        &self,
        endpoint: &str,
        model: &str,
        body: &Zval,
        options: Option<&ZendHashTable>,
    ) -> PhpResult<Response> {
        let options = match options {
            Some(ht) => {
                antom_bridge::call_options::call_options_from_value(array_to_json(ht, true)?)
                    .map_err(to_php)?
            }
            None => antom_core::CallOptions::new(),
        };
        let op = Op::Call(endpoint.to_string(), body_of(body)?, options);
        self.answer(op, model)
    }

    fn meter_events(&self, model: &str, session_id: String, events: &Zval) -> PhpResult<Response> {
        let op = Op::MeterEvents(session_id, body_of(events)?);
        self.answer(op, model)
    }

    fn until_final(
        &self,
        model: &str,
        payment_request_id: String,
        timeout: f64,
    ) -> PhpResult<Response> {
        let timeout = antom_bridge::client::poll_timeout(Naming::Camel, timeout).map_err(to_php)?;
        self.answer(Op::UntilFinal(payment_request_id, timeout), model)
    }

    fn verify(&self, path: &str, headers: &ZendHashTable, body: &[u8]) -> PhpResult<Notification> {
        let mut pairs = Vec::new();
        for (k, v) in headers.iter() {
            let value = v
                .string()
                .ok_or_else(|| type_error("header values must be strings"))?;
            pairs.push((k.to_string(), value));
        }
        let n = self.handle.verify_notification(path, pairs, body);
        n.map(Notification::from).map_err(to_php)
    }

    fn upload(
        &self,
        model: &str,
        product_id: String,
        image: Image,
        file_name: Option<String>,
    ) -> PhpResult<Response> {
        let op = Op::UploadImage {
            product_id,
            image,
            file_name,
        };
        self.answer(op, model)
    }

    fn recover(&self, from: &str, to: &str) -> PhpResult<Vec<Notification>> {
        let found = self.handle.recover_blocking(from, to).map_err(to_php)?;
        Ok(found.into_iter().map(Notification::from).collect())
    }

    fn debug_info(&self) -> std::collections::HashMap<String, String> {
        let c = self.handle.describe("Antom\\Client");
        [("client".to_string(), c)].into_iter().collect()
    }
}

/// A request body from an array, JSON text or a model of `Antom\Models`.
fn body_of(body: &Zval) -> PhpResult<antom_core::RequestBody> {
    // A PHP string is bytes: taken as they are, so the core judges them (not UTF-8, not JSON).
    if let Some(s) = body.zend_str() {
        Ok(antom_core::RequestBody::from(s.as_bytes().to_vec()))
    } else if let Some(ht) = body.array() {
        Ok(antom_core::RequestBody::Json(array_to_json(ht, true)?))
    } else if body.object().is_some() {
        // A model from Antom\Models: its wire array.
        let array = body.try_call_method("toArray", vec![])?;
        let ht = array
            .array()
            .ok_or_else(|| type_error("toArray() must return an array"))?;
        Ok(antom_core::RequestBody::Json(array_to_json(ht, true)?))
    } else {
        let given = body.get_type();
        Err(type_error(format!(
            "the body must be an array, a string or a model, {given} given"
        )))
    }
}

include!("client_generated.rs");
