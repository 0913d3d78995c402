//! Options for some calls rather than the whole client (Stripe's per-request options): extra
//! headers, a timeout and a retry limit. [`Client::with_options`](crate::Client::with_options)
//! checks them once and gives a client that applies them to every call it makes.

use std::fmt;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::config::{MAX_RETRIES, MAX_TIMEOUT};
use crate::error::{Error, Result};

/// Headers the SDK owns: the signature and what it signs, and what HTTP framing needs.
/// `agent-token` is not among them: an ISV may act for another merchant on one call.
/// The longest value a per-call header may have: servers commonly refuse headers past 8 KiB
/// (431), so a longer one is refused here, with its name, rather than by the gateway.
const MAX_HEADER_VALUE_BYTES: usize = 8 * 1024;

const PROTECTED: [&str; 9] = [
    "signature",
    "request-time",
    "client-id",
    "content-type",
    "content-length",
    "host",
    "transfer-encoding",
    "connection",
    "expect",
];

/// Extra headers, a timeout and a retry limit for the calls of one
/// [`Client::with_options`](crate::Client::with_options) client.
///
/// ```
/// use std::time::Duration;
/// let options = antom::CallOptions::new()
///     .header("X-Trace-Id", "t-1")
///     .timeout(Duration::from_secs(5))
///     .max_retries(0);
/// assert!(format!("{options:?}").contains("X-Trace-Id"));
/// ```
#[derive(Clone, Default)]
pub struct CallOptions {
    headers: Vec<(String, String)>,
    timeout: Option<Duration>,
    max_retries: Option<u32>,
}

impl fmt::Debug for CallOptions {
    // Header values may be tokens: show the names only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("CallOptions")
            .field("headers", &names)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .finish()
    }
}

impl CallOptions {
    /// No extra headers; the client's timeout and retries.
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds a header to every attempt (a later value for the same name replaces an earlier one).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
    /// The time one attempt may take (instead of the client's timeout).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
    /// How many times a retry-safe call is retried (instead of the client's limit).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Checks every option: a header that cannot travel in HTTP, or one the SDK owns, is an
    /// `INVALID_INPUT` naming it, as are a zero or over-long timeout and too many retries.
    pub(crate) fn check(&self) -> Result<Checked> {
        let mut headers = HeaderMap::new();
        for (name, value) in &self.headers {
            let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                Error::input(format!(
                    "the header name {name:?} is not a valid HTTP token"
                ))
            })?;
            if PROTECTED.contains(&header.as_str()) {
                return Err(Error::input(format!(
                    "the {} header is set by the SDK and cannot be given per call",
                    header.as_str()
                )));
            }
            if value.len() > MAX_HEADER_VALUE_BYTES {
                return Err(Error::input(format!(
                    "the {} header value is {} bytes, over the {MAX_HEADER_VALUE_BYTES} byte limit",
                    header.as_str(),
                    value.len()
                )));
            }
            let value = HeaderValue::from_str(value).map_err(|_| {
                Error::input(format!(
                    "the {} header value contains characters HTTP refuses (CR, LF, NUL or non-ASCII)",
                    header.as_str()
                ))
            })?;
            headers.insert(header, value);
        }
        if let Some(t) = self.timeout {
            if t.is_zero() || t > MAX_TIMEOUT {
                return Err(Error::input(
                    "the call timeout must be greater than zero and at most 1 hour",
                ));
            }
        }
        if self.max_retries.is_some_and(|n| n > MAX_RETRIES) {
            return Err(Error::input(format!(
                "max_retries must be at most {MAX_RETRIES}"
            )));
        }
        Ok(Checked {
            headers,
            timeout: self.timeout,
            max_retries: self.max_retries,
        })
    }
}

/// Options after [`CallOptions::check`], ready to apply to each attempt.
#[derive(Debug, Clone, Default)]
pub(crate) struct Checked {
    pub headers: HeaderMap,
    pub timeout: Option<Duration>,
    pub max_retries: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sdks_headers_and_bad_values_are_refused_by_name() {
        for (name, value, says) in [
            ("Signature", "x", "signature header is set by the SDK"),
            ("request-time", "1", "request-time header is set by the SDK"),
            ("Client-Id", "other", "client-id header is set by the SDK"),
            ("X-A", "a\r\nInjected: 1", "x-a header value"),
            ("X-A", "nul\0", "x-a header value"),
            ("bad name", "v", "not a valid HTTP token"),
        ] {
            let e = CallOptions::new().header(name, value).check().unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::InvalidInput);
            assert!(e.message().contains(says), "{name}: {e}");
        }
        let ok = CallOptions::new()
            .header("X-Trace", "1")
            .header("Agent-Token", "isv-2")
            .check()
            .unwrap();
        assert_eq!(ok.headers.len(), 2);
    }

    #[test]
    fn timeouts_and_retries_are_bounded() {
        for bad in [Duration::ZERO, MAX_TIMEOUT + Duration::from_secs(1)] {
            assert!(CallOptions::new().timeout(bad).check().is_err());
        }
        assert!(CallOptions::new()
            .max_retries(MAX_RETRIES + 1)
            .check()
            .is_err());
        let c = CallOptions::new().max_retries(0).check().unwrap();
        assert_eq!(c.max_retries, Some(0));
    }

    #[test]
    fn debug_shows_header_names_not_values() {
        let text = format!(
            "{:?}",
            CallOptions::new().header("Agent-Token", "secret-token")
        );
        assert!(
            text.contains("Agent-Token") && !text.contains("secret-token"),
            "{text}"
        );
    }
}
