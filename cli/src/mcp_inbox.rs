//! The webhook `antom mcp` runs beside its simulator, so an assistant sees a whole flow end to
//! end: put its URL in `paymentNotifyUrl`, and the `notifications` tool lists what arrived.
//! Each delivery is verified over its raw bytes before anything reads it; a verified one gets
//! the exact ack (and settles its pay in the guard), any other gets 401 so Antom delivers it
//! again.

use std::sync::{Arc, Mutex};

use antom_bridge::Handle;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::post;
use serde_json::{json, Value};

use crate::pay_guard::PayGuard;

/// Deliveries kept (the newest).
const KEEP: usize = 1000;

/// What the webhook received, in order.
pub struct Inbox {
    pub url: String,
    received: Mutex<Vec<Value>>,
}

impl Inbox {
    /// Every delivery so far: verified ones as their notification, the others as the reason.
    pub fn received(&self) -> Vec<Value> {
        self.received
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

#[derive(Clone)]
struct Hook {
    handle: Handle,
    guard: Arc<PayGuard>,
    inbox: Arc<Inbox>,
}

/// Listens on a free loopback port of the running runtime; the task ends with the runtime.
pub async fn start(handle: Handle, guard: Arc<PayGuard>) -> std::io::Result<Arc<Inbox>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let inbox = Arc::new(Inbox {
        url: format!("http://{}/antom/notify", listener.local_addr()?),
        received: Mutex::new(Vec::new()),
    });
    let hook = Hook {
        handle,
        guard,
        inbox: inbox.clone(),
    };
    let app = axum::Router::new()
        .route("/antom/notify", post(deliver))
        .with_state(hook);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(inbox)
}

async fn deliver(
    State(hook): State<Hook>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let pairs = headers
        .iter()
        .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())));
    let (entry, answer) = match hook.handle.verify_notification(uri.path(), pairs, &body) {
        Ok(n) => {
            if n.kind == "PAYMENT_RESULT" {
                if let Some(id) = n.data["paymentRequestId"].as_str() {
                    hook.guard.settled(id);
                }
            }
            let entry = json!({"verified": true, "kind": n.kind, "model": n.model, "data": n.data});
            (entry, (StatusCode::OK, antom::NOTIFICATION_ACK.to_string()))
        }
        Err(e) => (
            json!({"verified": false, "error": e.kind().as_str(), "message": e.message()}),
            (StatusCode::UNAUTHORIZED, String::new()),
        ),
    };
    let mut received = hook
        .inbox
        .received
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    // Any local process can post here: keep the newest deliveries only.
    if received.len() >= KEEP {
        received.remove(0);
    }
    received.push(entry);
    answer
}
