//! `--state-file`: a restarted simulator keeps its keys, payments and refunds.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::*;
use serde_json::json;

async fn start(dir: &std::path::Path) -> antom_sim::Simulator {
    antom_sim::Simulator::start(antom_sim::Options {
        state_dir: Some(dir.join("keys")),
        state_file: Some(dir.join("sim.sqlite")),
        time_scale: 0.0001,
        ..Default::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn a_restart_loses_nothing() {
    let dir = std::env::temp_dir().join(format!("antom-sim-restart-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();

    let sim1 = start(&dir).await;
    let client1 = client(&sim1);
    let pay = client1.pay(pay_body("keep-1", "1000", None)).await.unwrap();
    let payment_id = pay.data()["paymentId"].as_str().unwrap().to_string();
    post_json(&format!(
        "{}/sim/payments/{payment_id}/complete",
        sim1.info.url
    ))
    .await;
    let refund = json!({"refundRequestId": "keep-r1", "paymentId": payment_id, "refundAmount": {"currency": "USD", "value": "700"}});
    let r1 = client1.refund(refund.clone()).await.unwrap();
    let antom_pub = std::fs::read_to_string(&sim1.info.antom_public_key_file).unwrap();
    // Files holding private keys are the owner's alone, like `antom keygen` writes them.
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let keys = dir.join("keys");
        for name in ["antom_private_key.pem", "merchant_private_key.pem"] {
            assert_eq!(mode(&keys.join(name)), 0o600, "{name}");
        }
        assert_eq!(
            mode(&dir.join("sim.sqlite")),
            0o600,
            "the state file holds keys"
        );
        assert_eq!(
            mode(&dir.join("sim.sqlite-wal")),
            0o600,
            "and so does its WAL"
        );
    }
    sim1.shutdown().await;

    let sim2 = start(&dir).await;
    assert_eq!(
        std::fs::read_to_string(&sim2.info.antom_public_key_file).unwrap(),
        antom_pub,
        "same Antom key"
    );
    // The old client (old key files) keeps working against the restarted simulator.
    let client2 = antom::Client::new(config(&sim2).build().unwrap()).unwrap();
    let inq = client2
        .inquiry_payment(json!({"paymentRequestId": "keep-1"}))
        .await
        .unwrap();
    assert!(inq.verified());
    assert_eq!(inq.data()["paymentStatus"], "SUCCESS");
    assert_eq!(
        client2.refund(refund).await.unwrap().data()["refundId"],
        r1.data()["refundId"]
    );
    let over = json!({"refundRequestId": "keep-r2", "paymentId": payment_id, "refundAmount": {"currency": "USD", "value": "301"}});
    assert_eq!(
        client2.refund(over).await.unwrap().result_code(),
        "REFUND_AMOUNT_EXCEED"
    );
    assert_eq!(
        client2
            .pay(pay_body("keep-1", "1000", None))
            .await
            .unwrap()
            .data()["paymentId"],
        payment_id.as_str()
    );
    sim2.shutdown().await;
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A state file written by a simulator that saved its whole ledger in one row still loads, and
/// its records are carried over: they survive a second restart too.
#[tokio::test]
async fn a_whole_ledger_state_file_loads_and_is_carried_over() {
    let dir = std::env::temp_dir().join(format!("antom-sim-legacy-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let payment = json!({
        "client_id": antom_sim::DEFAULT_CLIENT_ID, "payment_id": "2026SIMLEGACY0001",
        "payment_request_id": "legacy-1", "currency": "USD", "value": 1500,
        "fingerprint": "USD|1500|CASHIER_PAYMENT|ALIPAY_CN", "status": "Success",
        "notify_url": null, "create_time": "2026-01-01T00:00:00Z",
        "pay_time": "2026-01-01T00:00:05Z", "captured": 0, "refunded": 0, "fault": null,
        "pay_response": {"result": {"resultCode": "PAYMENT_IN_PROCESS", "resultStatus": "U", "resultMessage": "payment in process"}},
    });
    let ledger = json!({"payments": [payment], "refunds": [], "captures": [], "generic": []});
    {
        let conn = rusqlite::Connection::open(dir.join("sim.sqlite")).unwrap();
        conn.execute_batch(
            "CREATE TABLE keys (name TEXT PRIMARY KEY, pem TEXT NOT NULL);
             CREATE TABLE ledger (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO ledger (id, json) VALUES (1, ?1)",
            [ledger.to_string()],
        )
        .unwrap();
    }
    for round in 0..2 {
        let sim = start(&dir).await;
        let inq = client(&sim)
            .inquiry_payment(json!({"paymentRequestId": "legacy-1"}))
            .await
            .unwrap();
        assert_eq!(
            (
                inq.data()["paymentStatus"].as_str(),
                inq.data()["paymentId"].as_str()
            ),
            (Some("SUCCESS"), Some("2026SIMLEGACY0001")),
            "round {round}: {}",
            inq.raw()
        );
        sim.shutdown().await;
    }
    let conn = rusqlite::Connection::open(dir.join("sim.sqlite")).unwrap();
    let rows: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM records WHERE kind = 'payment'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 1, "the payment is a record of its own now");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A save writes what the request changed: a refund rewrites its payment and adds itself; the
/// hundred other payments stay as they were (their rows keep their SQLite row ids).
#[tokio::test]
async fn a_save_writes_only_what_changed() {
    let dir = std::env::temp_dir().join(format!("antom-sim-delta-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sim = start(&dir).await;
    let c = client(&sim);
    let mut ids = Vec::new();
    for i in 0..100 {
        let pay = c
            .pay(pay_body(&format!("d-{i}"), "1000", None))
            .await
            .unwrap();
        ids.push(pay.data()["paymentId"].as_str().unwrap().to_string());
    }
    post_json(&format!(
        "{}/sim/payments/{}/complete",
        sim.info.url, ids[0]
    ))
    .await;
    let rowids = || -> Vec<(String, i64)> {
        let conn = rusqlite::Connection::open(dir.join("sim.sqlite")).unwrap();
        let mut q = conn
            .prepare("SELECT key, rowid FROM records WHERE kind = 'payment' ORDER BY key")
            .unwrap();
        q.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let before = rowids();
    assert_eq!(before.len(), 100);
    let refund = json!({"refundRequestId": "d-r1", "paymentId": ids[0], "refundAmount": {"currency": "USD", "value": "100"}});
    c.refund(refund).await.unwrap();
    let after = rowids();
    let rewritten: Vec<_> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b != a)
        .map(|(b, _)| b.0.clone())
        .collect();
    assert_eq!(
        rewritten,
        [format!("[\"{}\",\"d-0\"]", antom_sim::DEFAULT_CLIENT_ID)]
    );
    sim.shutdown().await;
    std::fs::remove_dir_all(&dir).unwrap();
}
