//! Audit mode (`antom sim --audit`): while a merchant's own test flow runs against the
//! simulator, it watches for breaches of Antom's integration red lines and keeps a report
//! (`GET /sim/audit`, `antom check report`, and `audit.json` in the state folder).
//!
//! The simulator sees both sides of every exchange, so it can judge what no SDK can: what the
//! merchant did next. Each rule counts what it checked, so a clean report says how much was
//! exercised, not only that nothing was found.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::faults;
use crate::keyscan::holds_private_key;

mod rule;

use crate::reply::iso_now;
pub use rule::{Finding, Rule};

/// How long a new pay by the same buyer for the same amount counts as "the same order" when
/// the merchant sends no `referenceOrderId` to match on.
pub const SAME_BUYER_WINDOW: Duration = Duration::from_secs(600);

/// Findings kept in full; past this, each rule only counts them (one wrong loop can breach a
/// rule thousands of times, and the first findings already say what to fix).
const MAX_FINDINGS: usize = 1000;

/// Unknown outcomes remembered; the oldest go first (the ledger itself is capped too).
const MAX_UNCONFIRMED: usize = 10_000;

/// A pay whose outcome the merchant could not know from the answer.
#[derive(Debug)]
struct Unconfirmed {
    client: String,
    payment_request_id: String,
    payment_id: Option<String>,
    order: Option<String>,
    buyer: Option<String>,
    amount: String,
    request_id: String,
    why: String,
    at: Instant,
}

#[derive(Debug, Default)]
struct Inner {
    findings: Vec<Finding>,
    /// How many findings the report file holds.
    saved: usize,
    reported: HashSet<(Rule, String)>,
    checked: HashMap<Rule, u64>,
    /// Findings past MAX_FINDINGS, counted by rule.
    dropped: HashMap<Rule, u64>,
    unconfirmed: Vec<Unconfirmed>,
    pays: HashSet<(String, String)>,
    /// paymentIds the merchant saw succeed: a verified S answer, inquiry or acked notification.
    confirmed: HashSet<String>,
    /// paymentId -> the request id of its pay, to name it in notification findings.
    pay_request: HashMap<String, String>,
}

/// The audit of one simulator run.
#[derive(Debug)]
pub struct Audit {
    inner: Mutex<Inner>,
    report_file: PathBuf,
}

/// One API exchange as the merchant saw it.
pub struct Exchange<'a> {
    pub request_id: &'a str,
    pub client: &'a str,
    pub endpoint: &'a str,
    pub request: &'a Value,
    pub answer: &'a Value,
    /// The response fault applied, if any: the merchant could not trust such an answer.
    pub fault: Option<u32>,
    /// The paymentId the simulator holds for the request's paymentRequestId, if any.
    pub payment_id: Option<String>,
}

/// What a finding of a report names, for people: its notification id, then its request ids
/// (`EVT000000000003; req-4`).
pub fn evidence(finding: &Value) -> String {
    let ids = finding["requestIds"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    match finding["notificationId"].as_str() {
        Some(n) if ids.is_empty() => n.to_string(),
        Some(n) => format!("{n}; {ids}"),
        None => ids,
    }
}

fn text(v: &Value, pointer: &str) -> Option<String> {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl Audit {
    pub fn new(report_file: PathBuf) -> Audit {
        Audit {
            inner: Mutex::new(Inner::default()),
            report_file,
        }
    }

    pub fn report_file(&self) -> &PathBuf {
        &self.report_file
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Checks a request's raw headers and body for private key material, before anything else
    /// (even a request the simulator then rejects has already left the merchant).
    pub fn scan(&self, request_id: &str, headers: &[(String, String)], body: &[u8]) {
        let body = String::from_utf8_lossy(body);
        let hit = headers
            .iter()
            .find(|(_, v)| holds_private_key(v))
            .map(|(name, _)| format!("the {name} header"))
            .or_else(|| holds_private_key(&body).then(|| "the body".to_string()));
        let mut inner = self.lock();
        *inner.checked.entry(Rule::PrivateKeyInRequest).or_default() += 1;
        if let Some(place) = hit {
            let detail = format!("{place} holds a private key; only the signature may leave the server, and this key must now be replaced");
            inner.add(
                Rule::PrivateKeyInRequest,
                request_id.to_string(),
                vec![request_id.to_string()],
                None,
                detail,
            );
        }
        drop(inner);
        self.save_if_new();
    }

    /// Watches one answered API request.
    pub fn exchange(&self, x: &Exchange<'_>) {
        let trusted = !x.fault.is_some_and(faults::is_response_fault);
        let status = if trusted {
            text(x.answer, "/result/resultStatus")
        } else {
            None
        };
        let code = text(x.answer, "/result/resultCode").unwrap_or_default();
        let mut inner = self.lock();
        match x.endpoint {
            "payments.pay" => inner.pay(x, status.as_deref(), &code),
            "payments.inquiryPayment" | "payments.cancel" if status.as_deref() == Some("S") => {
                let final_status = if x.endpoint == "payments.cancel" {
                    Some("CANCELLED".to_string())
                } else {
                    text(x.answer, "/paymentStatus")
                        .filter(|s| matches!(s.as_str(), "SUCCESS" | "FAIL" | "CANCELLED"))
                };
                if let Some(s) = final_status {
                    let pid = x
                        .payment_id
                        .clone()
                        .or_else(|| text(x.request, "/paymentId"));
                    inner.resolve(x.client, text(x.request, "/paymentRequestId"), pid.clone());
                    if let (Some(pid), "SUCCESS") = (pid, s.as_str()) {
                        inner.confirmed.insert(pid);
                    }
                }
            }
            "payments.capture" | "payments.refund" => {
                *inner
                    .checked
                    .entry(Rule::FulfilledUnconfirmedPayment)
                    .or_default() += 1;
                if let Some(pid) = text(x.request, "/paymentId") {
                    if !inner.confirmed.contains(&pid) {
                        let what = x.endpoint.trim_start_matches("payments.");
                        let mut ids = inner
                            .pay_request
                            .get(&pid)
                            .cloned()
                            .into_iter()
                            .collect::<Vec<_>>();
                        ids.push(x.request_id.to_string());
                        let detail = format!("{what} of payment {pid}, whose success the merchant never saw in a verified answer, inquiry or notification (a buyer's redirect proves nothing)");
                        inner.add(Rule::FulfilledUnconfirmedPayment, pid, ids, None, detail);
                    }
                }
            }
            _ => {}
        }
        drop(inner);
        self.save_if_new();
    }

    /// Watches one notification attempt: a forged one must not be acked; an acked genuine one
    /// confirms what it reports.
    pub fn notification(&self, seq: u64, data: &Value, forged: bool, acked: bool) {
        let pid = text(data, "/paymentId");
        let mut inner = self.lock();
        if forged {
            *inner
                .checked
                .entry(Rule::AckedForgedNotification)
                .or_default() += 1;
            if acked {
                let id = format!("EVT{seq:012}");
                let ids = pid
                    .as_ref()
                    .and_then(|p| inner.pay_request.get(p).cloned())
                    .into_iter()
                    .collect();
                let detail = format!(
                    "a {} notification for payment {} with a signature that does not verify was acked: the handler must verify the raw body before it acts or acks",
                    text(data, "/notifyType").unwrap_or_default(),
                    pid.as_deref().unwrap_or("-")
                );
                inner.add(
                    Rule::AckedForgedNotification,
                    id.clone(),
                    ids,
                    Some(id),
                    detail,
                );
            }
        } else if acked && text(data, "/notifyType").as_deref() == Some("PAYMENT_RESULT") {
            let client = inner
                .unconfirmed
                .iter()
                .find(|u| u.payment_id == pid)
                .map(|u| u.client.clone())
                .unwrap_or_default();
            inner.resolve(&client, text(data, "/paymentRequestId"), pid.clone());
            if let (Some(pid), Some("S")) = (pid, text(data, "/result/resultStatus").as_deref()) {
                inner.confirmed.insert(pid);
            }
        }
        drop(inner);
        self.save_if_new();
    }

    /// The report: per rule what was checked and found, then every finding, oldest first.
    pub fn report(&self) -> Value {
        let inner = self.lock();
        let rules: Vec<Value> = Rule::ALL
            .iter()
            .map(|r| {
                json!({
                    "rule": r.id(), "title": r.title(),
                    "checked": inner.checked.get(r).copied().unwrap_or(0),
                    "findings": inner.findings.iter().filter(|f| f.rule == r.id()).count() as u64
                        + inner.dropped.get(r).copied().unwrap_or(0),
                    "exercisedBy": r.exercise(),
                })
            })
            .collect();
        json!({"audit": true, "rules": rules, "findings": inner.findings})
    }

    /// Writes the report file when a finding arrived since the last write.
    fn save_if_new(&self) {
        let new = {
            let mut inner = self.lock();
            let new = inner.findings.len() != inner.saved;
            inner.saved = inner.findings.len();
            new
        };
        if new {
            self.save();
        }
    }

    /// Writes the report to its file (also done when the simulator stops).
    pub fn save(&self) {
        let text = serde_json::to_string_pretty(&self.report()).unwrap_or_default();
        let tmp = self.report_file.with_extension("json.tmp");
        if std::fs::write(&tmp, text).is_ok() {
            let _ = std::fs::rename(&tmp, &self.report_file);
        }
    }
}

impl Inner {
    fn add(
        &mut self,
        rule: Rule,
        key: String,
        request_ids: Vec<String>,
        notification_id: Option<String>,
        detail: String,
    ) {
        if self.findings.len() >= MAX_FINDINGS {
            *self.dropped.entry(rule).or_default() += 1;
            return;
        }
        if self.reported.insert((rule, key)) {
            self.findings.push(Finding {
                rule: rule.id(),
                title: rule.title(),
                time: iso_now(),
                request_ids,
                notification_id,
                detail,
            });
        }
    }

    fn pay(&mut self, x: &Exchange<'_>, status: Option<&str>, code: &str) {
        let Some(prid) = text(x.request, "/paymentRequestId") else {
            return;
        };
        let is_final = matches!(status, Some("S" | "F"));
        if let Some(pid) = &x.payment_id {
            self.pay_request
                .entry(pid.clone())
                .or_insert_with(|| x.request_id.to_string());
            if status == Some("S") {
                self.confirmed.insert(pid.clone());
            }
        }
        // A retry with the same paymentRequestId is the safe way to recover: it cannot charge
        // twice. Its final answer confirms the outcome.
        if !self.pays.insert((x.client.to_string(), prid.clone())) {
            if is_final {
                self.resolve(x.client, Some(prid), None);
            }
            return;
        }
        *self.checked.entry(Rule::PayAgainBeforeOutcome).or_default() += 1;
        let order = text(x.request, "/order/referenceOrderId");
        let buyer = text(x.request, "/order/buyer/referenceBuyerId");
        let amount = format!(
            "{} {}",
            text(x.request, "/paymentAmount/currency").unwrap_or_default(),
            text(x.request, "/paymentAmount/value").unwrap_or_default()
        );
        let earlier: Vec<(String, String, String, String)> = self
            .unconfirmed
            .iter()
            .filter(|u| u.client == x.client && u.payment_request_id != prid)
            .filter(|u| {
                let same_order = order.is_some() && u.order == order;
                let same_buyer = buyer.is_some()
                    && u.buyer == buyer
                    && u.amount == amount
                    && u.at.elapsed() < SAME_BUYER_WINDOW;
                same_order || same_buyer
            })
            .map(|u| {
                (
                    u.request_id.clone(),
                    u.payment_request_id.clone(),
                    u.why.clone(),
                    if u.order.is_some() && u.order == order {
                        format!("order {}", u.order.as_deref().unwrap_or_default())
                    } else {
                        format!(
                            "buyer {} and {amount}",
                            buyer.as_deref().unwrap_or_default()
                        )
                    },
                )
            })
            .collect();
        for (first, first_prid, why, same) in earlier {
            let detail = format!("pay {prid} for the same {same} while pay {first_prid} had an unknown outcome ({why}) that was never confirmed by an inquiry, a cancel or a notification: the buyer may be charged twice");
            self.add(
                Rule::PayAgainBeforeOutcome,
                format!("{first_prid}|{prid}"),
                vec![first, x.request_id.to_string()],
                None,
                detail,
            );
        }
        if !is_final {
            let why = match x.fault {
                Some(faults::SLOW) => "the answer was held past the client's timeout".to_string(),
                Some(faults::HTTP_500) => "HTTP 500".to_string(),
                Some(faults::BAD_SIGNATURE) => "the answer's signature did not verify".to_string(),
                Some(faults::UNSIGNED) => "the answer was unsigned".to_string(),
                Some(faults::NOT_JSON) => "the answer was not JSON".to_string(),
                _ => format!("U {code}"),
            };
            if self.unconfirmed.len() >= MAX_UNCONFIRMED {
                self.unconfirmed.drain(..MAX_UNCONFIRMED / 10);
            }
            self.unconfirmed.push(Unconfirmed {
                client: x.client.to_string(),
                payment_request_id: prid,
                payment_id: x.payment_id.clone(),
                order,
                buyer,
                amount,
                request_id: x.request_id.to_string(),
                why,
                at: Instant::now(),
            });
        }
    }

    /// The merchant learned a final outcome: the pay is no longer unknown.
    fn resolve(&mut self, client: &str, prid: Option<String>, pid: Option<String>) {
        self.unconfirmed.retain(|u| {
            let same_client = client.is_empty() || u.client == client;
            let same = (prid.is_some() && prid.as_ref() == Some(&u.payment_request_id))
                || (pid.is_some() && u.payment_id == pid);
            !(same_client && same)
        });
    }
}
