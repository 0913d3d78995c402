//! Shared helpers: a simulator per test, a client for its merchant, and a real webhook server.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::post;
use serde_json::{json, Value};

pub async fn sim() -> antom_sim::Simulator {
    antom_sim::Simulator::start(antom_sim::Options {
        time_scale: 0.0001,
        slow: Duration::from_millis(1500),
        ..Default::default()
    })
    .await
    .unwrap()
}

pub fn config(sim: &antom_sim::Simulator) -> antom::ConfigBuilder {
    let i = &sim.info;
    antom::Config::builder(
        i.client_id.clone(),
        antom::PrivateKey::from_file(i.merchant_private_key_file.as_ref().unwrap()).unwrap(),
        antom::PublicKey::from_file(&i.antom_public_key_file).unwrap(),
    )
    .gateway_url(i.url.clone())
    .backoff(Duration::from_millis(20), Duration::from_millis(100))
}

pub fn client(sim: &antom_sim::Simulator) -> antom::Client {
    antom::Client::new(config(sim).build().unwrap()).unwrap()
}

pub fn pay_body(id: &str, value: &str, notify: Option<&str>) -> Value {
    let mut v = json!({
        "paymentRequestId": id,
        "paymentAmount": {"currency": "USD", "value": value},
        "productCode": "CASHIER_PAYMENT",
        "paymentMethod": {"paymentMethodType": "ALIPAY_CN"},
    });
    if let Some(url) = notify {
        v["paymentNotifyUrl"] = json!(url);
    }
    v
}

pub async fn post_json(url: &str) -> (u16, Value) {
    let r = reqwest::Client::new().post(url).send().await.unwrap();
    let status = r.status().as_u16();
    (
        status,
        serde_json::from_str(&r.text().await.unwrap()).unwrap_or(Value::Null),
    )
}

pub async fn post_json_body(url: &str, body: Value) -> (u16, Value) {
    let r = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (
        status,
        serde_json::from_str(&r.text().await.unwrap()).unwrap_or(Value::Null),
    )
}

pub async fn get_json(url: &str) -> Value {
    serde_json::from_str(&reqwest::get(url).await.unwrap().text().await.unwrap()).unwrap()
}

/// A merchant webhook: verifies with the client, acks after `fail_first` refusals.
pub struct Webhook {
    pub url: String,
    pub received: Arc<Mutex<Vec<Result<antom::Notification, antom::Error>>>>,
}

#[derive(Clone)]
struct Hook {
    client: antom::Client,
    fail_first: usize,
    hits: Arc<AtomicUsize>,
    received: Arc<Mutex<Vec<Result<antom::Notification, antom::Error>>>>,
}

async fn handle(
    State(h): State<Hook>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let n = h.hits.fetch_add(1, Ordering::SeqCst);
    let headers = headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap().to_string()));
    let verified = h
        .client
        .verify_notification(&uri.to_string(), headers, &body);
    let ok = verified.is_ok();
    h.received.lock().unwrap().push(verified);
    if !ok {
        return (StatusCode::UNAUTHORIZED, "bad signature".into());
    }
    if n < h.fail_first {
        return (StatusCode::INTERNAL_SERVER_ERROR, "busy".into());
    }
    (StatusCode::OK, antom::NOTIFICATION_ACK.into())
}

impl Webhook {
    pub async fn start(client: antom::Client, fail_first: usize) -> Webhook {
        let received: Arc<Mutex<Vec<_>>> = Arc::default();
        let hook = Hook {
            client,
            fail_first,
            hits: Arc::default(),
            received: received.clone(),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!(
            "http://{}/hooks/antom?shop=1",
            listener.local_addr().unwrap()
        );
        let app = axum::Router::new()
            .route("/hooks/antom", post(handle))
            .with_state(hook);
        tokio::spawn(async move { axum::serve(listener, app).await });
        Webhook { url, received }
    }

    /// Waits until `n` notifications have arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Result<antom::Notification, antom::Error>> {
        for _ in 0..200 {
            if self.received.lock().unwrap().len() >= n {
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        self.received.lock().unwrap().clone()
    }
}
