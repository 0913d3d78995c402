//! Notifications (webhooks): verified over the raw bytes before anything is parsed, then
//! typed; and the exact acknowledgement Antom expects.

use std::fmt;
use std::time::Duration;

use serde_json::Value;

use crate::error::{Error, ErrorKind, Result};
use crate::keys::PublicKey;
use crate::response::ApiResult;
use crate::verify::Verifier;

/// The exact body to answer a handled notification with (HTTP 200). Until Antom receives it,
/// it redelivers up to 8 times over 24 hours, so handlers must be idempotent.
pub const NOTIFICATION_ACK: &str =
    r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#;

/// A verified notification.
#[derive(Debug, Clone)]
pub struct Notification {
    /// `notifyType` (e.g. `PAYMENT_RESULT`, `CAPTURE_RESULT`, `REFUND_RESULT`) or the kind
    /// field of its family (`disputeNotificationType`, ...); `UNKNOWN` when the body has none.
    pub kind: String,
    /// The [`crate::models`] type this notification is, told by its discriminator
    /// (`notifyType`, `authorizationNotifyType`, `disputeNotificationType`, ...): e.g.
    /// `PayResultNotify`, `AuthNotify`; `BaseNotify` for a kind this version does not know.
    /// [`Notification::typed`] parses into it.
    pub model: &'static str,
    /// The parsed JSON body.
    pub data: Value,
    /// The `result` object, when the notification has one.
    pub result: Option<ApiResult>,
    /// The raw body, exactly as verified.
    pub raw: String,
    /// `Client-Id` header.
    pub client_id: String,
    /// `Request-Time` header.
    pub request_time: String,
}

impl Notification {
    /// The body as its typed notification (`T` is normally the type named by
    /// [`Notification::model`], e.g. [`crate::models::PayResultNotify`]).
    pub fn typed<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_value(self.data.clone()).map_err(|e| {
            Error::new(
                ErrorKind::InvalidInput,
                format!(
                    "the notification is not a {}: {e}",
                    std::any::type_name::<T>()
                ),
            )
        })
    }
}

/// Verifies notifications with the Antom public key.
///
/// ```
/// # let key = antom::PrivateKey::parse(include_str!("../../tests/vectors/test_private_pkcs8.pem"))?;
/// let body = br#"{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#;
/// let time = "2024-01-01T12:00:00Z";
/// let sig = antom::Signer::new(key.clone(), 1).sign("POST", "/notify", "C1", time, body)?;
/// let verifier = antom::NotificationVerifier::new(key.public_key()?, "C1");
/// let headers = [("client-id", "C1"), ("request-time", time), ("signature", sig.as_str())];
/// let n = verifier.verify("/notify?src=antom", headers, body)?;
/// assert_eq!(n.kind, "PAYMENT_RESULT");
/// # Ok::<(), antom::Error>(())
/// ```
/// The largest notification body accepted (1 MiB, like a request body): Antom's notifications
/// are a few kilobytes, and a bigger body is refused before any hashing or parsing.
pub const MAX_NOTIFICATION_BYTES: usize = 1024 * 1024;

#[derive(Clone)]
pub struct NotificationVerifier {
    verifier: Verifier,
    client_id: String,
    max_age: Option<Duration>,
}

impl fmt::Debug for NotificationVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NotificationVerifier")
            .field("key", self.verifier.public_key())
            .field("client_id", &self.client_id)
            .field("max_age", &self.max_age)
            .finish()
    }
}

impl NotificationVerifier {
    /// A verifier for notifications to the merchant `client_id`, signed by the holder of
    /// `antom_public_key`'s private key. The client id is required: Antom signs every
    /// merchant's notifications with the same key, so without it a genuine notification to
    /// another merchant (a platform's sub-merchant, a test account) would verify here.
    pub fn new(antom_public_key: PublicKey, client_id: impl Into<String>) -> Self {
        NotificationVerifier {
            verifier: Verifier::new(antom_public_key),
            client_id: client_id.into(),
            max_age: None,
        }
    }

    /// Reject notifications whose `Request-Time` is older than `max_age` (off by default:
    /// Antom's redeliveries span 24 hours, so a limit below that drops genuine redeliveries).
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = Some(max_age);
        self
    }

    /// Verifies a notification. `path` is the notify URL's path (a full URL or a query string
    /// is accepted and stripped); header names are matched in any case; `raw_body` must be the
    /// bytes exactly as received.
    pub fn verify<K, V>(
        &self,
        path: &str,
        headers: impl IntoIterator<Item = (K, V)>,
        raw_body: &[u8],
    ) -> Result<Notification>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        if raw_body.len() > MAX_NOTIFICATION_BYTES {
            return Err(Error::new(
                ErrorKind::InvalidInput,
                format!(
                    "the notification body is {} bytes, over the {} byte limit",
                    raw_body.len(),
                    MAX_NOTIFICATION_BYTES
                ),
            ));
        }
        let (mut client_id, mut time, mut signature) = (None, None, None);
        for (k, v) in headers {
            let slot = match k.as_ref().trim().to_ascii_lowercase().as_str() {
                "client-id" => &mut client_id,
                "request-time" => &mut time,
                "signature" => &mut signature,
                _ => continue,
            };
            *slot = Some(v.as_ref().trim().to_string());
        }
        let missing = |name: &str| Error::header(format!("the notification has no {name} header"));
        let client_id = client_id.ok_or_else(|| missing("Client-Id"))?;
        let time = time.ok_or_else(|| missing("Request-Time"))?;
        let signature = signature.ok_or_else(|| missing("Signature"))?;
        let path = notify_path(path)?;
        self.verifier
            .verify("POST", path, &client_id, &time, raw_body, &signature)?;
        // Only now, with the bytes proven to come from Antom, is anything parsed or compared.
        if client_id != self.client_id {
            return Err(Error::new(
                ErrorKind::InvalidInput,
                format!(
                    "the notification is for client id '{}', not '{}'",
                    crate::text::excerpt(&client_id),
                    self.client_id
                ),
            ));
        }
        if let Some(max_age) = self.max_age {
            check_age(&time, max_age)?;
        }
        let raw = std::str::from_utf8(raw_body)
            .map_err(|_| {
                Error::new(
                    ErrorKind::InvalidInput,
                    "the notification body is not UTF-8",
                )
            })?
            .to_string();
        let data: Value = serde_json::from_str(&raw).map_err(|e| {
            Error::new(
                ErrorKind::InvalidInput,
                format!("the notification body is not JSON: {e}"),
            )
        })?;
        // Antom's notifications are objects; a verified `[]` or `1` is not one (found by the
        // notification fuzz target).
        if !data.is_object() {
            return Err(Error::new(
                ErrorKind::InvalidInput,
                "the notification body is not a JSON object",
            ));
        }
        let (kind, model) = crate::notify_kind::classify(&data);
        Ok(Notification {
            kind,
            model,
            result: ApiResult::from_body(&data),
            data,
            raw,
            client_id,
            request_time: time,
        })
    }
}

/// The signed path of a request target (RFC 9112 section 3.2): absolute-form only when the
/// target starts with a scheme (`https://host/path`), otherwise origin-form. Query and
/// fragment are cut before anything else is looked at, so nothing in them can become the
/// path. Nothing is decoded: `%2F` stays as it is, and `//x/y` is the path `//x/y`.
fn notify_path(target: &str) -> Result<&str> {
    let target = target.trim();
    let path = match split_scheme(target) {
        Some(rest) => {
            // The authority ends at the first '/', '?' or '#'.
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            let after = &rest[end..];
            let path = after.split(['?', '#']).next().unwrap_or_default();
            if path.is_empty() {
                "/"
            } else {
                path
            }
        }
        None => target.split(['?', '#']).next().unwrap_or_default(),
    };
    if !path.starts_with('/') {
        return Err(Error::input(
            "the notify path must be the request's path (starting with '/') or its full URL",
        ));
    }
    if path.bytes().any(|b| !b.is_ascii_graphic()) {
        return Err(Error::input(
            "the notify path contains spaces, control or non-ASCII characters; pass the raw request URI",
        ));
    }
    Ok(path)
}

/// The part after `scheme://` when `target` starts with a URI scheme (RFC 3986 section 3.1).
fn split_scheme(target: &str) -> Option<&str> {
    let (scheme, rest) = target.split_once("://")?;
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_ok && rest_ok).then_some(rest)
}

/// Parses `Request-Time` (ISO-8601 or epoch milliseconds) and compares it with now.
fn check_age(time: &str, max_age: Duration) -> Result<()> {
    let sent = if time.chars().all(|c| c.is_ascii_digit()) {
        time.parse::<i128>()
            .ok()
            .and_then(|ms| time::OffsetDateTime::from_unix_timestamp_nanos(ms * 1_000_000).ok())
    } else {
        time::OffsetDateTime::parse(
            time,
            &time::format_description::well_known::Iso8601::DEFAULT,
        )
        .ok()
    }
    .ok_or_else(|| {
        Error::header(format!(
            "unreadable Request-Time '{}'",
            time.escape_default().take(40).collect::<String>()
        ))
    })?;
    let age = time::OffsetDateTime::now_utc() - sent;
    if age > max_age {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!(
                "the notification is {}s old; the limit is {}s",
                age.whole_seconds(),
                max_age.as_secs()
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_stripped_to_what_was_signed() {
        let table = [
            ("/n?x=1#f", Some("/n")),
            ("/n#f?x=1", Some("/n")),
            ("https://shop.example/hooks/antom?a=b", Some("/hooks/antom")),
            ("HTTPS://shop.example:8443/hooks", Some("/hooks")),
            ("https://shop.example", Some("/")),
            ("https://shop.example?x=/ams/api/v1/payments/pay", Some("/")),
            // The query must never supply the path.
            (
                "/antom/notify?next=https://x/ams/api/v1/payments/inquiryPayment",
                Some("/antom/notify"),
            ),
            ("/antom/notify#https://x/ams/api", Some("/antom/notify")),
            // Origin-form is taken literally: no authority, no decoding.
            (
                "//evil.example/ams/api/v1/payments/pay",
                Some("//evil.example/ams/api/v1/payments/pay"),
            ),
            ("/antom%2Fnotify", Some("/antom%2Fnotify")),
            ("/a/../ams/api", Some("/a/../ams/api")),
            ("hooks", None),
            ("?x=/ams/api", None),
            ("", None),
            ("/a b", None),
            ("/a\nb", None),
            ("1http://x/y", None),
        ];
        for (target, want) in table {
            assert_eq!(notify_path(target).ok(), want, "{target:?}");
        }
    }

    #[test]
    fn age_check_reads_both_time_forms() {
        let day = Duration::from_secs(86_400);
        assert!(check_age("2019-11-12T09:37:00Z", day).is_err());
        let now_ms =
            (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000).to_string();
        assert!(check_age(&now_ms, day).is_ok());
        assert!(check_age("yesterday", day).is_err());
    }
}
