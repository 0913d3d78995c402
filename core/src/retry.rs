//! When a retry is safe, and how long to wait. Retries re-send the byte-identical body with a
//! fresh `Request-Time` and signature, so Antom's idempotency keys make them harmless.

use std::time::Duration;

use rand::Rng;

/// Why an attempt did not produce a final answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trouble {
    /// The connection was never established: the request did not reach Antom.
    NotSent,
    /// Sent, then the connection failed or timed out: the outcome is unknown.
    Lost,
    /// HTTP 429: Antom refused to process the request.
    Throttled,
    /// HTTP 5xx.
    ServerError,
    /// `U` with `UNKNOWN_EXCEPTION`.
    UnknownResult,
}

/// Whether `trouble` may be retried on an endpoint whose retry safety is `retry_safe`.
pub(crate) fn retryable(trouble: Trouble, retry_safe: bool) -> bool {
    match trouble {
        Trouble::NotSent | Trouble::Throttled => true,
        Trouble::Lost | Trouble::ServerError | Trouble::UnknownResult => retry_safe,
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
    fn only_safe_troubles_retry_on_unsafe_endpoints() {
        assert!(retryable(Trouble::NotSent, false));
        assert!(retryable(Trouble::Throttled, false));
        assert!(!retryable(Trouble::Lost, false));
        assert!(!retryable(Trouble::ServerError, false));
        assert!(!retryable(Trouble::UnknownResult, false));
        assert!(retryable(Trouble::Lost, true));
        assert!(retryable(Trouble::UnknownResult, true));
    }
}
