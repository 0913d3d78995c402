//! When an answer of `antom mcp` is final, and what to do next when it is not: a pay is final
//! only when verified and settled, an inquiry only by the status it reports for what it asked
//! about. The pay guard (pay_guard.rs) is released here when an answer settles a pay.

use antom::catalog::Endpoint;
use antom::models::TransactionStatusType;
use antom_bridge::ResponseView;
use serde_json::{json, Value};

use crate::pay_guard::PayGuard;

/// The pays whose outcome the guard follows, each with the inquiry whose `paymentStatus`
/// settles it: their answer is final only when verified and the payment itself is settled.
const PAYS: [(&str, &str); 3] = [
    ("payments.pay", "payments.inquiryPayment"),
    ("payments.createPaymentSession", "payments.inquiryPayment"),
    (
        "aba.funds.createDirectPayment",
        "aba.funds.inquireDirectPayment",
    ),
];

pub fn is_pay(name: &str) -> bool {
    PAYS.iter().any(|(pay, _)| *pay == name)
}

fn settles_pays(name: &str) -> bool {
    PAYS.iter().any(|(_, inquiry)| *inquiry == name)
}

/// The answer as the assistant sees it, `final` only when it settles what was asked.
pub fn judge(guard: &PayGuard, e: &Endpoint, body: &Value, r: ResponseView) -> Value {
    let (is_final, next) = verdict(guard, e, body, &r);
    let next = next.unwrap_or_else(|| not_final(e, body));
    json!({
        "endpoint": e.name,
        "resultStatus": r.result_status,
        "resultCode": r.result_code,
        "resultMessage": r.result_message,
        "verified": r.verified,
        "final": is_final,
        "next": next,
        "data": r.data,
    })
}

/// Whether the answer is final, and what to say when it is (`None`: what `not_final` says).
fn verdict(
    guard: &PayGuard,
    e: &Endpoint,
    body: &Value,
    r: &ResponseView,
) -> (bool, Option<String>) {
    let verified_s = r.verified && r.is_success;
    let settled = r.verified && (r.is_success || r.is_failure);
    let asked = body["paymentRequestId"].as_str();
    match e.name {
        // The inquiry's own S says nothing of the payment: its paymentStatus does, for the
        // payment asked about (an inquiry's own F, ORDER_NOT_EXIST, tells nothing).
        name if settles_pays(name) => {
            let same = asked.is_none_or(|id| r.data["paymentRequestId"].as_str() == Some(id));
            match r.data["paymentStatus"].as_str() {
                // The core's rule of which statuses are final, not a copy of it.
                Some(s) if verified_s && same && TransactionStatusType::from(s).is_final() => {
                    if let Some(id) = asked {
                        guard.settled(id);
                    }
                    (true, Some(format!("Final: the payment's status is {s}.")))
                }
                _ => (false, None),
            }
        }
        "payments.inquiryRefund" => match r.data["refundStatus"].as_str() {
            Some(s @ ("SUCCESS" | "FAIL")) if verified_s => {
                (true, Some(format!("Final: the refund's status is {s}.")))
            }
            _ => (false, None),
        },
        _ if e.read_only => match verified_s {
            true => (true, Some("A verified answer; an inquiry changes nothing.".into())),
            false => (false, Some(format!(
                "The inquiry itself did not answer S ({} {}, verified: {}): it tells nothing final about what it asked after.",
                r.result_status, r.result_code, r.verified
            ))),
        },
        // A session is created, not paid: its payment stays open until settled.
        "payments.createPaymentSession" if !(r.verified && r.is_failure) => (false, None),
        _ => {
            if let (true, Some(id), true) = (settled, asked, is_pay(e.name)) {
                guard.settled(id);
            }
            match (settled, r.is_success) {
                (true, true) => (true, Some("Final: it succeeded.".into())),
                (true, false) => (true, Some(format!("Final: it failed ({}: {}).", r.result_code, r.result_message))),
                _ => (false, None),
            }
        }
    }
}

pub fn not_final(e: &Endpoint, body: &Value) -> String {
    let key = e
        .idempotency_field
        .and_then(|f| body[f].as_str().map(|v| (f, v)));
    let inquiry = PAYS.iter().find(|(pay, _)| *pay == e.name).map(|p| p.1);
    let how = match (e.name.starts_with("payments."), key) {
        (true, Some(("paymentRequestId", id))) => format!(
            "call inquire_payment with paymentRequestId {id}, or wait for the payment's notification"
        ),
        (false, Some(("paymentRequestId", id))) if inquiry.is_some() => format!(
            "call_endpoint {} with paymentRequestId {id}",
            inquiry.unwrap_or_default()
        ),
        (true, Some(("refundRequestId", id))) => {
            format!("call inquire_refund with refundRequestId {id}")
        }
        (_, Some((f, id))) => format!("inquire with {f} {id}"),
        _ => "inquire before doing anything else".into(),
    };
    format!("Not final: the outcome is unknown or still pending. Never ask the buyer to pay again; {how}.")
}
