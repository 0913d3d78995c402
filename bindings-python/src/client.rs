//! `Client` (blocking, GIL released) and `AsyncClient` (awaitables) over the core's client, plus
//! the `Response` and `Notification` value types.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert;
use crate::errors::{self, IntoPyResult};
use crate::runtime;
use crate::KeySource;

/// A core client per process: after `fork()` the child builds its own pool.
#[derive(Debug)]
struct PerProcess {
    config: antom::Config,
    client: Mutex<Option<(u32, antom::Client)>>,
}

impl PerProcess {
    fn get(&self) -> antom::Result<antom::Client> {
        let pid = std::process::id();
        let mut slot = self.client.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((owner, c)) = slot.as_ref() {
            if *owner == pid {
                return Ok(c.clone());
            }
        }
        let c = antom::Client::with_language(self.config.clone(), "python")?;
        *slot = Some((pid, c.clone()));
        Ok(c)
    }
}

#[allow(clippy::too_many_arguments)]
fn build(
    py: Python<'_>,
    client_id: String,
    private_key: &Bound<'_, PyAny>,
    antom_public_key: &Bound<'_, PyAny>,
    region: Option<String>,
    gateway_url: Option<String>,
    key_version: u32,
    agent_token: Option<String>,
    timeout: f64,
    connect_timeout: f64,
    max_retries: u32,
    proxy: Option<String>,
) -> PyResult<Arc<PerProcess>> {
    let private = KeySource::extract(private_key, "private_key")?;
    let public = KeySource::extract(antom_public_key, "antom_public_key")?;
    let secs = |v: f64, name: &str| antom::duration_from_secs(name, v).py_err(py);
    let (timeout, connect_timeout) = (
        secs(timeout, "timeout")?,
        secs(connect_timeout, "connect_timeout")?,
    );
    if region.is_some() && gateway_url.is_some() {
        return Err(errors::invalid_input(
            py,
            "pass region or gateway_url, not both",
        ));
    }
    let config = py
        .detach(|| -> antom::Result<antom::Config> {
            let mut b = antom::Config::builder(client_id, private.private()?, public.public()?)
                .key_version(key_version)
                .timeout(timeout)
                .connect_timeout(connect_timeout)
                .max_retries(max_retries);
            if let Some(r) = region {
                b = b.region(r.parse()?);
            }
            if let Some(u) = gateway_url {
                b = b.gateway_url(u);
            }
            if let Some(t) = agent_token {
                b = b.agent_token(t);
            }
            if let Some(p) = proxy {
                b = b.proxy(p);
            }
            b.build()
        })
        .py_err(py)?;
    let per = PerProcess {
        config,
        client: Mutex::new(None),
    };
    per.get().py_err(py)?;
    Ok(Arc::new(per))
}

/// A response from Antom: typed result, verification flag, raw body, HTTP details.
#[pyclass(frozen, module = "antom")]
#[derive(Debug)]
pub struct Response {
    #[pyo3(get)]
    result_status: String,
    #[pyo3(get)]
    result_code: String,
    #[pyo3(get)]
    result_message: String,
    #[pyo3(get)]
    verified: bool,
    #[pyo3(get)]
    raw: String,
    #[pyo3(get)]
    http_status: u16,
    #[pyo3(get)]
    attempts: u32,
    #[pyo3(get)]
    idempotency_key: Option<String>,
    /// "S".
    #[pyo3(get)]
    is_success: bool,
    /// A verified "F": the call failed, finally.
    #[pyo3(get)]
    is_failure: bool,
    /// The outcome is not known yet ("U", or an unverified "F"): inquire, never charge again.
    #[pyo3(get)]
    is_unknown: bool,
    data: Py<PyAny>,
    headers: Vec<(String, String)>,
}

impl Response {
    fn from_core(py: Python<'_>, r: antom::Response) -> PyResult<Response> {
        Ok(Response {
            result_status: r.result_status().as_str().to_string(),
            result_code: r.result_code().to_string(),
            result_message: r.result_message().to_string(),
            verified: r.verified(),
            http_status: r.http_status(),
            attempts: r.attempts(),
            idempotency_key: r.idempotency_key().map(str::to_string),
            is_success: r.is_success(),
            is_failure: r.is_failure(),
            is_unknown: r.is_unknown(),
            data: convert::to_py(py, r.data())?.unbind(),
            headers: r.headers().to_vec(),
            raw: r.raw().to_string(),
        })
    }
}

#[pymethods]
impl Response {
    /// The parsed JSON body.
    #[getter]
    fn data(&self, py: Python<'_>) -> Py<PyAny> {
        self.data.clone_ref(py)
    }
    /// Response headers (lowercase names).
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (k, v) in &self.headers {
            d.set_item(k, v)?;
        }
        Ok(d)
    }
    fn __repr__(&self) -> String {
        format!(
            "Response(result_status='{}', result_code='{}', verified={}, http_status={}, attempts={})",
            self.result_status,
            self.result_code,
            if self.verified { "True" } else { "False" },
            self.http_status,
            self.attempts
        )
    }
}

/// A verified notification.
#[pyclass(frozen, module = "antom")]
#[derive(Debug)]
pub struct Notification {
    #[pyo3(get)]
    kind: String,
    #[pyo3(get)]
    result_status: Option<String>,
    #[pyo3(get)]
    result_code: Option<String>,
    #[pyo3(get)]
    raw: String,
    #[pyo3(get)]
    client_id: String,
    #[pyo3(get)]
    request_time: String,
    data: Py<PyAny>,
}

#[pymethods]
impl Notification {
    /// The parsed JSON body.
    #[getter]
    fn data(&self, py: Python<'_>) -> Py<PyAny> {
        self.data.clone_ref(py)
    }
    fn __repr__(&self) -> String {
        format!(
            "Notification(kind='{}', result_status={:?})",
            self.kind, self.result_status
        )
    }
}

fn verify_notification(
    py: Python<'_>,
    per: &PerProcess,
    path: &str,
    headers: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
) -> PyResult<Notification> {
    let headers = convert::headers(headers)?;
    let body = convert::raw_bytes(body)?;
    let client = per.get().py_err(py)?;
    let n = py
        .detach(|| client.verify_notification(path, headers, &body))
        .py_err(py)?;
    Ok(Notification {
        kind: n.kind,
        result_status: n.result.as_ref().map(|r| r.status.as_str().to_string()),
        result_code: n.result.as_ref().map(|r| r.code.clone()),
        data: convert::to_py(py, &n.data)?.unbind(),
        raw: n.raw,
        client_id: n.client_id,
        request_time: n.request_time,
    })
}

fn repr(per: &PerProcess, class: &str) -> String {
    format!(
        "{class}(client_id='{}', gateway='{}')",
        per.config.client_id(),
        per.config.base_url()
    )
}

/// What a network method runs on the core client.
enum Op {
    Call(String, antom::RequestBody),
    UntilFinal(String, Duration),
}

async fn run(client: antom::Client, op: Op) -> antom::Result<antom::Response> {
    match op {
        Op::Call(endpoint, body) => client.call(&endpoint, body).await,
        Op::UntilFinal(id, timeout) => client.inquire_payment_until_final(&id, timeout).await,
    }
}

fn deadline(py: Python<'_>, timeout: f64) -> PyResult<Duration> {
    Duration::try_from_secs_f64(timeout)
        .map_err(|_| errors::invalid_input(py, "timeout must be a non-negative number of seconds"))
}

/// Antom API client. Blocking; the GIL is released during network and crypto work. Safe to
/// share across threads; survives `os.fork()`.
#[pyclass(frozen, module = "antom")]
#[derive(Debug)]
pub struct Client {
    per: Arc<PerProcess>,
}

impl Client {
    fn dispatch<'py>(&self, py: Python<'py>, op: Op) -> PyResult<Bound<'py, PyAny>> {
        let client = self.per.get().py_err(py)?;
        let rt = runtime::get()?;
        let r = py.detach(|| rt.block_on(run(client, op))).py_err(py)?;
        Ok(Bound::new(py, Response::from_core(py, r)?)?.into_any())
    }
}

/// The same client for asyncio: every network method returns an awaitable.
#[pyclass(frozen, module = "antom")]
#[derive(Debug)]
pub struct AsyncClient {
    per: Arc<PerProcess>,
}

impl AsyncClient {
    fn dispatch<'py>(&self, py: Python<'py>, op: Op) -> PyResult<Bound<'py, PyAny>> {
        let client = self.per.get().py_err(py)?;
        // An asyncio future on the running loop, resolved from our per-process runtime. No
        // second runtime is involved (pyo3-async-runtimes keeps a global one whose threads do
        // not exist in a forked child, which hung awaits there).
        let event_loop = py.import("asyncio")?.call_method0("get_running_loop")?;
        let future = event_loop.call_method0("create_future")?;
        let (event_loop, target) = (event_loop.unbind(), future.clone().unbind());
        runtime::get()?.spawn(async move {
            let outcome = run(client, op).await;
            Python::attach(|py| {
                let (ok, value) = match outcome.map(|r| Response::from_core(py, r)) {
                    Ok(Ok(r)) => match Bound::new(py, r) {
                        Ok(obj) => (true, obj.into_any().unbind()),
                        Err(e) => (false, e.into_value(py).into_any()),
                    },
                    Ok(Err(e)) => (false, e.into_value(py).into_any()),
                    Err(e) => (false, errors::to_py(py, e).into_value(py).into_any()),
                };
                let resolve = py
                    .import("antom._resolve")
                    .and_then(|m| m.getattr("resolve"));
                if let Ok(resolve) = resolve {
                    // A closed loop means nobody awaits any more: nothing to deliver.
                    let _ = event_loop.call_method1(
                        py,
                        "call_soon_threadsafe",
                        (resolve, target, ok, value),
                    );
                }
            });
        });
        Ok(future)
    }
}

/// The Python API both clients share; only `dispatch` (blocking or awaitable) differs.
macro_rules! client_methods {
    ($class:ident, $($(#[$doc:meta])* $name:ident => $endpoint:literal),* $(,)?) => {
        #[pymethods]
        impl $class {
            #[new]
            #[pyo3(signature = (client_id, private_key, antom_public_key, *, region=None, gateway_url=None, key_version=1, agent_token=None, timeout=15.0, connect_timeout=5.0, max_retries=2, proxy=None))]
            #[allow(clippy::too_many_arguments)]
            fn new(
                py: Python<'_>,
                client_id: String,
                private_key: &Bound<'_, PyAny>,
                antom_public_key: &Bound<'_, PyAny>,
                region: Option<String>,
                gateway_url: Option<String>,
                key_version: u32,
                agent_token: Option<String>,
                timeout: f64,
                connect_timeout: f64,
                max_retries: u32,
                proxy: Option<String>,
            ) -> PyResult<Self> {
                let per = build(py, client_id, private_key, antom_public_key, region, gateway_url, key_version, agent_token, timeout, connect_timeout, max_retries, proxy)?;
                Ok($class { per })
            }

            /// Calls any endpoint by catalog name ("payments.pay", "pay") or path.
            fn call<'py>(&self, py: Python<'py>, endpoint: String, body: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                let body = convert::body(body)?;
                self.dispatch(py, Op::Call(endpoint, body))
            }

            /// Polls inquiryPayment until paymentStatus is final or `timeout` seconds pass.
            fn inquire_payment_until_final<'py>(&self, py: Python<'py>, payment_request_id: String, timeout: f64) -> PyResult<Bound<'py, PyAny>> {
                self.dispatch(py, Op::UntilFinal(payment_request_id, deadline(py, timeout)?))
            }

            /// Verifies a notification's signature over the raw body, then parses it.
            fn verify_notification(&self, py: Python<'_>, path: &str, headers: &Bound<'_, PyAny>, body: &Bound<'_, PyAny>) -> PyResult<Notification> {
                verify_notification(py, &self.per, path, headers, body)
            }

            fn __repr__(&self) -> String {
                repr(&self.per, stringify!($class))
            }

            $(
                $(#[$doc])*
                #[pyo3(signature = (body=None, **kwargs))]
                fn $name<'py>(&self, py: Python<'py>, body: Option<&Bound<'py, PyAny>>, kwargs: Option<&Bound<'py, PyDict>>) -> PyResult<Bound<'py, PyAny>> {
                    let body = convert::body_or_kwargs(body, kwargs)?;
                    self.dispatch(py, Op::Call($endpoint.to_string(), body))
                }
            )*
        }
    };
}

macro_rules! payments_client {
    ($class:ident) => {
        client_methods!($class,
            /// payments.pay
            pay => "payments.pay",
            /// payments.consult
            consult => "payments.consult",
            /// payments.inquiryPayment
            inquiry_payment => "payments.inquiryPayment",
            /// payments.cancel
            cancel => "payments.cancel",
            /// payments.capture
            capture => "payments.capture",
            /// payments.refund
            refund => "payments.refund",
            /// payments.inquiryRefund
            inquiry_refund => "payments.inquiryRefund",
            /// payments.createPaymentSession
            create_payment_session => "payments.createPaymentSession",
        );
    };
}

payments_client!(Client);
payments_client!(AsyncClient);
