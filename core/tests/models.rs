//! The typed models: construction, the wire form, forward compatibility.

// The models do not depend on the crypto backend: run once, with the default one.
#![cfg(not(feature = "pure-rust-crypto"))]
#![allow(clippy::unwrap_used)]

use antom::models::{Amount, PayRequest, PayResponse, ProductCodeType, ResultStatusType};
use antom::RequestBody;
use serde_json::json;

#[test]
fn a_request_is_written_in_camel_case_without_unset_fields() {
    let req = PayRequest {
        payment_request_id: Some("o-1".into()),
        payment_amount: Some(Amount {
            currency: Some("USD".into()),
            value: Some("1000".into()),
            ..Default::default()
        }),
        product_code: Some(ProductCodeType::CashierPayment),
        ..Default::default()
    };
    let RequestBody::Json(v) = RequestBody::from(&req) else {
        unreachable!()
    };
    assert_eq!(
        v,
        json!({"paymentRequestId": "o-1", "paymentAmount": {"currency": "USD", "value": "1000"}, "productCode": "CASHIER_PAYMENT"})
    );
}

#[test]
fn unknown_fields_and_enum_values_are_kept_not_refused() {
    let r: PayResponse = serde_json::from_value(json!({
        "paymentId": "p", "brandNew": {"a": 1},
        "result": {"resultStatus": "Z", "resultCode": "X"}
    }))
    .unwrap();
    assert_eq!(r.payment_id.as_deref(), Some("p"));
    assert_eq!(r.extra["brandNew"], json!({"a": 1}));
    let status = r.result.as_ref().unwrap().result_status.clone().unwrap();
    assert_eq!(status, ResultStatusType::Unknown("Z".into()));
    assert_eq!(
        serde_json::to_value(&r).unwrap()["result"]["resultStatus"],
        "Z"
    );
}
