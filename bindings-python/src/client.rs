//! `Client` (blocking, GIL released) and `AsyncClient` (awaitables) over the bridge's handle,
//! and the `Response` and `Notification` value types built from the bridge's views. The
//! endpoint methods are added in Python by the generated `antom/_client.py`.

use antom_bridge::{Handle, Naming, NotificationView, Op, Options, ResponseView};
use pyo3::prelude::*;
use pyo3::types::PyDict;

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
            #[new]
            #[pyo3(signature = (client_id, private_key, antom_public_key, *, region=None, gateway_url=None, key_version=None, agent_token=None, timeout=None, connect_timeout=None, max_retries=None, proxy=None, notification_max_age=None, ca_certificate=None))]
            #[allow(clippy::too_many_arguments)]
            fn new(py: Python<'_>, client_id: String, private_key: &Bound<'_, PyAny>, antom_public_key: &Bound<'_, PyAny>, region: Option<String>, gateway_url: Option<String>, key_version: Option<f64>, agent_token: Option<String>, timeout: Option<f64>, connect_timeout: Option<f64>, max_retries: Option<f64>, proxy: Option<String>, notification_max_age: Option<f64>, ca_certificate: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
                let options = Options {
                    client_id: Some(client_id),
                    private_key: Some(key_source(private_key, "private_key")?),
                    antom_public_key: Some(key_source(antom_public_key, "antom_public_key")?),
                    ca_certificate: ca_certificate.map(|c| key_source(c, "ca_certificate")).transpose()?,
                    region, gateway_url, key_version, agent_token, timeout, connect_timeout, max_retries, proxy, notification_max_age,
                    naming: Naming::Snake,
                };
                let handle = py.detach(|| Handle::new(&options, "python")).py_err(py)?;
                Ok($class { handle })
            }

            /// Calls any endpoint by catalog name ("payments.pay", "pay") or path, with a body
            /// (dict, str or bytes) and/or keyword arguments (snake_case becomes camelCase).
            #[pyo3(signature = (endpoint, body=None, **kwargs))]
            fn call<'py>(&self, py: Python<'py>, endpoint: String, body: Option<&Bound<'py, PyAny>>, kwargs: Option<&Bound<'py, PyDict>>) -> PyResult<Bound<'py, PyAny>> {
                let body = convert::body_or_kwargs(body, kwargs)?;
                self.dispatch(py, Op::Call(endpoint, body))
            }

            /// Polls inquiryPayment until paymentStatus is final or `timeout` seconds pass.
            fn inquire_payment_until_final<'py>(&self, py: Python<'py>, payment_request_id: String, timeout: f64) -> PyResult<Bound<'py, PyAny>> {
                let timeout = antom_bridge::client::poll_timeout(Naming::Snake, timeout).py_err(py)?;
                self.dispatch(py, Op::UntilFinal(payment_request_id, timeout))
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
}

impl AsyncClient {
    /// An asyncio future on the running loop, resolved from the bridge's per-process runtime
    /// through `antom._resolve` (a closed loop means nobody awaits any more).
    fn dispatch<'py>(&self, py: Python<'py>, op: Op) -> PyResult<Bound<'py, PyAny>> {
        let event_loop = py.import("asyncio")?.call_method0("get_running_loop")?;
        let future = event_loop.call_method0("create_future")?;
        let (event_loop, target) = (event_loop.unbind(), future.clone().unbind());
        let done = move |outcome: antom::Result<ResponseView>| {
            Python::attach(|py| {
                let (ok, value) = match outcome.map_err(|e| errors::to_py(py, e)) {
                    Ok(v) => match response_of(py, v).and_then(|r| Bound::new(py, r)) {
                        Ok(obj) => (true, obj.into_any().unbind()),
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
        self.handle.spawn(op, done).py_err(py)?;
        Ok(future)
    }
}
