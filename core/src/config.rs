//! Client configuration: identity, keys, gateway, timeouts, retries, proxy.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::keys::{PrivateKey, PublicKey};

/// The longest timeout accepted for one attempt or one connect.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(3600);
/// The most retries a client or a call may make.
pub const MAX_RETRIES: u32 = 10;
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// Antom's gateways.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// `https://open-sea-global.alipay.com`
    Asia,
    /// `https://open-na-global.alipay.com`
    NorthAmerica,
    /// `https://open-de-global.alipay.com`
    Europe,
    /// `https://open.antglobal-us.com` (US merchants)
    Us,
}

impl Region {
    /// Every region, in the order the documentation lists them.
    ///
    /// ```
    /// let names: Vec<&str> = antom::Region::ALL.iter().map(|r| r.name()).collect();
    /// assert_eq!(names, ["asia", "north-america", "europe", "us"]);
    /// ```
    pub const ALL: [Region; 4] = [
        Region::Asia,
        Region::NorthAmerica,
        Region::Europe,
        Region::Us,
    ];

    /// Its name, as the `region` option takes it.
    pub fn name(self) -> &'static str {
        match self {
            Region::Asia => "asia",
            Region::NorthAmerica => "north-america",
            Region::Europe => "europe",
            Region::Us => "us",
        }
    }

    /// The gateway base URL.
    pub fn base_url(self) -> &'static str {
        match self {
            Region::Asia => "https://open-sea-global.alipay.com",
            Region::NorthAmerica => "https://open-na-global.alipay.com",
            Region::Europe => "https://open-de-global.alipay.com",
            Region::Us => "https://open.antglobal-us.com",
        }
    }
}

impl FromStr for Region {
    type Err = Error;
    /// Accepts `asia`/`sea`, `na`/`north-america`, `eu`/`europe`/`de`, `us` (any case).
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "asia" | "sea" | "sg" => Ok(Region::Asia),
            "na" | "north-america" | "northamerica" => Ok(Region::NorthAmerica),
            "eu" | "europe" | "de" => Ok(Region::Europe),
            "us" => Ok(Region::Us),
            other => Err(Error::input(format!(
                "unknown region '{}': use {}",
                other.chars().take(40).collect::<String>(),
                Region::ALL.map(Region::name).join(", ")
            ))),
        }
    }
}

/// How `Request-Time` is written. Both are accepted by Antom; the string is signed verbatim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeFormat {
    /// Epoch milliseconds, e.g. `1685599933871` (what the Java and Go SDKs send).
    #[default]
    EpochMillis,
    /// ISO-8601 UTC, e.g. `2024-01-01T12:00:00Z`.
    Iso8601,
}

/// Everything a [`crate::Client`] needs. Build with [`Config::builder`].
#[derive(Clone)]
pub struct Config {
    pub(crate) client_id: String,
    pub(crate) private_key: PrivateKey,
    pub(crate) antom_public_key: PublicKey,
    pub(crate) base_url: String,
    /// `base_url` validated by `build` (always set on a built configuration).
    pub(crate) gateway: Option<url::Url>,
    pub(crate) key_version: u32,
    pub(crate) agent_token: Option<String>,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) max_retries: u32,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
    pub(crate) proxy: Option<String>,
    pub(crate) user_agent_suffix: Option<String>,
    pub(crate) time_format: TimeFormat,
    pub(crate) extra_ca_pem: Vec<Vec<u8>>,
    pub(crate) log_bodies: bool,
    pub(crate) max_body_bytes: usize,
    pub(crate) notification_max_age: Option<Duration>,
    /// The product image upload's own gateway, when set explicitly.
    pub(crate) upload_url: Option<String>,
    /// Called after every attempt (see [`ConfigBuilder::on_attempt`]).
    pub(crate) on_attempt: Option<crate::events::AttemptHook>,
}

impl Config {
    /// Starts a configuration for the Asia gateway with the documented defaults.
    ///
    /// ```
    /// # let key = antom::PrivateKey::parse(include_str!("../../tests/vectors/test_private_pkcs8.pem"))?;
    /// # let antom_key = antom::PublicKey::parse(include_str!("../../tests/vectors/test_public_merchant_spki.pem"))?;
    /// let config = antom::Config::builder("SANDBOX_5YBZ1234", key, antom_key)
    ///     .region(antom::Region::NorthAmerica)
    ///     .max_retries(3)
    ///     .build()?;
    /// assert!(config.is_sandbox());
    /// assert!(!format!("{config:?}").contains("MII"));
    /// # Ok::<(), antom::Error>(())
    /// ```
    pub fn builder(
        client_id: impl Into<String>,
        private_key: PrivateKey,
        antom_public_key: PublicKey,
    ) -> ConfigBuilder {
        ConfigBuilder {
            config: Config {
                client_id: client_id.into(),
                private_key,
                antom_public_key,
                base_url: Region::Asia.base_url().to_string(),
                gateway: None,
                key_version: 1,
                agent_token: None,
                connect_timeout: Duration::from_secs(5),
                timeout: Duration::from_secs(15),
                max_retries: 2,
                initial_backoff: Duration::from_millis(500),
                max_backoff: Duration::from_secs(5),
                proxy: None,
                user_agent_suffix: None,
                time_format: TimeFormat::EpochMillis,
                extra_ca_pem: Vec::new(),
                log_bodies: false,
                max_body_bytes: 1024 * 1024,
                notification_max_age: None,
                upload_url: None,
                on_attempt: None,
            },
        }
    }

    /// The merchant's client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }
    /// The gateway base URL in use.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }
    /// True for `SANDBOX_` client ids: paths are rewritten to `/ams/sandbox/api`.
    pub fn is_sandbox(&self) -> bool {
        self.client_id.starts_with("SANDBOX_")
    }
    /// Retries after the first attempt.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }
    /// The Antom public key used to verify responses and notifications.
    pub fn antom_public_key(&self) -> &PublicKey {
        &self.antom_public_key
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("client_id", &self.client_id)
            .field("private_key", &self.private_key)
            .field("antom_public_key", &self.antom_public_key)
            .field("base_url", &redact_userinfo(&self.base_url))
            .field("key_version", &self.key_version)
            .field(
                "agent_token",
                &self.agent_token.as_ref().map(|_| "<redacted>"),
            )
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("proxy", &self.proxy.as_ref().map(|_| "<set>"))
            .field("time_format", &self.time_format)
            .field("on_attempt", &self.on_attempt.as_ref().map(|_| "<set>"))
            .finish_non_exhaustive()
    }
}

/// The URL without any user or password: a builder's Debug output shows the URL before
/// `build` has refused credentials in it.
fn redact_userinfo(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            match rest[..authority_end].rfind('@') {
                Some(at) => format!("{scheme}://<redacted>@{}", &rest[at + 1..]),
                None => url.to_string(),
            }
        }
        None => url.to_string(),
    }
}

/// Builder for [`Config`].
#[derive(Debug)]
pub struct ConfigBuilder {
    config: Config,
}

impl ConfigBuilder {
    /// The gateway of the product image upload (`billing.product.uploadImage`). Antom's three
    /// regional gateways have known upload gateways; any other gateway needs this.
    pub fn upload_url(mut self, url: impl Into<String>) -> Self {
        self.config.upload_url = Some(url.into().trim_end_matches('/').to_string());
        self
    }
    /// Use one of Antom's gateways (default: [`Region::Asia`]).
    pub fn region(mut self, region: Region) -> Self {
        self.config.base_url = region.base_url().to_string();
        self
    }
    /// Use an explicit gateway URL (`https://...`; `http://` only for loopback hosts).
    pub fn gateway_url(mut self, url: impl Into<String>) -> Self {
        self.config.base_url = url.into().trim_end_matches('/').to_string();
        self
    }
    /// The `keyVersion` announced in the `Signature` header (default 1).
    pub fn key_version(mut self, version: u32) -> Self {
        self.config.key_version = version;
        self
    }
    /// Sends `Agent-Token` on every request (ISV / agent mode).
    pub fn agent_token(mut self, token: impl Into<String>) -> Self {
        self.config.agent_token = Some(token.into());
        self
    }
    /// Time allowed to establish a connection (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.connect_timeout = timeout;
        self
    }
    /// Time allowed for one whole attempt (default 15 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.config.timeout = timeout;
        self
    }
    /// Retries after the first attempt, for failures where a retry is safe (default 2).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.config.max_retries = retries;
        self
    }
    /// Backoff bounds: the first retry waits about `initial`, doubling up to `max`, with jitter
    /// (defaults 0.5 s and 5 s).
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.config.initial_backoff = initial;
        self.config.max_backoff = max.max(initial);
        self
    }
    /// An HTTP(S) proxy URL. Without it, `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` are honoured.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.config.proxy = Some(url.into());
        self
    }
    /// Appended to the User-Agent, e.g. the language binding: `antom/0.1.0 (python)`.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.config.user_agent_suffix = Some(suffix.into());
        self
    }
    /// How `Request-Time` is written (default epoch milliseconds).
    pub fn time_format(mut self, format: TimeFormat) -> Self {
        self.config.time_format = format;
        self
    }
    /// Trusts an extra CA (PEM) in addition to the system roots, for private gateways.
    /// Certificate verification itself can never be turned off.
    pub fn add_root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.config.extra_ca_pem.push(pem.into());
        self
    }
    /// Logs request and response bodies in `tracing` events (off by default: bodies hold
    /// personal data).
    pub fn log_bodies(mut self, on: bool) -> Self {
        self.config.log_bodies = on;
        self
    }
    /// Calls `hook` after every attempt of every call with what it did (path, attempt number,
    /// HTTP status, result status and code, latency, idempotency key): one event per attempt,
    /// for logging or metrics. An event never holds a body, a header value, a signature or a
    /// key. The hook runs on the I/O task: keep it quick.
    ///
    /// ```
    /// # let key = antom::PrivateKey::parse(include_str!("../../tests/vectors/test_private_pkcs8.pem"))?;
    /// # let antom_key = antom::PublicKey::parse(include_str!("../../tests/vectors/test_public_merchant_spki.pem"))?;
    /// let config = antom::Config::builder("SANDBOX_5YBZ1234", key, antom_key)
    ///     .on_attempt(|e| eprintln!("antom {} attempt {}: {} in {:?}", e.path, e.attempt, e.outcome, e.latency))
    ///     .build()?;
    /// # Ok::<(), antom::Error>(())
    /// ```
    pub fn on_attempt(
        mut self,
        hook: impl Fn(&crate::AttemptEvent) + Send + Sync + 'static,
    ) -> Self {
        self.config.on_attempt = Some(std::sync::Arc::new(hook));
        self
    }
    /// Largest request or response body accepted (default 1 MiB).
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.config.max_body_bytes = bytes;
        self
    }

    /// Refuse notifications whose `Request-Time` is older than this (off by default: Antom's
    /// redeliveries span 24 hours, so a limit below that drops genuine redeliveries).
    pub fn notification_max_age(mut self, max_age: Duration) -> Self {
        self.config.notification_max_age = Some(max_age);
        self
    }

    /// Validates and returns the configuration.
    pub fn build(self) -> Result<Config> {
        let c = &self.config;
        if c.client_id.trim().is_empty() || c.client_id.len() > 128 {
            return Err(Error::input("client id must be 1 to 128 characters"));
        }
        if !c.client_id.chars().all(|ch| ch.is_ascii_graphic()) {
            return Err(Error::input(
                "client id must be printable ASCII without spaces",
            ));
        }
        if let Some(token) = &c.agent_token {
            if token.chars().any(|ch| ch.is_control()) {
                return Err(Error::input(
                    "agent token must not contain control characters",
                ));
            }
        }
        if c.timeout.is_zero() || c.connect_timeout.is_zero() {
            return Err(Error::input("timeouts must be greater than zero"));
        }
        // Deadlines are computed as now + timeout: an absurd value would overflow the clock.
        if c.timeout > MAX_TIMEOUT || c.connect_timeout > MAX_TIMEOUT {
            return Err(Error::input("timeouts must be at most 1 hour"));
        }
        if c.max_backoff > MAX_BACKOFF {
            return Err(Error::input("the backoff must be at most 60 seconds"));
        }
        if c.max_retries > MAX_RETRIES {
            return Err(Error::input(format!(
                "max_retries must be at most {MAX_RETRIES}"
            )));
        }
        if let Some(upload) = &c.upload_url {
            crate::gateway::check(upload)?;
        }
        let gateway = crate::gateway::check(&c.base_url)?;
        crate::keys::check_antom_public_key(&c.private_key, &c.antom_public_key)?;
        let mut config = self.config;
        config.gateway = Some(gateway);
        Ok(config)
    }
}
