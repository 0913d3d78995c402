//! The async client: signs, sends, verifies, retries safely, and never turns an unknown
//! outcome into a failure.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::Url;
use tracing::Instrument as _;

use crate::attempt::Attempt;
use crate::call_options::{self, CallOptions};
use crate::catalog::{self, Resolved};
use crate::config::Config;
use crate::error::{Error, ErrorKind, Result};
use crate::notify::{Notification, NotificationVerifier};
use crate::outcome::{self, CallContext};
use crate::request::{self, RequestBody};
use crate::response::{Expect, Signing};
use crate::retry;
use crate::signature::Signer;
use crate::status::ResultStatus;
use crate::transport;
use crate::verify::Verifier;

pub use crate::response::Response;

/// The longest `inquire_payment_until_final` may poll: Antom's notifications span 24 hours.
const MAX_POLL: Duration = Duration::from_secs(24 * 3600);

/// A signed request ready to send (see [`Client::prepare`]).
#[derive(Debug, Clone)]
pub struct PreparedRequest {
    /// Full URL.
    pub url: String,
    /// The path that was signed (after any sandbox rewrite).
    pub path: String,
    /// Headers to send, lowercase names.
    pub headers: Vec<(String, String)>,
    /// The exact body bytes that were signed.
    pub body: Vec<u8>,
    /// The body's idempotency key, if the endpoint has one.
    pub idempotency_key: Option<String>,
}

/// Antom API client (async, tokio). Cheap to clone: clones share one connection pool.
///
/// ```no_run
/// # async fn run() -> antom::Result<()> {
/// let config = antom::Config::builder(
///     "SANDBOX_5YBZ1234",
///     antom::PrivateKey::from_file("merchant_private_key.pem")?,
///     antom::PublicKey::from_file("antom_public_key.pem")?,
/// )
/// .build()?;
/// let client = antom::Client::new(config)?;
/// let response = client
///     .call("payments.inquiryPayment", serde_json::json!({"paymentRequestId": "order-1"}))
///     .await?;
/// println!("{} {}", response.result_status().as_str(), response.data()["paymentStatus"]);
/// # Ok(()) }
/// ```
/// What travels when it is not the signed JSON itself (the multipart image upload).
pub(crate) struct Wire {
    pub bytes: bytes::Bytes,
    pub content_type: reqwest::header::HeaderValue,
}

#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    per_call: Arc<call_options::Checked>,
}

struct Inner {
    config: Config,
    http: reqwest::Client,
    /// The HTTP/2 client for metered usage events, built on first use.
    meter_http: std::sync::OnceLock<reqwest::Client>,
    language: String,
    signer: Signer,
    verifier: Verifier,
    notifications: NotificationVerifier,
    base: Url,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.inner.config)
            .finish()
    }
}

impl Client {
    /// A client for `config` (User-Agent `antom/<version> (rust)`).
    pub fn new(config: Config) -> Result<Self> {
        Self::with_language(config, "rust")
    }

    /// A client whose User-Agent names the language binding using it.
    pub fn with_language(config: Config, language: &str) -> Result<Self> {
        let base = match &config.gateway {
            Some(url) => url.clone(),
            None => crate::gateway::check(&config.base_url)?,
        };
        let http = transport::build_http(&config, language)?;
        let signer = Signer::new(config.private_key.clone(), config.key_version);
        let verifier = Verifier::new(config.antom_public_key.clone());
        let mut notifications =
            NotificationVerifier::new(config.antom_public_key.clone(), config.client_id.clone());
        if let Some(max_age) = config.notification_max_age {
            notifications = notifications.max_age(max_age);
        }
        Ok(Client {
            per_call: Arc::default(),
            inner: Arc::new(Inner {
                meter_http: std::sync::OnceLock::new(),
                language: language.to_string(),
                config,
                http,
                signer,
                verifier,
                notifications,
                base,
            }),
        })
    }

    /// A client for some calls, sharing this one's connections and keys, that adds `options`
    /// to every call it makes: extra headers, its own timeout, its own retry limit. Checked
    /// here: a header the SDK owns (signature, time, client id) or one HTTP refuses is an error.
    ///
    /// ```no_run
    /// # async fn f(client: antom::Client) -> antom::Result<()> {
    /// use std::time::Duration;
    /// let once = client.with_options(
    ///     &antom::CallOptions::new().header("X-Trace-Id", "t-1").timeout(Duration::from_secs(5)).max_retries(0),
    /// )?;
    /// let r = once.inquiry_payment(serde_json::json!({"paymentRequestId": "order-1"})).await?;
    /// # Ok(()) }
    /// ```
    pub fn with_options(&self, options: &CallOptions) -> Result<Client> {
        Ok(Client {
            inner: Arc::clone(&self.inner),
            per_call: Arc::new(options.check()?),
        })
    }

    /// The HTTP/2 client for metered usage events (built once, on first use).
    pub(crate) fn meter_http(&self) -> Result<&reqwest::Client> {
        if let Some(c) = self.inner.meter_http.get() {
            return Ok(c);
        }
        let built = transport::build_meter_http(&self.inner.config, &self.inner.language)?;
        Ok(self.inner.meter_http.get_or_init(|| built))
    }

    /// The verifier of Antom's signatures (responses).
    pub(crate) fn verifier(&self) -> &Verifier {
        &self.inner.verifier
    }

    /// The gateway requests go to.
    pub(crate) fn base(&self) -> &Url {
        &self.inner.base
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Calls any endpoint by catalog name (`payments.pay`, `pay`) or path. A JSON value is
    /// serialized once; text or bytes are sent as given. Those exact bytes are signed, sent,
    /// and re-sent unchanged on a retry.
    pub async fn call(&self, endpoint: &str, body: impl Into<RequestBody>) -> Result<Response> {
        let resolved = catalog::resolve(endpoint)?;
        let config = &self.inner.config;
        let body = request::prepare_body(body.into(), &resolved, config.max_body_bytes)?;
        let path = request::effective_path(config, &resolved);
        let span = tracing::info_span!(
            "antom.call",
            endpoint = %path,
            idempotency_key = body.idempotency_key.as_deref().unwrap_or(""),
        );
        self.send_with_retries(&resolved, &path, body, &self.inner.base, None)
            .instrument(span)
            .await
    }

    /// Sends `body` signed, with retries where safe. `base` is the gateway (the image upload has
    /// its own); `wire`, when set, is what travels instead of the signed JSON.
    pub(crate) async fn send_with_retries(
        &self,
        resolved: &Resolved,
        path: &str,
        body: request::Body,
        base: &Url,
        wire: Option<&Wire>,
    ) -> Result<Response> {
        let inner = &self.inner;
        let config = &inner.config;
        let read_only = resolved.endpoint().is_some_and(|e| e.read_only);
        // Repeating a call is safe only when it cannot act twice: an inquiry, or a body that
        // carries its idempotency key (a pay without paymentRequestId is never repeated).
        let retry_safe = read_only || body.idempotency_key.is_some();
        let url = base
            .join(path)
            .map_err(|e| Error::input(format!("cannot build the request URL: {e}")))?;
        let ctx = CallContext {
            expect: Expect {
                path,
                client_id: &config.client_id,
                verifier: &inner.verifier,
                idempotency_key: body.idempotency_key.as_deref(),
                request_ids: &body.request_ids,
                // Only the multipart image upload travels as another wire form.
                signing: if wire.is_some() {
                    Signing::OnlyFailureUnsigned
                } else {
                    Signing::SuccessMustBeSigned
                },
            },
            side_effect: !read_only,
        };
        if config.log_bodies {
            tracing::debug!(body = %String::from_utf8_lossy(&body.bytes), "request body");
        }
        let mut history: Vec<Attempt> = Vec::new();
        loop {
            let number = u32::try_from(history.len()).unwrap_or(u32::MAX) + 1;
            // Signing fails the same way on every attempt, but an earlier attempt may already
            // have reached Antom: the verdict decides, so an unknown outcome stays unknown.
            let (mut headers, _time) =
                match request::signed_headers(config, &inner.signer, path, &body.bytes) {
                    Ok(signed) => signed,
                    Err(e) => return outcome::verdict(&ctx, Err(e), history),
                };
            // The SDK's own headers are refused in per-call options, so this adds or replaces
            // only the merchant's (and the agent token, which an ISV may vary per call).
            for (name, value) in &self.per_call.headers {
                headers.insert(name.clone(), value.clone());
            }
            let bytes = match wire {
                Some(w) => {
                    headers.insert(reqwest::header::CONTENT_TYPE, w.content_type.clone());
                    w.bytes.clone()
                }
                None => body.bytes.clone(),
            };
            let started = Instant::now();
            let sent = transport::send(
                &inner.http,
                url.clone(),
                headers,
                bytes,
                transport::response_limit(config.max_body_bytes),
                self.per_call.timeout,
            )
            .await;
            let latency_ms = started.elapsed().as_millis() as u64;
            let http_status = sent.as_ref().ok().map(|raw| raw.status);
            if let Ok(raw) = &sent {
                tracing::info!(
                    attempt = number,
                    http_status = raw.status,
                    latency_ms,
                    "antom response"
                );
                if config.log_bodies {
                    tracing::debug!(body = %String::from_utf8_lossy(&raw.body), "response body");
                }
            }
            let (outcome, last) = outcome::classify(&ctx, sent);
            tracing::info!(attempt = number, latency_ms, outcome = %outcome, "antom attempt");
            let max_retries = self.per_call.max_retries.unwrap_or(config.max_retries);
            let retry = number <= max_retries && retry::should_retry(&outcome, retry_safe);
            let attempt = Attempt {
                number,
                outcome,
                http_status,
                latency_ms,
            };
            crate::events::report(
                config.on_attempt.as_ref(),
                path,
                &attempt,
                body.idempotency_key.as_deref(),
                retry,
            );
            history.push(attempt);
            if !retry {
                return outcome::verdict(&ctx, last, history);
            }
            let wait = retry::backoff(number, config.initial_backoff, config.max_backoff);
            tracing::info!(
                attempt = number,
                wait_ms = wait.as_millis() as u64,
                "retrying"
            );
            tokio::time::sleep(wait).await;
        }
    }

    /// Builds and signs a request without sending it: for merchants who bring their own HTTP
    /// client. Send `body` byte for byte with these headers to `url`, then verify the answer
    /// with [`crate::Verifier`] over the same `path`.
    pub fn prepare(&self, endpoint: &str, body: impl Into<RequestBody>) -> Result<PreparedRequest> {
        let resolved = catalog::resolve(endpoint)?;
        let config = &self.inner.config;
        let body = request::prepare_body(body.into(), &resolved, config.max_body_bytes)?;
        let path = request::effective_path(config, &resolved);
        let (headers, _) = request::signed_headers(config, &self.inner.signer, &path, &body.bytes)?;
        let url = self
            .inner
            .base
            .join(&path)
            .map_err(|e| Error::input(format!("cannot build the request URL: {e}")))?;
        Ok(PreparedRequest {
            url: url.to_string(),
            headers: headers
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            path,
            body: body.bytes.to_vec(),
            idempotency_key: body.idempotency_key,
        })
    }

    /// Verifies a notification Antom POSTed to this merchant (see [`NotificationVerifier`]):
    /// the signature over the raw bytes first, then the JSON. Answer with
    /// [`crate::NOTIFICATION_ACK`] once it is handled.
    pub fn verify_notification<K, V>(
        &self,
        path: &str,
        headers: impl IntoIterator<Item = (K, V)>,
        raw_body: &[u8],
    ) -> Result<Notification>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        self.inner.notifications.verify(path, headers, raw_body)
    }

    /// Polls `inquiryPayment` with backoff until `paymentStatus` is final (SUCCESS, FAIL,
    /// CANCELLED) or `timeout` (at most 24 hours) passes, and returns that verified answer:
    /// read the payment's fate from `paymentStatus`, never from the inquiry's own result.
    ///
    /// An unverified answer is never final, so it keeps inquiring. A verified `F` of the
    /// *inquiry* (`ORDER_NOT_EXIST`, `ACCESS_DENIED`, `PARAM_ILLEGAL`, ...) says the inquiry
    /// failed, not the payment: it ends the polling as an [`ErrorKind::OutcomeUnknown`] error
    /// with that [`Error::result_code`] and the raw body (for `ORDER_NOT_EXIST` after a lost
    /// pay, re-sending the pay with the same `paymentRequestId` is the safe next step). Still
    /// pending at the deadline is the same error kind with the last raw body: keep waiting,
    /// never charge again.
    pub async fn inquire_payment_until_final(
        &self,
        payment_request_id: &str,
        timeout: Duration,
    ) -> Result<Response> {
        // Bounded first, so `now + timeout` cannot overflow the clock.
        if timeout > MAX_POLL {
            return Err(Error::input(
                "the polling timeout is too large (at most 24 hours)",
            ));
        }
        let deadline = Instant::now() + timeout;
        let body = serde_json::json!({ "paymentRequestId": payment_request_id });
        let config = &self.inner.config;
        let mut round: u32 = 0;
        loop {
            round += 1;
            let last = match self.call("payments.inquiryPayment", &body).await {
                // The inquiry failed, finally (only a verified `F` is final: an unsigned one may
                // come from a man in the middle). That says nothing of the payment: reporting
                // it as the payment's failure would make the merchant charge the buyer again.
                Ok(r) if r.is_failure() => {
                    return Err(Error::new(
                        ErrorKind::OutcomeUnknown,
                        format!(
                            "the inquiry for payment {payment_request_id} failed ({} {}): \
                             it says nothing of the payment's outcome; never charge again before \
                             it is known",
                            r.result.code,
                            crate::text::excerpt(&r.result.message)
                        ),
                    )
                    .mark_outcome_unknown()
                    .with_http_status(r.http_status)
                    .with_result_code(Some(r.result.code.clone()))
                    .with_raw_body(r.raw)
                    .with_idempotency_key(Some(payment_request_id.to_string()))
                    .with_endpoint(r.path))
                }
                Ok(r) if r.result.status == ResultStatus::Success => {
                    let status = r.body.get("paymentStatus").and_then(|s| s.as_str());
                    if matches!(status, Some("SUCCESS" | "FAIL" | "CANCELLED")) {
                        return Ok(r);
                    }
                    Error::new(
                        ErrorKind::OutcomeUnknown,
                        format!(
                            "payment {payment_request_id} is still {} after {round} inquiries; keep waiting for the notification",
                            status.unwrap_or("not final")
                        ),
                    )
                    .with_raw_body(r.raw)
                }
                Ok(r) => Error::new(
                    ErrorKind::OutcomeUnknown,
                    format!(
                        "payment {payment_request_id}: the inquiry answer is {} {} ({})",
                        r.result.status.as_str(),
                        r.result.code,
                        if r.verified { "verified" } else { "unverified" }
                    ),
                )
                .with_raw_body(r.raw),
                // A caller's mistake will not mend itself; anything else may, so keep asking.
                Err(e)
                    if matches!(
                        e.kind(),
                        ErrorKind::InvalidInput | ErrorKind::InvalidKey | ErrorKind::InvalidHeader
                    ) =>
                {
                    return Err(e)
                }
                Err(e) => e,
            };
            let now = Instant::now();
            if now >= deadline {
                return Err(
                    Error::new(ErrorKind::OutcomeUnknown, last.message().to_string())
                        .with_raw_body(last.raw_body().unwrap_or_default().to_string())
                        .with_idempotency_key(Some(payment_request_id.to_string()))
                        .with_endpoint("/ams/api/v1/payments/inquiryPayment"),
                );
            }
            let wait = retry::backoff(round, config.initial_backoff, config.max_backoff);
            tokio::time::sleep(wait.min(deadline - now)).await;
        }
    }
}
