//! What the simulator received: the last requests to the API, with their headers, so a test (or
//! a merchant) can see exactly what was sent (`GET /sim/requests`).

use std::collections::VecDeque;
use std::sync::Mutex;

use axum::http::{HeaderMap, Version};
use serde_json::{json, Map, Value};

/// How many requests are kept; older ones are dropped first.
const KEPT: usize = 1000;

#[derive(Debug, Default)]
pub struct RequestLog(Mutex<(u64, VecDeque<Value>)>);

impl RequestLog {
    /// Records one request: path, HTTP version, headers (names in lower case; `Agent-Token`
    /// masked) and body size.
    /// Returns the id the simulator gives it (`req-1`, `req-2`, ...), which the request log
    /// and audit findings name.
    pub fn record(
        &self,
        path: &str,
        version: Version,
        headers: &HeaderMap,
        body_len: usize,
    ) -> String {
        let mut names = Map::new();
        for (name, value) in headers {
            // A credential: an ISV's token to act for another merchant. Its presence and
            // length are what a test needs to see.
            let shown = if name.as_str() == "agent-token" {
                format!("(masked, {} characters)", value.len())
            } else {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            };
            names.insert(name.as_str().to_string(), json!(shown));
        }
        let mut log = self.0.lock().unwrap_or_else(|p| p.into_inner());
        log.0 += 1;
        let id = format!("req-{}", log.0);
        let entry = json!({
            "id": id,
            "path": path,
            "clientId": names.get("client-id").cloned().unwrap_or(Value::Null),
            "headers": names,
            "bodyBytes": body_len,
            "httpVersion": format!("{version:?}"),
            "receivedAt": crate::reply::iso_now(),
        });
        if log.1.len() >= KEPT {
            log.1.pop_front();
        }
        log.1.push_back(entry);
        id
    }

    /// The kept requests, oldest first.
    pub fn list(&self) -> Value {
        let log = self.0.lock().unwrap_or_else(|p| p.into_inner());
        json!({ "requests": log.1.iter().cloned().collect::<Vec<_>>() })
    }
}
