//! Simulator crash safety: `antom sim --state-file` killed with SIGKILL in the middle of a load
//! of payments, completions and refunds, then restarted on the same file. Whatever a client saw
//! acknowledged is still there with the same state; a retry with the same idempotency key does
//! not charge twice; notifications that were not yet delivered resume on their schedule.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::Sim;
use serde_json::{json, Value};

fn start_sim(dir: &Path, port: u16) -> Sim {
    let (keys, file) = (dir.join("keys"), dir.join("sim.sqlite"));
    let port = port.to_string();
    Sim::start(
        &[
            OsStr::new("--port"),
            OsStr::new(&port),
            OsStr::new("--state-dir"),
            keys.as_os_str(),
            OsStr::new("--state-file"),
            file.as_os_str(),
        ],
        Stdio::null(),
    )
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn pay_body(id: &str, notify: &str) -> Value {
    json!({
        "paymentRequestId": id,
        "paymentAmount": {"currency": "USD", "value": "1000"},
        "productCode": "CASHIER_PAYMENT",
        "paymentMethod": {"paymentMethodType": "ALIPAY_CN"},
        "paymentNotifyUrl": notify,
    })
}

fn refund_body(id: &str, payment_id: &str, value: u32, notify: &str) -> Value {
    json!({"refundRequestId": id, "paymentId": payment_id, "refundNotifyUrl": notify,
           "refundAmount": {"currency": "USD", "value": value.to_string()}})
}

/// What one worker saw acknowledged before the simulator died.
#[derive(Default, Clone, Debug)]
struct Seen {
    payment_id: Option<String>,
    completed: bool,
    refund_id: Option<String>,
}

/// Pays, completes and refunds one order after another until the simulator stops answering.
async fn worker(client: antom::Client, url: String, w: usize, notify: String) -> Vec<Seen> {
    let http = reqwest::Client::new();
    let mut seen = Vec::new();
    for i in 0.. {
        seen.push(Seen::default());
        let id = format!("crash-{w}-{i}");
        let Ok(pay) = client.pay(pay_body(&id, &notify)).await else {
            break;
        };
        assert!(pay.verified() && pay.data()["result"]["resultStatus"] == "U");
        let payment_id = pay.data()["paymentId"].as_str().unwrap().to_string();
        seen[i].payment_id = Some(payment_id.clone());
        let done = http
            .post(format!("{url}/sim/payments/{payment_id}/complete"))
            .send()
            .await;
        if !done.is_ok_and(|r| r.status().is_success()) {
            break;
        }
        seen[i].completed = true;
        let Ok(refund) = client
            .refund(refund_body(&format!("{id}-r"), &payment_id, 300, &notify))
            .await
        else {
            break;
        };
        assert_eq!(refund.result_status().as_str(), "S", "{}", refund.raw());
        seen[i].refund_id = Some(refund.data()["refundId"].as_str().unwrap().to_string());
    }
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_killed_simulator_keeps_what_it_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let (port, hook_port) = (free_port(), free_port());
    let notify = format!("http://127.0.0.1:{hook_port}/notify");

    let mut sim = start_sim(dir.path(), port);
    let url = sim.info["url"].as_str().unwrap().to_string();
    let c = sim.client(0);
    let workers: Vec<_> = (0..6)
        .map(|w| tokio::spawn(worker(c.clone(), url.clone(), w, notify.clone())))
        .collect();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    sim.child.kill().unwrap(); // SIGKILL: no shutdown, no final save
    sim.child.wait().unwrap();
    let mut seen = Vec::new();
    for (w, h) in workers.into_iter().enumerate() {
        seen.push((w, h.await.unwrap()));
    }
    let acked: usize = seen
        .iter()
        .map(|(_, s)| s.iter().filter(|x| x.refund_id.is_some()).count())
        .sum();
    assert!(
        acked >= 6,
        "the load ran: {acked} refunds acknowledged before the kill"
    );

    let mut sim = start_sim(dir.path(), port);
    let c = sim.client(0);
    let antom_key =
        antom::PublicKey::from_file(sim.info["antom_public_key_file"].as_str().unwrap()).unwrap();
    // The merchant's webhook, started only after the restart: before it, every delivery fails.
    let (_, received) = common::webhook(
        hook_port,
        antom::NotificationVerifier::new(antom_key, sim.info["client_id"].as_str().unwrap()),
        false,
    )
    .await;
    let mut want_notified = HashMap::new();
    for (w, orders) in &seen {
        for (i, s) in orders.iter().enumerate() {
            let id = format!("crash-{w}-{i}");
            let inq = c
                .inquiry_payment(json!({"paymentRequestId": id}))
                .await
                .unwrap();
            let Some(payment_id) = &s.payment_id else {
                // In flight at the kill: it may or may not exist, but a retry makes exactly one.
                let a = c.pay(pay_body(&id, &notify)).await.unwrap();
                let b = c.pay(pay_body(&id, &notify)).await.unwrap();
                assert_eq!(a.data()["paymentId"], b.data()["paymentId"], "{id}");
                continue;
            };
            assert_eq!(
                inq.result_status().as_str(),
                "S",
                "{id} was acknowledged: {}",
                inq.raw()
            );
            assert_eq!(inq.data()["paymentId"], json!(payment_id));
            let status = inq.data()["paymentStatus"].as_str().unwrap();
            if s.completed {
                assert_eq!(status, "SUCCESS", "{id}");
                want_notified.insert(payment_id.clone(), s.refund_id.is_some());
            }
            // The same request again is the same payment: nobody is charged twice.
            let again = c.pay(pay_body(&id, &notify)).await.unwrap();
            assert_eq!(again.data()["paymentId"], json!(payment_id), "{id}");
            if let Some(refund_id) = &s.refund_id {
                let again = c
                    .refund(refund_body(&format!("{id}-r"), payment_id, 300, &notify))
                    .await
                    .unwrap();
                assert_eq!(again.data()["refundId"], json!(refund_id), "{id}");
                // The 300 refunded is remembered: 701 more is more than is left.
                let over = c
                    .refund(refund_body(&format!("{id}-over"), payment_id, 701, &notify))
                    .await
                    .unwrap();
                assert_eq!(over.result_status().as_str(), "F", "{id}: {}", over.raw());
            }
        }
    }

    // Every notification created before the kill arrives, verified, once the webhook is up:
    // the attempts resume from the state file rather than being lost with the process.
    let deadline = Instant::now() + Duration::from_secs(60);
    let missing = loop {
        let got = received.lock().unwrap().clone();
        let missing: Vec<_> = want_notified
            .iter()
            .filter(|(pid, refunded)| {
                let has = |kind: &str| {
                    got.iter()
                        .any(|(k, v)| k == kind && v["paymentId"] == json!(pid))
                };
                !has("PAYMENT_RESULT") || (**refunded && !has("REFUND_RESULT"))
            })
            .map(|(pid, _)| pid.clone())
            .collect();
        if missing.is_empty() || Instant::now() > deadline {
            break missing;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        missing.is_empty(),
        "notifications lost with the process: {missing:?}"
    );
    // They resumed where they were: the attempt that got through is not a fresh first attempt.
    let log = reqwest::get(format!("{url}/sim/notifications"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let log: Value = serde_json::from_str(&log).unwrap();
    let acked: Vec<(u64, u64)> = log["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["acked"] == json!(true))
        .map(|d| (d["id"].as_u64().unwrap(), d["attempt"].as_u64().unwrap()))
        .collect();
    let mut ids: Vec<u64> = acked.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), acked.len(), "each notification is acked once");
    // Only the last notifications before the kill (a completion's and a refund's per worker)
    // can still be on their first attempt; the others had failed attempts before the kill,
    // and their count goes on from the state file.
    let first = acked.iter().filter(|(_, attempt)| *attempt == 1).count();
    assert!(first <= 12, "attempts restarted from 1: {acked:?}");
    assert!(acked.iter().all(|(_, a)| *a <= 8), "{acked:?}");
    sim.child.kill().unwrap();
    sim.child.wait().unwrap();
}
