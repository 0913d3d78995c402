//! A typed model reads field by field (core/src/lenient.rs): a value of the other form is kept
//! as received, in `extra`, and written back unchanged.

use antom::models::{Amount, TaxBreakdown};
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
