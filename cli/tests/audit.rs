//! Audit mode: `antom sim --audit` watches a merchant's own flow, and `antom check report`
//! prints what it found. A correct merchant gets no findings with every rule exercised; each
//! wrong merchant gets exactly the finding for the red line it crosses.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::ffi::OsStr;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::Sim;
use serde_json::{json, Value};

/// What the merchant's webhook does with a notification.
#[derive(Clone, Copy, PartialEq)]
enum Webhook {
    /// Verifies the raw body, acks only what verifies.
    Verifies,
    /// Acks whatever arrives (the red line).
    AcksAll,
}

/// The merchant: a client of the simulator and its webhook.
struct Merchant {
    client: antom::Client,
    notify_url: String,
    received: common::Received,
    sim_url: String,
}

async fn merchant(sim: &Sim, webhook: Webhook) -> Merchant {
    let verifier = antom::NotificationVerifier::new(
        antom::PublicKey::from_file(sim.text("antom_public_key_file")).unwrap(),
        sim.text("client_id"),
    );
    let (notify_url, received) = common::webhook(0, verifier, webhook == Webhook::AcksAll).await;
    Merchant {
        client: sim.client(2),
        notify_url,
        received,
        sim_url: sim.text("url"),
    }
}

fn pay_body(id: &str, value: &str, order: Value, notify: Option<&str>) -> Value {
    let mut body = json!({
        "paymentRequestId": id, "productCode": "CASHIER_PAYMENT",
        "paymentAmount": {"currency": "USD", "value": value},
        "paymentMethod": {"paymentMethodType": "ALIPAY_CN"}, "order": order,
    });
    if let Some(url) = notify {
        body["paymentNotifyUrl"] = json!(url);
    }
    body
}

impl Merchant {
    async fn pay(&self, body: Value) -> antom::Response {
        self.client.pay(body).await.unwrap().into_response()
    }

    /// Plays the buyer at the checkout page.
    async fn buyer(&self, payment_id: &str, action: &str) {
        let url = format!("{}/sim/payments/{payment_id}/{action}", self.sim_url);
        let r = reqwest::Client::new().post(url).send().await.unwrap();
        assert!(r.status().is_success());
    }

    /// Waits for the verified PAYMENT_RESULT of `request_id`; returns its resultStatus.
    async fn notified(&self, request_id: &str) -> String {
        for _ in 0..200 {
            let found = self.received.lock().unwrap().iter().find_map(|(_, n)| {
                (n["notifyType"] == "PAYMENT_RESULT" && n["paymentRequestId"] == request_id)
                    .then(|| n["result"]["resultStatus"].as_str().unwrap().to_string())
            });
            if let Some(status) = found {
                return status;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("no verified notification for {request_id}");
    }

    /// Inquires until the payment's status is final, as after any unknown outcome.
    async fn inquire_until_final(&self, request_id: &str) -> String {
        for _ in 0..200 {
            let r = self
                .client
                .inquiry_payment(json!({"paymentRequestId": request_id}))
                .await
                .unwrap();
            let status = r.data()["paymentStatus"].as_str().unwrap_or("").to_string();
            if matches!(status.as_str(), "SUCCESS" | "FAIL" | "CANCELLED") {
                return status;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("{request_id} never reached a final status");
    }

    async fn refund(&self, id: &str, payment_id: &str, value: &str) {
        let r = self
            .client
            .refund(json!({"refundRequestId": id, "paymentId": payment_id,
                           "refundAmount": {"currency": "USD", "value": value}}))
            .await
            .unwrap();
        assert_eq!(
            r.result_status(),
            antom::ResultStatus::Success,
            "{}",
            r.raw()
        );
    }
}

fn payment_id(r: &antom::Response) -> String {
    r.data()["paymentId"].as_str().unwrap().to_string()
}

fn audited(dir: &std::path::Path) -> Sim {
    Sim::start(
        &[
            OsStr::new("--audit"),
            OsStr::new("--quiet"),
            OsStr::new("--slow-ms"),
            OsStr::new("50"),
            OsStr::new("--state-dir"),
            dir.as_os_str(),
        ],
        Stdio::null(),
    )
}

/// `antom check report --sim URL`: (exit code, stdout).
fn report(sim: &Sim) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_antom"))
        .args(["check", "report", "--sim", &sim.text("url")])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// The rules of the findings, once notifications in flight had time to land.
async fn findings(sim: &Sim) -> Vec<Value> {
    tokio::time::sleep(Duration::from_millis(300)).await;
    let url = format!("{}/sim/audit", sim.text("url"));
    let body = reqwest::get(url).await.unwrap().bytes().await.unwrap();
    let report: Value = serde_json::from_slice(&body).unwrap();
    report["findings"].as_array().unwrap().clone()
}

fn rules(findings: &[Value]) -> Vec<&str> {
    findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_correct_merchant_exercises_every_rule_and_gets_no_findings() {
    let dir = tempfile::tempdir().unwrap();
    let sim = audited(dir.path());
    let m = merchant(&sim, Webhook::Verifies).await;
    let notify = Some(m.notify_url.as_str());

    // An unknown outcome (U): inquire until final, then fulfil.
    let first = m
        .pay(pay_body(
            "ok-1",
            "9901",
            json!({"referenceOrderId": "order-1"}),
            None,
        ))
        .await;
    assert_eq!(first.result_status(), antom::ResultStatus::Unknown);
    assert_eq!(m.inquire_until_final("ok-1").await, "SUCCESS");
    m.refund("ok-1-refund", &payment_id(&first), "100").await;

    // The buyer declines; the verified F notification settles the order, and only then is
    // the buyer asked to pay again, for the same order.
    let declined = m
        .pay(pay_body(
            "ok-2",
            "2500",
            json!({"referenceOrderId": "order-2"}),
            notify,
        ))
        .await;
    m.buyer(&payment_id(&declined), "decline").await;
    assert_eq!(m.notified("ok-2").await, "F");
    let again = m
        .pay(pay_body(
            "ok-3",
            "2500",
            json!({"referenceOrderId": "order-2"}),
            notify,
        ))
        .await;
    m.buyer(&payment_id(&again), "complete").await;
    assert_eq!(m.notified("ok-3").await, "S");
    let captured = m
        .client
        .capture(
            json!({"captureRequestId": "ok-3-capture", "paymentId": payment_id(&again),
                        "captureAmount": {"currency": "USD", "value": "2500"}}),
        )
        .await
        .unwrap();
    assert_eq!(captured.result_status(), antom::ResultStatus::Success);
    m.refund("ok-3-refund", &payment_id(&again), "500").await;

    assert_eq!(rules(&findings(&sim).await), Vec::<&str>::new());
    let (code, text) = report(&sim);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        text.lines().filter(|l| l.starts_with("PASS")).count(),
        4,
        "{text}"
    );
    assert!(
        text.contains("PAY_AGAIN_BEFORE_OUTCOME") && text.ends_with("0 findings\n"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paying_again_after_an_unknown_outcome_is_found_by_order_and_by_buyer() {
    let dir = tempfile::tempdir().unwrap();
    let sim = audited(dir.path());
    let m = merchant(&sim, Webhook::Verifies).await;
    let u = m
        .pay(pay_body(
            "pa-1",
            "9901",
            json!({"referenceOrderId": "order-9"}),
            None,
        ))
        .await;
    assert_eq!(u.result_status(), antom::ResultStatus::Unknown);
    // Its id tries to forge the report's lines and clear the terminal.
    m.pay(pay_body(
        "pa-2\u{1b}[2J\nFAIL  forged",
        "1000",
        json!({"referenceOrderId": "order-9"}),
        None,
    ))
    .await;
    // No order id, but the same buyer and amount; the first answer was held past the timeout.
    let buyer = json!({"buyer": {"referenceBuyerId": "buyer-7"}});
    m.pay(pay_body("pb-1", "9902", buyer.clone(), None)).await;
    m.pay(pay_body("pb-2", "9902", buyer, None)).await;
    // A retry of the same paymentRequestId is the right recovery: never a finding.
    m.pay(pay_body(
        "pa-1",
        "9901",
        json!({"referenceOrderId": "order-9"}),
        None,
    ))
    .await;

    let found = findings(&sim).await;
    assert_eq!(
        rules(&found),
        ["PAY_AGAIN_BEFORE_OUTCOME", "PAY_AGAIN_BEFORE_OUTCOME"]
    );
    assert_eq!(
        found[0]["requestIds"].as_array().unwrap().len(),
        2,
        "{found:?}"
    );
    assert!(found[0]["detail"]
        .as_str()
        .unwrap()
        .contains("order order-9"));
    assert!(found[1]["detail"]
        .as_str()
        .unwrap()
        .contains("buyer buyer-7"));
    let (code, text) = report(&sim);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("FAIL  PAY_AGAIN_BEFORE_OUTCOME"), "{text}");
    assert!(
        text.contains("pay pa-2\\u{1b}[2J\\nFAIL  forged") && !text.contains('\u{1b}'),
        "merchant text is escaped: {text}"
    );
    assert!(
        !text.lines().any(|l| l.starts_with("FAIL  forged")),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_webhook_that_acks_a_forged_notification_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let sim = audited(dir.path());
    let m = merchant(&sim, Webhook::AcksAll).await;
    let p = m
        .pay(pay_body("fa-1", "700", json!({}), Some(&m.notify_url)))
        .await;
    m.buyer(&payment_id(&p), "complete").await;
    assert_eq!(m.notified("fa-1").await, "S");

    let found = findings(&sim).await;
    assert_eq!(rules(&found), ["ACKED_FORGED_NOTIFICATION"]);
    assert!(found[0]["notificationId"]
        .as_str()
        .unwrap()
        .starts_with("EVT"));
    assert_eq!(report(&sim).0, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_key_in_a_request_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let sim = audited(dir.path());
    let m = merchant(&sim, Webhook::Verifies).await;
    let key = std::fs::read_to_string(sim.text("merchant_private_key_file")).unwrap();
    m.pay(pay_body(
        "kl-1",
        "300",
        json!({"orderDescription": format!("debug: {key}")}),
        None,
    ))
    .await;

    let found = findings(&sim).await;
    assert_eq!(rules(&found), ["PRIVATE_KEY_IN_REQUEST"]);
    let detail = found[0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("the body") && !detail.contains("PRIVATE"),
        "{detail}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refunding_on_the_redirect_alone_is_found_and_the_report_file_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut sim = audited(dir.path());
    let m = merchant(&sim, Webhook::Verifies).await;
    let p = m.pay(pay_body("rd-1", "900", json!({}), None)).await;
    // The buyer came back from the checkout page: the merchant trusts that and refunds,
    // without an inquiry or a notification.
    m.buyer(&payment_id(&p), "complete").await;
    m.refund("rd-1-refund", &payment_id(&p), "900").await;

    assert_eq!(
        rules(&findings(&sim).await),
        ["FULFILLED_UNCONFIRMED_PAYMENT"]
    );
    let file = sim.text("audit_report_file");
    sim.terminate();
    let out = Command::new(env!("CARGO_BIN_EXE_antom"))
        .args(["check", "report", "--file", &file])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("FULFILLED_UNCONFIRMED_PAYMENT [req-"),
        "{text}"
    );
    assert!(text.ends_with("1 finding\n"), "{text}");
}

#[test]
fn a_report_from_a_simulator_without_audit_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let sim = Sim::start(
        &[
            OsStr::new("--quiet"),
            OsStr::new("--state-dir"),
            dir.path().as_os_str(),
        ],
        Stdio::null(),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_antom"))
        .args(["check", "report", "--sim", &sim.text("url")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--audit"));
}
