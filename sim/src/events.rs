//! The notification inquiry endpoints (a merchant's way to recover missed webhooks), answered
//! from the simulator's event log: every notification it created, with its delivery status.

use serde_json::{json, Value};

use crate::reply::{fail, success, Reply};
use crate::Sim;

/// Antom's page size when `limit` is absent, and the most it returns at once.
const DEFAULT_LIMIT: usize = 20;
const MAX_LIMIT: usize = 100;

/// A notification's delivery status, as `deliveryStatus` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Status {
    /// Attempts remain.
    Processing,
    /// The merchant acked it.
    Success,
    /// Every attempt was made, or the URL cannot be delivered to.
    Failed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Processing => "PROCESSING",
            Status::Success => "SUCCESS",
            Status::Failed => "FAILED",
        }
    }
}

/// One notification: what the inquiry endpoints show, and what its delivery needs to resume
/// after a restart (URL, attempts made, when the next is due).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Event {
    pub seq: u64,
    pub client: String,
    pub notify_type: String,
    pub created: String,
    pub data: Value,
    pub status: Status,
    pub url: String,
    /// Fault 9906: every attempt carries a corrupted signature.
    pub corrupt: bool,
    /// Attempts made so far.
    pub attempts: u32,
    /// When the next attempt is due, in milliseconds since the Unix epoch.
    pub next_due_ms: u64,
}

impl Event {
    pub fn event_id(&self) -> String {
        format!("EVT{:012}", self.seq)
    }

    fn view(&self) -> Value {
        json!({
            "eventId": self.event_id(),
            "notifyType": self.notify_type,
            "eventCreateTime": self.created,
            "deliveryStatus": self.status.as_str(),
            "notificationData": self.data,
        })
    }
}

pub fn handles(name: &str) -> bool {
    matches!(
        name,
        "notification.inquireNotification" | "notification.inquireNotificationList"
    )
}

pub fn handle(sim: &Sim, client: &str, name: &str, req: &Value) -> Reply {
    let ledger = sim.ledger();
    let mine = ledger.events.values().filter(|e| e.client == client);
    if name == "notification.inquireNotification" {
        let Some(id) = req.get("eventId").and_then(Value::as_str) else {
            return fail("PARAM_ILLEGAL", "eventId is required");
        };
        return match mine.into_iter().find(|e| e.event_id() == id) {
            Some(e) => Reply::ok(success(json!({ "notification": e.view() }))),
            None => fail("NOTIFICATION_NOT_EXIST", "no notification has this eventId"),
        };
    }
    let text = |f: &str| req.get(f).and_then(Value::as_str);
    let limit = match req.get("limit") {
        None => DEFAULT_LIMIT,
        Some(v) => match v.as_u64().filter(|n| (1..=MAX_LIMIT as u64).contains(n)) {
            Some(n) => n as usize,
            None => return fail("PARAM_ILLEGAL", "limit must be from 1 to 100"),
        },
    };
    let types: Vec<&str> = req
        .get("notifyType")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    // Times are compared as text: the simulator writes them all as YYYY-MM-DDTHH:MM:SSZ.
    let (from, to) = (text("eventCreateTimeFrom"), text("eventCreateTimeTo"));
    let after = text("startingAfter");
    let mut seen_cursor = after.is_none();
    let mut page = Vec::new();
    let mut more = false;
    for e in mine {
        if !seen_cursor {
            seen_cursor = after == Some(e.event_id().as_str());
            continue;
        }
        let in_window = from.is_none_or(|f| e.created.as_str() >= f)
            && to.is_none_or(|t| e.created.as_str() <= t)
            && (types.is_empty() || types.contains(&e.notify_type.as_str()));
        if !in_window {
            continue;
        }
        if page.len() == limit {
            more = true;
            break;
        }
        page.push(e);
    }
    if !seen_cursor {
        return fail(
            "PARAM_ILLEGAL",
            "startingAfter is not an eventId of this merchant",
        );
    }
    let next = page.last().filter(|_| more).map(|e| e.event_id());
    let mut body = json!({
        "hasMore": more,
        "notifications": page.iter().map(|e| e.view()).collect::<Vec<_>>(),
    });
    if let Some(next) = next {
        body["nextStartingAfter"] = json!(next);
    }
    Reply::ok(success(body))
}
