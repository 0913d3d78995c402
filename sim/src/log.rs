//! The request log on stderr: one line per API request (method, path, HTTP status, result
//! status and code, latency, client id) and one per notification attempt (URL, HTTP status or
//! error, next attempt), as text or JSON lines; `antom sim --quiet` turns it off.

use serde_json::json;

use crate::reply::iso_now;

/// Merchant text (a path, a client id, a notify URL, an order id) as one safe line of a log or a
/// report: control characters (newlines that would forge a line, terminal escapes) and the
/// invisible characters that reorder text are written as escapes, and it is cut at 200.
pub fn printable(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(256));
    for (i, c) in s.chars().enumerate() {
        if i == 200 {
            out.push('…');
            break;
        }
        let invisible = matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
        if c.is_control() || invisible {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

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
            "{} {} POST {} {} {} {} {}ms client={}",
            iso_now(),
            r.id,
            printable(r.path),
            r.http,
            printable(status),
            printable(code),
            r.ms,
            printable(r.client_id)
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
                printable(a.kind),
                a.attempt,
                printable(a.url),
                printable(a.outcome)
            );
        }
        LogFormat::Json => eprintln!(
            "{}",
            json!({"time": iso_now(), "event": "notification", "kind": a.kind, "url": a.url, "attempt": a.attempt,
                   "http": a.http, "outcome": a.outcome, "nextAttemptInSeconds": a.next_in})
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn merchant_text_stays_one_visible_line() {
        assert_eq!(printable("order-1"), "order-1");
        assert_eq!(
            printable("o\n2026-01-01 req-9 POST /x 200 S SUCCESS"),
            "o\\n2026-01-01 req-9 POST /x 200 S SUCCESS"
        );
        assert_eq!(printable("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(printable("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(printable(&"x".repeat(500)).chars().count(), 201);
    }
}
