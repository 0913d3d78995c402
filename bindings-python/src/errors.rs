//! antom::Error -> the Python class of its family (`antom/_errors.py`, generated), keeping
//! every field of the bridge's error view.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// Builds the Python exception for a core error.
pub fn to_py(py: Python<'_>, e: antom::Error) -> PyErr {
    let v = antom_bridge::ErrorView::from(&e);
    let build = || -> PyResult<PyErr> {
        let errors = py.import("antom._errors")?;
        let cls = match errors.getattr("FAMILIES")?.get_item(&v.family) {
            Ok(cls) => cls,
            Err(_) => errors.getattr("AntomError")?,
        };
        let args = (
            v.message.clone(),
            v.kind.clone(),
            v.http_status,
            v.raw.clone(),
        );
        let more = (v.result_code.clone(), v.idempotency_key.clone(), v.attempts);
        let value = cls.call1((
            args.0,
            args.1,
            args.2,
            args.3,
            more.0,
            more.1,
            more.2,
            v.outcome_unknown,
            v.attempt_history.clone(),
        ))?;
        Ok(PyErr::from_value(value))
    };
    build().unwrap_or_else(|err| {
        PyRuntimeError::new_err(format!("{e} (and the error class failed: {err})"))
    })
}

pub trait IntoPyResult<T> {
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for antom::Result<T> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, e))
    }
}
