//! `antom._antom`: the private native module behind the `antom` Python package. It maps the
//! shared binding facade (antom-bridge) to Python: conversions, and the GIL released around
//! crypto and network work. No defaults, validation or protocol rules live here.

use antom_bridge::keys::KeySource;
use pyo3::prelude::*;
use pyo3::types::PyString;

mod client;
mod convert;
mod errors;
#[cfg(feature = "testing")]
mod testing;

use errors::IntoPyResult;

/// Key text (str), bytes or an `os.PathLike` to a key file.
pub fn key_source(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<KeySource> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(KeySource::from(s.to_cow()?.into_owned()));
    }
    if let Ok(b) = obj.extract::<Vec<u8>>() {
        return Ok(KeySource::from(b));
    }
    if obj.hasattr("__fspath__")? {
        return Ok(KeySource::Path(obj.call_method0("__fspath__")?.extract()?));
    }
    Err(pyo3::exceptions::PyTypeError::new_err(format!(
        "{what} must be key text (str), bytes or an os.PathLike to a key file, not {}",
        obj.get_type().name()?
    )))
}

/// The whole `Signature` header value for a request.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (private_key, method, path, client_id, request_time, body, key_version=1))]
fn sign_request(
    py: Python<'_>,
    private_key: &Bound<'_, PyAny>,
    method: String,
    path: String,
    client_id: String,
    request_time: String,
    body: &Bound<'_, PyAny>,
    key_version: u32,
) -> PyResult<String> {
    let key = key_source(private_key, "private_key")?;
    let body = convert::raw_bytes(body)?;
    let content = [&*method, &path, &client_id, &request_time];
    py.detach(|| antom_bridge::sign(&key.load()?, content, &body, key_version))
        .py_err(py)
}

/// True when the signature verifies; False on a mismatch; raises on malformed keys or headers.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (public_key, method, path, client_id, request_time, body, signature))]
fn verify_signature(
    py: Python<'_>,
    public_key: &Bound<'_, PyAny>,
    method: String,
    path: String,
    client_id: String,
    request_time: String,
    body: &Bound<'_, PyAny>,
    signature: String,
) -> PyResult<bool> {
    let key = key_source(public_key, "public_key")?;
    let body = convert::raw_bytes(body)?;
    let content = [&*method, &path, &client_id, &request_time];
    py.detach(|| antom_bridge::verify(&key.load()?, content, &body, &signature))
        .py_err(py)
}

/// A decimal amount ("19.99") in `currency` as minor units, the form of `Amount.value` ("1999").
#[pyfunction]
fn to_minor_units(py: Python<'_>, currency: &str, amount: &str) -> PyResult<String> {
    antom::amounts::to_minor_units(currency, amount).py_err(py)
}

/// Minor units ("1999") in `currency` as the decimal a person reads ("19.99").
#[pyfunction]
fn from_minor_units(py: Python<'_>, currency: &str, minor_units: &str) -> PyResult<String> {
    antom::amounts::from_minor_units(currency, minor_units).py_err(py)
}

/// One attempt event as a record of the `logging` logger `antom`: INFO, or WARNING when a
/// retry follows; the event's fields are the record's `antom` attribute (a dict).
fn log_attempt(e: &antom::AttemptEvent) {
    // try_attach: an attempt that ends while the interpreter shuts down is not logged, never
    // a thread stuck waiting for a Python that is going away.
    let _ = Python::try_attach(|py| -> PyResult<()> {
        let logger = py
            .import("logging")?
            .call_method1("getLogger", ("antom",))?;
        let level = if e.will_retry { 30 } else { 20 };
        if !logger.call_method1("isEnabledFor", (level,))?.is_truthy()? {
            return Ok(());
        }
        let event = antom_bridge::events::to_json(e, antom_bridge::Naming::Snake);
        let extra = pyo3::types::PyDict::new(py);
        extra.set_item("antom", convert::to_py(py, &event)?)?;
        let kwargs = pyo3::types::PyDict::new(py);
        kwargs.set_item("extra", extra)?;
        let latency = u64::try_from(e.latency.as_millis()).unwrap_or(u64::MAX);
        let args = (
            level,
            "antom %s %s attempt %d: %s (%d ms)",
            e.method,
            e.path.as_str(),
            e.attempt,
            e.outcome.as_str(),
            latency,
        );
        logger.call_method("log", args, Some(&kwargs))?;
        Ok(())
    });
}

#[pymodule]
fn _antom(m: &Bound<'_, PyModule>) -> PyResult<()> {
    antom_bridge::events::set_sink(log_attempt);
    m.add("NOTIFICATION_ACK", antom::NOTIFICATION_ACK)?;
    m.add("__version__", antom::VERSION)?;
    m.add("CRYPTO_BACKEND", antom::CRYPTO_BACKEND)?;
    m.add_function(wrap_pyfunction!(sign_request, m)?)?;
    m.add_function(wrap_pyfunction!(verify_signature, m)?)?;
    m.add_function(wrap_pyfunction!(to_minor_units, m)?)?;
    m.add_function(wrap_pyfunction!(from_minor_units, m)?)?;
    m.add_class::<client::Client>()?;
    m.add_class::<client::AsyncClient>()?;
    m.add_class::<client::Response>()?;
    m.add_class::<client::Notification>()?;
    #[cfg(feature = "testing")]
    m.add_class::<testing::Simulator>()?;
    Ok(())
}
