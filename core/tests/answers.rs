//! An answer is tied to its request and to the right keys: a genuine answer replayed for another
//! order is refused, the merchant's own public key given as Antom's is named as that mistake,
//! and the image upload's stricter signature rule.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;
use crate::server;

use antom::{Client, Config, ErrorKind};
use common::*;
use serde_json::json;
use server::{Reply, Server};

fn client(url: &str) -> Client {
    let config = Config::builder("C1", merchant_private_key(), public_key())
        .gateway_url(url)
        .upload_url(url)
        .max_retries(0)
        .build()
        .unwrap();
    Client::new(config).unwrap()
}

/// The answer Antom signed for order A's pay, recorded by a proxy that reads TLS.
const ORDER_A: &str = r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentRequestId":"order-A","paymentId":"pay-A","paymentAmount":{"currency":"USD","value":"100"}}"#;

#[tokio::test]
async fn a_genuine_answer_replayed_for_another_request_is_refused_and_unknown() {
    let key = private_key();
    let server = Server::start(move |req, _| Reply::signed(req, &key, ORDER_A)).await;
    let c = client(&server.url());
    // The answer for the order it names is fine.
    let a = c
        .pay(json!({"paymentRequestId": "order-A", "paymentAmount": {"currency": "USD", "value": "100"}}))
        .await
        .unwrap();
    assert!(a.is_success() && a.verified());
    // The same signed bytes for order B: the signature verifies, the request does not match.
    let err = c
        .pay(json!({"paymentRequestId": "order-B", "paymentAmount": {"currency": "USD", "value": "100"}}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidResponse, "{err}");
    assert!(
        err.is_outcome_unknown(),
        "a pay whose answer is not its own: unknown"
    );
    assert!(
        err.message().contains("paymentRequestId 'order-A'"),
        "{err}"
    );
    assert_eq!(err.idempotency_key(), Some("order-B"));
    // Object ids count too: a refund of payment B answered with payment A's.
    let key = private_key();
    let server = Server::start(move |req, _| {
        Reply::signed(
            req,
            &key,
            r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":""},"refundRequestId":"r-1","paymentId":"pay-A","refundId":"rf-1"}"#,
        )
    })
    .await;
    let err = client(&server.url())
        .refund(json!({"refundRequestId": "r-1", "paymentId": "pay-B", "refundAmount": {"currency": "USD", "value": "1"}}))
        .await
        .unwrap_err();
    assert!(
        err.is_outcome_unknown() && err.message().contains("paymentId"),
        "{err}"
    );
    // An empty echo names no other request (some failures carry `"paymentId": ""`).
    let key = private_key();
    let server = Server::start(move |req, _| {
        Reply::signed(
            req,
            &key,
            r#"{"result":{"resultCode":"ORDER_NOT_EXIST","resultStatus":"F","resultMessage":""},"refundRequestId":"r-2","paymentId":""}"#,
        )
    })
    .await;
    let r = client(&server.url())
        .refund(json!({"refundRequestId": "r-2", "paymentId": "pay-B", "refundAmount": {"currency": "USD", "value": "1"}}))
        .await
        .unwrap();
    assert!(r.is_failure() && r.verified(), "{}", r.raw());
    // An inquiry changes nothing, so its mismatch is a plain error: still never a success.
    let key = private_key();
    let server = Server::start(move |req, _| Reply::signed(req, &key, ORDER_A)).await;
    let err = client(&server.url())
        .inquiry_payment(json!({"paymentRequestId": "order-B"}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidResponse);
}

#[test]
fn the_merchants_own_public_key_given_as_antoms_is_named_as_that_mistake() {
    let own = private_key().public_key().unwrap();
    let err = Config::builder("C1", private_key(), own)
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(
        err.message()
            .contains("public half of the merchant's own private key")
            && err.message().contains("Developer > Key configuration"),
        "{err}"
    );
    // Every form of the same public key is recognised.
    for (form, text) in public_forms() {
        let err = Config::builder("C1", private_key(), antom::PublicKey::parse(&text).unwrap())
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{form}");
    }
    // Two different keys are a valid configuration.
    Config::builder("C1", merchant_private_key(), public_key())
        .build()
        .unwrap();
}

#[tokio::test]
async fn the_image_upload_accepts_an_unsigned_answer_only_for_f() {
    const U: &str =
        r#"{"result":{"resultCode":"UNKNOWN_EXCEPTION","resultStatus":"U","resultMessage":""}}"#;
    const F: &str =
        r#"{"result":{"resultCode":"PARAM_ILLEGAL","resultStatus":"F","resultMessage":""}}"#;
    let server = Server::start(|_, _| Reply::unsigned(200, U)).await;
    let err = client(&server.url())
        .upload_product_image("prod-1", "a.png", b"png")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnsignedResponse, "{err}");
    // One signature header without the other is refused, whatever the result.
    let server = Server::start(|_, _| {
        let mut r = Reply::unsigned(200, F);
        r.headers
            .push(("Response-Time".into(), "2024-01-01T00:00:00Z".into()));
        r
    })
    .await;
    let err = client(&server.url())
        .upload_product_image("prod-1", "a.png", b"png")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnsignedResponse, "{err}");
    let server = Server::start(|_, _| Reply::unsigned(200, F)).await;
    let r = client(&server.url())
        .upload_product_image("prod-1", "a.png", b"png")
        .await
        .unwrap();
    assert!(!r.verified() && r.is_unknown());
    // Elsewhere an unsigned U stays visible, unverified (PROTOCOL §3).
    let server = Server::start(|_, _| Reply::unsigned(200, U)).await;
    let r = client(&server.url())
        .inquiry_payment(json!({"paymentRequestId": "o"}))
        .await
        .unwrap();
    assert!(!r.verified() && r.is_unknown());
}

/// On a path the catalog does not know, a field named like an idempotency key is not trusted
/// as one: such a call is never repeated after it may have reached Antom.
#[tokio::test]
async fn an_unknown_paths_request_id_field_is_not_an_idempotency_key() {
    let server = Server::start(|_, _| Reply::unsigned(500, "oops")).await;
    let config = Config::builder("C1", merchant_private_key(), public_key())
        .gateway_url(server.url())
        .max_retries(2)
        .backoff(
            std::time::Duration::from_millis(5),
            std::time::Duration::from_millis(10),
        )
        .build()
        .unwrap();
    let err = Client::new(config)
        .unwrap()
        .call(
            "/ams/api/v1/not/in/the/catalog",
            json!({"transferRequestId": "t-1", "amount": "5"}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown, "{err}");
    assert_eq!(err.idempotency_key(), None);
    assert_eq!(server.requests().len(), 1, "sent once, never repeated");
}
