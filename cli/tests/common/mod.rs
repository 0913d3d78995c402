//! What the CLI's process tests share: a real `antom sim` process and a client for it.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, Uri};
use serde_json::Value;

/// A started `antom sim` process and the JSON line it printed.
pub struct Sim {
    pub child: Child,
    pub info: Value,
}

/// A failing assertion must not leave the simulator running.
impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Sim {
    /// `antom sim --time-scale 0.001` plus `args`; stderr goes to `stderr`.
    pub fn start(args: &[&std::ffi::OsStr], stderr: Stdio) -> Sim {
        let mut child = Command::new(env!("CARGO_BIN_EXE_antom"))
            .args(["sim", "--time-scale", "0.001"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let info = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line:?}"));
        Sim { child, info }
    }

    pub fn text(&self, key: &str) -> String {
        self.info[key].as_str().unwrap().to_string()
    }

    /// A client of the simulator's default merchant.
    pub fn client(&self, max_retries: u32) -> antom::Client {
        let config = antom::Config::builder(
            self.text("client_id"),
            antom::PrivateKey::from_file(self.text("merchant_private_key_file")).unwrap(),
            antom::PublicKey::from_file(self.text("antom_public_key_file")).unwrap(),
        )
        .gateway_url(self.text("url"))
        .max_retries(max_retries)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
        antom::Client::new(config).unwrap()
    }

    /// Stops the simulator the way a supervisor does (SIGTERM) and waits for a clean exit.
    pub fn terminate(&mut self) {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(
            self.child.wait().unwrap().success(),
            "the simulator did not stop cleanly"
        );
    }
}

/// The notifications a webhook verified: (kind, data), in arrival order.
pub type Received = Arc<Mutex<Vec<(String, Value)>>>;

/// A merchant's webhook at `/notify` on `port` (0: any): verifies the raw body, records and acks
/// what verifies; refuses the rest with 401, or acks it too when `ack_unverified` (the red
/// line audit mode must catch). Returns its URL and what it verified.
pub async fn webhook(
    port: u16,
    verifier: antom::NotificationVerifier,
    ack_unverified: bool,
) -> (String, Received) {
    let received: Received = Arc::default();
    let sink = received.clone();
    let verifier = Arc::new(verifier);
    let app = axum::Router::new().route(
        "/notify",
        axum::routing::post(move |uri: Uri, headers: HeaderMap, body: Bytes| {
            let (sink, verifier) = (sink.clone(), verifier.clone());
            async move {
                let headers = headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()));
                match verifier.verify(&uri.to_string(), headers, &body) {
                    Ok(n) => {
                        sink.lock().unwrap().push((n.kind.clone(), n.data));
                        (StatusCode::OK, antom::NOTIFICATION_ACK.to_string())
                    }
                    Err(_) if ack_unverified => {
                        (StatusCode::OK, antom::NOTIFICATION_ACK.to_string())
                    }
                    Err(e) => (StatusCode::UNAUTHORIZED, e.to_string()),
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap();
    let url = format!(
        "http://127.0.0.1:{}/notify",
        listener.local_addr().unwrap().port()
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, received)
}
