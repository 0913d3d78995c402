//! One error type for the whole SDK, with a stable [`ErrorKind`] whose names become the
//! error codes of every language binding.

use std::fmt;

use crate::attempt::Attempt;

/// What went wrong, as a stable, machine-readable category.
///
/// [`ErrorKind::as_str`] gives the code (`"SIGNATURE_MISMATCH"`, ...) that every binding
/// exposes (`err.code` in Node, `.kind` in Python, `Kind` in .NET, `getKind()` in PHP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A key could not be read or is not an accepted RSA key form.
    InvalidKey,
    /// A `Signature` (or other protocol) header is malformed.
    InvalidHeader,
    /// A caller-supplied argument is unusable (bad path, non-JSON body, oversize body, bad config).
    InvalidInput,
    /// The request could not be delivered (DNS, connect, TLS); it never reached Antom.
    Transport,
    /// Timed out before the request could have had an effect (connecting, or a read-only call).
    Timeout,
    /// The request may have reached Antom but its outcome is unknown: inquire, never charge again.
    OutcomeUnknown,
    /// Antom answered with a non-2xx HTTP status.
    HttpStatus,
    /// A success (`S`) response arrived without signature headers.
    UnsignedResponse,
    /// A signature is well formed but does not match the content.
    SignatureMismatch,
    /// The response body is not the JSON Antom sends.
    InvalidResponse,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: [ErrorKind; 10] = [
        ErrorKind::InvalidKey,
        ErrorKind::InvalidHeader,
        ErrorKind::InvalidInput,
        ErrorKind::Transport,
        ErrorKind::Timeout,
        ErrorKind::OutcomeUnknown,
        ErrorKind::HttpStatus,
        ErrorKind::UnsignedResponse,
        ErrorKind::SignatureMismatch,
        ErrorKind::InvalidResponse,
    ];

    /// The stable code of this kind, e.g. `"OUTCOME_UNKNOWN"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidKey => "INVALID_KEY",
            ErrorKind::InvalidHeader => "INVALID_HEADER",
            ErrorKind::InvalidInput => "INVALID_INPUT",
            ErrorKind::Transport => "TRANSPORT",
            ErrorKind::Timeout => "TIMEOUT",
            ErrorKind::OutcomeUnknown => "OUTCOME_UNKNOWN",
            ErrorKind::HttpStatus => "HTTP_STATUS",
            ErrorKind::UnsignedResponse => "UNSIGNED_RESPONSE",
            ErrorKind::SignatureMismatch => "SIGNATURE_MISMATCH",
            ErrorKind::InvalidResponse => "INVALID_RESPONSE",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The SDK's error. Messages never contain key material.
///
/// ```
/// let err = antom::PrivateKey::parse("not a key").unwrap_err();
/// assert_eq!(err.kind(), antom::ErrorKind::InvalidKey);
/// assert_eq!(err.kind().as_str(), "INVALID_KEY");
/// ```
#[derive(Debug, Clone)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    detail: Box<Detail>,
}

/// Context kept with an error so nothing is lost: status, raw body, idempotency key.
#[derive(Debug, Clone, Default)]
struct Detail {
    http_status: Option<u16>,
    raw_body: Option<String>,
    idempotency_key: Option<String>,
    endpoint: Option<String>,
    result_code: Option<String>,
    attempts: Option<u32>,
    history: Vec<Attempt>,
    outcome_unknown: bool,
}

impl Error {
    /// A new error of `kind` with a human-readable message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            detail: Box::default(),
        }
    }

    pub(crate) fn key(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidKey, message)
    }
    pub(crate) fn header(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidHeader, message)
    }
    pub(crate) fn input(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidInput, message)
    }

    pub(crate) fn with_http_status(mut self, status: u16) -> Self {
        self.detail.http_status = Some(status);
        self
    }
    pub(crate) fn with_raw_body(mut self, raw: impl Into<String>) -> Self {
        self.detail.raw_body = Some(raw.into());
        self
    }
    pub(crate) fn with_idempotency_key(mut self, key: Option<String>) -> Self {
        self.detail.idempotency_key = key;
        self
    }
    pub(crate) fn with_endpoint(mut self, path: impl Into<String>) -> Self {
        self.detail.endpoint = Some(path.into());
        self
    }
    pub(crate) fn with_result_code(mut self, code: Option<String>) -> Self {
        self.detail.result_code = code;
        self
    }
    pub(crate) fn with_history(mut self, history: Vec<Attempt>) -> Self {
        self.detail.attempts = u32::try_from(history.len()).ok();
        self.detail.history = history;
        self
    }
    pub(crate) fn mark_outcome_unknown(mut self) -> Self {
        self.detail.outcome_unknown = true;
        self
    }

    /// The stable category of this error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// The human-readable message (never key material).
    pub fn message(&self) -> &str {
        &self.message
    }
    /// HTTP status of the response, when there was one.
    pub fn http_status(&self) -> Option<u16> {
        self.detail.http_status
    }
    /// The raw response body, when there was one.
    pub fn raw_body(&self) -> Option<&str> {
        self.detail.raw_body.as_deref()
    }
    /// The request's idempotency key (`paymentRequestId`, ...), to inquire with.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.detail.idempotency_key.as_deref()
    }
    /// The request path the error belongs to.
    pub fn endpoint(&self) -> Option<&str> {
        self.detail.endpoint.as_deref()
    }
    /// Antom's `resultCode`, when the body carried one.
    pub fn result_code(&self) -> Option<&str> {
        self.detail.result_code.as_deref()
    }
    /// How many attempts were made before giving up.
    pub fn attempts(&self) -> Option<u32> {
        self.detail.attempts
    }
    /// What each attempt of the call got, in order (empty for errors raised before sending).
    pub fn attempt_history(&self) -> &[Attempt] {
        &self.detail.history
    }

    /// True when the request may have taken effect at Antom: never ask the buyer to pay again
    /// on such an error; inquire with [`Error::idempotency_key`] or wait for the notification.
    ///
    /// One rule, decided by the client: a call with side effects that was sent and got no
    /// definite answer (no answer, HTTP 5xx, `U`, an unverified or unusable answer), on any of
    /// its attempts. Such calls end with [`ErrorKind::OutcomeUnknown`], except where the last
    /// answer was itself a security signal ([`ErrorKind::SignatureMismatch`],
    /// [`ErrorKind::UnsignedResponse`], [`ErrorKind::InvalidResponse`]): that kind is kept and
    /// this flag is set. Every binding exposes this flag on every error.
    ///
    /// ```
    /// let e = antom::Error::new(antom::ErrorKind::OutcomeUnknown, "no answer");
    /// assert!(e.is_outcome_unknown());
    /// ```
    pub fn is_outcome_unknown(&self) -> bool {
        self.kind == ErrorKind::OutcomeUnknown || self.detail.outcome_unknown
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.as_str(), self.message)
    }
}

impl std::error::Error for Error {}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::ErrorKind;

    /// Exhaustive inside this crate: a new variant does not compile here until it is placed,
    /// and then `ALL` must hold it at that place.
    fn position(kind: ErrorKind) -> usize {
        match kind {
            ErrorKind::InvalidKey => 0,
            ErrorKind::InvalidHeader => 1,
            ErrorKind::InvalidInput => 2,
            ErrorKind::Transport => 3,
            ErrorKind::Timeout => 4,
            ErrorKind::OutcomeUnknown => 5,
            ErrorKind::HttpStatus => 6,
            ErrorKind::UnsignedResponse => 7,
            ErrorKind::SignatureMismatch => 8,
            ErrorKind::InvalidResponse => 9,
        }
    }

    #[test]
    fn all_lists_every_kind_once() {
        for (i, kind) in ErrorKind::ALL.iter().enumerate() {
            assert_eq!(position(*kind), i, "{kind}");
        }
    }
}
