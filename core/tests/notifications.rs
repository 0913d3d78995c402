//! Notifications: verified over the raw bytes before parsing; headers in any case; query
//! strings stripped; every tampering rejected; the exact ack.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use antom::{ErrorKind, NotificationVerifier, Signer, NOTIFICATION_ACK};
use common::*;

const BODY: &str = r#"{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentRequestId":"o1","paymentId":"p1"}"#;
const TIME: &str = "2019-11-12T09:37:00Z";

fn signed(path: &str, client_id: &str, body: &str) -> String {
    Signer::new(private_key(), 1)
        .sign("POST", path, client_id, TIME, body.as_bytes())
        .unwrap()
}

#[test]
fn the_ack_is_exact() {
    assert_eq!(
        NOTIFICATION_ACK,
        r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#
    );
}

#[test]
fn a_genuine_notification_verifies_with_headers_in_any_case() {
    let sig = signed("/antom/notify", "M1", BODY);
    let v = NotificationVerifier::new(public_key(), "M1");
    let headers = vec![
        ("CLIENT-ID", "M1"),
        ("request-Time", TIME),
        ("Signature", sig.as_str()),
        ("X-Other", "1"),
    ];
    let n = v
        .verify(
            "https://shop.example/antom/notify?order=1",
            headers,
            BODY.as_bytes(),
        )
        .unwrap();
    assert_eq!(n.kind, "PAYMENT_RESULT");
    assert_eq!(n.data["paymentId"], "p1");
    assert_eq!(n.result.unwrap().code, "SUCCESS");
    assert_eq!(
        (
            n.raw.as_str(),
            n.client_id.as_str(),
            n.request_time.as_str()
        ),
        (BODY, "M1", TIME)
    );
}

#[test]
fn the_shared_webhook_vector_verifies() {
    let v = vectors();
    let case = v["sign_cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "webhook (notify) path")
        .unwrap();
    let s = |k: &str| case[k].as_str().unwrap().to_string();
    let headers = [
        ("client-id", s("client_id")),
        ("request-time", s("time")),
        ("signature", s("signature_header")),
    ];
    let n = NotificationVerifier::new(public_key(), s("client_id"))
        .verify(&s("path"), headers, s("body").as_bytes())
        .unwrap();
    assert_eq!(n.kind, "PAYMENT_RESULT");
}

#[test]
fn tampering_is_rejected_before_parsing() {
    let sig = signed("/notify", "M1", BODY);
    let v = NotificationVerifier::new(public_key(), "M1");
    let h = |c: &str, t: &str| {
        vec![
            ("client-id".to_string(), c.to_string()),
            ("request-time".into(), t.into()),
            ("signature".into(), sig.clone()),
        ]
    };
    let flipped = BODY.replace("p1", "p2");
    for (path, headers, body) in [
        ("/notify", h("M1", TIME), flipped.as_bytes()),
        ("/other", h("M1", TIME), BODY.as_bytes()),
        ("/notify", h("M2", TIME), BODY.as_bytes()),
        ("/notify", h("M1", "2019-11-12T09:37:01Z"), BODY.as_bytes()),
    ] {
        assert_eq!(
            v.verify(path, headers, body).unwrap_err().kind(),
            ErrorKind::SignatureMismatch
        );
    }
    // Garbage that is not JSON fails on the signature, never on parsing.
    let err = v
        .verify("/notify", h("M1", TIME), b"\xff\xfe not json")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SignatureMismatch);
}

#[test]
fn missing_headers_and_wrong_client_are_typed_errors() {
    let sig = signed("/notify", "M1", BODY);
    let v = NotificationVerifier::new(public_key(), "M1");
    let err = v
        .verify(
            "/notify",
            [("client-id", "M1"), ("request-time", TIME)],
            BODY.as_bytes(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidHeader);
    assert!(err.message().contains("Signature"));
    let err = v
        .verify(
            "/notify",
            [("client-id", "M1"), ("signature", sig.as_str())],
            BODY.as_bytes(),
        )
        .unwrap_err();
    assert!(err.message().contains("Request-Time"));
    let err = v
        .verify(
            "/notify",
            [
                ("client-id", "M1"),
                ("request-time", TIME),
                ("signature", "algorithm=RSA256,signature="),
            ],
            BODY.as_bytes(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidHeader);
    let strict = NotificationVerifier::new(public_key(), "OTHER");
    let err = strict
        .verify(
            "/notify",
            [
                ("client-id", "M1"),
                ("request-time", TIME),
                ("signature", sig.as_str()),
            ],
            BODY.as_bytes(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

#[test]
fn max_age_is_off_by_default_and_enforced_when_set() {
    let sig = signed("/notify", "M1", BODY);
    let headers = [
        ("client-id", "M1"),
        ("request-time", TIME),
        ("signature", sig.as_str()),
    ];
    NotificationVerifier::new(public_key(), "M1")
        .verify("/notify", headers, BODY.as_bytes())
        .unwrap();
    let err = NotificationVerifier::new(public_key(), "M1")
        .max_age(std::time::Duration::from_secs(86_400))
        .verify("/notify", headers, BODY.as_bytes())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.message().contains("old"));
}

#[test]
fn a_verified_body_that_is_not_json_is_an_input_error() {
    let body = "not json";
    let sig = signed("/notify", "M1", body);
    let err = NotificationVerifier::new(public_key(), "M1")
        .verify(
            "/notify",
            [
                ("client-id", "M1"),
                ("request-time", TIME),
                ("signature", sig.as_str()),
            ],
            body.as_bytes(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

/// An attacker holding any Antom-signed message for this client id at another path (an API
/// response has the same signature format) must not get it accepted by putting that path in
/// the query string, a fragment, an encoded slash or a `//` prefix of the notify URL.
#[test]
fn a_message_signed_for_another_path_is_refused_whatever_the_request_target_says() {
    let api_path = "/ams/api/v1/payments/inquiryPayment";
    let sig = signed(api_path, "M1", BODY);
    let v = NotificationVerifier::new(public_key(), "M1");
    let headers = || {
        vec![
            ("client-id", "M1".to_string()),
            ("request-time", TIME.to_string()),
            ("signature", sig.clone()),
        ]
    };
    let hostile = [
        format!("/antom/notify?next=https://x{api_path}"),
        format!("/antom/notify?next=http://x{api_path}#frag"),
        format!("/antom/notify#https://x{api_path}"),
        format!("/antom/notify?a=1&b=//x{api_path}"),
        format!("//x{api_path}"),
        format!("https://shop.example/antom/notify?u=https://x{api_path}"),
        "/ams%2Fapi%2Fv1%2Fpayments%2FinquiryPayment".to_string(),
        format!("/antom/notify/..{api_path}"),
        format!("?{api_path}"),
    ];
    for target in &hostile {
        let outcome = v.verify(target, headers(), BODY.as_bytes());
        let e = outcome.expect_err(target);
        assert!(
            matches!(
                e.kind(),
                ErrorKind::SignatureMismatch | ErrorKind::InvalidInput
            ),
            "{target}: {e}"
        );
    }
    // The genuine path, as origin-form or absolute-form, still verifies.
    for target in [
        api_path.to_string(),
        format!("https://gw.example{api_path}?x=1"),
    ] {
        v.verify(&target, headers(), BODY.as_bytes()).unwrap();
    }
}
