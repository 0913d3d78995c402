//! antom::Error -> the Python class of its family (`antom/_errors.py`, generated), built by
//! the class itself from the bridge's error view, so no field is named here.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// Builds the Python exception for a core error.
pub fn to_py(py: Python<'_>, e: antom::Error) -> PyErr {
    let v = antom_bridge::ErrorView::from(&e);
    let build = || -> PyResult<PyErr> {
        // JSON text through json.loads, so this module needs nothing from convert (which
        // itself raises errors built here).
        let text = serde_json::to_string(&v).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        let view = py.import("json")?.getattr("loads")?.call1((text,))?;
        let value = py
            .import("antom._errors")?
            .getattr("_from_view")?
            .call1((view,))?;
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
