//! When a retry is safe, what an attempt tells about the outcome, and how long to wait.
//!
//! Pure functions over what one attempt got, so the policy is tested as a table (the model is
//! stripe-python's `_should_retry`). Retries re-send the byte-identical body with a fresh
//! `Request-Time` and signature, so Antom's idempotency keys make them harmless.

use std::time::Duration;

use rand::Rng;

use crate::attempt::AttemptOutcome;
use crate::status::ResultStatus;

/// Whether another attempt may follow this one. `retry_safe`: the endpoint is read-only or the
/// body carries its idempotency key, so a repeat cannot act twice.
pub(crate) fn should_retry(outcome: &AttemptOutcome, retry_safe: bool) -> bool {
    match outcome {
        // Never reached Antom, or Antom refused to process it: always safe.
        AttemptOutcome::NotSent { .. } | AttemptOutcome::HttpStatus(429) => true,
        AttemptOutcome::Lost { .. } => retry_safe,
        AttemptOutcome::HttpStatus(status) => *status >= 500 && retry_safe,
        AttemptOutcome::Answer { status, code, .. } => {
            *status == ResultStatus::Unknown && code == "UNKNOWN_EXCEPTION" && retry_safe
        }
        AttemptOutcome::Unusable => false,
    }
}

/// Whether an outcome is an answer the call can end on as a response: a verified `S`/`F`, or
/// a `U` (itself reported as unknown).
pub(crate) fn is_answer(outcome: &AttemptOutcome) -> bool {
    match outcome {
        AttemptOutcome::Answer {
            status, verified, ..
        } => *verified || *status == ResultStatus::Unknown,
        _ => false,
    }
}

/// Exponential backoff with "equal jitter": half fixed, half random, so concurrent clients
/// spread out but every wait is at least half the nominal delay.
pub(crate) fn backoff(retry: u32, initial: Duration, max: Duration) -> Duration {
    let exp = initial.saturating_mul(1u32 << retry.saturating_sub(1).min(16));
    let nominal = exp.min(max);
    let half = nominal / 2;
    let jitter = rand::rng().random_range(0.0..=1.0);
    half + half.mul_f64(jitter)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::{may_have_happened, Attempt};
    use AttemptOutcome::*;

    fn answer(status: ResultStatus, code: &str, verified: bool) -> AttemptOutcome {
        Answer {
            status,
            code: code.into(),
            verified,
        }
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let (i, m) = (Duration::from_millis(500), Duration::from_secs(5));
        for _ in 0..100 {
            let b1 = backoff(1, i, m);
            assert!(b1 >= Duration::from_millis(250) && b1 <= Duration::from_millis(500));
            let b3 = backoff(3, i, m);
            assert!(b3 >= Duration::from_millis(1000) && b3 <= Duration::from_millis(2000));
            let b9 = backoff(9, i, m);
            assert!(b9 >= Duration::from_millis(2500) && b9 <= m);
        }
    }

    #[test]
    fn the_retry_and_outcome_table() {
        use ResultStatus::*;
        // outcome, retry when safe, retry when unsafe, may have happened, is an answer
        let table = [
            (NotSent { timeout: false }, true, true, false, false),
            (NotSent { timeout: true }, true, true, false, false),
            (Lost { timeout: false }, true, false, true, false),
            (Lost { timeout: true }, true, false, true, false),
            (HttpStatus(429), true, true, false, false),
            (HttpStatus(400), false, false, false, false),
            (HttpStatus(404), false, false, false, false),
            (HttpStatus(500), true, false, true, false),
            (HttpStatus(503), true, false, true, false),
            (answer(Success, "SUCCESS", true), false, false, false, true),
            (
                answer(Failure, "ORDER_NOT_EXIST", true),
                false,
                false,
                false,
                true,
            ),
            (
                answer(Failure, "INVALID_SIGNATURE", false),
                false,
                false,
                true,
                false,
            ),
            (
                answer(Unknown, "UNKNOWN_EXCEPTION", true),
                true,
                false,
                true,
                true,
            ),
            (
                answer(Unknown, "PAYMENT_IN_PROCESS", true),
                false,
                false,
                true,
                true,
            ),
            (
                answer(Unknown, "UNKNOWN_EXCEPTION", false),
                true,
                false,
                true,
                true,
            ),
            (Unusable, false, false, true, false),
        ];
        for (outcome, safe, unsafe_, happened, answer) in table {
            assert_eq!(should_retry(&outcome, true), safe, "{outcome} safe");
            assert_eq!(should_retry(&outcome, false), unsafe_, "{outcome} unsafe");
            assert_eq!(may_have_happened(&outcome), happened, "{outcome} happened");
            assert_eq!(is_answer(&outcome), answer, "{outcome} answer");
        }
    }

    #[test]
    fn attempts_describe_themselves() {
        let a = Attempt {
            number: 2,
            outcome: answer(ResultStatus::Unknown, "UNKNOWN_EXCEPTION", true),
            http_status: Some(200),
            latency_ms: 0,
        };
        assert_eq!(a.to_string(), "attempt 2: U UNKNOWN_EXCEPTION (verified)");
        assert_eq!(HttpStatus(503).to_string(), "HTTP 503");
    }
}
