//! `antom._antom`: the private native module behind the `antom` Python package. Thin: every
//! protocol rule lives in the Rust core; this file only converts and releases the GIL.

use pyo3::prelude::*;
use pyo3::types::PyString;
use zeroize::Zeroizing;

mod client;
mod convert;
mod errors;
mod runtime;

use errors::IntoPyResult;

/// Where a key comes from: its text (or bytes), or a file path (`os.PathLike`). Copies of key
/// text are zeroized on drop and never printed.
pub enum KeySource {
    Text(Zeroizing<String>),
    Bytes(Zeroizing<Vec<u8>>),
    Path(std::path::PathBuf),
}

impl std::fmt::Debug for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeySource::Path(p) => write!(f, "KeySource::Path({})", p.display()),
            _ => f.write_str("KeySource(redacted)"),
        }
    }
}

impl KeySource {
    pub fn extract(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<KeySource> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(KeySource::Text(Zeroizing::new(s.to_cow()?.into_owned())));
        }
        if let Ok(b) = obj.extract::<Vec<u8>>() {
            return Ok(KeySource::Bytes(Zeroizing::new(b)));
        }
        if obj.hasattr("__fspath__")? {
            let p: std::path::PathBuf = obj.call_method0("__fspath__")?.extract()?;
            return Ok(KeySource::Path(p));
        }
        Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "{what} must be key text (str), bytes or an os.PathLike to a key file, not {}",
            obj.get_type().name()?
        )))
    }

    /// Text and bytes go through the core's key cache (parsed once); files are read each time.
    pub fn private(&self) -> antom::Result<antom::PrivateKey> {
        match self {
            KeySource::Text(t) => antom::key_cache::private_key(t.as_bytes()),
            KeySource::Bytes(b) => antom::key_cache::private_key(b),
            KeySource::Path(p) => antom::PrivateKey::from_file(p),
        }
    }

    pub fn public(&self) -> antom::Result<antom::PublicKey> {
        match self {
            KeySource::Text(t) => antom::key_cache::public_key(t.as_bytes()),
            KeySource::Bytes(b) => antom::key_cache::public_key(b),
            KeySource::Path(p) => antom::PublicKey::from_file(p),
        }
    }
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
    let source = KeySource::extract(private_key, "private_key")?;
    let body = convert::raw_bytes(body)?;
    py.detach(|| {
        let key = source.private()?;
        antom::Signer::new(key, key_version).sign(&method, &path, &client_id, &request_time, &body)
    })
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
    let source = KeySource::extract(public_key, "public_key")?;
    let body = convert::raw_bytes(body)?;
    let outcome = py.detach(|| {
        let key = source.public()?;
        antom::Verifier::new(key).verify(
            &method,
            &path,
            &client_id,
            &request_time,
            &body,
            &signature,
        )
    });
    match outcome {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == antom::ErrorKind::SignatureMismatch => Ok(false),
        Err(e) => Err(errors::to_py(py, e)),
    }
}

#[pymodule]
fn _antom(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("NOTIFICATION_ACK", antom::NOTIFICATION_ACK)?;
    m.add("__version__", antom::VERSION)?;
    m.add("CRYPTO_BACKEND", antom::CRYPTO_BACKEND)?;
    m.add_function(wrap_pyfunction!(sign_request, m)?)?;
    m.add_function(wrap_pyfunction!(verify_signature, m)?)?;
    m.add_class::<client::Client>()?;
    m.add_class::<client::AsyncClient>()?;
    m.add_class::<client::Response>()?;
    m.add_class::<client::Notification>()?;
    Ok(())
}
