//! The simulator's dashboard at `/sim/`: payments with their captures, refunds and each
//! notification's delivery attempts, buttons to play the buyer and to resend a notification,
//! and the audit findings. Server-rendered HTML with plain forms: no script, no external asset.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::pages::{act, escape};
use crate::state::{Delivery, Payment};
use crate::{notify, Sim};

/// The newest payments shown; older ones stay reachable through the API.
const SHOWN: usize = 200;

pub fn routes() -> Router<Arc<Sim>> {
    Router::new()
        .route("/sim", get(|| async { Redirect::to("/sim/") }))
        .route("/sim/", get(page))
        .route("/sim/audit", get(audit))
        .route("/sim/ui/payments/{payment_id}/{action}", post(buyer))
        .route("/sim/ui/notifications/{seq}/resend", post(resend))
}

/// The audit report as JSON (what `antom check report` prints).
async fn audit(State(sim): State<Arc<Sim>>) -> Json<Value> {
    Json(match &sim.audit {
        Some(a) => a.report(),
        None => json!({"audit": false, "rules": [], "findings": []}),
    })
}

async fn buyer(
    State(sim): State<Arc<Sim>>,
    Path((payment_id, action)): Path<(String, String)>,
) -> Response {
    match act(&sim, &payment_id, &action) {
        Ok(_) => Redirect::to(&format!("/sim/#p-{}", anchor(&payment_id))).into_response(),
        Err((code, msg)) => (
            code,
            Html(format!(
                "<p id=\"error\">{}</p><p><a href=\"/sim/\">Back</a></p>",
                escape(&msg)
            )),
        )
            .into_response(),
    }
}

async fn resend(State(sim): State<Arc<Sim>>, Path(seq): Path<u64>) -> Response {
    let payment = sim.ledger().events.get(&seq).and_then(|e| {
        e.data
            .get("paymentId")
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    match notify::resend(&sim, seq) {
        Ok(()) => Redirect::to(&format!(
            "/sim/#p-{}",
            anchor(payment.as_deref().unwrap_or(""))
        ))
        .into_response(),
        Err(msg) => (StatusCode::NOT_FOUND, Html(escape(&msg))).into_response(),
    }
}

/// An id safe in a URL fragment and an HTML id (the simulator's ids already are; this keeps
/// any other text from reaching a URL unescaped).
fn anchor(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

fn amount(currency: &str, value: u64) -> String {
    antom::models::Amount::new(currency.to_string(), value.to_string())
        .display()
        .unwrap_or_else(|| format!("{currency} {value}"))
}

async fn page(State(sim): State<Arc<Sim>>) -> Response {
    let html = render(&sim);
    (
        [(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        )],
        Html(html),
    )
        .into_response()
}

fn render(sim: &Sim) -> String {
    let ledger = sim.ledger();
    let mut payments: Vec<&Payment> = ledger.payments.values().collect();
    payments.sort_by_key(|p| std::cmp::Reverse(p.seq));
    let mut attempts: HashMap<u64, Vec<&Delivery>> = HashMap::new();
    for d in &ledger.deliveries {
        attempts.entry(d.id).or_default().push(d);
    }
    let mut out = String::from(HEAD);
    let _ = write!(
        out,
        "<p>{} payments, {} notifications. <a href=\"/sim/\">Refresh</a></p>",
        ledger.payments.len(),
        ledger.events.len()
    );
    out.push_str(&audit_section(sim));
    out.push_str("<h2>Payments</h2>");
    if payments.is_empty() {
        out.push_str("<p id=\"no-payments\">No payments yet.</p>");
    }
    for p in payments.into_iter().take(SHOWN) {
        let id = anchor(&p.payment_id);
        let _ = write!(
            out,
            "<section class=\"payment\" id=\"p-{id}\"><h3><span class=\"amount\">{}</span> <span class=\"status {}\">{}</span></h3>\
             <p>paymentId <code>{}</code> · paymentRequestId <code>{}</code> · created {} · merchant <code>{}</code></p>",
            escape(&amount(&p.currency, p.value)),
            p.status.as_str().to_lowercase(),
            p.status.as_str(),
            escape(&p.payment_id),
            escape(&p.payment_request_id),
            escape(&p.create_time),
            escape(&p.client_id),
        );
        if p.status == crate::state::PayStatus::Processing {
            let _ = write!(
                out,
                "<div class=\"buyer\">Play the buyer: <form method=\"post\" action=\"/sim/ui/payments/{id}/pay\"><button class=\"pay\">Pay</button></form>\
                 <form method=\"post\" action=\"/sim/ui/payments/{id}/decline\"><button class=\"decline\">Decline</button></form></div>"
            );
        }
        let captures: Vec<_> = ledger
            .captures
            .values()
            .filter(|c| c.payment_id == p.payment_id)
            .collect();
        let refunds: Vec<_> = ledger
            .refunds
            .values()
            .filter(|r| r.payment_id == p.payment_id)
            .collect();
        if !captures.is_empty() || !refunds.is_empty() {
            out.push_str("<ul class=\"money\">");
            for c in captures {
                let _ = write!(
                    out,
                    "<li class=\"capture\">Captured {}</li>",
                    escape(&amount(&p.currency, c.value))
                );
            }
            for r in refunds {
                let _ = write!(
                    out,
                    "<li class=\"refund\">Refunded {} (<code>{}</code>, {})</li>",
                    escape(&amount(&r.currency, r.value)),
                    escape(&r.refund_request_id),
                    escape(&r.time)
                );
            }
            out.push_str("</ul>");
        }
        let events: Vec<_> = ledger
            .events
            .values()
            .filter(|e| {
                e.data.get("paymentId").and_then(Value::as_str) == Some(p.payment_id.as_str())
            })
            .collect();
        if p.notify_url.is_none() && events.is_empty() {
            out.push_str("<p class=\"muted\">No paymentNotifyUrl was given: no notifications.</p>");
        }
        for e in events {
            let _ = write!(
                out,
                "<div class=\"notification\" id=\"n-{seq}\"><div><b>{}</b> {} to <code>{}</code>: <span class=\"delivery\">{}</span> \
                 <form method=\"post\" action=\"/sim/ui/notifications/{seq}/resend\"><button class=\"resend\">Resend</button></form></div>\
                 <table><tr><th>Attempt</th><th>Time</th><th>HTTP</th><th>Outcome</th><th>Response</th></tr>",
                escape(&e.notify_type),
                escape(e.data.pointer("/result/resultStatus").and_then(Value::as_str).unwrap_or("")),
                escape(&e.url),
                match e.status {
                    crate::events::Status::Processing => "being delivered",
                    crate::events::Status::Success => "acked",
                    crate::events::Status::Failed => "not acked after every attempt",
                },
                seq = e.seq
            );
            for d in attempts.get(&e.seq).map(Vec::as_slice).unwrap_or_default() {
                let _ = write!(
                    out,
                    "<tr class=\"attempt{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
                    if d.forged { " forged" } else { "" },
                    if d.attempt == 0 { "probe".to_string() } else { d.attempt.to_string() },
                    escape(&d.at),
                    d.http_status.map_or("-".to_string(), |s| s.to_string()),
                    escape(&d.outcome),
                    escape(d.response.as_deref().unwrap_or(""))
                );
            }
            out.push_str("</table></div>");
        }
        out.push_str("</section>");
    }
    out.push_str("</body></html>");
    out
}

fn audit_section(sim: &Sim) -> String {
    let Some(audit) = &sim.audit else {
        return "<h2>Audit</h2><p id=\"audit-off\">Audit mode is off: start with <code>antom sim --audit</code> to have your integration checked against Antom's red lines.</p>".into();
    };
    let report = audit.report();
    let mut out = String::from("<h2>Audit</h2><table id=\"audit-rules\"><tr><th>Rule</th><th>Checked</th><th>Findings</th></tr>");
    for r in report["rules"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(r["title"].as_str().unwrap_or("")),
            r["checked"],
            r["findings"]
        );
    }
    out.push_str("</table>");
    let findings = report["findings"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    if findings.is_empty() {
        out.push_str("<p id=\"no-findings\">No findings.</p>");
    } else {
        out.push_str("<ul id=\"findings\">");
        for f in findings {
            let _ = write!(
                out,
                "<li class=\"finding\"><b>{}</b>: {} <small>({}; {})</small></li>",
                escape(f["rule"].as_str().unwrap_or("")),
                escape(f["detail"].as_str().unwrap_or("")),
                escape(f["time"].as_str().unwrap_or("")),
                escape(&crate::audit::evidence(f))
            );
        }
        out.push_str("</ul>");
    }
    out
}

const HEAD: &str = r#"<!doctype html><html><head><meta charset="utf-8"><title>Antom simulator</title>
<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}
section.payment{border:1px solid #ddd;border-radius:6px;padding:.2em 1em 1em;margin:1em 0}
.status{font-size:.7em;padding:.2em .6em;border-radius:1em;background:#eee;vertical-align:middle}
.status.success{background:#d4f5dc}.status.fail,.status.cancelled{background:#fadadd}.status.processing{background:#fff3c4}
form{display:inline;margin:0 .3em}table{border-collapse:collapse;font-size:.85em;width:100%}
td,th{border-bottom:1px solid #eee;padding:.2em .4em;text-align:left;vertical-align:top}
td:nth-child(2){white-space:nowrap}.buyer,.notification>div{margin:.6em 0}
tr.forged td{color:#a33}code{font-size:.9em}.muted{color:#777}.finding b{color:#a33}</style></head>
<body><h1>Antom simulator</h1>"#;
