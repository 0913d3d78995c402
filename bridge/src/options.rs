//! Client options as every binding receives them: every field optional, keys as text, bytes or
//! a path, numbers as the host language gives them. One validation and one set of defaults (the
//! core's) turn them into an [`antom::Config`]; no binding repeats any of it.

use std::time::Duration;

use antom::{Config, Error, Result, MAX_TIMEOUT};

use crate::input;
use serde_json::Value;
use zeroize::Zeroizing;

use crate::keys::{fingerprint, KeySource};

/// How option names are spelled in the host language, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Naming {
    /// `max_retries` (Python).
    Snake,
    /// `maxRetries` (Node, PHP).
    #[default]
    Camel,
    /// `MaxRetries` (.NET).
    Pascal,
}

impl Naming {
    /// `snake` (as written in this file) in the host language's spelling.
    pub fn spell(self, snake: &str) -> String {
        let mut out = String::with_capacity(snake.len());
        let mut upper = self == Naming::Pascal;
        for ch in snake.chars() {
            if ch == '_' && self != Naming::Snake {
                upper = true;
            } else if upper {
                out.extend(ch.to_uppercase());
                upper = false;
            } else {
                out.push(ch);
            }
        }
        out
    }
}

/// Every client option. Numbers are `f64` because that is what JavaScript and PHP hand over;
/// a fractional or negative count is refused, never truncated.
#[derive(Debug, Default)]
pub struct Options {
    pub client_id: Option<String>,
    pub private_key: Option<KeySource>,
    pub antom_public_key: Option<KeySource>,
    pub region: Option<String>,
    pub gateway_url: Option<String>,
    pub key_version: Option<f64>,
    pub agent_token: Option<String>,
    /// Seconds for one whole attempt.
    pub timeout: Option<f64>,
    /// Seconds to establish a connection.
    pub connect_timeout: Option<f64>,
    pub max_retries: Option<f64>,
    pub proxy: Option<String>,
    /// Seconds: notifications whose `Request-Time` is older are refused (off by default).
    pub notification_max_age: Option<f64>,
    /// An extra trusted root (PEM), e.g. a corporate TLS proxy's.
    pub ca_certificate: Option<KeySource>,
    /// Spelling of option names in errors.
    pub naming: Naming,
}

/// The option names, in snake case, as the JSON form (camel case) and the bindings accept them.
pub const NAMES: [&str; 13] = [
    "client_id",
    "private_key",
    "antom_public_key",
    "region",
    "gateway_url",
    "key_version",
    "agent_token",
    "timeout",
    "connect_timeout",
    "max_retries",
    "proxy",
    "notification_max_age",
    "ca_certificate",
];

/// Seconds as given by a caller turned into a duration, with a typed error for what cannot be
/// one: negative, NaN, infinite, zero or over an hour.
///
/// ```
/// use antom_bridge::options::{seconds, Naming};
/// assert_eq!(seconds(Naming::Snake, "timeout", 1.5)?.as_millis(), 1500);
/// assert!(seconds(Naming::Snake, "timeout", 1e19).is_err());
/// assert!(seconds(Naming::Snake, "timeout", -1.0).is_err());
/// # Ok::<(), antom::Error>(())
/// ```
pub fn seconds(naming: Naming, name: &str, secs: f64) -> Result<Duration> {
    match Duration::try_from_secs_f64(secs) {
        Ok(d) if !d.is_zero() && d <= MAX_TIMEOUT => Ok(d),
        _ => Err(input(format!(
            "{} must be a number of seconds greater than 0 and at most {}",
            naming.spell(name),
            MAX_TIMEOUT.as_secs()
        ))),
    }
}

/// A count (retries, key version): a whole number from 0 to `max`.
pub fn count(naming: Naming, name: &str, v: f64, max: u32) -> Result<u32> {
    if v.fract() == 0.0 && (0.0..=f64::from(max)).contains(&v) {
        // In range and whole: the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(v as u32)
    } else {
        Err(input(format!(
            "{} must be a whole number from 0 to {max}",
            naming.spell(name)
        )))
    }
}

impl Options {
    /// Options from a JSON object with camel-case names (`clientId`, `maxRetries`, ...), as the
    /// C ABI and PHP hand them over; a key is its text or `{"path": "key.pem"}`. Unknown names, wrong types and key text that is not a
    /// string are typed errors; key strings are moved out, so no copy outlives the options.
    pub fn from_json(value: Value, naming: Naming) -> Result<Options> {
        let Value::Object(mut map) = value else {
            return Err(input("the client options must be an object"));
        };
        let mut o = Options {
            naming,
            ..Options::default()
        };
        let mut key = |name: &str| -> Result<Option<KeySource>> {
            match map.remove(&Naming::Camel.spell(name)) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(KeySource::Text(Zeroizing::new(s)))),
                Some(Value::Object(o))
                    if o.len() == 1 && o.get("path").is_some_and(Value::is_string) =>
                {
                    Ok(o.get("path")
                        .and_then(Value::as_str)
                        .map(|p| KeySource::Path(p.into())))
                }
                Some(_) => Err(type_error(
                    naming,
                    name,
                    "key text (a string) or {\"path\": file}",
                )),
            }
        };
        o.private_key = key("private_key")?;
        o.antom_public_key = key("antom_public_key")?;
        o.ca_certificate = key("ca_certificate")?;
        for (name, v) in map {
            let Some(snake) = NAMES.iter().find(|n| Naming::Camel.spell(n) == name) else {
                return Err(input(format!(
                    "unknown option '{}'; accepted: {}",
                    name.chars().take(40).collect::<String>(),
                    NAMES.map(|n| naming.spell(n)).join(", ")
                )));
            };
            o.set(snake, v)?;
        }
        Ok(o)
    }

    fn set(&mut self, name: &str, v: Value) -> Result<()> {
        let naming = self.naming;
        if v.is_null() {
            return Ok(());
        }
        let text = |v: Value| match v {
            Value::String(s) => Ok(Some(s)),
            _ => Err(type_error(naming, name, "a string")),
        };
        let number = |v: Value| {
            v.as_f64()
                .map(Some)
                .ok_or_else(|| type_error(naming, name, "a number"))
        };
        match name {
            "client_id" => self.client_id = text(v)?,
            "region" => self.region = text(v)?,
            "gateway_url" => self.gateway_url = text(v)?,
            "agent_token" => self.agent_token = text(v)?,
            "proxy" => self.proxy = text(v)?,
            "key_version" => self.key_version = number(v)?,
            "timeout" => self.timeout = number(v)?,
            "connect_timeout" => self.connect_timeout = number(v)?,
            "max_retries" => self.max_retries = number(v)?,
            _ => self.notification_max_age = number(v)?,
        }
        Ok(())
    }

    fn required<'a, T>(&self, v: &'a Option<T>, name: &str) -> Result<&'a T> {
        v.as_ref()
            .ok_or_else(|| input(format!("{} is required", self.naming.spell(name))))
    }

    /// A fingerprint of everything that shapes the client (key contents included, read now),
    /// so the bindings can share one client, and its connection pool, per distinct options.
    pub fn fingerprint(&self) -> Result<[u8; 32]> {
        let mut all: Zeroizing<Vec<u8>> = Zeroizing::new(Vec::new());
        let mut part = |bytes: &[u8]| {
            all.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            all.extend_from_slice(bytes);
        };
        for key in [
            &self.private_key,
            &self.antom_public_key,
            &self.ca_certificate,
        ] {
            match key {
                Some(k) => part(&k.load()?),
                None => part(b"-"),
            }
        }
        let rest = format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            self.client_id,
            self.region,
            self.gateway_url,
            self.key_version,
            self.agent_token,
            self.timeout,
            self.connect_timeout,
            self.max_retries,
            self.proxy,
            self.notification_max_age,
            self.naming
        );
        part(rest.as_bytes());
        Ok(fingerprint(&all))
    }

    /// The validated configuration, with the core's defaults for whatever is not set.
    pub fn to_config(&self) -> Result<Config> {
        let n = self.naming;
        // Argument mistakes first: they are cheaper to find than a bad key, and clearer.
        if self.region.is_some() && self.gateway_url.is_some() {
            return Err(input(format!(
                "pass {} or {}, not both",
                n.spell("region"),
                n.spell("gateway_url")
            )));
        }
        let region = self.region.as_deref().map(str::parse).transpose()?;
        let key_version = opt(self.key_version, |v| count(n, "key_version", v, u32::MAX))?;
        let timeout = opt(self.timeout, |s| seconds(n, "timeout", s))?;
        let connect_timeout = opt(self.connect_timeout, |s| seconds(n, "connect_timeout", s))?;
        let max_retries = opt(self.max_retries, |v| count(n, "max_retries", v, 10))?;
        let max_age = opt(self.notification_max_age, |s| {
            seconds_any(n, "notification_max_age", s)
        })?;
        let client_id = self.required(&self.client_id, "client_id")?;
        let private = self.required(&self.private_key, "private_key")?.private()?;
        let public = self
            .required(&self.antom_public_key, "antom_public_key")?
            .public()?;

        let mut b = Config::builder(client_id.clone(), private, public);
        if let Some(r) = region {
            b = b.region(r);
        }
        if let Some(u) = &self.gateway_url {
            b = b.gateway_url(u.clone());
        }
        if let Some(v) = key_version {
            b = b.key_version(v);
        }
        if let Some(t) = &self.agent_token {
            b = b.agent_token(t.clone());
        }
        if let Some(d) = timeout {
            b = b.timeout(d);
        }
        if let Some(d) = connect_timeout {
            b = b.connect_timeout(d);
        }
        if let Some(v) = max_retries {
            b = b.max_retries(v);
        }
        if let Some(p) = &self.proxy {
            b = b.proxy(p.clone());
        }
        if let Some(d) = max_age {
            b = b.notification_max_age(d);
        }
        if let Some(ca) = &self.ca_certificate {
            b = b.add_root_certificate_pem(ca.load()?.to_vec());
        }
        b.build()
    }
}

fn opt<T>(v: Option<f64>, f: impl FnOnce(f64) -> Result<T>) -> Result<Option<T>> {
    v.map(f).transpose()
}

/// Like [`seconds`] without the one-hour bound (a notification age can be days).
fn seconds_any(naming: Naming, name: &str, secs: f64) -> Result<Duration> {
    match Duration::try_from_secs_f64(secs) {
        Ok(d) if !d.is_zero() && d.as_secs() <= 30 * 24 * 3600 => Ok(d),
        _ => Err(input(format!(
            "{} must be a number of seconds greater than 0 and at most 30 days",
            naming.spell(name)
        ))),
    }
}

fn type_error(naming: Naming, name: &str, what: &str) -> Error {
    input(format!("{} must be {what}", naming.spell(name)))
}
