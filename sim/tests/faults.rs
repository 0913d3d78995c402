//! Every fault code (9901-9907) mapped to the outcome the SDK must report, and armed faults.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::time::Duration;

use antom::{ErrorKind, ResultStatus};
use common::*;
use serde_json::json;

#[tokio::test]
async fn f9901_unknown_stays_unknown_then_inquiry_shows_success() {
    let sim = sim().await;
    let client = client(&sim);
    let r = client.pay(pay_body("f1", "9901", None)).await.unwrap();
    assert_eq!(
        (r.result_status(), r.result_code()),
        (ResultStatus::Unknown, "UNKNOWN_EXCEPTION")
    );
    assert!(
        r.attempts() >= 2,
        "a U/UNKNOWN_EXCEPTION on pay is retried with the same key"
    );
    let inq = client
        .inquire_payment_until_final("f1", Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(inq.data()["paymentStatus"], "SUCCESS");
}

#[tokio::test]
async fn f9902_slow_is_outcome_unknown_and_the_payment_exists() {
    let sim = sim().await;
    let client = antom::Client::new(
        config(&sim)
            .timeout(Duration::from_millis(400))
            .max_retries(0)
            .build()
            .unwrap(),
    )
    .unwrap();
    let err = client.pay(pay_body("f2", "9902", None)).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown);
    assert_eq!(err.idempotency_key(), Some("f2"));
    let inq = client
        .inquiry_payment(json!({"paymentRequestId": "f2"}))
        .await
        .unwrap();
    assert_eq!(
        inq.data()["paymentStatus"],
        "PROCESSING",
        "the payment was created: never charge again"
    );
}

#[tokio::test]
async fn f9903_bad_response_signature_is_a_mismatch() {
    let sim = sim().await;
    let err = client(&sim)
        .pay(pay_body("f3", "9903", None))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SignatureMismatch);
    assert!(err.raw_body().unwrap().contains("f3"));
}

#[tokio::test]
async fn f9904_unsigned_success_is_rejected() {
    let sim = sim().await;
    let err = client(&sim)
        .pay(pay_body("f4", "9904", None))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnsignedResponse);
}

#[tokio::test]
async fn f9905_http_500_then_normal_on_retry() {
    let sim = sim().await;
    let r = client(&sim)
        .pay(pay_body("f5", "9905", None))
        .await
        .unwrap();
    assert_eq!((r.result_code(), r.attempts()), ("PAYMENT_IN_PROCESS", 2));
    let no_retry = antom::Client::new(config(&sim).max_retries(0).build().unwrap()).unwrap();
    let err = no_retry
        .pay(pay_body("f5b", "9905", None))
        .await
        .unwrap_err();
    // The 500 may hide a payment: unknown, never a plain HTTP failure, status kept.
    assert_eq!(
        (err.kind(), err.http_status()),
        (ErrorKind::OutcomeUnknown, Some(500))
    );
    assert!(err.is_outcome_unknown());
    assert_eq!(err.idempotency_key(), Some("f5b"));
}

#[tokio::test]
async fn f9908_a_signed_body_that_is_not_json_is_an_invalid_response() {
    let sim = sim().await;
    let once = antom::Client::new(config(&sim).max_retries(0).build().unwrap()).unwrap();
    let err = once.pay(pay_body("f8", "9908", None)).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidResponse);
    // The pay was delivered and the answer is unusable: its outcome is unknown.
    assert!(err.is_outcome_unknown());
    assert!(err.raw_body().unwrap().contains("502 Bad Gateway"));
    let inq = once
        .inquiry_payment(serde_json::json!({"paymentRequestId": "f8"}))
        .await
        .unwrap();
    assert_eq!(
        inq.data()["paymentStatus"],
        "PROCESSING",
        "the payment exists"
    );
}

#[tokio::test]
async fn f9906_balance_is_a_final_failure() {
    let sim = sim().await;
    let client = client(&sim);
    let r = client.pay(pay_body("f6", "9906", None)).await.unwrap();
    assert_eq!(
        (r.result_status(), r.result_code(), r.verified()),
        (ResultStatus::Failure, "USER_BALANCE_NOT_ENOUGH", true)
    );
    assert_eq!(
        client
            .inquiry_payment(json!({"paymentRequestId": "f6"}))
            .await
            .unwrap()
            .data()["paymentStatus"],
        "FAIL"
    );
}

#[tokio::test]
async fn f9907_notification_with_bad_signature_is_rejected_by_the_merchant() {
    let sim = sim().await;
    let client = client(&sim);
    let hook = Webhook::start(client.clone(), 0).await;
    let pay = client
        .pay(pay_body("f7", "9907", Some(&hook.url)))
        .await
        .unwrap();
    let id = pay.data()["paymentId"].as_str().unwrap();
    post_json(&format!("{}/sim/payments/{id}/complete", sim.info.url)).await;
    let got = hook.wait_for(2).await;
    assert!(got.len() >= 2, "not acked, so redelivered");
    for n in got {
        assert_eq!(n.unwrap_err().kind(), ErrorKind::SignatureMismatch);
    }
}

#[tokio::test]
async fn faults_can_be_armed_for_any_path() {
    let sim = sim().await;
    let client = client(&sim);
    let r = reqwest::Client::new()
        .post(format!("{}/sim/faults", sim.info.url))
        .header("content-type", "application/json")
        .body(json!({"path": "/payments/inquiryPayment", "code": 9903, "count": 1}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    client.pay(pay_body("f8", "1000", None)).await.unwrap();
    let err = client
        .inquiry_payment(json!({"paymentRequestId": "f8"}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SignatureMismatch);
    assert!(
        client
            .inquiry_payment(json!({"paymentRequestId": "f8"}))
            .await
            .unwrap()
            .verified(),
        "armed for one request only"
    );
    let bad = reqwest::Client::new()
        .post(format!("{}/sim/faults", sim.info.url))
        .header("content-type", "application/json")
        .body(json!({"code": 1234}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
}
