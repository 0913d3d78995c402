//! Python values <-> JSON and request bodies; keyword arguments in snake_case -> camelCase.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// A request body: dict (serialized once by the core), str or bytes (sent as is).
pub fn body(obj: &Bound<'_, PyAny>) -> PyResult<antom::RequestBody> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(antom::RequestBody::from(s.to_cow()?.into_owned()));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(antom::RequestBody::from(b.as_bytes().to_vec()));
    }
    if obj.cast::<PyDict>().is_ok() {
        return Ok(antom::RequestBody::Json(to_json(obj, false)?));
    }
    Err(PyTypeError::new_err(format!(
        "body must be a dict, str or bytes, not {}",
        obj.get_type().name()?
    )))
}

/// Merges an optional dict body with keyword arguments (snake_case keys become camelCase).
pub fn body_or_kwargs(
    body_obj: Option<&Bound<'_, PyAny>>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<antom::RequestBody> {
    let kwargs = kwargs.filter(|k| !k.is_empty());
    match (body_obj, kwargs) {
        (Some(b), None) => body(b),
        (None, Some(k)) => Ok(antom::RequestBody::Json(to_json(k.as_any(), true)?)),
        (None, None) => Err(PyTypeError::new_err(
            "pass a body (dict, str or bytes) or keyword arguments",
        )),
        (Some(b), Some(k)) => {
            let mut base = match to_json(b, false) {
                Ok(Value::Object(m)) => m,
                _ => {
                    return Err(PyTypeError::new_err(
                        "keyword arguments can only be combined with a dict body",
                    ))
                }
            };
            if let Value::Object(extra) = to_json(k.as_any(), true)? {
                base.extend(extra);
            }
            Ok(antom::RequestBody::Json(Value::Object(base)))
        }
    }
}

/// Converts a Python value to JSON; `camel_keys` renames snake_case dict keys.
pub fn to_json(obj: &Bound<'_, PyAny>, camel_keys: bool) -> PyResult<Value> {
    to_json_at(obj, camel_keys, 0)
}

fn to_json_at(obj: &Bound<'_, PyAny>, camel_keys: bool, depth: usize) -> PyResult<Value> {
    if depth > antom_bridge::MAX_JSON_DEPTH {
        return Err(crate::errors::to_py(obj.py(), antom_bridge::too_deep()));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        return Ok(Value::from(obj.extract::<u64>()?));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| PyTypeError::new_err("NaN and infinity are not JSON"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key: String = k
                .extract()
                .map_err(|_| PyTypeError::new_err("JSON object keys must be str"))?;
            let key = match camel_keys {
                // A leading underscore is dropped, not read as a word break.
                true => antom_bridge::Naming::Camel.spell(key.trim_start_matches('_')),
                false => key,
            };
            map.insert(key, to_json_at(&v, camel_keys, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        return obj
            .try_iter()?
            .map(|item| to_json_at(&item?, camel_keys, depth + 1))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    Err(PyTypeError::new_err(format!(
        "{} is not JSON serializable",
        obj.get_type().name()?
    )))
}

/// Converts JSON to Python objects.
pub fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                dict.set_item(k, to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// Header pairs from any mapping (dict, Flask/Django/Starlette headers) or a list of pairs.
pub fn headers(obj: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let items = if obj.hasattr("items")? {
        obj.call_method0("items")?
    } else {
        obj.clone()
    };
    let mut out = Vec::new();
    for pair in items.try_iter()? {
        let (k, v): (String, String) = pair?
            .extract()
            .map_err(|_| PyTypeError::new_err("headers must map str to str"))?;
        out.push((k, v));
    }
    Ok(out)
}

/// Response headers as a dict.
pub fn header_dict(py: Python<'_>, headers: &[antom_bridge::Header]) -> PyResult<Py<PyDict>> {
    let d = PyDict::new(py);
    for h in headers {
        d.set_item(&h.name, &h.value)?;
    }
    Ok(d.unbind())
}
