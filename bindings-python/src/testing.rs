//! `_antom._Simulator`: the bridge's in-process simulator (feature `testing`), its controls
//! taken by name with JSON arguments; `antom.testing.Simulator` (generated methods) wraps it.

use std::sync::RwLock;

use antom_bridge::testing::SimHandle;
use pyo3::prelude::*;

use crate::errors::IntoPyResult;

#[pyclass(module = "antom._antom", name = "_Simulator", frozen)]
#[derive(Debug)]
pub struct Simulator {
    // Controls share the read side; stop takes the write side once they are done.
    inner: RwLock<SimHandle>,
}

#[pymethods]
impl Simulator {
    #[new]
    fn new(py: Python<'_>, options: String) -> PyResult<Self> {
        let handle = py.detach(|| SimHandle::start(&options)).py_err(py)?;
        Ok(Simulator {
            inner: RwLock::new(handle),
        })
    }

    /// What `antom sim` prints, as JSON text.
    #[getter]
    fn info(&self) -> String {
        let h = self.inner.read().unwrap_or_else(|p| p.into_inner());
        h.info().to_string()
    }

    /// Runs one control (its JSON arguments in, its JSON answer out).
    fn control(&self, py: Python<'_>, name: String, args: String) -> PyResult<String> {
        py.detach(|| {
            let h = self.inner.read().unwrap_or_else(|p| p.into_inner());
            h.control(&name, &args)
        })
        .py_err(py)
    }

    fn stop(&self, py: Python<'_>) {
        py.detach(|| self.inner.write().unwrap_or_else(|p| p.into_inner()).stop())
    }
}
