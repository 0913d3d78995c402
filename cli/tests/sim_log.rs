//! `antom sim`'s request log on stderr: a JSON line per API request and per notification
//! attempt with `--log-format json`, readable text by default, nothing with `--quiet`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::ffi::OsStr;
use std::io::Read as _;
use std::process::Stdio;
use std::time::Duration;

use common::Sim;
use serde_json::{json, Value};

/// Runs a simulator with `args`, makes one inquiry and one pay whose notification cannot be
/// delivered, and returns what it wrote on stderr.
fn logged(extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec![OsStr::new("--state-dir"), dir.path().as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    let mut sim = Sim::start(&args, Stdio::piped());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let client = sim.client(2);
        client.inquiry_payment(json!({"paymentRequestId": "nope"})).await.unwrap();
        let pay = client
            .pay(json!({"paymentRequestId": "log-1", "paymentAmount": {"currency": "USD", "value": "100"},
                        "productCode": "CASHIER_PAYMENT", "paymentMethod": {"paymentMethodType": "ALIPAY_CN"},
                        "paymentNotifyUrl": "http://127.0.0.1:9/notify"}))
            .await
            .unwrap();
        let id = pay.data()["paymentId"].as_str().unwrap().to_string();
        reqwest::Client::new()
            .post(format!("{}/sim/payments/{id}/complete", sim.text("url")))
            .send()
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(400)).await;
    });
    sim.child.kill().unwrap();
    sim.child.wait().unwrap();
    let mut err = String::new();
    sim.child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    err
}

#[test]
fn json_lines_for_requests_and_notification_attempts() {
    let err = logged(&["--log-format", "json"]);
    let lines: Vec<Value> = err
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let inquiry = lines
        .iter()
        .find(|l| {
            l["event"] == "request"
                && l["path"]
                    .as_str()
                    .unwrap()
                    .ends_with("/payments/inquiryPayment")
        })
        .unwrap_or_else(|| panic!("{err}"));
    assert_eq!(
        (
            &inquiry["http"],
            &inquiry["resultStatus"],
            &inquiry["resultCode"]
        ),
        (&json!(200), &json!("F"), &json!("ORDER_NOT_EXIST"))
    );
    assert_eq!(inquiry["clientId"], "SANDBOX_SIM_MERCHANT");
    assert!(inquiry["ms"].is_u64());
    let first = lines
        .iter()
        .find(|l| l["event"] == "notification" && l["attempt"] == 1)
        .unwrap_or_else(|| panic!("{err}"));
    assert_eq!(first["url"], "http://127.0.0.1:9/notify");
    assert_eq!(first["http"], Value::Null, "nothing listens there");
    assert!(first["nextAttemptInSeconds"].as_f64().unwrap() > 0.0);
}

#[test]
fn text_by_default_and_nothing_when_quiet() {
    let text = logged(&[]);
    assert!(
        text.lines()
            .any(|l| l.contains("POST /ams/sandbox/api/v1/payments/pay 200 U PAYMENT_IN_PROCESS")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("NOTIFY PAYMENT_RESULT #1 http://127.0.0.1:9/notify")),
        "{text}"
    );
    assert!(
        text.lines().next().unwrap_or("").contains("/sim/"),
        "the first line names the dashboard: {text}"
    );
    let quiet = logged(&["--quiet"]);
    assert!(
        !quiet.contains("POST /ams") && !quiet.contains("NOTIFY") && !quiet.contains("dashboard"),
        "{quiet}"
    );
}
