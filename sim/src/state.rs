//! The simulator's ledger: payments, captures, refunds, idempotency records, armed faults and
//! the notification log. In memory, behind one mutex held only for short critical sections.

use std::collections::HashMap;

use serde_json::Value;

/// A payment's lifecycle state, as `paymentStatus` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

#[derive(Debug, Clone)]
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
}

#[derive(Debug, Clone)]
pub struct Refund {
    pub refund_id: String,
    pub refund_request_id: String,
    pub payment_id: String,
    pub currency: String,
    pub value: u64,
    pub time: String,
    pub response: Value,
}

#[derive(Debug, Clone)]
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
}

/// A fault armed through `POST /sim/faults`.
#[derive(Debug, Clone)]
pub struct ArmedFault {
    pub path_suffix: String,
    pub code: u32,
    pub remaining: u32,
}

#[derive(Debug, Default)]
pub struct State {
    /// Keyed by (client id, paymentRequestId).
    pub payments: HashMap<(String, String), Payment>,
    pub payment_ids: HashMap<String, (String, String)>,
    pub refunds: HashMap<(String, String), Refund>,
    pub captures: HashMap<(String, String), Capture>,
    /// Generic endpoints: (client id, path, idempotency key) -> response.
    pub generic: HashMap<(String, String, String), (String, Value)>,
    pub deliveries: Vec<Delivery>,
    pub faults: Vec<ArmedFault>,
    /// paymentRequestIds that already got their 9905 HTTP 500.
    pub failed_once: std::collections::HashSet<String>,
    pub next_notification: u64,
}

impl State {
    pub fn payment_by_id(&self, client: &str, payment_id: &str) -> Option<&Payment> {
        let key = self.payment_ids.get(payment_id)?;
        self.payments.get(key).filter(|p| p.client_id == client)
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
