//! Signed notifications, POSTed to the merchant and redelivered on Antom's schedule until the
//! exact ack arrives. Deliveries only go to loopback hosts: the simulator never reaches out.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};

use crate::events::{Event, Status};
use crate::reply::iso_now;
use crate::state::{Delivery, PayStatus, Payment, Refund};
use crate::{faults, Sim};

/// Antom's delays before each of the 8 attempts, in seconds (scaled by `--time-scale`).
pub const SCHEDULE: [u64; 8] = [0, 120, 600, 600, 3600, 7200, 21_600, 54_000];

pub fn payment_result(sim: &Arc<Sim>, p: &Payment) {
    let Some(url) = p.notify_url.clone() else {
        return;
    };
    let result = match p.status {
        PayStatus::Success => {
            json!({"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"})
        }
        _ => {
            let code = if p.fault == Some(faults::BALANCE) {
                "USER_BALANCE_NOT_ENOUGH"
            } else {
                "USER_REJECTED"
            };
            json!({"resultCode": code, "resultStatus": "F", "resultMessage": "the payment failed"})
        }
    };
    let body = json!({
        "notifyType": "PAYMENT_RESULT",
        "result": result,
        "paymentRequestId": p.payment_request_id,
        "paymentId": p.payment_id,
        "paymentAmount": {"currency": p.currency, "value": p.value.to_string()},
        "paymentCreateTime": p.create_time,
        "paymentTime": p.pay_time,
    });
    send(
        sim,
        &p.client_id,
        url,
        "PAYMENT_RESULT",
        body,
        p.fault == Some(faults::BAD_NOTIFICATION),
    );
}

pub fn capture_result(sim: &Arc<Sim>, p: &Payment, response: &Value) {
    let Some(url) = p.notify_url.clone() else {
        return;
    };
    let mut body = response.clone();
    if let Value::Object(map) = &mut body {
        map.insert("notifyType".into(), json!("CAPTURE_RESULT"));
    }
    send(sim, &p.client_id, url, "CAPTURE_RESULT", body, false);
}

pub fn refund_result(sim: &Arc<Sim>, client: &str, url: &str, r: &Refund) {
    let body = json!({
        "notifyType": "REFUND_RESULT",
        "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
        "refundStatus": "SUCCESS",
        "refundRequestId": r.refund_request_id,
        "refundId": r.refund_id,
        "paymentId": r.payment_id,
        "refundAmount": {"currency": r.currency, "value": r.value.to_string()},
        "refundTime": r.time,
    });
    send(sim, client, url.to_string(), "REFUND_RESULT", body, false);
}

fn send(sim: &Arc<Sim>, client: &str, url: String, kind: &str, body: Value, corrupt: bool) {
    let id = {
        let mut ledger = sim.ledger();
        ledger.next_notification += 1;
        let seq = ledger.next_notification;
        if ledger.events.len() >= crate::state::MAX_DELIVERIES {
            ledger
                .events
                .remove_first(crate::state::MAX_DELIVERIES / 10);
        }
        ledger.events.insert(
            seq,
            Event {
                seq,
                client: client.to_string(),
                notify_type: kind.to_string(),
                created: iso_now(),
                data: body,
                status: Status::Processing,
                url,
                corrupt,
                attempts: 0,
                next_due_ms: now_ms(),
            },
        );
        seq
    };
    // The caller persists the ledger (event included) before it answers; the first attempt
    // starts now, whatever the order.
    tokio::spawn(run(sim.clone(), id));
}

/// Restarts delivery of every notification still in progress (after a restart on a state
/// file): each resumes at its next attempt, at the time it was due (at once if overdue).
pub fn resume(sim: &Arc<Sim>) {
    let pending: Vec<u64> = sim
        .ledger()
        .events
        .values()
        .filter(|e| e.status == Status::Processing)
        .map(|e| e.seq)
        .collect();
    for id in pending {
        tokio::spawn(run(sim.clone(), id));
    }
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or_default()
}

/// Delivers one notification on Antom's schedule, recording each attempt in the ledger (and
/// the state file) so a restart continues where this left off.
async fn run(sim: Arc<Sim>, id: u64) {
    loop {
        let Some(event) = processing(&sim, id) else {
            return;
        };
        let wait = event.next_due_ms.saturating_sub(now_ms());
        tokio::time::sleep(Duration::from_millis(wait)).await;
        // A resend may have been acked while this attempt waited.
        let Some(event) = processing(&sim, id) else {
            return;
        };
        if event.attempts == 0 && sim.audit.is_some() {
            probe(&sim, &event).await;
        }
        let attempt = event.attempts + 1;
        let sent = deliver(&sim, &event, event.corrupt).await;
        let deliverable = sent.http.is_some()
            || reqwest::Url::parse(&event.url)
                .map(|u| antom::gateway::is_loopback(u.host_str().unwrap_or_default()))
                .unwrap_or(false);
        let status = match SCHEDULE.get(attempt as usize) {
            _ if sent.acked => Status::Success,
            Some(delay) if deliverable => {
                let wait = Duration::from_secs_f64(*delay as f64 * sim.time_scale);
                let mut ledger = sim.ledger();
                if let Some(e) = ledger.events.get_mut(&id) {
                    e.next_due_ms = now_ms() + wait.as_millis() as u64;
                }
                Status::Processing
            }
            _ => Status::Failed,
        };
        let next_in = SCHEDULE
            .get(attempt as usize)
            .filter(|_| status == Status::Processing)
            .map(|d| *d as f64 * sim.time_scale);
        record(&sim, &event, attempt, sent, status, next_in);
        if status != Status::Processing {
            return;
        }
    }
}

/// The event, while it is still being delivered.
fn processing(sim: &Sim, id: u64) -> Option<Event> {
    sim.ledger()
        .events
        .get(&id)
        .filter(|e| e.status == Status::Processing)
        .cloned()
}

/// Logs, audits and records one attempt, then saves the ledger.
fn record(
    sim: &Sim,
    event: &Event,
    attempt: u32,
    sent: Sent,
    status: Status,
    next_in: Option<f64>,
) {
    crate::log::delivery(
        sim.log,
        &crate::log::Attempt {
            kind: &event.notify_type,
            url: &event.url,
            attempt,
            http: sent.http,
            outcome: &sent.outcome,
            next_in,
        },
    );
    if let Some(audit) = &sim.audit {
        audit.notification(event.seq, &event.data, event.corrupt, sent.acked);
    }
    {
        let mut ledger = sim.ledger();
        ledger.record_delivery(Delivery {
            id: event.seq,
            kind: event.notify_type.clone(),
            url: event.url.clone(),
            attempt,
            at: iso_now(),
            http_status: sent.http,
            acked: sent.acked,
            outcome: sent.outcome,
            response: sent.excerpt,
            forged: event.corrupt,
        });
        if let Some(e) = ledger.events.get_mut(&event.seq) {
            e.attempts = e.attempts.max(attempt);
            if e.status == Status::Processing || status == Status::Success {
                e.status = status;
            }
        }
    }
    sim.persist();
}

/// Audit mode: before a notification's first attempt, a forged copy (same bytes, a signature
/// that does not verify) goes to the same URL. A handler that acks it acts on anything.
async fn probe(sim: &Sim, event: &Event) {
    let sent = deliver(sim, event, true).await;
    if sent.http.is_none() {
        return;
    }
    if let Some(audit) = &sim.audit {
        audit.notification(event.seq, &event.data, true, sent.acked);
    }
    sim.ledger().record_delivery(Delivery {
        id: event.seq,
        kind: event.notify_type.clone(),
        url: event.url.clone(),
        attempt: 0,
        at: iso_now(),
        http_status: sent.http,
        acked: sent.acked,
        outcome: format!(
            "audit probe with a forged signature: {}",
            if sent.acked {
                "ACKED (a red-line breach)"
            } else {
                "refused, as it must be"
            }
        ),
        response: sent.excerpt,
        forged: true,
    });
}

/// Delivers a notification once more now, outside its schedule (the dashboard's "Resend"):
/// a handler must ack a redelivery of what it already processed.
pub fn resend(sim: &Arc<Sim>, id: u64) -> Result<(), String> {
    let event = sim
        .ledger()
        .events
        .get(&id)
        .cloned()
        .ok_or("no such notification")?;
    let sim = sim.clone();
    tokio::spawn(async move {
        let sent = deliver(&sim, &event, event.corrupt).await;
        let status = if sent.acked {
            Status::Success
        } else {
            event.status
        };
        let attempt = event.attempts + 1;
        record(&sim, &event, attempt, sent, status, None);
    });
    Ok(())
}

/// What one attempt got back.
struct Sent {
    http: Option<u16>,
    acked: bool,
    outcome: String,
    /// The start of the merchant's answer, for the dashboard.
    excerpt: Option<String>,
}

/// One attempt, signed for the URL's path (with a corrupted signature when `corrupt`).
async fn deliver(sim: &Sim, event: &Event, corrupt: bool) -> Sent {
    let failed = |outcome: String| Sent {
        http: None,
        acked: false,
        outcome,
        excerpt: None,
    };
    // The same bytes on every attempt: `data` keeps its field order.
    let body = event.data.to_string();
    let client = event.client.as_str();
    let Ok(parsed) = reqwest::Url::parse(&event.url) else {
        return failed("invalid notify URL".into());
    };
    if !antom::gateway::is_loopback(parsed.host_str().unwrap_or_default()) {
        return failed("not delivered: the simulator only notifies loopback hosts".into());
    }
    let time = iso_now();
    let content = antom::sign_content("POST", parsed.path(), client, &time, body.as_bytes());
    let mut sig = match sim.antom_key.sign(&content) {
        Ok(s) => s,
        Err(e) => return failed(e.to_string()),
    };
    if corrupt {
        if let Some(b) = sig.get_mut(7) {
            *b ^= 0x5a;
        }
    }
    let sent = sim
        .http
        .post(parsed)
        .header("content-type", "application/json; charset=UTF-8")
        .header("client-id", client)
        .header("request-time", &time)
        .header("signature", antom::format_header(1, &sig))
        .body(body)
        .send()
        .await;
    match sent {
        Ok(resp) => {
            let status = resp.status().as_u16();
            let text = resp.text().await.unwrap_or_default();
            let acked = status == 200 && antom::check::is_ack(&text);
            let excerpt: String = text.chars().take(200).collect();
            let outcome = if acked {
                "acked".to_string()
            } else {
                format!("not acked: {}", text.chars().take(120).collect::<String>())
            };
            Sent {
                http: Some(status),
                acked,
                outcome,
                excerpt: Some(excerpt),
            }
        }
        Err(e) => failed(format!("delivery failed: {e}")),
    }
}
