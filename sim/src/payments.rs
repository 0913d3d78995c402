//! The payments core: pay, consult, inquiryPayment, cancel, capture, refund, inquiryRefund,
//! createPaymentSession; idempotent exactly as Antom, with the magic-amount faults.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};

use crate::faults;
use crate::fields::{amount, amount_json, missing, new_id, text, Outcome};
use crate::notify;
use crate::reply::{fail, iso_now, success, Reply};
use crate::state::{PayStatus, Payment, Shown};
use crate::{fulfil, Sim};

const HANDLED: [&str; 8] = [
    "payments.pay",
    "payments.consult",
    "payments.inquiryPayment",
    "payments.cancel",
    "payments.capture",
    "payments.refund",
    "payments.inquiryRefund",
    "payments.createPaymentSession",
];

pub fn handles(name: &str) -> bool {
    HANDLED.contains(&name)
}

pub async fn handle(
    sim: &Arc<Sim>,
    client: &str,
    name: &str,
    req: &Value,
    armed: Option<u32>,
) -> Reply {
    let result = match name {
        "payments.pay" => pay(sim, client, req, armed, Kind::Pay),
        "payments.consult" => consult(req),
        "payments.inquiryPayment" => inquiry_payment(sim, client, req),
        "payments.cancel" => cancel(sim, client, req),
        "payments.capture" => fulfil::capture(sim, client, req),
        "payments.refund" => fulfil::refund(sim, client, req),
        "payments.inquiryRefund" => fulfil::inquiry_refund(sim, client, req),
        _ => create_session(sim, client, req),
    };
    result.unwrap_or_else(|r| r)
}

/// What `pay` records: a pay, or the payment a payment session opens (in process until the
/// buyer pays in the element: no magic-amount fault, no immediate agreement payment).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Pay,
    Session,
}

fn pay(sim: &Arc<Sim>, client: &str, req: &Value, armed: Option<u32>, kind: Kind) -> Outcome {
    let request_id = text(req, "paymentRequestId")?.to_string();
    if request_id.len() > 64 {
        return Err(fail(
            "PARAM_ILLEGAL",
            "paymentRequestId is longer than 64 characters",
        ));
    }
    let (currency, value) = amount(req, "paymentAmount")?;
    let product = text(req, "productCode")?.to_string();
    let method_type = text(req, "paymentMethod.paymentMethodType")?.to_string();
    let method_id = req
        .pointer("/paymentMethod/paymentMethodId")
        .and_then(Value::as_str)
        .map(str::to_string);
    let fault = match kind {
        Kind::Pay => armed.or_else(|| faults::from_amount(value)),
        Kind::Session => None,
    };
    let fingerprint = format!("{currency}|{value}|{product}|{method_type}");
    let notify_url = req
        .get("paymentNotifyUrl")
        .and_then(Value::as_str)
        .map(str::to_string);
    let key = (client.to_string(), request_id.clone());
    let mut ledger = sim.ledger();
    if fault == Some(faults::HTTP_500)
        && ledger.failed_once.insert(format!("{client}|{request_id}"))
    {
        return Ok(Reply {
            body: Value::Null,
            fault: Some(faults::HTTP_500),
        });
    }
    let response_fault = fault.filter(|c| faults::is_response_fault(*c) && *c != faults::HTTP_500);
    if let Some(existing) = ledger.payments.get(&key) {
        if existing.fingerprint != fingerprint {
            return Err(fail(
                "REPEAT_REQ_INCONSISTENT",
                "the paymentRequestId was used with different key fields",
            ));
        }
        return Ok(Reply {
            body: existing.pay_response.clone(),
            fault: response_fault,
        });
    }
    if kind == Kind::Pay && product == "AGREEMENT_PAYMENT" && method_id.is_none() {
        return Err(missing("paymentMethod.paymentMethodId"));
    }
    let payment_id = new_id("2026SIM");
    let now = iso_now();
    let immediate =
        kind == Kind::Pay && (product == "AGREEMENT_PAYMENT" || fault == Some(faults::UNSIGNED));
    let (status, body) = match fault {
        Some(faults::BALANCE) => (
            PayStatus::Fail,
            json!({"result": {"resultCode": "USER_BALANCE_NOT_ENOUGH", "resultStatus": "F", "resultMessage": "the user balance is not enough"}}),
        ),
        Some(faults::UNKNOWN) => (
            PayStatus::Processing,
            json!({"result": {"resultCode": "UNKNOWN_EXCEPTION", "resultStatus": "U", "resultMessage": "unknown exception"}}),
        ),
        _ if immediate => (PayStatus::Success, success(json!({}))),
        _ => (
            PayStatus::Processing,
            json!({
                "result": {"resultCode": "PAYMENT_IN_PROCESS", "resultStatus": "U", "resultMessage": "payment in process"},
                "normalUrl": format!("{}/checkout/{payment_id}", sim.base_url),
            }),
        ),
    };
    let mut body = body;
    if let Value::Object(map) = &mut body {
        map.insert("paymentRequestId".into(), json!(request_id));
        if fault != Some(faults::BALANCE) {
            map.insert("paymentId".into(), json!(payment_id));
            map.insert("paymentAmount".into(), amount_json(&currency, value));
            map.insert("paymentCreateTime".into(), json!(now));
        }
        if status == PayStatus::Success {
            map.insert("paymentTime".into(), json!(now));
        }
    }
    ledger.next_payment += 1;
    let payment = Payment {
        seq: ledger.next_payment,
        client_id: client.to_string(),
        payment_id: payment_id.clone(),
        payment_request_id: request_id.clone(),
        currency,
        value,
        fingerprint,
        status,
        notify_url,
        create_time: now.clone(),
        pay_time: (status == PayStatus::Success).then(|| now.clone()),
        captured: 0,
        refunded: 0,
        fault,
        pay_response: body.clone(),
        shown: Shown {
            merchant: pointer_text(req, "/order/merchant/merchantName"),
            description: pointer_text(req, "/order/orderDescription"),
            method: Some(method_type.clone()),
        },
    };
    ledger.payment_ids.insert(payment_id.clone(), key.clone());
    ledger.payments.insert(key, payment.clone());
    drop(ledger);
    if status == PayStatus::Success {
        notify::payment_result(sim, &payment);
    }
    if fault == Some(faults::UNKNOWN) {
        // Antom's U: the payment goes through a moment later.
        let sim = sim.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(300)).await;
            let _ = complete(&sim, &payment_id, true);
        });
    }
    Ok(Reply {
        body,
        fault: response_fault,
    })
}

/// Completes (checkout "Pay") or fails ("Decline") a PROCESSING payment and notifies.
pub fn complete(sim: &Arc<Sim>, payment_id: &str, paid: bool) -> Result<PayStatus, String> {
    let payment = {
        let mut ledger = sim.ledger();
        let p = ledger
            .payment_by_id_mut(payment_id)
            .ok_or("no such payment")?;
        if p.status != PayStatus::Processing {
            return Err(format!("the payment is already {}", p.status.as_str()));
        }
        p.status = if paid {
            PayStatus::Success
        } else {
            PayStatus::Fail
        };
        p.pay_time = Some(iso_now());
        p.clone()
    };
    // The notification is in the ledger before it is saved: a crash after the save still
    // delivers it on restart.
    notify::payment_result(sim, &payment);
    sim.persist();
    Ok(payment.status)
}

fn pointer_text(req: &Value, pointer: &str) -> Option<String> {
    req.pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_string)
}

fn find_payment(sim: &Sim, client: &str, req: &Value) -> Result<Payment, Reply> {
    let ledger = sim.ledger();
    let found = if let Some(id) = req.get("paymentRequestId").and_then(Value::as_str) {
        ledger.payments.get(&(client.to_string(), id.to_string()))
    } else if let Some(id) = req.get("paymentId").and_then(Value::as_str) {
        ledger.payment_by_id(client, id)
    } else {
        return Err(missing("paymentRequestId or paymentId"));
    };
    found
        .cloned()
        .ok_or_else(|| fail("ORDER_NOT_EXIST", "the order does not exist"))
}

fn payment_view(p: &Payment) -> Value {
    let mut v = json!({
        "paymentRequestId": p.payment_request_id,
        "paymentId": p.payment_id,
        "paymentAmount": amount_json(&p.currency, p.value),
        "paymentStatus": p.status.as_str(),
        "paymentCreateTime": p.create_time,
    });
    if let (Some(t), Value::Object(map)) = (&p.pay_time, &mut v) {
        map.insert("paymentTime".into(), json!(t));
        if p.status == PayStatus::Fail {
            let code = if p.fault == Some(faults::BALANCE) {
                "USER_BALANCE_NOT_ENOUGH"
            } else {
                "USER_REJECTED"
            };
            map.insert("paymentResultCode".into(), json!(code));
        }
    }
    v
}

fn inquiry_payment(sim: &Sim, client: &str, req: &Value) -> Outcome {
    Ok(Reply::ok(success(payment_view(&find_payment(
        sim, client, req,
    )?))))
}

fn cancel(sim: &Sim, client: &str, req: &Value) -> Outcome {
    let p = find_payment(sim, client, req)?;
    let mut ledger = sim.ledger();
    let stored = ledger
        .payment_by_id_mut(&p.payment_id)
        .ok_or_else(|| fail("ORDER_NOT_EXIST", "gone"))?;
    match stored.status {
        PayStatus::Processing | PayStatus::Cancelled => stored.status = PayStatus::Cancelled,
        other => {
            return Err(fail(
                "ORDER_STATUS_INVALID",
                &format!("a {} payment cannot be cancelled", other.as_str()),
            ))
        }
    }
    Ok(Reply::ok(success(json!({
        "paymentRequestId": p.payment_request_id, "paymentId": p.payment_id, "cancelTime": iso_now()
    }))))
}

fn consult(req: &Value) -> Outcome {
    text(req, "productCode")?;
    Ok(Reply::ok(success(json!({
        "paymentOptions": [
            {"paymentMethodType": "ALIPAY_CN", "enabled": true, "paymentMethodCategory": "WALLET"},
            {"paymentMethodType": "CARD", "enabled": true, "paymentMethodCategory": "CARD"},
            {"paymentMethodType": "GCASH", "enabled": true, "paymentMethodCategory": "WALLET"},
        ]
    }))))
}

fn create_session(sim: &Arc<Sim>, client: &str, req: &Value) -> Outcome {
    // Checked like Antom checks them, but not echoed: Antom's session reply has neither.
    text(req, "paymentRequestId")?;
    amount(req, "paymentAmount")?;
    text(req, "productCode")?;
    // The element pays through this session: from now on the payment exists, in process, so
    // inquiryPayment by paymentRequestId answers and the buyer can complete it.
    let mut as_pay = req.clone();
    if text(req, "paymentMethod.paymentMethodType").is_err() {
        as_pay["paymentMethod"] = json!({"paymentMethodType": "PAYMENT_SESSION"});
    }
    let recorded = pay(sim, client, &as_pay, None, Kind::Session)?;
    if recorded.body.pointer("/result/resultStatus") == Some(&json!("F")) {
        return Ok(recorded);
    }
    let expiry = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    let expiry = expiry
        .format(&time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
        ))
        .unwrap_or_default();
    Ok(Reply::ok(success(json!({
        "paymentSessionData": format!("{:032x}{:032x}", rand::random::<u128>(), rand::random::<u128>()),
        "paymentSessionExpiryTime": expiry,
        "paymentSessionId": new_id("SESSION"),
    }))))
}
