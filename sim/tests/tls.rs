//! `--tls`: the simulator over HTTPS with its own local CA. The client trusts it only through
//! the extra-CA option (certificates are always checked), and the whole flow, metered usage
//! over HTTP/2 included, runs over rustls.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::time::Duration;

use antom::ErrorKind;
use common::*;
use serde_json::json;

#[tokio::test]
async fn the_whole_flow_over_https_trusting_only_the_simulators_ca() {
    let sim = antom_sim::Simulator::start(antom_sim::Options {
        time_scale: 0.0001,
        tls: true,
        ..Default::default()
    })
    .await
    .unwrap();
    assert!(
        sim.info.url.starts_with("https://127.0.0.1:"),
        "{}",
        sim.info.url
    );
    let ca = std::fs::read(sim.info.ca_certificate_file.as_ref().unwrap()).unwrap();
    assert!(String::from_utf8_lossy(&ca).contains("BEGIN CERTIFICATE"));

    // Without the CA: the certificate is refused, and nothing was sent.
    let err = antom::Client::new(config(&sim).max_retries(0).build().unwrap())
        .unwrap()
        .pay(pay_body("tls-0", "1000", None))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
    assert!(!err.is_outcome_unknown());

    let client = antom::Client::new(
        config(&sim)
            .add_root_certificate_pem(ca.clone())
            .build()
            .unwrap(),
    )
    .unwrap();
    let pay = client.pay(pay_body("tls-1", "1000", None)).await.unwrap();
    assert!(pay.verified() && pay.is_unknown(), "{}", pay.raw());
    let normal = pay.data()["normalUrl"].as_str().unwrap().to_string();
    assert!(normal.starts_with("https://127.0.0.1:"), "{normal}");
    let payment_id = pay.data()["paymentId"].as_str().unwrap().to_string();
    let control = reqwest::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(&ca).unwrap()])
        .build()
        .unwrap();
    let done = control
        .post(format!(
            "{}/sim/payments/{payment_id}/complete",
            sim.info.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(done.status().as_u16(), 200);
    let r = client
        .inquire_payment_until_final("tls-1", Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(r.data()["paymentStatus"], "SUCCESS");
    let refund = client
        .refund(
            json!({"refundRequestId": "tls-r-1", "paymentId": payment_id,
                       "refundAmount": {"currency": "USD", "value": "1000"}}),
        )
        .await
        .unwrap();
    assert!(refund.is_success() && refund.verified(), "{}", refund.raw());
    // HTTP/2 through ALPN, for the meter upload.
    let session = client.create_meter_session("tls-m-1").await.unwrap();
    let events = json!({"meters": [{"eventName": "api_calls", "events": [
        {"eventTimestamp": 1_700_000_000_000u64, "idempotencyKey": "tls-ev-1", "payload": {"value": "1"}}]}]});
    let up = client.upload_meter_events(&session, events).await.unwrap();
    assert!(up.is_success(), "{}", up.raw());
    // Stopped, it frees its port at once: a restart on the same port works.
    let port = sim.addr.port();
    sim.shutdown().await;
    let again = antom_sim::Simulator::start(antom_sim::Options {
        port,
        tls: true,
        ..Default::default()
    })
    .await
    .unwrap();
    again.shutdown().await;
}
