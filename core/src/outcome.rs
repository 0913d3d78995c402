//! What one attempt got, and what a whole call reports once its attempts are over. This is
//! where "an unknown outcome is never turned into a failure" is enforced: once any attempt of a
//! call with side effects may have reached Antom, the call cannot end as a plain failure.

use crate::attempt::{Attempt, AttemptOutcome};
use crate::error::{Error, ErrorKind, Result};
use crate::response::{self, Expect, RawResponse, Response};
use crate::retry;
use crate::transport::SendError;

/// The facts of the call that every attempt shares.
pub(crate) struct CallContext<'a> {
    pub expect: Expect<'a>,
    /// False for inquiries and other calls without side effects.
    pub side_effect: bool,
}

/// Classifies one attempt: its outcome for the retry policy, and what it would report.
pub(crate) fn classify(
    ctx: &CallContext<'_>,
    sent: std::result::Result<RawResponse, SendError>,
) -> (AttemptOutcome, Result<Response>) {
    match sent {
        Ok(raw) => {
            let status = raw.status;
            match response::evaluate(raw, &ctx.expect) {
                Ok(r) => {
                    let outcome = AttemptOutcome::Answer {
                        status: r.result.status,
                        code: r.result.code.clone(),
                        verified: r.verified,
                    };
                    (outcome, Ok(r))
                }
                Err(e) if e.kind() == ErrorKind::HttpStatus => {
                    (AttemptOutcome::HttpStatus(status), Err(e))
                }
                Err(e) => (AttemptOutcome::Unusable, Err(e)),
            }
        }
        Err(SendError::TooLarge) => (
            AttemptOutcome::Unusable,
            Err(Error::new(
                ErrorKind::InvalidResponse,
                "the response body exceeds the size limit",
            )),
        ),
        Err(SendError::NotSent { timeout, message }) => (
            AttemptOutcome::NotSent { timeout },
            Err(network_error(
                timeout,
                format!("the request did not reach Antom: {message}"),
            )),
        ),
        Err(SendError::Lost { timeout, message }) => (
            AttemptOutcome::Lost { timeout },
            Err(network_error(
                timeout,
                format!("no answer from Antom: {message}"),
            )),
        ),
    }
}

/// What the call reports after its last attempt, given every attempt's outcome.
pub(crate) fn verdict(
    ctx: &CallContext<'_>,
    last: Result<Response>,
    history: Vec<Attempt>,
) -> Result<Response> {
    let attempts = u32::try_from(history.len()).unwrap_or(u32::MAX);
    let final_outcome = history.last().map(|a| a.outcome.clone());
    let earlier = history
        .iter()
        .take(history.len().saturating_sub(1))
        .any(|a| crate::attempt::may_have_happened(&a.outcome));
    let now = final_outcome
        .as_ref()
        .is_some_and(crate::attempt::may_have_happened);
    let is_answer = final_outcome.as_ref().is_some_and(retry::is_answer);
    let finish = |e: Error| {
        e.with_endpoint(ctx.expect.path)
            .with_idempotency_key(ctx.expect.idempotency_key.map(str::to_string))
            .with_history(history.clone())
    };
    match last {
        // A verified S/F or a U answers the call; an unverified F does too when nothing before
        // it may have reached Antom (it stays visible, `verified == false`).
        Ok(mut r) if is_answer || !(ctx.side_effect && earlier) => {
            r.attempts = attempts;
            r.history = history;
            Ok(r)
        }
        Ok(r) => Err(finish(
            unknown(&history, "the last answer is unverified").with_raw_body(r.raw),
        )),
        Err(e) if !ctx.side_effect || !(earlier || now) => Err(finish(e)),
        // The kind of a security signal is kept; the flag says the outcome is unknown.
        Err(e) if is_security_signal(e.kind()) => Err(finish(e.mark_outcome_unknown())),
        Err(e) if e.kind() == ErrorKind::OutcomeUnknown => Err(finish(e)),
        Err(e) => {
            let mut u = unknown(&history, e.message());
            if let Some(status) = e.http_status() {
                u = u.with_http_status(status);
            }
            if let Some(raw) = e.raw_body() {
                u = u.with_raw_body(raw.to_string());
            }
            Err(finish(
                u.with_result_code(e.result_code().map(str::to_string)),
            ))
        }
    }
}

/// A failure on the wire: `TIMEOUT` or `TRANSPORT`. Whether it may have had an effect is the
/// verdict's business, not this kind's.
fn network_error(timeout: bool, message: String) -> Error {
    let kind = if timeout {
        ErrorKind::Timeout
    } else {
        ErrorKind::Transport
    };
    Error::new(kind, message)
}

fn is_security_signal(kind: ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::SignatureMismatch | ErrorKind::UnsignedResponse | ErrorKind::InvalidResponse
    )
}

fn unknown(history: &[Attempt], last: &str) -> Error {
    let attempts: Vec<String> = history.iter().map(Attempt::to_string).collect();
    Error::new(
        ErrorKind::OutcomeUnknown,
        format!(
            "the request may have reached Antom and its outcome is unknown ({}; last: {last}); \
             inquire with the idempotency key or wait for the notification, never charge again",
            attempts.join("; ")
        ),
    )
    .mark_outcome_unknown()
}
