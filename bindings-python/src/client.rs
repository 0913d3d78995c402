//! `Client` (blocking, GIL released) and `AsyncClient` (awaitables) over the bridge's handle,
//! and the `Response` and `Notification` value types built from the bridge's views. The
//! endpoint methods are added in Python by the generated `antom/_client.py`.

use antom_bridge::options::{OptionKind, OptionSpec, OptionValue, OPTIONS};
use antom_bridge::{Handle, Naming, NotificationView, Op, Options, ResponseView};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict};

use crate::errors::{self, IntoPyResult};
use crate::{convert, key_source};

include!("views_generated.rs");

fn verified_notification(
    py: Python<'_>,
    handle: &Handle,
    path: &str,
    headers: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
) -> PyResult<Notification> {
    let (headers, body) = (convert::headers(headers)?, convert::raw_bytes(body)?);
    let n: NotificationView = py
        .detach(|| handle.verify_notification(path, headers, &body))
        .py_err(py)?;
    notification_of(py, n)
}

/// The bridge's options from the required arguments and the keyword arguments.
fn build(
    py: Python<'_>,
    required: [&Bound<'_, PyAny>; 3],
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Handle> {
    let mut options = Options {
        naming: Naming::Snake,
        ..Options::default()
    };
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

/// Per-call options from a mapping with the bridge's names (`headers`, `timeout`,
/// `max_retries`); `None` is none.
fn call_options(py: Python<'_>, given: Option<&Bound<'_, PyAny>>) -> PyResult<antom::CallOptions> {
    let Some(given) = given.filter(|g| !g.is_none()) else {
        return Ok(antom::CallOptions::new());
    };
    let dict = given
        .cast::<PyDict>()
        .map_err(|_| PyTypeError::new_err("request_options must be a dict"))?;
    let (mut headers, mut timeout, mut max_retries) = (Vec::new(), None, None);
    for (k, v) in dict.iter() {
        let name: String = k.extract()?;
        let number = |v: &Bound<'_, PyAny>| -> PyResult<f64> {
            if v.is_instance_of::<PyBool>() {
                return Err(PyTypeError::new_err(format!("{name} must be a number")));
            }
            v.extract()
                .map_err(|_| PyTypeError::new_err(format!("{name} must be a number")))
        };
        match name.as_str() {
            "headers" => headers = convert::headers(&v)?,
            "timeout" => timeout = Some(number(&v)?),
            "max_retries" => max_retries = Some(number(&v)?),
            other => {
                return Err(antom_bridge::call_options::unknown(Naming::Snake, other)).py_err(py)
            }
        }
    }
    antom_bridge::call_options::call_options(Naming::Snake, headers, timeout, max_retries)
        .py_err(py)
}

/// An image from bytes (kept as given) or a path (`str` or `os.PathLike`).
fn image_of(obj: &Bound<'_, PyAny>) -> PyResult<antom_bridge::client::Image> {
    use antom_bridge::client::Image;
    if let Ok(b) = obj.cast::<pyo3::types::PyBytes>() {
        return Ok(Image::Bytes(b.as_bytes().to_vec()));
    }
    let path: std::path::PathBuf = obj
        .extract()
        .map_err(|_| PyTypeError::new_err("image must be bytes or a path (str or os.PathLike)"))?;
    Ok(Image::Path(path))
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

            /// Calls any endpoint by catalog name ("payments.pay", "pay") or path, with a body
            /// (dict, str or bytes) and/or keyword arguments (snake_case becomes camelCase).
            /// `request_options` (headers, timeout, max_retries) apply to this call only.
            #[pyo3(signature = (endpoint, body=None, *, request_options=None, **kwargs))]
            fn call<'py>(&self, py: Python<'py>, endpoint: String, body: Option<&Bound<'py, PyAny>>, request_options: Option<&Bound<'py, PyAny>>, kwargs: Option<&Bound<'py, PyDict>>) -> PyResult<Bound<'py, PyAny>> {
                let body = convert::body_or_kwargs(body, kwargs)?;
                let options = call_options(py, request_options)?;
                self.dispatch(py, Op::Call(endpoint, body, options))
            }

            /// Polls inquiryPayment until paymentStatus is final or `timeout` seconds pass.
            fn inquire_payment_until_final<'py>(&self, py: Python<'py>, payment_request_id: String, timeout: f64) -> PyResult<Bound<'py, PyAny>> {
                let timeout = antom_bridge::client::poll_timeout(Naming::Snake, timeout).py_err(py)?;
                self.dispatch(py, Op::UntilFinal(payment_request_id, timeout))
            }

            /// Sends usage events (dict, str or bytes) once, unsigned, over HTTP/2, in the session
            /// `meter_create_session` opened. The answer is never `verified`.
            fn upload_meter_events<'py>(&self, py: Python<'py>, session_id: String, events: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                let events = convert::body(events)?;
                self.dispatch(py, Op::MeterEvents(session_id, events))
            }

            /// Uploads a product image (bytes, or a path: str or os.PathLike), at most 2 MiB, as
            /// signed multipart; `file_name` defaults to the file's own name.
            #[pyo3(signature = (product_id, image, file_name=None))]
            fn upload_product_image<'py>(&self, py: Python<'py>, product_id: String, image: &Bound<'py, PyAny>, file_name: Option<String>) -> PyResult<Bound<'py, PyAny>> {
                let image = image_of(image)?;
                self.dispatch(py, Op::UploadImage { product_id, image, file_name })
            }

            /// The notifications Antom recorded between two ISO 8601 times, each as a webhook
            /// delivery would give it (missed-webhook recovery).
            fn recover_notifications<'py>(&self, py: Python<'py>, from_time: String, to_time: String) -> PyResult<Bound<'py, PyAny>> {
                self.dispatch_recover(py, from_time, to_time)
            }

            /// Verifies a notification's signature over the raw body, then parses it.
            fn verify_notification(&self, py: Python<'_>, path: &str, headers: &Bound<'_, PyAny>, body: &Bound<'_, PyAny>) -> PyResult<Notification> {
                verified_notification(py, &self.handle, path, headers, body)
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
    fn dispatch<'py>(&self, py: Python<'py>, op: Op) -> PyResult<Bound<'py, PyAny>> {
        let view = py.detach(|| self.handle.run_blocking(op)).py_err(py)?;
        Ok(Bound::new(py, response_of(py, view)?)?.into_any())
    }

    fn dispatch_recover<'py>(
        &self,
        py: Python<'py>,
        from: String,
        to: String,
    ) -> PyResult<Bound<'py, PyAny>> {
        let views = py
            .detach(|| self.handle.recover_blocking(&from, &to))
            .py_err(py)?;
        notification_list(py, views)
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
    fn dispatch<'py>(&self, py: Python<'py>, op: Op) -> PyResult<Bound<'py, PyAny>> {
        let (future, done) = pending(py, |py, v: ResponseView| {
            Ok(Bound::new(py, response_of(py, v)?)?.into_any().unbind())
        })?;
        self.handle.spawn(op, done).py_err(py)?;
        Ok(future)
    }

    fn dispatch_recover<'py>(
        &self,
        py: Python<'py>,
        from: String,
        to: String,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (future, done) = pending(py, |py, v: Vec<NotificationView>| {
            Ok(notification_list(py, v)?.unbind())
        })?;
        self.handle.spawn_recover(from, to, done).py_err(py)?;
        Ok(future)
    }
}
