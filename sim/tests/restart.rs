//! `--state-file`: a restarted simulator keeps its keys, payments and refunds.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

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
