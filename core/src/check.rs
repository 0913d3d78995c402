//! `antom check webhook`: the integration checklist's notification lines, executed against a
//! merchant's webhook. It plays Antom: sends genuine notifications of each family, a
//! redelivery, and forgeries (wrong key, tampered body, no signature, signed for another path),
//! and reports, line by line, whether the handler acked exactly what it should.

use std::time::Duration;

use serde_json::{json, Value};

use crate::error::{Error, Result};
use crate::keys::{generate_key_pair, PrivateKey};
use crate::signature::{format_header, sign_content};
use crate::NOTIFICATION_ACK;

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckLine {
    /// What was sent, e.g. `valid PAYMENT_RESULT` or `forged signature`.
    pub name: String,
    pub passed: bool,
    /// What the handler answered, and why that passes or fails.
    pub why: String,
}

/// What a handler must do with a delivery.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Ack,
    Refuse,
}

struct Case {
    name: String,
    body: Vec<u8>,
    headers: Vec<(&'static str, String)>,
    expect: Expect,
}

/// A genuine notification of each family Antom sends, told apart by its discriminator.
fn genuine_bodies() -> Vec<(&'static str, Value)> {
    let ok = json!({"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"});
    let amount = json!({"currency": "USD", "value": "1000"});
    vec![
        (
            "PAYMENT_RESULT",
            json!({"notifyType": "PAYMENT_RESULT", "result": ok, "paymentRequestId": "check-pay-1",
            "paymentId": "check-p-1", "paymentAmount": amount, "paymentTime": "2026-01-01T00:00:00Z"}),
        ),
        (
            "CAPTURE_RESULT",
            json!({"notifyType": "CAPTURE_RESULT", "result": ok, "captureRequestId": "check-cap-1",
            "paymentId": "check-p-1", "captureId": "check-c-1", "captureAmount": amount}),
        ),
        (
            "REFUND_RESULT",
            json!({"notifyType": "REFUND_RESULT", "result": ok, "refundStatus": "SUCCESS",
            "refundRequestId": "check-ref-1", "refundId": "check-r-1", "paymentId": "check-p-1", "refundAmount": amount}),
        ),
        (
            "AUTHCODE_CREATED",
            json!({"authorizationNotifyType": "AUTHCODE_CREATED", "result": ok,
            "authCode": "check-auth-1", "authState": "check-state-1"}),
        ),
        (
            "DISPUTE_CREATED",
            json!({"disputeNotificationType": "DISPUTE_CREATED", "result": ok,
            "disputeId": "check-d-1", "paymentId": "check-p-1", "disputeAmount": amount}),
        ),
        (
            "SUBSCRIPTION_CREATED",
            json!({"subscriptionNotificationType": "SUBSCRIPTION_CREATED", "result": ok,
            "subscriptionRequestId": "check-s-1", "subscriptionId": "check-sub-1"}),
        ),
    ]
}

/// Checks the webhook at `url` (its path is what Antom signs), playing Antom with
/// `antom_key` for the merchant `client_id`; each delivery must be answered within
/// `answer_timeout` ([`ANSWER_TIMEOUT`] is Antom-like). Every line passes for a correct handler.
pub async fn check_webhook(
    url: &str,
    antom_key: &PrivateKey,
    client_id: &str,
    answer_timeout: Duration,
) -> Result<Vec<CheckLine>> {
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| Error::input(format!("the webhook URL is not a URL: {e}")))?;
    let path = parsed.path().to_string();
    let http = reqwest::Client::builder()
        .timeout(answer_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| Error::input(format!("cannot build the HTTP client: {e}")))?;
    let time = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .map_err(|e| Error::input(e.to_string()))?;
    let sign = |key: &PrivateKey, signed_path: &str, body: &[u8]| -> Result<String> {
        Ok(format_header(
            1,
            &key.sign(&sign_content("POST", signed_path, client_id, &time, body))?,
        ))
    };
    let signed_headers = |signature: String| {
        vec![
            ("client-id", client_id.to_string()),
            ("request-time", time.clone()),
            ("signature", signature),
        ]
    };
    let mut cases = Vec::new();
    for (kind, body) in genuine_bodies() {
        let body = body.to_string().into_bytes();
        let headers = signed_headers(sign(antom_key, &path, &body)?);
        cases.push(Case {
            name: format!("valid {kind}"),
            body,
            headers,
            expect: Expect::Ack,
        });
    }
    let first = cases[0].body.clone();
    let first_headers = cases[0].headers.clone();
    cases.push(Case {
        name: "the same PAYMENT_RESULT again (a redelivery)".into(),
        body: first.clone(),
        headers: first_headers.clone(),
        expect: Expect::Ack,
    });
    let unknown = json!({"notifyType": "SOMETHING_NEW", "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"}})
        .to_string()
        .into_bytes();
    let unknown_headers = signed_headers(sign(antom_key, &path, &unknown)?);
    cases.push(Case {
        name: "a genuine notification of a kind the handler does not know".into(),
        body: unknown,
        headers: unknown_headers,
        expect: Expect::Ack,
    });
    let stranger = PrivateKey::parse(&generate_key_pair()?.private_pem)?;
    cases.push(Case {
        name: "forged signature (another key)".into(),
        body: first.clone(),
        headers: signed_headers(sign(&stranger, &path, &first)?),
        expect: Expect::Refuse,
    });
    let tampered = String::from_utf8_lossy(&first)
        .replace("\"1000\"", "\"1\"")
        .into_bytes();
    cases.push(Case {
        name: "tampered body (amount changed after signing)".into(),
        body: tampered,
        headers: first_headers,
        expect: Expect::Refuse,
    });
    cases.push(Case {
        name: "missing Signature header".into(),
        body: first.clone(),
        headers: vec![
            ("client-id", client_id.to_string()),
            ("request-time", time.clone()),
        ],
        expect: Expect::Refuse,
    });
    let elsewhere = if path == "/other/notify" {
        "/another/notify"
    } else {
        "/other/notify"
    };
    cases.push(Case {
        name: format!("signed for another path ({elsewhere})"),
        body: first.clone(),
        headers: signed_headers(sign(antom_key, elsewhere, &first)?),
        expect: Expect::Refuse,
    });

    let mut report = Vec::new();
    for case in cases {
        let mut req = http
            .post(parsed.clone())
            .header("content-type", "application/json; charset=UTF-8")
            .body(case.body);
        for (k, v) in &case.headers {
            req = req.header(*k, v);
        }
        let answer = match req.send().await {
            Ok(r) => {
                let status = r.status().as_u16();
                read_bounded(r)
                    .await
                    .map(|text| (status, text))
                    .map_err(|e| format!("HTTP {status}, then the body broke off ({e})"))
            }
            Err(e) if e.is_timeout() => Err(format!(
                "no answer within {:.1} s",
                answer_timeout.as_secs_f64()
            )),
            Err(e) => Err(format!("no answer ({e})")),
        };
        let (passed, why) = judge(case.expect, answer);
        report.push(CheckLine {
            name: case.name,
            passed,
            why,
        });
    }
    Ok(report)
}

/// How long a handler may take to answer one delivery, by default.
pub const ANSWER_TIMEOUT: Duration = Duration::from_secs(15);

/// The most of an answer read: the ack is 83 bytes, and a handler that streams without end
/// must not hold the check.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

async fn read_bounded(mut r: reqwest::Response) -> reqwest::Result<String> {
    let mut body = Vec::new();
    while let Some(chunk) = r.chunk().await? {
        let room = MAX_ANSWER_BYTES - body.len();
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() == MAX_ANSWER_BYTES {
            break;
        }
    }
    Ok(String::from_utf8_lossy(&body).into_owned())
}

/// Whether the handler did what Antom needs. A genuine delivery: HTTP 200 with the exact ack.
/// A forgery: a refusal, 4xx, in time. A handler that errors (5xx), hangs or answers 200 to a
/// forgery may have acted on it before it verified anything.
fn judge(expect: Expect, answer: std::result::Result<(u16, String), String>) -> (bool, String) {
    let (status, text) = match answer {
        Ok(a) => a,
        Err(why) => {
            return match expect {
                Expect::Ack => (
                    false,
                    format!("{why}: Antom redelivers a notification it got no ack for"),
                ),
                Expect::Refuse => (
                    false,
                    format!(
                        "{why}: a forgery must be refused at once (HTTP 401), never left hanging"
                    ),
                ),
            }
        }
    };
    let acked = status == 200 && is_ack(&text);
    let answered = format!("HTTP {status}{}", if acked { " with the ack" } else { "" });
    match (expect, status) {
        (Expect::Ack, _) if acked => (true, answered),
        (Expect::Ack, 200) => (false, format!("{answered}, but the body is not exactly the ack {NOTIFICATION_ACK}: Antom redelivers")),
        (Expect::Ack, _) => (false, format!("{answered}: a genuine notification must be acked (HTTP 200 and the ack), or Antom redelivers it for 24 hours")),
        (Expect::Refuse, 400..=499) => (true, format!("{answered}: refused")),
        (Expect::Refuse, _) if acked => (false, format!("{answered}: the handler acted on a notification it did not verify")),
        (Expect::Refuse, 500..=599) => (false, format!("{answered}: the handler failed on a forgery instead of refusing it (HTTP 401); did it parse before verifying?")),
        (Expect::Refuse, _) => (false, format!("{answered}: a forgery must be refused (HTTP 401), not answered as handled")),
    }
}

/// The ack as PROTOCOL §6 asks for it: exactly [`NOTIFICATION_ACK`] (surrounding whitespace,
/// such as a trailing newline, aside).
pub fn is_ack(text: &str) -> bool {
    text.trim() == NOTIFICATION_ACK
}
