//! antom::Error -> the Python exception classes defined in `antom/_errors.py`, keeping kind,
//! status, raw body, result code and idempotency key.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// The Python class for each core error kind.
fn class_name(kind: antom::ErrorKind) -> &'static str {
    use antom::ErrorKind::*;
    match kind {
        InvalidKey => "InvalidKeyError",
        InvalidHeader | InvalidInput => "InvalidInputError",
        Transport => "TransportError",
        Timeout => "TimeoutError",
        OutcomeUnknown => "OutcomeUnknownError",
        HttpStatus => "HttpStatusError",
        UnsignedResponse | SignatureMismatch => "SignatureError",
        InvalidResponse => "InvalidResponseError",
        _ => "AntomError",
    }
}

/// Builds the Python exception for a core error.
pub fn to_py(py: Python<'_>, e: antom::Error) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let cls = py.import("antom._errors")?.getattr(class_name(e.kind()))?;
        let history: Vec<String> = e.attempt_history().iter().map(|a| a.to_string()).collect();
        let value = cls.call1((
            e.to_string(),
            e.kind().as_str(),
            e.http_status(),
            e.raw_body(),
            e.result_code(),
            e.idempotency_key(),
            e.attempts(),
            e.is_outcome_unknown(),
            history,
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

/// An `InvalidInputError` (a `ValueError`) for argument problems found in the binding.
pub fn invalid_input(py: Python<'_>, message: impl Into<String>) -> PyErr {
    to_py(
        py,
        antom::Error::new(antom::ErrorKind::InvalidInput, message),
    )
}
