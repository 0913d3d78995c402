//! The whole-call verdict over sequences of attempt outcomes, against a real local server:
//! once any attempt of a call with side effects may have reached Antom, the call never ends
//! as a plain failure, whatever later attempts see.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;
use crate::server;

use std::sync::Arc;
use std::time::Duration;

use antom::{Client, Config, ErrorKind, ResultStatus};
use common::*;
use serde_json::json;
use server::{Reply, Server};

const S_BODY: &str = r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentId":"p1"}"#;
const F_BODY: &str =
    r#"{"result":{"resultCode":"PROCESS_FAIL","resultStatus":"F","resultMessage":"no"}}"#;
const U_BODY: &str =
    r#"{"result":{"resultCode":"UNKNOWN_EXCEPTION","resultStatus":"U","resultMessage":"?"}}"#;
const IN_PROCESS: &str =
    r#"{"result":{"resultCode":"PAYMENT_IN_PROCESS","resultStatus":"U","resultMessage":""}}"#;

/// What the server does for one attempt.
#[derive(Debug, Clone, Copy)]
enum Step {
    Status(u16),
    Signed(&'static str),
    Unsigned(&'static str),
    /// Signed, then the body is altered: the signature no longer matches.
    Tampered,
    /// Reads the request and hangs up.
    HangUp,
    /// Reads the request, hangs up and stops listening: every later attempt is refused.
    HangUpThenRefuse,
}

/// What the call must report.
#[derive(Debug, PartialEq)]
enum Want {
    Ok(ResultStatus, u32),
    Err {
        kind: ErrorKind,
        unknown: bool,
        attempts: u32,
    },
}

fn err(kind: ErrorKind, unknown: bool, attempts: u32) -> Want {
    Want::Err {
        kind,
        unknown,
        attempts,
    }
}

async fn run(endpoint: &str, body: serde_json::Value, steps: &[Step], retries: u32) -> Want {
    let key = private_key();
    let steps: Arc<Vec<Step>> = Arc::new(steps.to_vec());
    let script = steps.clone();
    let server = Server::start(move |req, n| {
        let step = script.get(n - 1).copied().unwrap_or(Step::Status(599));
        match step {
            Step::Status(s) => Reply::unsigned(s, "{}"),
            Step::Signed(b) => Reply::signed(req, &key, b),
            Step::Unsigned(b) => Reply::unsigned(200, b),
            Step::Tampered => {
                let mut r = Reply::signed(req, &key, S_BODY);
                r.body = S_BODY.replace("p1", "p2").into_bytes();
                r
            }
            Step::HangUp => Reply::hang_up(),
            Step::HangUpThenRefuse => Reply {
                close_listener: true,
                ..Reply::hang_up()
            },
        }
    })
    .await;
    let config = Config::builder("C1", merchant_private_key(), public_key())
        .gateway_url(server.url())
        .backoff(Duration::from_millis(5), Duration::from_millis(20))
        .max_retries(retries)
        .build()
        .unwrap();
    let has_key = body_has_key(&body);
    let outcome = Client::new(config).unwrap().call(endpoint, body).await;
    match outcome {
        Ok(r) => Want::Ok(r.result_status(), r.attempts()),
        Err(e) => {
            let attempts = e.attempts().unwrap_or(0);
            assert_eq!(
                e.attempt_history().len() as u32,
                attempts,
                "history of {steps:?}"
            );
            if e.is_outcome_unknown() && endpoint == "payments.pay" && has_key {
                assert_eq!(e.idempotency_key(), Some("order-1"), "{steps:?}");
            }
            Want::Err {
                kind: e.kind(),
                unknown: e.is_outcome_unknown(),
                attempts,
            }
        }
    }
}

fn body_has_key(body: &serde_json::Value) -> bool {
    body.get("paymentRequestId").is_some()
}

#[tokio::test]
async fn a_pay_that_may_have_reached_antom_never_ends_as_a_failure() {
    use ErrorKind::*;
    use Step::*;
    let pay = || json!({"paymentRequestId": "order-1", "paymentAmount": {"currency": "USD", "value": "1000"}});
    let table: Vec<(&[Step], u32, Want)> = vec![
        // The review's three reproductions.
        (&[Status(503), Status(429)], 1, err(OutcomeUnknown, true, 2)),
        (
            &[Signed(U_BODY), Status(429)],
            1,
            err(OutcomeUnknown, true, 2),
        ),
        (&[HangUpThenRefuse], 1, err(OutcomeUnknown, true, 2)),
        // One 5xx and no retry: the payment may exist.
        (&[Status(503)], 0, err(OutcomeUnknown, true, 1)),
        (&[HangUp], 0, err(OutcomeUnknown, true, 1)),
        // A definite, verified answer after trouble ends the call.
        (
            &[Status(503), Signed(S_BODY)],
            1,
            Want::Ok(ResultStatus::Success, 2),
        ),
        (
            &[HangUp, Signed(F_BODY)],
            1,
            Want::Ok(ResultStatus::Failure, 2),
        ),
        (
            &[Status(429), Signed(S_BODY)],
            1,
            Want::Ok(ResultStatus::Success, 2),
        ),
        // A U answer is itself reported as unknown.
        (
            &[Signed(U_BODY), Signed(U_BODY)],
            1,
            Want::Ok(ResultStatus::Unknown, 2),
        ),
        (&[Signed(IN_PROCESS)], 2, Want::Ok(ResultStatus::Unknown, 1)),
        // An unverified failure after a possible delivery is not a failure.
        (
            &[Status(503), Unsigned(F_BODY)],
            1,
            err(OutcomeUnknown, true, 2),
        ),
        // A bad signature keeps its kind and carries the flag.
        (&[Tampered], 1, err(SignatureMismatch, true, 1)),
        (&[Status(502), Tampered], 1, err(SignatureMismatch, true, 2)),
        // Definite refusals with nothing delivered before: plain errors.
        (&[Status(429), Status(429)], 1, err(HttpStatus, false, 2)),
        (&[Status(400)], 2, err(HttpStatus, false, 1)),
        (&[Status(404)], 2, err(HttpStatus, false, 1)),
        // An unverified failure on its own stays visible as a response.
        (&[Unsigned(F_BODY)], 1, Want::Ok(ResultStatus::Failure, 1)),
    ];
    for (steps, retries, want) in table {
        let got = run("payments.pay", pay(), steps, retries).await;
        assert_eq!(got, want, "pay with {steps:?}, max_retries {retries}");
    }
}

#[tokio::test]
async fn retry_safety_follows_the_idempotency_key_not_the_endpoint() {
    use ErrorKind::*;
    use Step::*;
    // A pay without paymentRequestId cannot be repeated safely: one attempt, outcome unknown.
    let no_key = json!({"paymentAmount": {"currency": "USD", "value": "1000"}});
    let got = run(
        "payments.pay",
        no_key.clone(),
        &[Status(503), Signed(S_BODY)],
        2,
    )
    .await;
    assert_eq!(got, err(OutcomeUnknown, true, 1));
    let got = run("payments.pay", no_key, &[HangUp, Signed(S_BODY)], 2).await;
    assert_eq!(got, err(OutcomeUnknown, true, 1));
    // An inquiry has no side effect: retried, and a final 5xx is only a status error.
    let inquiry = || json!({"paymentRequestId": "order-1"});
    let got = run(
        "payments.inquiryPayment",
        inquiry(),
        &[Status(503), Status(503)],
        1,
    )
    .await;
    assert_eq!(got, err(HttpStatus, false, 2));
    let got = run(
        "payments.inquiryPayment",
        inquiry(),
        &[HangUp, Signed(S_BODY)],
        1,
    )
    .await;
    assert_eq!(got, Want::Ok(ResultStatus::Success, 2));
    let got = run("payments.inquiryPayment", inquiry(), &[HangUpThenRefuse], 1).await;
    assert_eq!(got, err(Transport, false, 2));
}

#[tokio::test]
async fn the_history_says_what_each_attempt_got() {
    let key = private_key();
    let server = Server::start(move |req, n| match n {
        1 => Reply::unsigned(503, "busy"),
        2 => Reply::signed(req, &key, U_BODY),
        _ => Reply::unsigned(429, "slow down"),
    })
    .await;
    let config = Config::builder("C1", merchant_private_key(), public_key())
        .gateway_url(server.url())
        .backoff(Duration::from_millis(5), Duration::from_millis(20))
        .max_retries(2)
        .build()
        .unwrap();
    let e = Client::new(config)
        .unwrap()
        .pay(json!({"paymentRequestId": "order-1"}))
        .await
        .unwrap_err();
    let history: Vec<String> = e.attempt_history().iter().map(|a| a.to_string()).collect();
    assert_eq!(
        history,
        [
            "attempt 1: HTTP 503",
            "attempt 2: U UNKNOWN_EXCEPTION (verified)",
            "attempt 3: HTTP 429"
        ]
    );
    assert_eq!(e.kind(), ErrorKind::OutcomeUnknown);
    assert_eq!(
        (e.http_status(), e.raw_body()),
        (Some(429), Some("slow down"))
    );
    assert!(
        e.message().contains("never charge again"),
        "{}",
        e.message()
    );
}
