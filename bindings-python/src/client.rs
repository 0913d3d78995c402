//! `Client` (blocking, GIL released) and `AsyncClient` (awaitables) over the bridge's handle,
//! and the `Response` and `Notification` value types built from the bridge's views. One native
//! entry point, `_invoke(name, args, kwargs)`, runs any operation of the bridge's table: its
//! arguments are converted by their declared kind, its result by its kind. The operation and
//! endpoint methods are generated in Python (`antom/_client.py`); nothing here names one.

use antom_bridge::operations::{self, Kind, Outcome, Value};
use antom_bridge::options::{OptionKind, OptionSpec, OptionValue, OPTIONS};
use antom_bridge::{Handle, Naming, NotificationView, Options, ResponseView};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyTuple};

use crate::errors::{self, IntoPyResult};
use crate::{convert, key_source};

include!("views_generated.rs");

/// The bridge's options from the required arguments and the keyword arguments.
fn build(
    py: Python<'_>,
    required: [&Bound<'_, PyAny>; 3],
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Handle> {
    let mut options = Options::new(Naming::Snake);
    let mut given: Vec<(&OptionSpec, Bound<'_, PyAny>)> = OPTIONS
        .iter()
        .zip(required)
        .map(|(s, v)| (s, v.clone()))
        .collect();
    for (k, v) in kwargs.into_iter().flat_map(|d| d.iter()) {
        let name: String = k.extract()?;
        let spec = Options::spec(Naming::Snake, &name)
            .ok_or_else(|| PyTypeError::new_err(format!("unexpected keyword argument '{name}'")))?;
        given.push((spec, v));
    }
    for (spec, v) in given
        .into_iter()
        .filter(|(s, v)| s.required || !v.is_none())
    {
        let wrong = |what: &str| PyTypeError::new_err(format!("{} must be {what}", spec.name));
        let value = match spec.kind {
            OptionKind::Key => OptionValue::Key(key_source(&v, spec.name)?),
            OptionKind::Text => OptionValue::Text(v.extract().map_err(|_| wrong("a str"))?),
            _ if v.is_instance_of::<PyBool>() => return Err(wrong("a number")),
            _ => OptionValue::Number(v.extract().map_err(|_| wrong("a number"))?),
        };
        options.set(spec, value).py_err(py)?;
    }
    py.detach(|| Handle::new(&options, "python")).py_err(py)
}

/// Per-call options from a dict with the bridge's names (`headers`, `timeout`, `max_retries`),
/// read by the bridge's one reader; `None` is none.
fn call_options(py: Python<'_>, given: Option<&Bound<'_, PyAny>>) -> PyResult<antom::CallOptions> {
    let Some(given) = given.filter(|g| !g.is_none()) else {
        return Ok(antom::CallOptions::new());
    };
    if !given.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err("request_options must be a dict"));
    }
    let json = convert::to_json(given, false)?;
    antom_bridge::call_options::call_options_from_value(json, Naming::Snake).py_err(py)
}

/// A number of seconds (a bool is not one).
fn seconds(v: &Bound<'_, PyAny>, name: &str) -> PyResult<f64> {
    if v.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!("{name} must be a number")));
    }
    v.extract()
        .map_err(|_| PyTypeError::new_err(format!("{name} must be a number")))
}

/// One argument of an operation, converted by its kind. `kwargs` fill a body (snake_case keys
/// become camelCase).
fn value_of(
    py: Python<'_>,
    arg: &operations::Arg,
    v: Option<&Bound<'_, PyAny>>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Value> {
    let name = arg.name;
    let v = v.filter(|v| !v.is_none());
    if arg.kind == Kind::Body && kwargs.is_some_and(|k| !k.is_empty()) {
        return Ok(Value::Body(convert::body_or_kwargs(v, kwargs)?));
    }
    let Some(v) = v else {
        // Python's own error for a missing argument (a body: none, and no keyword arguments).
        return match arg.kind {
            Kind::OptText | Kind::CallOptions | Kind::OptCount => Ok(Value::None),
            Kind::Body => Err(PyTypeError::new_err(format!(
                "{name} is required: a model, dict, str or bytes, or keyword arguments"
            ))),
            _ => Err(PyTypeError::new_err(format!("{name} is required"))),
        };
    };
    let wrong = |what: &str| {
        let given = v
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        PyTypeError::new_err(format!("{name} must be {what}, not {given}"))
    };
    Ok(match arg.kind {
        Kind::Text | Kind::OptText => Value::Text(v.extract().map_err(|_| wrong("a str"))?),
        Kind::Body => Value::Body(convert::body(v)?),
        // The exact bytes (what a signature covers, or a file's content): text is refused, so a
        // path given by mistake is never sent as the file.
        Kind::Bytes if v.is_instance_of::<PyBytes>() || v.is_instance_of::<PyByteArray>() => {
            Value::Bytes(v.extract()?)
        }
        Kind::Bytes => return Err(wrong("bytes (the raw body or the file's content)")),
        Kind::Path => Value::Path(
            v.extract()
                .map_err(|_| wrong("a path (str or os.PathLike)"))?,
        ),
        Kind::Headers => Value::Headers(convert::headers(v)?),
        Kind::Seconds => Value::Seconds(seconds(v, name)?),
        Kind::CallOptions => Value::Options(call_options(py, Some(v))?),
        Kind::Key => Value::Key(crate::key_source(v, name)?),
        Kind::OptCount if v.is_instance_of::<PyBool>() => return Err(wrong("an int")),
        Kind::OptCount => Value::Count(v.extract::<i64>().map_err(|_| wrong("an int"))? as f64),
    })
}

/// The arguments of the operation or function `name`, each by its kind.
pub fn values_of(
    py: Python<'_>,
    name: &str,
    spec: &'static [operations::Arg],
    args: &Bound<'_, PyTuple>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Vec<Value>> {
    if args.len() > spec.len() {
        return Err(PyTypeError::new_err(format!(
            "{name} takes {} arguments, {} given",
            spec.len(),
            args.len()
        )));
    }
    let mut values = Vec::with_capacity(spec.len());
    for (i, arg) in spec.iter().enumerate() {
        let v = args.get_item(i).ok();
        values.push(value_of(py, arg, v.as_ref(), kwargs)?);
    }
    Ok(values)
}

/// An operation's result as Python: a `Response`, a `Notification` or a list of them.
fn outcome_of(py: Python<'_>, outcome: Outcome) -> PyResult<Py<PyAny>> {
    Ok(match outcome {
        Outcome::Response(v) => Bound::new(py, response_of(py, v)?)?.into_any().unbind(),
        Outcome::Notification(n) => Bound::new(py, notification_of(py, n)?)?.into_any().unbind(),
        Outcome::Notifications(ns) => notification_list(py, ns)?.unbind(),
    })
}

/// The Python API both clients share; only `dispatch` (blocking or awaitable) differs.
macro_rules! client_class {
    ($(#[$doc:meta])* $class:ident) => {
        $(#[$doc])*
        #[pyclass(frozen, subclass, module = "antom")]
        #[derive(Debug)]
        pub struct $class {
            handle: Handle,
        }

        #[pymethods]
        impl $class {
            /// Options as keyword arguments, named as the bridge's option table names them.
            #[new]
            #[pyo3(signature = (client_id, private_key, antom_public_key, **options))]
            fn new(py: Python<'_>, client_id: &Bound<'_, PyAny>, private_key: &Bound<'_, PyAny>, antom_public_key: &Bound<'_, PyAny>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
                let handle = build(py, [client_id, private_key, antom_public_key], options)?;
                Ok($class { handle })
            }

            /// Runs the operation `name` of the bridge's table with `args` (and keyword
            /// arguments for its body); the generated methods of `antom.Client` call it.
            #[pyo3(signature = (name, args, kwargs=None))]
            fn _invoke<'py>(&self, py: Python<'py>, name: &str, args: &Bound<'py, PyTuple>, kwargs: Option<&Bound<'py, PyDict>>) -> PyResult<Bound<'py, PyAny>> {
                let op = operations::find(name).py_err(py)?;
                let values = values_of(py, op.name, op.args, args, kwargs)?;
                self.dispatch(py, op, values)
            }

            fn __repr__(&self) -> String {
                self.handle.describe(stringify!($class))
            }
        }
    };
}

client_class!(
    /// Antom API client. Blocking; the GIL is released during network and crypto work.
    Client
);
client_class!(
    /// The same client for asyncio: every network method returns an awaitable.
    AsyncClient
);

impl Client {
    fn dispatch<'py>(
        &self,
        py: Python<'py>,
        op: &operations::Operation,
        values: Vec<Value>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let outcome = py
            .detach(|| self.handle.invoke_blocking(op.name, values, Naming::Snake))
            .py_err(py)?;
        Ok(outcome_of(py, outcome)?.into_bound(py))
    }
}

/// A Python list of `Notification`s.
fn notification_list(py: Python<'_>, views: Vec<NotificationView>) -> PyResult<Bound<'_, PyAny>> {
    let list = pyo3::types::PyList::empty(py);
    for v in views {
        list.append(Bound::new(py, notification_of(py, v)?)?)?;
    }
    Ok(list.into_any())
}

/// An asyncio future on the running loop, and the callback that resolves it from the bridge's
/// per-process runtime through `antom._resolve` (a closed loop means nobody awaits any more).
/// `convert` builds the Python value of a success.
fn pending<'py, T: 'static>(
    py: Python<'py>,
    convert: fn(Python<'_>, T) -> PyResult<Py<PyAny>>,
) -> PyResult<(
    Bound<'py, PyAny>,
    impl FnOnce(antom::Result<T>) + Send + 'static,
)> {
    let event_loop = py.import("asyncio")?.call_method0("get_running_loop")?;
    let future = event_loop.call_method0("create_future")?;
    let (event_loop, target) = (event_loop.unbind(), future.clone().unbind());
    let done = move |outcome: antom::Result<T>| {
        Python::attach(|py| {
            let (ok, value) = match outcome.map_err(|e| errors::to_py(py, e)) {
                Ok(v) => match convert(py, v) {
                    Ok(obj) => (true, obj),
                    Err(e) => (false, e.into_value(py).into_any()),
                },
                Err(e) => (false, e.into_value(py).into_any()),
            };
            if let Ok(resolve) = py
                .import("antom._resolve")
                .and_then(|m| m.getattr("resolve"))
            {
                let _ = event_loop.call_method1(
                    py,
                    "call_soon_threadsafe",
                    (resolve, target, ok, value),
                );
            }
        });
    };
    Ok((future, done))
}

impl AsyncClient {
    /// An awaitable for an operation that waits on the network; the value itself otherwise.
    fn dispatch<'py>(
        &self,
        py: Python<'py>,
        op: &operations::Operation,
        values: Vec<Value>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if !op.network {
            let outcome = py
                .detach(|| self.handle.invoke_blocking(op.name, values, Naming::Snake))
                .py_err(py)?;
            return Ok(outcome_of(py, outcome)?.into_bound(py));
        }
        let (future, done) = pending(py, outcome_of)?;
        self.handle
            .spawn_invoke(op.name, values, Naming::Snake, done)
            .py_err(py)?;
        Ok(future)
    }
}
