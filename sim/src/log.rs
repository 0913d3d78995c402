//! The request log on stderr: one line per API request (method, path, HTTP status, result
//! status and code, latency, client id) and one per notification attempt (URL, HTTP status or
//! error, next attempt), as text or JSON lines; `antom sim --quiet` turns it off.

use serde_json::json;

use crate::reply::iso_now;

/// How the simulator logs requests and deliveries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// Nothing (the default for an embedded simulator: tests stay quiet).
    #[default]
    Off,
    /// One readable line per event.
    Text,
    /// One JSON object per line.
    Json,
}

/// The `result` an API answer carried, attached to the response for the log.
#[derive(Debug, Clone)]
pub struct ResultLine {
    pub status: String,
    pub code: String,
}

impl ResultLine {
    pub fn of(body: &str) -> Option<ResultLine> {
        let v: serde_json::Value = serde_json::from_str(body).ok()?;
        let text = |k: &str| v.pointer(k).and_then(|x| x.as_str()).map(str::to_string);
        Some(ResultLine {
            status: text("/result/resultStatus")?,
            code: text("/result/resultCode").unwrap_or_default(),
        })
    }
}

pub struct Request<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub http: u16,
    pub result: Option<&'a ResultLine>,
    pub ms: u128,
    pub client_id: &'a str,
}

pub fn request(format: LogFormat, r: &Request<'_>) {
    let (status, code) = r
        .result
        .map(|l| (l.status.as_str(), l.code.as_str()))
        .unwrap_or(("-", "-"));
    match format {
        LogFormat::Off => {}
        LogFormat::Text => eprintln!(
            "{} {} POST {} {} {status} {code} {}ms client={}",
            iso_now(),
            r.id,
            r.path,
            r.http,
            r.ms,
            r.client_id
        ),
        LogFormat::Json => eprintln!(
            "{}",
            json!({"time": iso_now(), "event": "request", "id": r.id, "method": "POST", "path": r.path, "http": r.http,
                   "resultStatus": r.result.map(|l| &l.status), "resultCode": r.result.map(|l| &l.code),
                   "ms": r.ms as u64, "clientId": r.client_id})
        ),
    }
}

pub struct Attempt<'a> {
    pub kind: &'a str,
    pub url: &'a str,
    pub attempt: u32,
    pub http: Option<u16>,
    pub outcome: &'a str,
    /// Seconds until the next attempt, when there is one.
    pub next_in: Option<f64>,
}

pub fn delivery(format: LogFormat, a: &Attempt<'_>) {
    match format {
        LogFormat::Off => {}
        LogFormat::Text => {
            let http = a.http.map_or("-".to_string(), |s| s.to_string());
            let next = a.next_in.map_or("no further attempt".to_string(), |s| {
                format!("next attempt in {s:.1}s")
            });
            eprintln!(
                "{} NOTIFY {} #{} {} {http} {}; {next}",
                iso_now(),
                a.kind,
                a.attempt,
                a.url,
                a.outcome
            );
        }
        LogFormat::Json => eprintln!(
            "{}",
            json!({"time": iso_now(), "event": "notification", "kind": a.kind, "url": a.url, "attempt": a.attempt,
                   "http": a.http, "outcome": a.outcome, "nextAttemptInSeconds": a.next_in})
        ),
    }
}
