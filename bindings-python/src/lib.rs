//! `antom._antom`: the private native module behind the `antom` Python package. It maps the
//! shared binding facade (antom-bridge) to Python: conversions, and the GIL released around
//! crypto and network work. No defaults, validation or protocol rules live here.

use antom_bridge::functions;
use antom_bridge::keys::KeySource;
use antom_bridge::Naming;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyString, PyTuple};

mod client;
mod convert;
mod errors;
#[cfg(feature = "testing")]
mod testing;

use errors::IntoPyResult;

// Every block this library frees is zeroed first (bridge/src/memory.rs).
antom_bridge::wipe_freed_memory!();

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

/// Runs the function `name` of the bridge's functions table (`antom._functions` wraps each,
/// typed), with the GIL released around its RSA work.
#[pyfunction]
fn _function<'py>(
    py: Python<'py>,
    name: &str,
    args: &Bound<'py, PyTuple>,
) -> PyResult<Bound<'py, PyAny>> {
    let f = functions::find(name).py_err(py)?;
    let values = client::values_of(py, f.name, f.args, args, None)?;
    let answer = if f.heavy {
        py.detach(|| functions::call(f.name, values, Naming::Snake))
    } else {
        functions::call(f.name, values, Naming::Snake)
    };
    match answer.py_err(py)? {
        functions::Answer::Text(s) => Ok(PyString::new(py, &s).into_any()),
        functions::Answer::Verdict(b) => Ok(PyBool::new(py, b).to_owned().into_any()),
    }
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
    m.add_function(wrap_pyfunction!(_function, m)?)?;
    m.add_class::<client::Client>()?;
    m.add_class::<client::AsyncClient>()?;
    m.add_class::<client::Response>()?;
    m.add_class::<client::Notification>()?;
    #[cfg(feature = "testing")]
    m.add_class::<testing::Simulator>()?;
    Ok(())
}
