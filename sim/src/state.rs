//! The simulator's ledger: payments, captures, refunds, idempotency records, armed faults and
//! the notification log. In memory, behind one mutex held only for short critical sections.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::tracked::Tracked;

/// A payment's lifecycle state, as `paymentStatus` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PayStatus {
    Processing,
    Success,
    Fail,
    Cancelled,
}

impl PayStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PayStatus::Processing => "PROCESSING",
            PayStatus::Success => "SUCCESS",
            PayStatus::Fail => "FAIL",
            PayStatus::Cancelled => "CANCELLED",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Payment {
    pub client_id: String,
    pub payment_id: String,
    pub payment_request_id: String,
    pub currency: String,
    pub value: u64,
    pub fingerprint: String,
    pub status: PayStatus,
    pub notify_url: Option<String>,
    pub create_time: String,
    pub pay_time: Option<String>,
    pub captured: u64,
    pub refunded: u64,
    /// The fault code (99xx) this payment was created with, if any.
    pub fault: Option<u32>,
    /// The signed pay response, replayed verbatim for an identical retry.
    pub pay_response: Value,
    /// What the checkout page shows the buyer, as the merchant sent it.
    #[serde(default)]
    pub shown: Shown,
    /// Creation order (the dashboard lists the newest first).
    #[serde(default)]
    pub seq: u64,
}

/// Merchant-provided text for the checkout page (escaped there, never trusted).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Shown {
    pub merchant: Option<String>,
    pub description: Option<String>,
    pub method: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Refund {
    pub refund_id: String,
    pub refund_request_id: String,
    pub payment_id: String,
    pub currency: String,
    pub value: u64,
    pub time: String,
    pub response: Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Capture {
    pub payment_id: String,
    pub value: u64,
    pub response: Value,
}

/// One delivery attempt of a notification.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Delivery {
    pub id: u64,
    pub kind: String,
    pub url: String,
    pub attempt: u32,
    pub at: String,
    pub http_status: Option<u16>,
    pub acked: bool,
    pub outcome: String,
    /// The start of the merchant's answer.
    pub response: Option<String>,
    /// Sent with a signature that does not verify (fault 9907, or an audit probe).
    pub forged: bool,
}

/// A fault armed through `POST /sim/faults`.
#[derive(Debug, Clone)]
pub struct ArmedFault {
    pub path_suffix: String,
    pub code: u32,
    pub remaining: u32,
}

/// The ledger. The large, growing parts are [`Tracked`] maps: a save writes only what changed.
#[derive(Debug, Default)]
pub struct State {
    /// Keyed by (client id, paymentRequestId).
    pub payments: Tracked<(String, String), Payment>,
    pub payment_ids: HashMap<String, (String, String)>,
    pub refunds: Tracked<(String, String), Refund>,
    pub captures: Tracked<(String, String), Capture>,
    /// Generic endpoints: (client id, path, idempotency key) -> response.
    pub generic: Tracked<(String, String, String), (String, Value)>,
    pub deliveries: Vec<Delivery>,
    /// Every notification created, by sequence number (oldest first), for the notification
    /// inquiry endpoints and redelivery.
    pub events: Tracked<u64, crate::events::Event>,
    /// Metering sessions (session id -> client id) and the events counted, by idempotency key.
    pub meter_sessions: Tracked<String, String>,
    /// Holds, releases, rules and mandates (`payments/reserve/*`, `createMandate`); small, and
    /// saved whole.
    pub reserve: crate::reserve::Reserve,
    pub meter_events: Tracked<String, Value>,
    pub faults: Vec<ArmedFault>,
    /// paymentRequestIds that already got their 9905 HTTP 500.
    pub failed_once: std::collections::HashSet<String>,
    pub next_notification: u64,
    pub next_payment: u64,
}

/// The durable part of the ledger, as stored by `--state-file`. Fields added later default,
/// so a state file written by an older simulator still loads.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Snapshot {
    pub payments: Vec<Payment>,
    pub refunds: Vec<(String, Refund)>,
    pub captures: Vec<(String, String, Capture)>,
    pub generic: Vec<(String, String, String, String, Value)>,
    /// Every notification with its delivery progress: a restart resumes the undelivered ones.
    #[serde(default)]
    pub events: Vec<crate::events::Event>,
    #[serde(default)]
    pub next_notification: u64,
    #[serde(default)]
    pub reserve: crate::reserve::Reserve,
    #[serde(default)]
    pub meter_sessions: HashMap<String, String>,
    #[serde(default)]
    pub meter_events: HashMap<String, Value>,
}

/// Caps so a long-running simulator's memory stays bounded.
pub const MAX_RECORDS: usize = 100_000;
pub const MAX_DELIVERIES: usize = 10_000;

impl State {
    /// What changed since the last save, serialized: each changed record (`None`: removed)
    /// and the small rest of the ledger (reserve and counters), written whole.
    pub fn changes(&mut self) -> Changes {
        let mut records = Vec::new();
        changed(&mut records, "payment", &mut self.payments);
        changed(&mut records, "refund", &mut self.refunds);
        changed(&mut records, "capture", &mut self.captures);
        changed(&mut records, "generic", &mut self.generic);
        changed(&mut records, "event", &mut self.events);
        changed(&mut records, "meter_session", &mut self.meter_sessions);
        changed(&mut records, "meter_event", &mut self.meter_events);
        let rest = Snapshot {
            next_notification: self.next_notification,
            reserve: self.reserve.clone(),
            ..Snapshot::default()
        };
        Changes {
            records,
            rest: serde_json::to_string(&rest).unwrap_or_default(),
        }
    }

    /// Marks every record changed (after a failed save).
    pub fn mark_all(&mut self) {
        self.payments.mark_all();
        self.refunds.mark_all();
        self.captures.mark_all();
        self.generic.mark_all();
        self.events.mark_all();
        self.meter_sessions.mark_all();
        self.meter_events.mark_all();
    }

    /// Loads a saved ledger. Everything loaded is marked changed, so the first save writes it
    /// in the current layout (a file written whole by an older simulator is carried over).
    pub fn restore(&mut self, snap: Snapshot) {
        for p in snap.payments {
            self.next_payment = self.next_payment.max(p.seq);
            let key = (p.client_id.clone(), p.payment_request_id.clone());
            self.payment_ids.insert(p.payment_id.clone(), key.clone());
            self.payments.insert(key, p);
        }
        for (c, r) in snap.refunds {
            self.refunds.insert((c, r.refund_request_id.clone()), r);
        }
        for (c, k, v) in snap.captures {
            self.captures.insert((c, k), v);
        }
        for (c, p, k, f, v) in snap.generic {
            self.generic.insert((c, p, k), (f, v));
        }
        for e in snap.events {
            self.events.insert(e.seq, e);
        }
        self.next_notification = snap.next_notification;
        self.reserve = snap.reserve;
        for (k, v) in snap.meter_sessions {
            self.meter_sessions.insert(k, v);
        }
        for (k, v) in snap.meter_events {
            self.meter_events.insert(k, v);
        }
    }

    /// True when the ledger is full; new records are then refused with a clear result.
    pub fn full(&self) -> bool {
        self.payments.len() + self.refunds.len() + self.captures.len() + self.generic.len()
            >= MAX_RECORDS
    }

    pub fn record_delivery(&mut self, d: Delivery) {
        if self.deliveries.len() >= MAX_DELIVERIES {
            self.deliveries.drain(..MAX_DELIVERIES / 10);
        }
        self.deliveries.push(d);
    }

    pub fn payment_by_id(&self, client: &str, payment_id: &str) -> Option<&Payment> {
        let key = self.payment_ids.get(payment_id)?;
        self.payments.get(key).filter(|p| p.client_id == client)
    }

    /// A payment by its paymentId, whoever's it is (the buyer's pages and the dashboard).
    pub fn payment(&self, payment_id: &str) -> Option<&Payment> {
        self.payments.get(self.payment_ids.get(payment_id)?)
    }

    pub fn payment_by_id_mut(&mut self, payment_id: &str) -> Option<&mut Payment> {
        let key = self.payment_ids.get(payment_id)?.clone();
        self.payments.get_mut(&key)
    }

    /// Takes one use of an armed fault matching `path`, if any.
    pub fn take_fault(&mut self, path: &str) -> Option<u32> {
        let i = self
            .faults
            .iter()
            .position(|f| f.remaining > 0 && path.ends_with(&f.path_suffix))?;
        let f = &mut self.faults[i];
        f.remaining -= 1;
        let code = f.code;
        if f.remaining == 0 {
            self.faults.remove(i);
        }
        Some(code)
    }
}

/// One save's worth of changes (see [`State::changes`]).
#[cfg_attr(not(feature = "persist"), allow(dead_code))]
pub struct Changes {
    /// (kind, key as JSON, record as JSON or `None` when removed).
    pub records: Vec<(&'static str, String, Option<String>)>,
    pub rest: String,
}

fn changed<K: Ord + Clone + Serialize, V: Serialize>(
    out: &mut Vec<(&'static str, String, Option<String>)>,
    kind: &'static str,
    map: &mut Tracked<K, V>,
) {
    for (key, value) in map.take_changes() {
        let key = serde_json::to_string(&key).unwrap_or_default();
        let value = value.and_then(|v| serde_json::to_string(v).ok());
        out.push((kind, key, value));
    }
}
