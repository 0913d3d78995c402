//! Arguments as a binding gives them: converted by their [`Kind`] into [`Value`]s (by the
//! binding, or here from JSON for bindings over the C ABI), then taken one by one by the
//! operation or function they are for, each checked against its declared kind.

use std::path::PathBuf;

use antom::{CallOptions, RequestBody, Result};
use serde_json::Value as Json;

use crate::options::Naming;

/// What kind of value an argument is, which says how each language takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    Text,
    /// Text or nothing (null, None, omitted at the end).
    OptText,
    /// A request body: the language's map, JSON text or bytes, or a model.
    Body,
    /// Bytes taken as they are (a PHP string, a Python `bytes`, a Node `Buffer`).
    Bytes,
    /// A file path.
    Path,
    /// Request headers as received (name to value, names in any case).
    Headers,
    /// A number of seconds.
    Seconds,
    /// Per-call options (headers, timeout, maxRetries), or nothing.
    CallOptions,
    /// A key: its text (PEM or base64), its bytes, or (where the language has a path type) a
    /// key file.
    Key,
    /// A whole number, or nothing (the function's default).
    OptCount,
}

/// One argument.
#[derive(Debug)]
pub struct Arg {
    /// In snake case; each language spells it in its own case.
    pub name: &'static str,
    pub kind: Kind,
}

/// An argument, for the tables.
pub(crate) const fn arg(name: &'static str, kind: Kind) -> Arg {
    Arg { name, kind }
}

/// An argument as a binding converted it.
#[derive(Debug, Clone)]
pub enum Value {
    Text(String),
    None,
    Body(RequestBody),
    Bytes(Vec<u8>),
    Path(PathBuf),
    Headers(Vec<(String, String)>),
    Seconds(f64),
    Options(CallOptions),
    Key(crate::keys::KeySource),
    Count(f64),
}

/// The arguments of an operation or function taken one by one: each must be of its declared
/// kind.
pub(crate) struct Args {
    name: &'static str,
    spec: &'static [Arg],
    values: std::vec::IntoIter<Value>,
    at: usize,
}

impl Args {
    pub(crate) fn new(
        name: &'static str,
        spec: &'static [Arg],
        values: Vec<Value>,
    ) -> Result<Args> {
        if values.len() > spec.len() {
            return Err(too_many(name, spec, values.len()));
        }
        Ok(Args {
            name,
            spec,
            values: values.into_iter(),
            at: 0,
        })
    }

    fn next(&mut self) -> Result<Value> {
        let name = self.spec.get(self.at).map_or("?", |a| a.name);
        self.at += 1;
        // A trailing optional argument may be left out.
        let v = self.values.next().unwrap_or(Value::None);
        match v {
            Value::None => match self.spec.get(self.at - 1).map(|a| a.kind) {
                Some(Kind::OptText | Kind::CallOptions | Kind::OptCount) => Ok(Value::None),
                _ => Err(crate::input(format!("{}: {name} is required", self.name))),
            },
            v => Ok(v),
        }
    }

    fn wrong(&self) -> antom::Error {
        let name = self.spec.get(self.at - 1).map_or("?", |a| a.name);
        crate::input(format!("{}: {name} is not of its kind", self.name))
    }

    pub(crate) fn key(&mut self) -> Result<crate::keys::KeySource> {
        match self.next()? {
            Value::Key(k) => Ok(k),
            Value::Text(s) => Ok(s.into()),
            Value::Bytes(b) => Ok(b.into()),
            Value::Path(p) => Ok(crate::keys::KeySource::Path(p)),
            _ => Err(self.wrong()),
        }
    }

    /// A whole number from 0 to `max`, or `default` when absent.
    pub(crate) fn count(&mut self, naming: Naming, default: u32, max: u32) -> Result<u32> {
        let name = self.spec.get(self.at).map_or("?", |a| a.name);
        match self.next()? {
            Value::None => Ok(default),
            Value::Count(n) | Value::Seconds(n) => crate::options::count(naming, name, n, max),
            _ => Err(self.wrong()),
        }
    }

    pub(crate) fn text(&mut self) -> Result<String> {
        match self.next()? {
            Value::Text(s) => Ok(s),
            _ => Err(self.wrong()),
        }
    }

    pub(crate) fn opt_text(&mut self) -> Result<Option<String>> {
        match self.next()? {
            Value::Text(s) => Ok(Some(s)),
            Value::None => Ok(None),
            _ => Err(self.wrong()),
        }
    }

    pub(crate) fn body(&mut self) -> Result<RequestBody> {
        match self.next()? {
            Value::Body(b) => Ok(b),
            Value::Text(s) => Ok(RequestBody::from(s.into_bytes())),
            Value::Bytes(b) => Ok(RequestBody::from(b)),
            _ => Err(self.wrong()),
        }
    }

    pub(crate) fn bytes(&mut self) -> Result<Vec<u8>> {
        match self.next()? {
            Value::Bytes(b) => Ok(b),
            Value::Text(s) => Ok(s.into_bytes()),
            _ => Err(self.wrong()),
        }
    }

    pub(crate) fn path(&mut self) -> Result<PathBuf> {
        match self.next()? {
            Value::Path(p) => Ok(p),
            Value::Text(s) => Ok(PathBuf::from(s)),
            _ => Err(self.wrong()),
        }
    }

    pub(crate) fn headers(&mut self) -> Result<Vec<(String, String)>> {
        match self.next()? {
            Value::Headers(h) => Ok(h),
            _ => Err(self.wrong()),
        }
    }

    pub(crate) fn seconds(&mut self) -> Result<f64> {
        match self.next()? {
            Value::Seconds(s) => Ok(s),
            _ => Err(self.wrong()),
        }
    }

    pub(crate) fn options(&mut self) -> Result<CallOptions> {
        match self.next()? {
            Value::Options(o) => Ok(o),
            Value::None => Ok(CallOptions::new()),
            _ => Err(self.wrong()),
        }
    }
}

fn too_many(name: &str, spec: &[Arg], given: usize) -> antom::Error {
    crate::input(format!(
        "{name} takes {} arguments, {given} given",
        spec.len()
    ))
}

/// [`args_from_json`] for any argument list.
/// The arguments may hold key text: whatever is not taken (an error part way, arguments of the
/// wrong shape) has its strings zeroized before it is freed.
pub(crate) fn values_from_json(name: &str, spec: &'static [Arg], args: Json) -> Result<Vec<Value>> {
    let mut args = Scrubbed(args);
    let Json::Array(items) = &mut args.0 else {
        return Err(crate::input("the arguments must be a JSON array"));
    };
    if items.len() > spec.len() {
        return Err(too_many(name, spec, items.len()));
    }
    let bad = |arg: &Arg, what: &str| crate::input(format!("{name}: {} must be {what}", arg.name));
    items
        .iter_mut()
        .zip(spec.iter())
        .map(|(item, arg)| {
            // Taken out, a null left behind: what is not taken is scrubbed with `args`.
            let item = std::mem::take(item);
            if item.is_null() {
                return Ok(Value::None);
            }
            Ok(match arg.kind {
                Kind::Text | Kind::OptText => match item {
                    Json::String(s) => Value::Text(s),
                    _ => return Err(bad(arg, "a string")),
                },
                Kind::Key => match item {
                    Json::String(s) => Value::Key(s.into()),
                    other => {
                        drop(Scrubbed(other));
                        return Err(bad(arg, "the key's text"));
                    }
                },
                Kind::Path => match item {
                    Json::String(s) => Value::Path(s.into()),
                    _ => return Err(bad(arg, "a string")),
                },
                Kind::Body => match item {
                    Json::String(s) => Value::Body(RequestBody::from(s.into_bytes())),
                    other => Value::Body(RequestBody::Json(other)),
                },
                Kind::Bytes => {
                    use base64::Engine as _;
                    let Json::String(s) = item else {
                        return Err(bad(arg, "base64 text"));
                    };
                    let bytes = base64::engine::general_purpose::STANDARD
                        .decode(s.as_bytes())
                        .map_err(|_| bad(arg, "base64 text"))?;
                    Value::Bytes(bytes)
                }
                Kind::Headers => Value::Headers(headers_from_json(item).ok_or_else(|| {
                    bad(
                        arg,
                        "an object of names to values or an array of {name, value}",
                    )
                })?),
                Kind::Seconds => Value::Seconds(item.as_f64().ok_or_else(|| bad(arg, "a number"))?),
                Kind::OptCount => Value::Count(item.as_f64().ok_or_else(|| bad(arg, "a number"))?),
                Kind::CallOptions => Value::Options(crate::call_options::call_options_from_value(
                    item,
                    Naming::Camel,
                )?),
            })
        })
        .collect()
}

/// JSON whose strings are zeroized when it is dropped.
pub(crate) struct Scrubbed(pub(crate) Json);

impl Drop for Scrubbed {
    fn drop(&mut self) {
        fn scrub(v: &mut Json) {
            match v {
                Json::String(s) => zeroize::Zeroize::zeroize(s),
                Json::Array(items) => items.iter_mut().for_each(scrub),
                Json::Object(map) => map.values_mut().for_each(scrub),
                _ => {}
            }
        }
        scrub(&mut self.0);
    }
}

fn headers_from_json(item: Json) -> Option<Vec<(String, String)>> {
    match item {
        Json::Object(map) => map
            .into_iter()
            .map(|(k, v)| Some((k, v.as_str()?.to_string())))
            .collect(),
        Json::Array(items) => items
            .into_iter()
            .map(|h| {
                Some((
                    h.get("name")?.as_str()?.to_string(),
                    h.get("value")?.as_str()?.to_string(),
                ))
            })
            .collect(),
        _ => None,
    }
}

/// A value of each kind, for the tests that every row of a table reaches its implementation.
#[cfg(test)]
pub(crate) fn sample(kind: Kind) -> Value {
    match kind {
        Kind::Text => Value::Text("x".into()),
        Kind::OptText | Kind::OptCount => Value::None,
        Kind::Body => Value::Body(RequestBody::from(b"{}".to_vec())),
        Kind::Bytes => Value::Bytes(Vec::new()),
        Kind::Path => Value::Path(PathBuf::from("/nonexistent")),
        Kind::Headers => Value::Headers(Vec::new()),
        Kind::Seconds => Value::Seconds(1.0),
        Kind::CallOptions => Value::Options(CallOptions::new()),
        Kind::Key => Value::Key(crate::keys::KeySource::from("x".to_string())),
    }
}
