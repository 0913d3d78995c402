//! The red line `antom mcp` enforces rather than documents: a pay for an order whose earlier
//! pay has an unknown outcome is refused until an inquiry or a verified notification settles
//! it, so an assistant never asks a buyer to pay twice.
//!
//! An order is known by its `paymentRequestId` and, when the pay names one, its
//! `order.referenceOrderId`: a second pay under a new request id for the same order is the
//! dangerous case, and it is refused as well.

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::Value;

/// Pays whose outcome is not known yet: paymentRequestId to the order it was for.
#[derive(Default)]
pub struct PayGuard {
    open: Mutex<HashMap<String, Option<String>>>,
}

/// Payment statuses an inquiry reports as final.
const FINAL: [&str; 3] = ["SUCCESS", "FAIL", "CANCELLED"];

fn keys(body: &Value) -> (Option<&str>, Option<&str>) {
    (
        body["paymentRequestId"].as_str(),
        body.pointer("/order/referenceOrderId")
            .and_then(Value::as_str),
    )
}

impl PayGuard {
    fn open(&self) -> std::sync::MutexGuard<'_, HashMap<String, Option<String>>> {
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Why a pay with `body` must not be sent now, if it must not.
    pub fn refuse(&self, body: &Value) -> Option<String> {
        let (id, order) = keys(body);
        let open = self.open();
        let (earlier, _) = open.iter().find(|(open_id, open_order)| {
            id == Some(open_id.as_str()) || (order.is_some() && open_order.as_deref() == order)
        })?;
        Some(format!(
            "refused: the earlier pay {earlier} for this order has an unknown outcome, so a new pay \
             could charge the buyer twice. Settle it first: inquire_payment with paymentRequestId \
             {earlier} until its paymentStatus is final, or verify the payment's notification"
        ))
    }

    /// A pay was sent and its outcome is not final.
    pub fn unknown(&self, body: &Value) {
        if let (Some(id), order) = keys(body) {
            self.open()
                .insert(id.to_string(), order.map(str::to_string));
        }
    }

    /// A pay's outcome is final (a verified S or F answer to the pay itself).
    pub fn settled(&self, payment_request_id: &str) {
        self.open().remove(payment_request_id);
    }

    /// A verified inquiry answer: settles the pay when its status is final. Returns the status.
    pub fn inquired<'a>(&self, payment_request_id: &str, data: &'a Value) -> Option<&'a str> {
        let status = data["paymentStatus"].as_str();
        if status.is_some_and(|s| FINAL.contains(&s)) {
            self.settled(payment_request_id);
        }
        status
    }
}
