//! What one attempt of a call got, and whether it may have taken effect at Antom: kept in every
//! error (nothing is lost) and read by the retry policy. Depends only on [`crate::status`].

use std::fmt;

use crate::status::ResultStatus;

/// What one attempt of a call got.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AttemptOutcome {
    /// The connection was never established (DNS, refused, TLS, connect timeout): not delivered.
    NotSent {
        /// The connect step timed out.
        timeout: bool,
    },
    /// Sent (or possibly sent), then the connection failed or timed out: no answer.
    Lost {
        /// The attempt timed out.
        timeout: bool,
    },
    /// A non-2xx HTTP status.
    HttpStatus(u16),
    /// A 2xx answer with a `result`.
    Answer {
        /// `resultStatus`.
        status: ResultStatus,
        /// `resultCode`.
        code: String,
        /// Whether the answer's signature verified.
        verified: bool,
    },
    /// A 2xx answer that cannot be trusted or read (bad signature, unsigned `S`, not JSON,
    /// too large).
    Unusable,
}

impl fmt::Display for AttemptOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttemptOutcome::NotSent { timeout: false } => f.write_str("not delivered"),
            AttemptOutcome::NotSent { timeout: true } => f.write_str("not delivered (timeout)"),
            AttemptOutcome::Lost { timeout: false } => f.write_str("sent, connection lost"),
            AttemptOutcome::Lost { timeout: true } => f.write_str("sent, timed out"),
            AttemptOutcome::HttpStatus(s) => write!(f, "HTTP {s}"),
            AttemptOutcome::Answer {
                status,
                code,
                verified,
            } => {
                let v = if *verified { "verified" } else { "unverified" };
                write!(f, "{} {code} ({v})", status.as_str())
            }
            AttemptOutcome::Unusable => f.write_str("unusable answer"),
        }
    }
}

/// One attempt of a call, kept in the response and the error so nothing is lost (and what a
/// binding's logging hook reports, one event per attempt).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// 1 for the first attempt.
    pub number: u32,
    /// What it got.
    pub outcome: AttemptOutcome,
    /// The HTTP status of its answer, if one came.
    pub http_status: Option<u16>,
    /// How long it took, send to answer (or to failure).
    pub latency_ms: u64,
}

impl fmt::Display for Attempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "attempt {}: {}", self.number, self.outcome)
    }
}

/// Whether a call with side effects may have taken effect at Antom after this attempt: it was
/// sent and no definite answer came back. A refusal (429, 4xx) and a verified `S` or `F` are
/// definite; an unverified `F` is not (a man in the middle can write one).
pub(crate) fn may_have_happened(outcome: &AttemptOutcome) -> bool {
    match outcome {
        AttemptOutcome::NotSent { .. } => false,
        AttemptOutcome::Lost { .. } | AttemptOutcome::Unusable => true,
        AttemptOutcome::HttpStatus(status) => *status >= 500,
        AttemptOutcome::Answer {
            status, verified, ..
        } => match status {
            ResultStatus::Unknown => true,
            ResultStatus::Failure => !verified,
            ResultStatus::Success => false,
        },
    }
}
