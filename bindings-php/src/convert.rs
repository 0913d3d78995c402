//! PHP values <-> JSON.

use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};
use serde_json::{Map, Value};

use crate::errors::{to_php, type_error};

/// A PHP array as JSON: a list (keys 0..n-1) becomes an array, anything else an object; an
/// empty array is an empty object at the top level (Antom bodies are objects).
pub fn array_to_json(ht: &ZendHashTable, top: bool) -> PhpResult<Value> {
    array_at(ht, top, 0)
}

fn array_at(ht: &ZendHashTable, top: bool, depth: usize) -> PhpResult<Value> {
    if depth > antom_bridge::MAX_JSON_DEPTH {
        return Err(to_php(antom_bridge::too_deep()));
    }
    if ht.is_empty() {
        return Ok(if top {
            Value::Object(Map::new())
        } else {
            Value::Array(Vec::new())
        });
    }
    if ht.has_sequential_keys() {
        return ht
            .iter()
            .map(|(_, v)| zval_at(v, depth + 1))
            .collect::<PhpResult<Vec<_>>>()
            .map(Value::Array);
    }
    let mut map = Map::new();
    for (k, v) in ht.iter() {
        let key = k.to_string();
        map.insert(key, zval_at(v, depth + 1)?);
    }
    Ok(Value::Object(map))
}

fn zval_at(z: &Zval, depth: usize) -> PhpResult<Value> {
    if z.is_null() {
        return Ok(Value::Null);
    }
    if let Some(b) = z.bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(i) = z.long() {
        return Ok(Value::from(i));
    }
    if let Some(f) = z.double() {
        return serde_json::Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| to_php(antom_bridge::input("NAN and INF are not JSON numbers")));
    }
    if let Some(s) = z.zend_str() {
        // JSON text is UTF-8: other bytes are bad input, said so, not a type error.
        return s
            .as_str()
            .map(|s| Value::String(s.to_owned()))
            .map_err(|_| to_php(antom_bridge::input("a string in the body is not UTF-8")));
    }
    if let Some(ht) = z.array() {
        return array_at(ht, false, depth);
    }
    if let Some(obj) = z.object() {
        // A model (`toArray()`), or what json_encode() takes: JsonSerializable, or an object's
        // public properties (`stdClass`: `{}` for an empty one, never `[]`).
        let as_object = |ht: &ZendHashTable| -> PhpResult<Value> {
            match array_at(ht, true, depth + 1)? {
                Value::Array(items) if items.is_empty() => Ok(Value::Object(Map::new())),
                v => Ok(v),
            }
        };
        let find = ext_php_rs::zend::ClassEntry::try_find;
        if find("Antom\\Models\\Model").is_some_and(|ce| obj.instance_of(ce)) {
            let array = z.try_call_method("toArray", vec![])?;
            if let Some(ht) = array.array() {
                return as_object(ht);
            }
        } else if find("JsonSerializable").is_some_and(|ce| obj.instance_of(ce)) {
            let v = z.try_call_method("jsonSerialize", vec![])?;
            return zval_at(&v, depth + 1);
        } else if let Ok(props) = obj.get_properties() {
            return as_object(props);
        }
    }
    Err(type_error(format!(
        "a {} value cannot be sent as JSON",
        z.get_type()
    )))
}

pub fn json_to_zval(v: &Value) -> PhpResult<Zval> {
    let mut z = Zval::new();
    match v {
        Value::Null => z.set_null(),
        Value::Bool(b) => z.set_bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => z.set_long(i),
            None => z.set_double(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => z.set_string(s, false)?,
        Value::Array(items) => {
            let mut ht = ZendHashTable::new();
            for item in items {
                ht.push(json_to_zval(item)?)?;
            }
            z.set_hashtable(ht);
        }
        Value::Object(map) => {
            let mut ht = ZendHashTable::new();
            for (k, item) in map {
                ht.insert(k.as_str(), json_to_zval(item)?)?;
            }
            z.set_hashtable(ht);
        }
    }
    Ok(z)
}
