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

#[cfg(test)]
mod tests {
    use crate::models::{Amount, TaxBreakdown};
    use serde_json::json;

    #[test]
    fn a_value_of_the_other_form_is_kept_as_received() {
        // One SDK types this as an Amount, two as a string: both parse, neither is lost.
        for wire in [
            json!({"taxAmount": {"currency": "USD", "value": "10"}}),
            json!({"taxAmount": "10.00"}),
        ] {
            let t: TaxBreakdown = serde_json::from_value(wire.clone()).unwrap_or_default();
            assert_eq!(serde_json::to_value(&t).ok(), Some(wire.clone()));
            match &wire["taxAmount"] {
                v if v.is_object() => assert_eq!(
                    t.tax_amount,
                    Some(Amount {
                        currency: Some("USD".into()),
                        value: Some("10".into()),
                        ..Default::default()
                    })
                ),
                v => assert_eq!(
                    (t.tax_amount.as_ref(), t.extra.get("taxAmount")),
                    (None, Some(v))
                ),
            }
        }
    }
}
