//! `Antom\Client` over the bridge's handle: one entry point (`invoke` of the operations table),
//! a converter per argument kind and per result kind; nothing here names an operation.
//! Generated: the PHP method table (client_generated.rs) and `Antom\Response` and
//! `Antom\Notification` (views_generated.rs, from the bridge's views).

use antom_bridge::operations::{Outcome, Value};
use antom_bridge::{Handle, Naming, NotificationView, Options, ResponseView};
use antom_core::RequestBody;
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

    /// A client over a handle made elsewhere (the in-process simulator's).
    pub(crate) fn from_handle(handle: Handle) -> Self {
        Client { handle }
    }

    /// Runs the operation `name` of the bridge's table (blocking: PHP has no event loop).
    fn invoke(&self, name: &str, args: Vec<Value>) -> PhpResult<Outcome> {
        self.invoke_raw(name, args).map_err(to_php)
    }

    /// `invoke`, its error kept as the core's (for a caller that answers by its kind).
    pub(crate) fn invoke_raw(&self, name: &str, args: Vec<Value>) -> antom_core::Result<Outcome> {
        let outcome = self.handle.invoke_blocking(name, args, Naming::Camel);
        crate::diagnostics::deliver();
        outcome
    }

    fn debug_info(&self) -> std::collections::HashMap<String, String> {
        let c = self.handle.describe("Antom\\Client");
        [("client".to_string(), c)].into_iter().collect()
    }
}

// Arguments by kind (the bridge's operations::Kind).

fn arg_count(v: Option<i64>) -> Value {
    // A key version or a count: whole numbers far below 2^53, so the f64 is exact.
    #[allow(clippy::cast_precision_loss)]
    v.map_or(Value::None, |n| Value::Count(n as f64))
}

/// Headers as getallheaders() returns them (values must be strings).
fn arg_headers(ht: &ZendHashTable) -> PhpResult<Value> {
    header_pairs(ht).map(Value::Headers)
}

/// The (name, value) pairs of a headers array.
pub(crate) fn header_pairs(ht: &ZendHashTable) -> PhpResult<Vec<(String, String)>> {
    ht.iter()
        .map(|(k, v)| {
            let value = v
                .string()
                .ok_or_else(|| type_error("header values must be strings"))?;
            Ok((k.to_string(), value))
        })
        .collect()
}

/// Per-call options: `['headers' => [...], 'timeout' => 5.0, 'maxRetries' => 0]`.
fn arg_options(options: Option<&ZendHashTable>) -> PhpResult<Value> {
    let Some(ht) = options else {
        return Ok(Value::None);
    };
    let json = array_to_json(ht, true)?;
    let o =
        antom_bridge::call_options::call_options_from_value(json, Naming::Camel).map_err(to_php)?;
    Ok(Value::Options(o))
}

/// A request body from an array, JSON text or a model of `Antom\Models`.
fn arg_body(body: &Zval) -> PhpResult<Value> {
    // A PHP string is bytes: taken as they are, so the core judges them (not UTF-8, not JSON).
    if let Some(s) = body.zend_str() {
        Ok(Value::Body(RequestBody::from(s.as_bytes().to_vec())))
    } else if let Some(ht) = body.array() {
        Ok(Value::Body(RequestBody::Json(array_to_json(ht, true)?)))
    } else if body.object().is_some() {
        // A model from Antom\Models: its wire array.
        let array = body.try_call_method("toArray", vec![])?;
        let ht = array
            .array()
            .ok_or_else(|| type_error("toArray() must return an array"))?;
        Ok(Value::Body(RequestBody::Json(array_to_json(ht, true)?)))
    } else {
        let given = body.get_type();
        Err(type_error(format!(
            "the body must be an array, a string or a model, {given} given"
        )))
    }
}

// Results by kind (the bridge's operations::Returns).

/// A response whose `data` parses as `Antom\Models\{model}` (none: an array).
fn response(o: Outcome, model: &str) -> PhpResult<Response> {
    let Outcome::Response(v) = o else {
        return Err(type_error("the operation gave no response"));
    };
    let mut r = Response::from(v);
    r.model_class = model.to_string();
    Ok(r)
}

pub(crate) fn notification(o: Outcome) -> PhpResult<Notification> {
    match o {
        Outcome::Notification(n) => Ok(Notification::from(n)),
        _ => Err(type_error("the operation gave no notification")),
    }
}

fn notifications(o: Outcome) -> PhpResult<Vec<Notification>> {
    match o {
        Outcome::Notifications(ns) => Ok(ns.into_iter().map(Notification::from).collect()),
        _ => Err(type_error("the operation gave no notifications")),
    }
}

/// Runs a function of the bridge's functions table (the generated `Antom\Signature`,
/// `Antom\Amounts`, ... call it): its text.
fn function_text(name: &str, args: Vec<Value>) -> PhpResult<String> {
    match antom_bridge::functions::call(name, args, Naming::Camel).map_err(to_php)? {
        antom_bridge::functions::Answer::Text(s) => Ok(s),
        antom_bridge::functions::Answer::Verdict(_) => {
            Err(type_error(format!("{name} gives a verdict")))
        }
    }
}

/// A function that gives a verdict: true when it verifies, false on a mismatch.
fn function_verdict(name: &str, args: Vec<Value>) -> PhpResult<bool> {
    match antom_bridge::functions::call(name, args, Naming::Camel).map_err(to_php)? {
        antom_bridge::functions::Answer::Verdict(b) => Ok(b),
        antom_bridge::functions::Answer::Text(_) => Err(type_error(format!("{name} gives text"))),
    }
}

include!("client_generated.rs");
