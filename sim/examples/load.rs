//! Load generator for `make bench`: N signed inquiryPayment calls through the Rust client over
//! keep-alive connections, C at a time, against a running simulator. Prints one JSON line.
//!
//! Usage: `load '<antom sim JSON line>' <requests> <concurrency>`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use serde_json::{json, Value};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let info: Value = serde_json::from_str(&args[1]).unwrap();
    let total: usize = args[2].parse().unwrap();
    let concurrency: usize = args[3].parse().unwrap();
    let s = |k: &str| info[k].as_str().unwrap().to_string();
    let config = antom::Config::builder(
        s("client_id"),
        antom::PrivateKey::from_file(s("merchant_private_key_file")).unwrap(),
        antom::PublicKey::from_file(s("antom_public_key_file")).unwrap(),
    )
    .gateway_url(s("url"))
    .build()
    .unwrap();
    let client = antom::Client::new(config).unwrap();
    client
        .pay(json!({"paymentRequestId": "load-1", "paymentAmount": {"currency": "USD", "value": "100"},
                    "productCode": "CASHIER_PAYMENT", "paymentMethod": {"paymentMethodType": "ALIPAY_CN"}}))
        .await
        .unwrap();
    let started = Instant::now();
    let per_task = total / concurrency;
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move {
                for _ in 0..per_task {
                    let r = c
                        .inquiry_payment(json!({"paymentRequestId": "load-1"}))
                        .await
                        .unwrap();
                    assert!(r.verified());
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    let secs = started.elapsed().as_secs_f64();
    let done = per_task * concurrency;
    println!(
        "{}",
        json!({"requests": done, "concurrency": concurrency, "seconds": secs, "rps": done as f64 / secs})
    );
}
