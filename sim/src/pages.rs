//! The buyer-facing checkout page and the simulator's own control API (`/sim/...`).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::state::ArmedFault;
use crate::{faults, payments, Sim};

pub fn routes() -> Router<Arc<Sim>> {
    Router::new()
        .route("/checkout/{payment_id}", get(checkout))
        .route("/checkout/{payment_id}/{action}", post(checkout_action))
        .route("/sim/payments/{payment_id}/{action}", post(sim_action))
        .route("/sim/payments/{payment_id}", get(sim_payment))
        .route("/sim/notifications", get(notifications))
        .route("/sim/requests", get(requests))
        .route("/sim/faults", post(arm_fault))
}

/// The requests the API received, with their headers (see `requests.rs`).
async fn requests(State(sim): State<Arc<Sim>>) -> Json<Value> {
    Json(sim.requests.list())
}

/// HTML-escapes text for element content and quoted attributes: every character that can
/// end a text run or an attribute value.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

async fn checkout(State(sim): State<Arc<Sim>>, Path(payment_id): Path<String>) -> Response {
    let Some(p) = sim.ledger().payment(&payment_id).cloned() else {
        return (
            StatusCode::NOT_FOUND,
            Html("<h1>No such payment</h1>".to_string()),
        )
            .into_response();
    };
    // Everything the merchant sent is escaped: the page is the buyer's, not the merchant's.
    let id = escape(&p.payment_id);
    let amount = antom::models::Amount::new(p.currency.clone(), p.value.to_string())
        .display()
        .unwrap_or_else(|| format!("{} {}", p.currency, p.value));
    let amount = escape(&amount);
    let merchant = escape(p.shown.merchant.as_deref().unwrap_or(&p.client_id));
    let description = escape(p.shown.description.as_deref().unwrap_or(""));
    let method = escape(p.shown.method.as_deref().unwrap_or(""));
    let status = p.status.as_str();
    Html(format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>Antom simulator checkout</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action 'self'">
<style>body{{font-family:sans-serif;max-width:32em;margin:3em auto}} dt{{color:#666}} dd{{margin:0 0 .8em}}
button{{font-size:1em;padding:.5em 1.5em;margin-right:.5em}}</style></head>
<body>
<h1>Antom simulator checkout</h1>
<dl>
<dt>Merchant</dt><dd id="merchant">{merchant}</dd>
<dt>Order</dt><dd id="description">{description}</dd>
<dt>Amount</dt><dd><b id="amount">{amount}</b></dd>
<dt>Payment method</dt><dd id="method">{method}</dd>
<dt>Payment</dt><dd><code id="payment-id">{id}</code>, <b id="status">{status}</b></dd>
</dl>
<form method="post" action="/checkout/{id}/pay" style="display:inline"><button id="pay" type="submit">Pay {amount}</button></form>
<form method="post" action="/checkout/{id}/decline" style="display:inline"><button id="decline" type="submit">Decline</button></form>
</body></html>"#
    ))
    .into_response()
}

pub(crate) fn act(
    sim: &Arc<Sim>,
    payment_id: &str,
    action: &str,
) -> Result<&'static str, (StatusCode, String)> {
    let paid = match action {
        "pay" | "complete" => true,
        "decline" => false,
        _ => return Err((StatusCode::NOT_FOUND, "unknown action".into())),
    };
    payments::complete(sim, payment_id, paid)
        .map(|s| s.as_str())
        .map_err(|e| (StatusCode::CONFLICT, e))
}

async fn checkout_action(
    State(sim): State<Arc<Sim>>,
    Path((payment_id, action)): Path<(String, String)>,
) -> Response {
    match act(&sim, &payment_id, &action) {
        Ok(status) => Html(format!(
            "<!doctype html><html><body style=\"font-family:sans-serif\"><h1 id=\"result\">Payment {status}</h1><p>You can close this page.</p></body></html>"
        ))
        .into_response(),
        Err((code, msg)) => (code, Html(format!("<h1 id=\"result\">{}</h1>", escape(&msg)))).into_response(),
    }
}

async fn sim_action(
    State(sim): State<Arc<Sim>>,
    Path((payment_id, action)): Path<(String, String)>,
) -> Response {
    match act(&sim, &payment_id, &action) {
        Ok(status) => {
            Json(json!({"paymentId": payment_id, "paymentStatus": status})).into_response()
        }
        Err((code, msg)) => (code, Json(json!({"error": msg}))).into_response(),
    }
}

async fn sim_payment(State(sim): State<Arc<Sim>>, Path(payment_id): Path<String>) -> Response {
    match sim.ledger().payment(&payment_id) {
        Some(p) => Json(json!({
            "paymentId": p.payment_id, "paymentRequestId": p.payment_request_id, "paymentStatus": p.status.as_str(),
            "captured": p.captured.to_string(), "refunded": p.refunded.to_string(),
        }))
        .into_response(),
        None => (StatusCode::NOT_FOUND, Json(json!({"error": "no such payment"}))).into_response(),
    }
}

async fn notifications(State(sim): State<Arc<Sim>>) -> Json<Value> {
    Json(json!({"deliveries": sim.ledger().deliveries.clone()}))
}

/// `{"path": "/payments/pay", "code": 9903, "count": 1}`: the next `count` requests whose path
/// ends with `path` get fault `code`.
async fn arm_fault(State(sim): State<Arc<Sim>>, Json(body): Json<Value>) -> Response {
    let code = body
        .get("code")
        .and_then(Value::as_u64)
        .and_then(|c| u32::try_from(c).ok());
    let Some(code) = code.filter(|c| faults::ALL.contains(c)) else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "code must be one of 9901..9908"})),
        )
            .into_response();
    };
    let path = body
        .get("path")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let count = body
        .get("count")
        .and_then(Value::as_u64)
        .unwrap_or(1)
        .clamp(1, 1000) as u32;
    sim.ledger().faults.push(ArmedFault {
        path_suffix: path.clone(),
        code,
        remaining: count,
    });
    Json(json!({"armed": {"path": path, "code": code, "count": count}})).into_response()
}
