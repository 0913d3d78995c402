//! Reading a typed model field by field. The official SDKs disagree on some types (a tax amount
//! is an `Amount` in one and a string in two): a value that is not of the schema's type is kept
//! as received, in the model's `extra`, so one odd field never makes a verified answer
//! unreadable, and it is written back unchanged.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Takes `key` out of `m` as a `T`; a value that is not a `T` goes back into `m` as it was.
/// `null` is an absent value.
pub(crate) fn take<T: DeserializeOwned>(m: &mut Map<String, Value>, key: &str) -> Option<T> {
    let v = m.remove(key)?;
    if v.is_null() {
        return None;
    }
    match T::deserialize(&v) {
        Ok(t) => Some(t),
        Err(_) => {
            m.insert(key.to_string(), v);
            None
        }
    }
}
