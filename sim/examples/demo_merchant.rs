//! The demo merchant: a whole payment flow against the simulator, one line per step.
//!
//! Usage: `demo_merchant '<the JSON line printed by antom sim>'`
//! pay -> checkout URL -> complete -> signed notification verified and acked on our own
//! webhook -> inquiryPayment -> partial refund -> inquiryRefund.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::routing::post;
use serde_json::{json, Value};
use tokio::sync::mpsc;

type Inbox = mpsc::UnboundedSender<antom::Notification>;

async fn webhook(
    State((client, inbox)): State<(antom::Client, Inbox)>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> (axum::http::StatusCode, String) {
    let headers = headers.iter().map(|(k, v)| {
        (
            k.as_str().to_string(),
            v.to_str().unwrap_or_default().to_string(),
        )
    });
    // Verify the raw bytes first; only a verified notification is acted on and acked.
    match client.verify_notification(&uri.to_string(), headers, &body) {
        Ok(n) => {
            let _ = inbox.send(n);
            (
                axum::http::StatusCode::OK,
                antom::NOTIFICATION_ACK.to_string(),
            )
        }
        Err(e) => {
            println!("   webhook: REJECTED a notification: {e}");
            (
                axum::http::StatusCode::UNAUTHORIZED,
                "invalid signature".to_string(),
            )
        }
    }
}

fn step(n: u32, text: &str) {
    println!("[{n}] {text}");
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let info: Value = serde_json::from_str(
        &std::env::args()
            .nth(1)
            .ok_or("pass the simulator's JSON line")?,
    )?;
    let s = |k: &str| info[k].as_str().unwrap_or_default().to_string();
    let config = antom::Config::builder(
        s("client_id"),
        antom::PrivateKey::from_file(s("merchant_private_key_file"))?,
        antom::PublicKey::from_file(s("antom_public_key_file"))?,
    )
    .gateway_url(s("url"))
    .build()?;
    let client = antom::Client::new(config)?;

    let (tx, mut inbox) = mpsc::unbounded_channel();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let hook = format!("http://{}/antom/notify", listener.local_addr()?);
    let app = axum::Router::new()
        .route("/antom/notify", post(webhook))
        .with_state((client.clone(), tx));
    tokio::spawn(async move { axum::serve(listener, app).await });
    let order = format!("demo-{}", std::process::id());
    println!(
        "demo merchant {} on {} (webhook {hook})",
        s("client_id"),
        s("url")
    );

    let pay = client
        .pay(json!({
            "paymentRequestId": order,
            "paymentAmount": {"currency": "USD", "value": "1000"},
            "productCode": "CASHIER_PAYMENT",
            "paymentMethod": {"paymentMethodType": "ALIPAY_CN"},
            "order": {"orderDescription": "Demo order", "referenceOrderId": order},
            "paymentNotifyUrl": hook,
            "paymentRedirectUrl": "https://merchant.example/return",
        }))
        .await?;
    let payment_id = pay.data()["paymentId"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    step(
        1,
        &format!(
            "pay {order}: {} {} (verified={}) paymentId={payment_id}",
            pay.result_status().as_str(),
            pay.result_code(),
            pay.verified()
        ),
    );
    step(
        2,
        &format!(
            "checkout URL for the buyer: {}",
            pay.data()["normalUrl"].as_str().unwrap_or_default()
        ),
    );

    let done: Value = serde_json::from_str(
        &reqwest::Client::new()
            .post(format!("{}/sim/payments/{payment_id}/complete", s("url")))
            .send()
            .await?
            .text()
            .await?,
    )?;
    step(
        3,
        &format!(
            "buyer paid through the simulator: paymentStatus={}",
            done["paymentStatus"]
        ),
    );

    let n = tokio::time::timeout(Duration::from_secs(10), inbox.recv())
        .await?
        .ok_or("webhook closed")?;
    let r = n.result.clone().ok_or("notification without result")?;
    step(
        4,
        &format!(
            "notification {} verified and acked: {} {} paymentId={}",
            n.kind,
            r.status.as_str(),
            r.code,
            n.data["paymentId"].as_str().unwrap_or_default()
        ),
    );

    let inq = client
        .inquiry_payment(json!({"paymentRequestId": order}))
        .await?;
    step(
        5,
        &format!(
            "inquiryPayment: paymentStatus={} (verified={})",
            inq.data()["paymentStatus"].as_str().unwrap_or_default(),
            inq.verified()
        ),
    );
    if inq.data()["paymentStatus"] != "SUCCESS" {
        return Err("the payment did not succeed".into());
    }

    let refund_id = format!("{order}-refund-1");
    let refund = client
        .refund(json!({
            "refundRequestId": refund_id,
            "paymentId": payment_id,
            "refundAmount": {"currency": "USD", "value": "400"},
            "refundReason": "demo partial refund",
            "refundNotifyUrl": hook,
        }))
        .await?;
    step(
        6,
        &format!(
            "partial refund USD 4.00: {} {} refundId={} (verified={})",
            refund.result_status().as_str(),
            refund.result_code(),
            refund.data()["refundId"].as_str().unwrap_or_default(),
            refund.verified()
        ),
    );
    let n = tokio::time::timeout(Duration::from_secs(10), inbox.recv())
        .await?
        .ok_or("webhook closed")?;
    step(
        7,
        &format!(
            "notification {} verified and acked: refundStatus={}",
            n.kind,
            n.data["refundStatus"].as_str().unwrap_or_default()
        ),
    );

    let inq = client
        .inquiry_refund(json!({"refundRequestId": refund_id}))
        .await?;
    step(
        8,
        &format!(
            "inquiryRefund: refundStatus={} amount={} (verified={})",
            inq.data()["refundStatus"].as_str().unwrap_or_default(),
            inq.data()["refundAmount"]["value"]
                .as_str()
                .unwrap_or_default(),
            inq.verified()
        ),
    );
    if !(refund.is_success() && inq.data()["refundStatus"] == "SUCCESS") {
        return Err("the refund did not succeed".into());
    }
    println!("demo complete: paid, notified, verified, refunded");
    Ok(())
}
