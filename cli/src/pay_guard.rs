//! The red line `antom mcp` enforces rather than documents: a pay for an order whose earlier
//! pay has an unknown outcome is refused until an inquiry or a verified notification settles
//! it, so an assistant never asks a buyer to pay twice.
//!
//! An order is known by its `paymentRequestId` and, when the pay names one, its
//! `order.referenceOrderId`: a second pay under a new request id for the same order is the
//! dangerous case, and it is refused as well. A pay is reserved before it is sent, in the same
//! step as the check, so two pays sent at once cannot both pass.

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::Value;

/// Pays not settled yet: paymentRequestId to the order it was for.
#[derive(Default)]
pub struct PayGuard {
    open: Mutex<HashMap<String, Option<String>>>,
}

impl PayGuard {
    fn open(&self) -> std::sync::MutexGuard<'_, HashMap<String, Option<String>>> {
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Reserves the pay in `body`, or says why it must not be sent now.
    pub fn reserve(&self, body: &Value) -> Result<(), String> {
        let Some(id) = body["paymentRequestId"].as_str().filter(|s| !s.is_empty()) else {
            return Err(
                "refused: a pay must carry its paymentRequestId, the key its outcome is \
                        inquired by"
                    .into(),
            );
        };
        let order = body
            .pointer("/order/referenceOrderId")
            .and_then(Value::as_str);
        let mut open = self.open();
        let earlier = open.iter().find(|(open_id, open_order)| {
            id == open_id.as_str() || (order.is_some() && open_order.as_deref() == order)
        });
        if let Some((earlier, _)) = earlier {
            return Err(format!(
                "refused: the earlier pay {earlier} for this order is not settled, so a new pay \
                 could charge the buyer twice. Settle it first: inquire_payment with \
                 paymentRequestId {earlier} until its paymentStatus is final, or verify the \
                 payment's notification"
            ));
        }
        open.insert(id.to_string(), order.map(str::to_string));
        Ok(())
    }

    /// The pay's outcome is known (a verified final answer, or a refusal before it could have
    /// had any effect): the order may be paid again.
    pub fn settled(&self, payment_request_id: &str) {
        self.open().remove(payment_request_id);
    }
}
