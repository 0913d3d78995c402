//! Fulfilment after a payment: capture, refund and the refund inquiry, each idempotent on its
//! request id and held to what the payment allows (captured and refunded never pass its amount).

use std::sync::Arc;

use serde_json::{json, Value};

use crate::fields::{amount, amount_json, missing, new_id, text, Outcome};
use crate::notify;
use crate::reply::{fail, iso_now, success, Reply};
use crate::state::{Capture, PayStatus, Payment, Refund, State};
use crate::Sim;

pub fn capture(sim: &Arc<Sim>, client: &str, req: &Value) -> Outcome {
    let request_id = text(req, "captureRequestId")?.to_string();
    let payment_id = text(req, "paymentId")?.to_string();
    let (currency, value) = amount(req, "captureAmount")?;
    let mut ledger = sim.ledger();
    let key = (client.to_string(), request_id.clone());
    let stored = ledger.captures.get(&key);
    let same = |c: &Capture| c.payment_id == payment_id && c.value == value;
    if let Some(answer) = replayed(stored.map(|c| (same(c), &c.response)), "captureRequestId") {
        return answer;
    }
    let p = successful(
        &ledger,
        client,
        &payment_id,
        "only a successful (authorized) payment can be captured",
    )?;
    if currency != p.currency || p.captured + value > p.value {
        return Err(fail(
            "CAPTURE_AMOUNT_EXCEED",
            "the capture amount exceeds what was authorized",
        ));
    }
    let response = success(json!({
        "captureRequestId": request_id, "captureId": new_id("2026CAP"), "paymentId": payment_id,
        "captureAmount": amount_json(&currency, value), "captureTime": iso_now(),
    }));
    if let Some(stored) = ledger.payment_by_id_mut(&payment_id) {
        stored.captured += value;
    }
    ledger.captures.insert(
        key,
        Capture {
            payment_id,
            value,
            response: response.clone(),
        },
    );
    drop(ledger);
    notify::capture_result(sim, &p, &response);
    Ok(Reply::ok(response))
}

pub fn refund(sim: &Arc<Sim>, client: &str, req: &Value) -> Outcome {
    let request_id = text(req, "refundRequestId")?.to_string();
    let payment_id = text(req, "paymentId")?.to_string();
    let (currency, value) = amount(req, "refundAmount")?;
    let notify_url = req
        .get("refundNotifyUrl")
        .and_then(Value::as_str)
        .map(str::to_string);
    let mut ledger = sim.ledger();
    let key = (client.to_string(), request_id.clone());
    let stored = ledger.refunds.get(&key);
    let same =
        |r: &Refund| r.payment_id == payment_id && r.value == value && r.currency == currency;
    if let Some(answer) = replayed(stored.map(|r| (same(r), &r.response)), "refundRequestId") {
        return answer;
    }
    let p = successful(
        &ledger,
        client,
        &payment_id,
        "only a successful payment can be refunded",
    )?;
    if currency != p.currency {
        return Err(fail(
            "CURRENCY_NOT_SUPPORT",
            "the refund currency differs from the payment's",
        ));
    }
    if p.refunded + value > p.value {
        return Err(fail(
            "REFUND_AMOUNT_EXCEED",
            "the total refund amount exceeds the payment amount",
        ));
    }
    let refund_id = new_id("2026REF");
    let now = iso_now();
    let response = success(json!({
        "refundRequestId": request_id, "refundId": refund_id, "paymentId": payment_id,
        "refundAmount": amount_json(&currency, value), "refundTime": now,
    }));
    if let Some(stored) = ledger.payment_by_id_mut(&payment_id) {
        stored.refunded += value;
    }
    let refund = Refund {
        refund_id,
        refund_request_id: request_id,
        payment_id,
        currency,
        value,
        time: now,
        response: response.clone(),
    };
    ledger.refunds.insert(key, refund.clone());
    drop(ledger);
    if let Some(url) = notify_url {
        notify::refund_result(sim, client, &url, &refund);
    }
    Ok(Reply::ok(response))
}

/// Antom's idempotency rule for capture and refund: a request id used before gets its stored
/// answer when the key fields are the same, and REPEAT_REQ_INCONSISTENT when they are not.
fn replayed(stored: Option<(bool, &Value)>, id_field: &str) -> Option<Outcome> {
    let (same, response) = stored?;
    Some(if same {
        Ok(Reply::ok(response.clone()))
    } else {
        let message = format!("the {id_field} was used with different key fields");
        Err(fail("REPEAT_REQ_INCONSISTENT", &message))
    })
}

/// The client's payment `payment_id`, which must have succeeded (`refused` says why not).
fn successful(
    ledger: &State,
    client: &str,
    payment_id: &str,
    refused: &str,
) -> Result<Payment, Reply> {
    let p = ledger
        .payment_by_id(client, payment_id)
        .cloned()
        .ok_or_else(|| fail("ORDER_NOT_EXIST", "the order does not exist"))?;
    if p.status != PayStatus::Success {
        return Err(fail("ORDER_STATUS_INVALID", refused));
    }
    Ok(p)
}

pub fn inquiry_refund(sim: &Sim, client: &str, req: &Value) -> Outcome {
    let ledger = sim.ledger();
    let found = if let Some(id) = req.get("refundRequestId").and_then(Value::as_str) {
        ledger.refunds.get(&(client.to_string(), id.to_string()))
    } else if let Some(id) = req.get("refundId").and_then(Value::as_str) {
        ledger
            .refunds
            .iter()
            .find(|((c, _), r)| c == client && r.refund_id == id)
            .map(|(_, r)| r)
    } else {
        return Err(missing("refundRequestId or refundId"));
    };
    let r = found.ok_or_else(|| fail("ORDER_NOT_EXIST", "the refund does not exist"))?;
    Ok(Reply::ok(success(json!({
        "refundRequestId": r.refund_request_id, "refundId": r.refund_id, "paymentId": r.payment_id,
        "refundAmount": amount_json(&r.currency, r.value), "refundStatus": "SUCCESS", "refundTime": r.time,
    }))))
}
