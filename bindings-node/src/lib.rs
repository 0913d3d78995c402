//! The native addon behind the `antom` npm package. It maps the shared binding facade
//! (antom-bridge) to napi: conversions only. Errors carry the bridge's error view as JSON,
//! which `index.js` turns into an `AntomError` whose `code` is the kind; responses and
//! notifications are the bridge's views as plain objects.

#![allow(clippy::needless_pass_by_value)]
// napi passes owned values across the boundary.
// No Debug on napi objects: ClientOptions holds key material and must never be printed.
#![allow(missing_debug_implementations)]

use std::collections::HashMap;

// Every block this library frees is zeroed first (bridge/src/memory.rs).
antom_bridge::wipe_freed_memory!();

use antom_bridge::functions;
use antom_bridge::keys::KeySource;
use antom_bridge::operations::{self, Kind};
use antom_bridge::options::{OptionKind, OptionValue};
use antom_bridge::{Handle, Naming, Options};
use napi::bindgen_prelude::{AsyncTask, Buffer, Either, Either3};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi_derive::napi;
use serde_json::Value;

mod tasks;
#[cfg(feature = "testing")]
mod testing;
use tasks::Work;

/// The reason is the error view as JSON; `index.js` makes it an `AntomError`.
fn to_napi(e: antom::Error) -> napi::Error {
    let view = antom_bridge::ErrorView::from(&e);
    let detail = serde_json::to_string(&view).unwrap_or_else(|_| e.to_string());
    napi::Error::new(napi::Status::GenericFailure, detail)
}

/// The addon's version; `native.js` refuses an addon whose version differs from the package's.
#[napi]
pub const VERSION: &str = antom::VERSION;

/// The exact body that acknowledges a notification.
#[napi]
pub const NOTIFICATION_ACK: &str = antom::NOTIFICATION_ACK;

/// Runs the function `name` of the bridge's functions table (`generated.js` lists them;
/// `index.js` exports one per row), converting its arguments as an operation's.
#[napi]
pub fn call_function(
    name: String,
    args: Value,
    buffers: Vec<Option<Buffer>>,
) -> napi::Result<Value> {
    let (f, values) = function_values(&name, args, buffers)?;
    answer(functions::call(f.name, values, Naming::Camel))
}

/// [`call_function`] on the libuv thread pool, so RSA work leaves the event loop free.
#[napi(ts_return_type = "Promise<any>")]
pub fn call_function_async(
    name: String,
    args: Value,
    buffers: Vec<Option<Buffer>>,
) -> napi::Result<AsyncTask<Work<Either<String, bool>>>> {
    let (f, values) = function_values(&name, args, buffers)?;
    Ok(AsyncTask::new(Work::new(move || {
        functions::call(f.name, values, Naming::Camel).map(|a| match a {
            functions::Answer::Text(s) => Either::A(s),
            functions::Answer::Verdict(b) => Either::B(b),
        })
    })))
}

fn function_values(
    name: &str,
    args: Value,
    buffers: Vec<Option<Buffer>>,
) -> napi::Result<(&'static functions::Function, Vec<operations::Value>)> {
    let f = functions::find(name).map_err(to_napi)?;
    Ok((f, values_of(f.name, f.args, args, buffers)?))
}

fn answer(a: antom::Result<functions::Answer>) -> napi::Result<Value> {
    match a.map_err(to_napi)? {
        functions::Answer::Text(s) => Ok(Value::String(s)),
        functions::Answer::Verdict(b) => Ok(Value::Bool(b)),
    }
}

fn type_error(message: String) -> napi::Error {
    napi::Error::new(napi::Status::InvalidArg, message)
}

/// Node spells durations in milliseconds (`timeoutMs`), as its timers do: seconds for the core.
fn seconds(name: &str, v: Value) -> Value {
    match (name.ends_with("Ms"), v.as_f64()) {
        (true, Some(ms)) => Value::from(ms / 1000.0),
        _ => v,
    }
}

/// One argument of an operation, converted by its kind (`index.js` checked its JS type): a
/// Buffer comes beside the JSON arguments, at the same position.
fn value_of(
    arg: &operations::Arg,
    v: Value,
    buffer: Option<Buffer>,
) -> napi::Result<operations::Value> {
    use operations::Value as V;
    let wrong = || type_error(format!("{} is not of its kind", arg.name));
    if let Some(b) = buffer {
        return match arg.kind {
            Kind::Body => Ok(V::Body(antom::RequestBody::from(b.to_vec()))),
            Kind::Bytes => Ok(V::Bytes(b.to_vec())),
            Kind::Key => Ok(V::Key(b.to_vec().into())),
            _ => Err(wrong()),
        };
    }
    Ok(match (arg.kind, v) {
        (_, Value::Null) => V::None,
        (Kind::Text | Kind::OptText, Value::String(s)) => V::Text(s),
        (Kind::Key, Value::String(s)) => V::Key(s.into()),
        (Kind::OptCount, Value::Number(n)) => V::Count(n.as_f64().ok_or_else(wrong)?),
        (Kind::Path, Value::String(s)) => V::Path(s.into()),
        (Kind::Body, Value::String(s)) => V::Body(antom::RequestBody::from(s)),
        (Kind::Body, json @ Value::Object(_)) => V::Body(antom::RequestBody::Json(json)),
        (Kind::Bytes, Value::String(s)) => V::Bytes(s.into_bytes()),
        (Kind::Headers, Value::Object(h)) => V::Headers(flat(h)?),
        (Kind::Seconds, Value::Number(n)) => V::Seconds(n.as_f64().ok_or_else(wrong)? / 1000.0),
        (Kind::CallOptions, Value::Object(o)) => {
            let o = o.into_iter().map(|(k, v)| {
                let v = seconds(&k, v);
                (k.strip_suffix("Ms").map_or(k.clone(), str::to_string), v)
            });
            let o = antom_bridge::call_options::call_options_from_value(
                Value::Object(o.collect()),
                Naming::Camel,
            );
            V::Options(o.map_err(to_napi)?)
        }
        _ => return Err(wrong()),
    })
}

/// The arguments of the operation or function `name` (a JSON array, with the Buffers at their
/// positions in `buffers`), each by its kind.
fn values_of(
    name: &str,
    spec: &'static [operations::Arg],
    args: Value,
    buffers: Vec<Option<Buffer>>,
) -> napi::Result<Vec<operations::Value>> {
    let Value::Array(args) = args else {
        return Err(type_error("the arguments must be an array".into()));
    };
    if args.len() > spec.len() || buffers.len() > spec.len() {
        let n = spec.len();
        return Err(type_error(format!(
            "{name} takes {n} arguments, {} given",
            args.len()
        )));
    }
    let mut buffers = buffers.into_iter();
    let mut args = args.into_iter();
    let values = spec.iter().map(|a| {
        let (v, b) = (args.next().unwrap_or(Value::Null), buffers.next().flatten());
        value_of(a, v, b)
    });
    values.collect()
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

    /// Runs the operation `name` of the bridge's table (`generated.js` lists them; `index.js`
    /// defines a method for each): a Promise, the work on the shared runtime.
    #[napi(ts_return_type = "Promise<any>")]
    pub async fn invoke(
        &self,
        name: String,
        args: Value,
        buffers: Vec<Option<Buffer>>,
    ) -> napi::Result<Value> {
        let op = operations::find(&name).map_err(to_napi)?;
        let values = values_of(op.name, op.args, args, buffers)?;
        let outcome = self.handle.invoke(op.name, values, Naming::Camel).await;
        Ok(outcome.map_err(to_napi)?.to_json())
    }

    /// An operation that never waits on the network, run at once (it blocks only for its own
    /// work, such as one RSA verification); network operations are refused here.
    #[napi]
    pub fn invoke_sync(
        &self,
        name: String,
        args: Value,
        buffers: Vec<Option<Buffer>>,
    ) -> napi::Result<Value> {
        let op = operations::find(&name).map_err(to_napi)?;
        let values = values_of(op.name, op.args, args, buffers)?;
        if op.network {
            return Err(type_error(format!(
                "{name} waits on the network: use its Promise"
            )));
        }
        let outcome = self.handle.invoke_blocking(op.name, values, Naming::Camel);
        Ok(outcome.map_err(to_napi)?.to_json())
    }
}

/// Node gives repeated headers as arrays; the core takes one value per name.
fn flat(headers: serde_json::Map<String, Value>) -> napi::Result<Vec<(String, String)>> {
    let text = |v: Value| match v {
        Value::String(s) => Ok(s),
        _ => Err(type_error("header values must be strings".into())),
    };
    let mut out = Vec::with_capacity(headers.len());
    for (k, v) in headers {
        let v = match v {
            Value::Array(list) => list
                .into_iter()
                .map(text)
                .collect::<napi::Result<Vec<_>>>()?
                .join(", "),
            v => text(v)?,
        };
        out.push((k, v));
    }
    Ok(out)
}

/// The listener of every attempt of every client (the event as JSON text), or null to stop.
/// It never keeps the process alive, and runs on the event loop, after the attempt.
#[napi]
pub fn set_attempt_listener(
    listener: Option<ThreadsafeFunction<String, (), String, napi::Status, false, true>>,
) {
    match listener {
        Some(tsfn) => antom_bridge::events::set_sink(move |e| {
            let json = antom_bridge::events::to_json(e, Naming::Camel).to_string();
            let _ = tsfn.call(json, ThreadsafeFunctionCallMode::NonBlocking);
        }),
        None => antom_bridge::events::clear_sink(),
    }
}
