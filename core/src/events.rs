//! One event per attempt of a call, for a merchant's logging or metrics: what was called and
//! what came back, never a body, a header value, a signature or a key. Set with
//! [`crate::ConfigBuilder::on_attempt`]; the core's `tracing` events say the same.

use std::sync::Arc;
use std::time::Duration;

use crate::attempt::{Attempt, AttemptOutcome};

/// What one attempt of a call did. Holds nothing secret: the path, the attempt's HTTP status,
/// Antom's result status and code, the latency and the idempotency key (an order id).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct AttemptEvent {
    /// Always `POST` (Antom's API takes nothing else).
    pub method: &'static str,
    /// The path called (after any sandbox rewrite).
    pub path: String,
    /// 1 for the first attempt.
    pub attempt: u32,
    /// The answer's HTTP status, if one came.
    pub http_status: Option<u16>,
    /// `S`, `F` or `U`, if the answer had a result.
    pub result_status: Option<String>,
    /// Antom's resultCode, if the answer had a result.
    pub result_code: Option<String>,
    /// Whether the answer's signature verified, if it had a result.
    pub verified: Option<bool>,
    /// What the attempt got, e.g. `HTTP 503`, `sent, timed out`, `U UNKNOWN_EXCEPTION (verified)`.
    pub outcome: String,
    /// Send to answer (or to failure).
    #[serde(rename = "latency_ms", serialize_with = "millis")]
    pub latency: Duration,
    /// The request's idempotency key (paymentRequestId, ...), if it has one.
    pub idempotency_key: Option<String>,
    /// Whether another attempt follows.
    pub will_retry: bool,
}

fn millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// The hook a client calls after every attempt.
pub type AttemptHook = Arc<dyn Fn(&AttemptEvent) + Send + Sync>;

/// Hands one attempt to the configured hook (the configuration's `on_attempt`), if any. A hook
/// that panics is contained: logging must never change what a payment call reports.
pub(crate) fn report(
    hook: Option<&AttemptHook>,
    path: &str,
    attempt: &Attempt,
    idempotency_key: Option<&str>,
    will_retry: bool,
) {
    if let Some(hook) = hook {
        let event = AttemptEvent::new(path, attempt, idempotency_key, will_retry);
        let run = std::panic::AssertUnwindSafe(|| hook(&event));
        if std::panic::catch_unwind(run).is_err() {
            tracing::warn!(
                attempt = attempt.number,
                "the on_attempt hook panicked (ignored)"
            );
        }
    }
}

impl AttemptEvent {
    pub(crate) fn new(
        path: &str,
        attempt: &Attempt,
        idempotency_key: Option<&str>,
        will_retry: bool,
    ) -> Self {
        let (result_status, result_code, verified) = match &attempt.outcome {
            AttemptOutcome::Answer {
                status,
                code,
                verified,
            } => (
                Some(status.as_str().to_string()),
                Some(code.clone()),
                Some(*verified),
            ),
            _ => (None, None, None),
        };
        AttemptEvent {
            method: "POST",
            path: path.to_string(),
            attempt: attempt.number,
            http_status: attempt.http_status,
            result_status,
            result_code,
            verified,
            outcome: attempt.outcome.to_string(),
            latency: Duration::from_millis(attempt.latency_ms),
            idempotency_key: idempotency_key.map(str::to_string),
            will_retry,
        }
    }
}
