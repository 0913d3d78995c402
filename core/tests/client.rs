//! The client against a real local HTTP server: the response policy, retries, timeouts,
//! sandbox paths and request signing, over real sockets.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;
use crate::server;

use std::time::Duration;

use antom::{Client, Config, ErrorKind, ResultStatus, Verifier};
use common::*;
use serde_json::json;
use server::{Reply, Req, Server};

const S_BODY: &str = r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentId":"p1"}"#;
const F_BODY: &str =
    r#"{"result":{"resultCode":"INVALID_SIGNATURE","resultStatus":"F","resultMessage":"bad"}}"#;
const U_BODY: &str =
    r#"{"result":{"resultCode":"UNKNOWN_EXCEPTION","resultStatus":"U","resultMessage":"?"}}"#;

fn client_for(
    url: &str,
    client_id: &str,
    tweak: impl FnOnce(antom::ConfigBuilder) -> antom::ConfigBuilder,
) -> Client {
    let builder = Config::builder(client_id, merchant_private_key(), public_key())
        .gateway_url(url)
        .backoff(Duration::from_millis(10), Duration::from_millis(40));
    Client::new(tweak(builder).build().unwrap()).unwrap()
}

fn pay_body() -> serde_json::Value {
    json!({"paymentRequestId": "order-1", "paymentAmount": {"currency": "USD", "value": "1000"}})
}

#[tokio::test]
async fn signed_success_is_verified_and_the_request_was_signed_correctly() {
    let key = private_key();
    let server = Server::start(move |req, _| Reply::signed(req, &key, S_BODY)).await;
    let client = client_for(&server.url(), "C1", |b| b.agent_token("agent-1"));
    let r = client.pay(pay_body()).await.unwrap();
    assert_eq!(r.result_status(), ResultStatus::Success);
    assert!(r.verified() && r.is_success());
    assert_eq!((r.attempts(), r.http_status(), r.raw()), (1, 200, S_BODY));
    assert_eq!(r.data()["paymentId"], "p1");
    assert_eq!(r.idempotency_key(), Some("order-1"));
    let req = &server.requests()[0];
    assert_eq!(req.path, "/ams/api/v1/payments/pay");
    assert_eq!(req.header("client-id"), Some("C1"));
    assert_eq!(req.header("agent-token"), Some("agent-1"));
    assert_eq!(
        req.header("content-type"),
        Some("application/json; charset=UTF-8")
    );
    assert!(req.header("user-agent").unwrap().starts_with("antom/"));
    let time = req.header("request-time").unwrap();
    assert!(
        time.len() == 13 && time.chars().all(|c| c.is_ascii_digit()),
        "{time}"
    );
    // The body on the wire is exactly what was signed.
    Verifier::new(merchant_private_key().public_key().unwrap())
        .verify(
            "POST",
            &req.path,
            "C1",
            time,
            &req.body,
            req.header("signature").unwrap(),
        )
        .unwrap();
}

#[tokio::test]
async fn unsigned_or_partially_signed_success_is_never_a_success() {
    for strip in [
        vec!["Signature", "Response-Time"],
        vec!["Signature"],
        vec!["Response-Time"],
    ] {
        let key = private_key();
        let strip2 = strip.clone();
        let server = Server::start(move |req, _| {
            let mut r = Reply::signed(req, &key, S_BODY);
            r.headers.retain(|(k, _)| !strip2.contains(&k.as_str()));
            r
        })
        .await;
        let err = client_for(&server.url(), "C1", |b| b)
            .pay(pay_body())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnsignedResponse, "{strip:?}");
        assert_eq!(err.raw_body(), Some(S_BODY));
        assert_eq!(err.result_code(), Some("SUCCESS"));
    }
}

#[tokio::test]
async fn unsigned_failure_is_returned_unverified() {
    let server = Server::start(|_, _| Reply::unsigned(200, F_BODY)).await;
    let r = client_for(&server.url(), "C1", |b| b)
        .pay(pay_body())
        .await
        .unwrap();
    assert_eq!(r.result_status(), ResultStatus::Failure);
    assert_eq!(r.result_code(), "INVALID_SIGNATURE");
    assert!(!r.verified());
    // Visible, but never a failure: anyone on the path could have written it.
    assert!(!r.is_failure() && r.is_unknown() && !r.is_success());
}

#[tokio::test]
async fn an_unsigned_failure_never_ends_the_polling_helper() {
    // A man in the middle answers every inquiry with an unsigned F (a "failed" order).
    let server = Server::start(|_, _| Reply::unsigned(200, F_BODY)).await;
    let client = client_for(&server.url(), "C1", |b| b);
    let err = client
        .inquire_payment_until_final("order-7", Duration::from_millis(300))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown);
    assert!(err.message().contains("unverified"), "{}", err.message());
    assert!(server.requests().len() > 1, "it kept inquiring");
    // A signed F (ORDER_NOT_EXIST) is final at once.
    let key = private_key();
    let server = Server::start(move |req, _| {
        Reply::signed(
            req,
            &key,
            r#"{"result":{"resultCode":"ORDER_NOT_EXIST","resultStatus":"F","resultMessage":""}}"#,
        )
    })
    .await;
    // It ends the polling, as the inquiry's failure: never as the payment's.
    let err = client_for(&server.url(), "C1", |b| b)
        .inquire_payment_until_final("order-8", Duration::from_secs(5))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown);
    assert!(err.is_outcome_unknown());
    assert_eq!(err.result_code(), Some("ORDER_NOT_EXIST"));
    assert_eq!(err.idempotency_key(), Some("order-8"));
    assert!(err.message().contains("inquiry"), "{}", err.message());
    assert!(err.raw_body().unwrap().contains("ORDER_NOT_EXIST"));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn tampered_body_or_wrong_key_is_a_mismatch() {
    let key = private_key();
    let server = Server::start(move |req, _| {
        let mut r = Reply::signed(req, &key, S_BODY);
        r.body = S_BODY.replace("p1", "p2").into_bytes();
        r
    })
    .await;
    let err = client_for(&server.url(), "C1", |b| b)
        .pay(pay_body())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SignatureMismatch);
    assert!(err.raw_body().unwrap().contains("p2"));
    let other = antom::PrivateKey::parse(&antom::generate_key_pair().unwrap().private_pem).unwrap();
    let server = Server::start(move |req, _| Reply::signed(req, &other, S_BODY)).await;
    let err = client_for(&server.url(), "C1", |b| b)
        .pay(pay_body())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SignatureMismatch);
}

#[tokio::test]
async fn non_json_and_resultless_bodies_are_invalid_responses() {
    for body in ["<html>gateway</html>", r#"{"no":"result"}"#] {
        let key = private_key();
        let server = Server::start(move |req, _| Reply::signed(req, &key, body)).await;
        let err = client_for(&server.url(), "C1", |b| b)
            .pay(pay_body())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidResponse, "{body}");
        assert_eq!(err.raw_body(), Some(body));
    }
}

#[tokio::test]
async fn server_errors_are_retried_with_identical_bytes_and_fresh_signatures() {
    let key = private_key();
    let server = Server::start(move |req, n| {
        if n == 1 {
            Reply::unsigned(500, "oops")
        } else {
            Reply::signed(req, &key, S_BODY)
        }
    })
    .await;
    let r = client_for(&server.url(), "C1", |b| b)
        .pay(pay_body())
        .await
        .unwrap();
    assert_eq!(r.attempts(), 2);
    // Each attempt is kept with its HTTP status (what a logging hook reports per attempt).
    let history = r.attempt_history();
    assert_eq!(history.len(), 2);
    assert_eq!((history[0].number, history[0].http_status), (1, Some(500)));
    assert_eq!((history[1].number, history[1].http_status), (2, Some(200)));
    assert_eq!(history[0].outcome, antom::AttemptOutcome::HttpStatus(500));
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].body, reqs[1].body);
    assert_ne!(
        reqs[0].header("request-time"),
        reqs[1].header("request-time")
    );
    assert_ne!(reqs[0].header("signature"), reqs[1].header("signature"));
    for req in &reqs {
        Verifier::new(merchant_private_key().public_key().unwrap())
            .verify(
                "POST",
                &req.path,
                "C1",
                req.header("request-time").unwrap(),
                &req.body,
                req.header("signature").unwrap(),
            )
            .unwrap();
    }
}

#[tokio::test]
async fn persistent_server_errors_on_pay_end_as_outcome_unknown_with_raw_body() {
    let server = Server::start(|_, _| Reply::unsigned(503, "maintenance")).await;
    let err = client_for(&server.url(), "C1", |b| b.max_retries(2))
        .pay(pay_body())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown);
    assert_eq!(
        (err.http_status(), err.raw_body(), err.attempts()),
        (Some(503), Some("maintenance"), Some(3))
    );
    assert!(
        err.is_outcome_unknown(),
        "a 5xx on pay proves nothing about the payment"
    );
    assert_eq!(err.idempotency_key(), Some("order-1"));
    // A 4xx is not retried.
    let server = Server::start(|_, _| Reply::unsigned(404, "nope")).await;
    let err = client_for(&server.url(), "C1", |b| b)
        .pay(pay_body())
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.attempts()),
        (ErrorKind::HttpStatus, Some(1))
    );
}

#[tokio::test]
async fn unknown_results_are_retried_only_where_safe_and_never_become_failures() {
    let key = private_key();
    let k2 = key.clone();
    let server = Server::start(move |req, _| Reply::signed(req, &k2, U_BODY)).await;
    let client = client_for(&server.url(), "C1", |b| b.max_retries(2));
    let r = client.pay(pay_body()).await.unwrap();
    assert_eq!(
        (r.result_status(), r.attempts()),
        (ResultStatus::Unknown, 3)
    );
    assert!(r.is_unknown() && r.verified());
    // applyCard carries no idempotency key: a U is surfaced at once, not re-sent.
    let r = client
        .call("aba.cards.applyCard", json!({"x": 1}))
        .await
        .unwrap();
    assert_eq!(
        (r.result_status(), r.attempts()),
        (ResultStatus::Unknown, 1)
    );
    // PAYMENT_IN_PROCESS is a normal U (buyer at the cashier), never retried.
    let server = Server::start(move |req, _| {
        Reply::signed(req, &key, r#"{"result":{"resultCode":"PAYMENT_IN_PROCESS","resultStatus":"U","resultMessage":""}}"#)
    })
    .await;
    let r = client_for(&server.url(), "C1", |b| b)
        .pay(pay_body())
        .await
        .unwrap();
    assert_eq!((r.result_code(), r.attempts()), ("PAYMENT_IN_PROCESS", 1));
}

#[tokio::test]
async fn a_timeout_after_sending_is_outcome_unknown_for_payments_and_timeout_for_inquiries() {
    let key = private_key();
    let server = Server::start(move |req, _| {
        let mut r = Reply::signed(req, &key, S_BODY);
        r.delay = Duration::from_millis(600);
        r
    })
    .await;
    let client = client_for(&server.url(), "C1", |b| {
        b.timeout(Duration::from_millis(150)).max_retries(1)
    });
    let err = client.pay(pay_body()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown);
    assert!(err.is_outcome_unknown());
    assert_eq!(
        (err.idempotency_key(), err.attempts()),
        (Some("order-1"), Some(2))
    );
    assert_eq!(err.endpoint(), Some("/ams/api/v1/payments/pay"));
    let err = client
        .inquiry_payment(json!({"paymentRequestId": "order-1"}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    // An endpoint without idempotency key is not re-sent after a timeout.
    let before = server.requests().len();
    let err = client
        .call("aba.cards.applyCard", json!({"x": 1}))
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.attempts()),
        (ErrorKind::OutcomeUnknown, Some(1))
    );
    assert_eq!(server.requests().len(), before + 1);
}

#[tokio::test]
async fn per_call_options_add_headers_and_override_timeout_and_retries() {
    let key = private_key();
    let server = Server::start(move |req, _| {
        let mut r = Reply::signed(req, &key, S_BODY);
        // Slow only for the calls that say so, to tell the two timeouts apart.
        if req.header("x-slow").is_some() {
            r.delay = Duration::from_millis(500);
        }
        r
    })
    .await;
    let client = client_for(&server.url(), "C1", |b| {
        b.agent_token("agent-1").max_retries(2)
    });
    let once = client
        .with_options(
            &antom::CallOptions::new()
                .header("X-Trace-Id", "t-1")
                .header("Agent-Token", "agent-2"),
        )
        .unwrap();
    assert!(once.pay(pay_body()).await.unwrap().verified());
    let req = &server.requests()[0];
    assert_eq!(req.header("x-trace-id"), Some("t-1"));
    assert_eq!(req.header("agent-token"), Some("agent-2"));
    assert_eq!(req.header("client-id"), Some("C1"));
    // The client itself is unchanged.
    client.pay(pay_body()).await.unwrap();
    assert_eq!(server.requests()[1].header("x-trace-id"), None);

    // A per-call timeout (shorter than the client's 15 s) and no retries for that call.
    let slow = client
        .with_options(
            &antom::CallOptions::new()
                .header("X-Slow", "1")
                .timeout(Duration::from_millis(100))
                .max_retries(0),
        )
        .unwrap();
    let before = server.requests().len();
    let err = slow
        .inquiry_payment(json!({"paymentRequestId": "order-1"}))
        .await
        .unwrap_err();
    assert_eq!((err.kind(), err.attempts()), (ErrorKind::Timeout, Some(1)));
    assert_eq!(server.requests().len(), before + 1);
    // The same slow call with the client's own timeout answers.
    let patient = client
        .with_options(&antom::CallOptions::new().header("X-Slow", "1"))
        .unwrap();
    assert!(patient
        .inquiry_payment(json!({"paymentRequestId": "order-1"}))
        .await
        .is_ok());

    for bad in [
        antom::CallOptions::new().header("Signature", "forged"),
        antom::CallOptions::new().header("Request-Time", "1"),
        antom::CallOptions::new().header("X-A", "a\r\nb: c"),
        antom::CallOptions::new().timeout(Duration::ZERO),
        antom::CallOptions::new().max_retries(11),
    ] {
        let err = client.with_options(&bad).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{bad:?}");
    }
}

#[tokio::test]
async fn connection_refused_is_a_transport_error_and_retried_everywhere() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client = client_for(&format!("http://127.0.0.1:{port}"), "C1", |b| {
        b.max_retries(2)
    });
    let err = client
        .call("aba.cards.applyCard", json!({"x": 1}))
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.attempts()),
        (ErrorKind::Transport, Some(3))
    );
    assert!(!err.is_outcome_unknown());
}

#[tokio::test]
async fn sandbox_client_ids_use_sandbox_paths_except_risk() {
    let key = private_key();
    let server = Server::start(move |req, _| Reply::signed(req, &key, S_BODY)).await;
    let client = client_for(&server.url(), "SANDBOX_M1", |b| b);
    let r = client.pay(pay_body()).await.unwrap();
    assert_eq!(r.path(), "/ams/sandbox/api/v1/payments/pay");
    client
        .call(
            "risk.payments.decide",
            json!({"referenceTransactionId": "t"}),
        )
        .await
        .unwrap();
    client
        .call("/ams/api/v1/brand/new", json!({"thingRequestId": "k"}))
        .await
        .unwrap();
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        [
            "/ams/sandbox/api/v1/payments/pay",
            "/ams/api/v1/risk/payments/decide",
            "/ams/sandbox/api/v1/brand/new"
        ]
    );
}

#[tokio::test]
async fn bad_input_is_rejected_before_anything_is_sent() {
    let server = Server::start(|_, _| Reply::unsigned(200, F_BODY)).await;
    let client = client_for(&server.url(), "C1", |b| b);
    let cases: Vec<(&str, antom::RequestBody)> = vec![
        ("payments.pay", "not json".into()),
        ("payments.pay", "[1,2]".into()),
        ("payments.pay", vec![b'x'; 2 * 1024 * 1024].into()),
        (
            "payments.pay",
            json!({"big": "x".repeat(2 * 1024 * 1024)}).into(),
        ),
        ("nonsense", json!({}).into()),
        ("/ams/api/v1/x?y=1", json!({}).into()),
    ];
    for (endpoint, body) in cases {
        let err = client.call(endpoint, body).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{endpoint}: {err}");
    }
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn config_refuses_plain_http_to_remote_hosts() {
    for url in [
        "http://open-sea-global.alipay.com",
        "ftp://127.0.0.1",
        "https://h/?q=1",
        "not a url",
        "http://:pw@127.0.0.1:1",
        "https://user@example.com",
        "https://user:pw@example.com",
    ] {
        let err = Config::builder("C1", merchant_private_key(), public_key())
            .gateway_url(url)
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{url}");
    }
    for url in [
        "http://127.0.0.1:1",
        "http://localhost:2",
        "http://[::1]:3",
        "https://example.com",
    ] {
        Config::builder("C1", merchant_private_key(), public_key())
            .gateway_url(url)
            .build()
            .unwrap();
    }
    let c = Config::builder("C1", merchant_private_key(), public_key())
        .region("us".parse().unwrap())
        .build()
        .unwrap();
    assert_eq!(c.base_url(), "https://open.antglobal-us.com");
    // A builder shows its URL before `build` refuses credentials in it: redacted.
    let b = Config::builder("C1", merchant_private_key(), public_key())
        .gateway_url("http://:hunter2@127.0.0.1:1");
    assert!(!format!("{b:?}").contains("hunter2"));
    // Timeouts that would overflow the clock are refused where they enter.
    for t in [Duration::from_secs(u64::MAX), Duration::from_secs(7200)] {
        let e = Config::builder("C1", merchant_private_key(), public_key())
            .timeout(t)
            .build()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
    }
}

#[tokio::test]
async fn inquire_until_final_polls_until_the_status_is_final() {
    let key = private_key();
    let server = Server::start(move |req, n| {
        let status = if n < 3 { "PROCESSING" } else { "SUCCESS" };
        let body = format!(r#"{{"result":{{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":""}},"paymentStatus":"{status}"}}"#);
        Reply::signed(req, &key, &body)
    })
    .await;
    let client = client_for(&server.url(), "C1", |b| b);
    let r = client
        .inquire_payment_until_final("order-1", Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(r.data()["paymentStatus"], "SUCCESS");
    assert_eq!(server.requests().len(), 3);
    let typed: antom::models::PayQueryResponse = r.json().unwrap();
    assert!(typed.payment_status.unwrap().is_final());
}

#[tokio::test]
async fn inquire_until_final_reports_unknown_at_the_deadline() {
    let key = private_key();
    let server = Server::start(move |req, _| {
        Reply::signed(req, &key, r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":""},"paymentStatus":"PROCESSING"}"#)
    })
    .await;
    let client = client_for(&server.url(), "C1", |b| b);
    let err = client
        .inquire_payment_until_final("order-9", Duration::from_millis(200))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown);
    assert_eq!(err.idempotency_key(), Some("order-9"));
    assert!(err.raw_body().unwrap().contains("PROCESSING"));
    let err = client
        .inquire_payment_until_final("order-9", Duration::from_secs(u64::MAX))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

#[test]
fn the_blocking_client_shares_the_policy() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let key = private_key();
    let server = rt.block_on(Server::start(move |req, _| {
        Reply::signed(req, &key, S_BODY)
    }));
    let config = Config::builder("C1", merchant_private_key(), public_key())
        .gateway_url(server.url())
        .build()
        .unwrap();
    let client = antom::blocking::Client::new(config).unwrap();
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let c = client.clone();
            std::thread::spawn(move || {
                c.pay(json!({"paymentRequestId": format!("o{i}")}))
                    .unwrap()
                    .verified()
            })
        })
        .collect();
    assert!(threads.into_iter().all(|t| t.join().unwrap()));
    assert_eq!(server.requests().len(), 4);
}

#[allow(dead_code)]
fn _uses(_: Req) {}

#[tokio::test]
async fn the_attempt_hook_gets_one_event_per_attempt_and_nothing_secret() {
    let key = private_key();
    let server = Server::start(move |req, n| {
        if n == 1 {
            Reply::unsigned(503, "busy")
        } else {
            Reply::signed(req, &key, S_BODY)
        }
    })
    .await;
    let events = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = events.clone();
    let client = client_for(&server.url(), "C1", move |b| {
        b.agent_token("agent-secret-token")
            .on_attempt(move |e| sink.lock().unwrap().push(e.clone()))
    });
    let card = "4111111111111111";
    let mut body = pay_body();
    body["paymentMethod"] = json!({"paymentMethodType": "CARD", "paymentMethodMetaData": {"cardNo": card, "cvv": "123"}});
    let r = client.pay(body).await.unwrap();
    assert_eq!(r.attempts(), 2);
    let events = events.lock().unwrap().clone();
    assert_eq!(events.len(), 2);
    let (first, second) = (&events[0], &events[1]);
    assert_eq!(
        (
            first.method,
            first.path.as_str(),
            first.attempt,
            first.http_status
        ),
        ("POST", "/ams/api/v1/payments/pay", 1, Some(503))
    );
    assert!(first.will_retry && first.result_status.is_none());
    assert_eq!(first.idempotency_key.as_deref(), Some("order-1"));
    assert_eq!(
        (second.attempt, second.http_status, second.will_retry),
        (2, Some(200), false)
    );
    assert_eq!(second.result_status.as_deref(), Some("S"));
    assert_eq!(second.result_code.as_deref(), Some("SUCCESS"));
    assert_eq!(second.verified, Some(true));
    // Every event, as Debug and as JSON, is free of bodies, keys, signatures and tokens.
    let pem = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/test_private_merchant_pkcs8.pem"
    ))
    .unwrap();
    let key_line = pem.lines().nth(1).unwrap();
    for e in &events {
        for text in [format!("{e:?}"), serde_json::to_string(e).unwrap()] {
            for secret in [
                card,
                "cvv",
                key_line,
                "PRIVATE KEY",
                "agent-secret-token",
                "signature=",
                "paymentMethod",
            ] {
                assert!(!text.contains(secret), "{secret} in {text}");
            }
        }
    }
    assert!(serde_json::to_string(second)
        .unwrap()
        .contains("\"latency_ms\":"));
}

#[tokio::test]
async fn a_panicking_attempt_hook_changes_nothing() {
    let key = private_key();
    let server = Server::start(move |req, _| Reply::signed(req, &key, S_BODY)).await;
    let client = client_for(&server.url(), "C1", |b| {
        b.on_attempt(|_| panic!("the hook broke"))
    });
    let r = client.pay(pay_body()).await.unwrap();
    assert!(r.is_success() && r.verified());
}
