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
    pub upload_url: Option<String>,
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

/// What an option holds, which decides how each language takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    /// A string.
    Text,
    /// Key or certificate text, bytes, or a file.
    Key,
    /// A duration in seconds (Node takes milliseconds: `timeoutMs`).
    Seconds,
    /// A whole number.
    Count,
}

/// Where an option's value lives in [`Options`]: each row of [`OPTIONS`] names its own field
/// (to read, to write), so setting one option can never land in another's.
#[derive(Clone, Copy)]
pub enum Slot {
    Text(
        fn(&Options) -> &Option<String>,
        fn(&mut Options) -> &mut Option<String>,
    ),
    Key(
        fn(&Options) -> &Option<KeySource>,
        fn(&mut Options) -> &mut Option<KeySource>,
    ),
    Number(
        fn(&Options) -> &Option<f64>,
        fn(&mut Options) -> &mut Option<f64>,
    ),
}

impl std::fmt::Debug for Slot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Slot::Text(..) => "Slot::Text",
            Slot::Key(..) => "Slot::Key",
            Slot::Number(..) => "Slot::Number",
        })
    }
}

/// A [`Slot`] for the field `$field` of [`Options`].
macro_rules! slot {
    ($kind:ident, $field:ident) => {
        Slot::$kind(|o| &o.$field, |o| &mut o.$field)
    };
}

/// One client option.
#[derive(Debug)]
pub struct OptionSpec {
    /// Snake case; each language spells it its way.
    pub name: &'static str,
    pub kind: OptionKind,
    /// Required to build a client.
    pub required: bool,
    /// One sentence, with the default.
    pub doc: &'static str,
    /// Its field in [`Options`].
    pub slot: Slot,
}

const fn spec(
    name: &'static str,
    kind: OptionKind,
    required: bool,
    doc: &'static str,
    slot: Slot,
) -> OptionSpec {
    OptionSpec {
        name,
        kind,
        required,
        doc,
        slot,
    }
}

/// Every client option, in the order the bindings list them.
pub const OPTIONS: [OptionSpec; 14] = [
    spec(
        "client_id",
        OptionKind::Text,
        true,
        "The merchant's client id (SANDBOX_... for the sandbox).", slot!(Text, client_id)),
    spec(
        "private_key",
        OptionKind::Key,
        true,
        "The merchant's RSA private key: PEM or base64, PKCS#8 or PKCS#1.", slot!(Key, private_key)),
    spec(
        "antom_public_key",
        OptionKind::Key,
        true,
        "Antom's public key: PEM or base64 SPKI, PKCS#1, or a certificate.", slot!(Key, antom_public_key)),
    spec(
        "region",
        OptionKind::Text,
        false,
        "asia, north-america, europe or us (default asia).", slot!(Text, region)),
    spec(
        "gateway_url",
        OptionKind::Text,
        false,
        "An explicit gateway; http:// only for loopback hosts (the simulator).", slot!(Text, gateway_url)),
    spec(
        "upload_url",
        OptionKind::Text,
        false,
        "The product image upload's gateway (known for Antom's asia, north-america and europe gateways; needed for any other).", slot!(Text, upload_url)),
    spec(
        "key_version",
        OptionKind::Count,
        false,
        "The keyVersion announced in the Signature header (default 1).", slot!(Number, key_version)),
    spec(
        "agent_token",
        OptionKind::Text,
        false,
        "Sent as Agent-Token on every request (ISV mode).", slot!(Text, agent_token)),
    spec(
        "timeout",
        OptionKind::Seconds,
        false,
        "One whole attempt (default 15 s, at most 1 hour).", slot!(Number, timeout)),
    spec(
        "connect_timeout",
        OptionKind::Seconds,
        false,
        "Establishing a connection (default 5 s).", slot!(Number, connect_timeout)),
    spec(
        "max_retries",
        OptionKind::Count,
        false,
        "Retries after the first attempt, where a retry is safe (default 2, at most 10).", slot!(Number, max_retries)),
    spec("proxy", OptionKind::Text, false, "An HTTP(S) proxy URL.", slot!(Text, proxy)),
    spec(
        "notification_max_age",
        OptionKind::Seconds,
        false,
        "Refuse notifications whose Request-Time is older (off by default).", slot!(Number, notification_max_age)),
    spec(
        "ca_certificate",
        OptionKind::Key,
        false,
        "An extra trusted root certificate (PEM), e.g. a corporate TLS proxy's.", slot!(Key, ca_certificate)),
];

/// A value of an option as a binding received it.
#[derive(Debug)]
pub enum OptionValue {
    Text(String),
    Number(f64),
    Key(KeySource),
}

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
    /// The option named `name` in the host language's spelling, if there is one.
    pub fn spec(naming: Naming, name: &str) -> Option<&'static OptionSpec> {
        OPTIONS.iter().find(|o| naming.spell(o.name) == name)
    }

    /// An error for a name no option has, listing those there are.
    pub fn unknown(naming: Naming, name: &str) -> Error {
        input(format!(
            "unknown option '{}'; accepted: {}",
            name.chars().take(40).collect::<String>(),
            OPTIONS.map(|o| naming.spell(o.name)).join(", ")
        ))
    }

    /// Sets the option `spec` (from [`Options::spec`]); a value of the wrong kind is a typed
    /// error naming the option.
    pub fn set(&mut self, spec: &OptionSpec, value: OptionValue) -> Result<()> {
        let n = self.naming;
        let want = match spec.kind {
            OptionKind::Text => "a string",
            OptionKind::Key => "key text, bytes or a file",
            OptionKind::Seconds | OptionKind::Count => "a number",
        };
        let wrong = || type_error(n, spec.name, want);
        match (spec.slot, value) {
            (Slot::Text(_, field), OptionValue::Text(t)) => *field(self) = Some(t),
            (Slot::Key(_, field), OptionValue::Key(k)) => *field(self) = Some(k),
            (Slot::Key(_, field), OptionValue::Text(t)) => *field(self) = Some(KeySource::from(t)),
            (Slot::Number(_, field), OptionValue::Number(v)) => *field(self) = Some(v),
            _ => return Err(wrong()),
        }
        Ok(())
    }

    /// Options from a JSON object with camel-case names (`clientId`, `maxRetries`, ...), as the
    /// C ABI and PHP hand them over; a key is its text or `{"path": "key.pem"}`. Key strings
    /// are moved, never copied, so no copy outlives the options.
    pub fn from_json(value: Value, naming: Naming) -> Result<Options> {
        let Value::Object(map) = value else {
            return Err(input("the client options must be an object"));
        };
        let mut o = Options {
            naming,
            ..Options::default()
        };
        for (name, v) in map {
            let spec = Options::spec(Naming::Camel, &name)
                .ok_or_else(|| Options::unknown(naming, &name))?;
            let value = match v {
                Value::Null => continue,
                Value::String(s) if spec.kind == OptionKind::Key => {
                    OptionValue::Key(KeySource::Text(Zeroizing::new(s)))
                }
                Value::String(s) => OptionValue::Text(s),
                Value::Number(x) => OptionValue::Number(x.as_f64().unwrap_or(f64::NAN)),
                Value::Object(p) if spec.kind == OptionKind::Key => match p.get("path") {
                    Some(Value::String(path)) if p.len() == 1 => {
                        OptionValue::Key(KeySource::Path(path.into()))
                    }
                    _ => {
                        return Err(type_error(
                            naming,
                            spec.name,
                            "key text (a string) or {\"path\": file}",
                        ))
                    }
                },
                _ => {
                    return Err(type_error(
                        naming,
                        spec.name,
                        "a string or a number, as the option takes",
                    ))
                }
            };
            o.set(spec, value)?;
        }
        Ok(o)
    }

    fn required<'a, T>(&self, v: &'a Option<T>, name: &str) -> Result<&'a T> {
        v.as_ref()
            .ok_or_else(|| input(format!("{} is required", self.naming.spell(name))))
    }

    /// A fingerprint of everything that shapes the client (key contents included, read now),
    /// so the bindings can share one client, and its connection pool, per distinct options.
    pub fn fingerprint(&self) -> Result<[u8; 32]> {
        self.fingerprint_of(&self.read_keys())
    }

    /// The configuration and its fingerprint from one read of each key source: a key file
    /// replaced in between cannot leave a client built from one key cached under the other's
    /// fingerprint.
    pub fn config_and_fingerprint(&self) -> Result<(Config, [u8; 32])> {
        let keys = self.read_keys();
        let config = self.config_of(&keys)?;
        Ok((config, self.fingerprint_of(&keys)?))
    }

    /// Each key source's bytes, read once now; a read error is kept for the place that needs
    /// the key, so argument mistakes are still reported first.
    fn read_keys(&self) -> KeysRead {
        let read = |k: &Option<KeySource>| k.as_ref().map(KeySource::load);
        KeysRead {
            private: read(&self.private_key),
            public: read(&self.antom_public_key),
            ca: read(&self.ca_certificate),
        }
    }

    fn fingerprint_of(&self, keys: &KeysRead) -> Result<[u8; 32]> {
        let mut all: Zeroizing<Vec<u8>> = Zeroizing::new(Vec::new());
        let mut part = |bytes: &[u8]| {
            all.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            all.extend_from_slice(bytes);
        };
        for key in [&keys.private, &keys.public, &keys.ca] {
            match key {
                Some(Ok(k)) => part(k),
                Some(Err(e)) => return Err(e.clone()),
                None => part(b"-"),
            }
        }
        // Every option but the keys (their bytes are above), by the table.
        let mut rest = String::new();
        for o in &OPTIONS {
            match o.slot {
                Slot::Text(get, _) => rest.push_str(&format!("{}={:?}|", o.name, get(self))),
                Slot::Number(get, _) => rest.push_str(&format!("{}={:?}|", o.name, get(self))),
                Slot::Key(..) => {}
            }
        }
        rest.push_str(&format!("{:?}", self.naming));
        part(rest.as_bytes());
        Ok(fingerprint(&all))
    }

    /// The validated configuration, with the core's defaults for whatever is not set.
    pub fn to_config(&self) -> Result<Config> {
        self.config_of(&self.read_keys())
    }

    fn config_of(&self, keys: &KeysRead) -> Result<Config> {
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
        self.required(&self.private_key, "private_key")?;
        let private = crate::keys::private_key(&taken(&keys.private)?)?;
        self.required(&self.antom_public_key, "antom_public_key")?;
        let public = crate::keys::public_key(&taken(&keys.public)?)?;

        let mut b = Config::builder(client_id.clone(), private, public);
        if let Some(r) = region {
            b = b.region(r);
        }
        if let Some(u) = &self.gateway_url {
            b = b.gateway_url(u.clone());
        }
        if let Some(u) = &self.upload_url {
            b = b.upload_url(u.clone());
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
        if self.ca_certificate.is_some() {
            b = b.add_root_certificate_pem(taken(&keys.ca)?.to_vec());
        }
        b.on_attempt(crate::events::emit).build()
    }
}

/// The bytes of each key source, read once (see [`Options::config_and_fingerprint`]).
struct KeysRead {
    private: Option<Result<Zeroizing<Vec<u8>>>>,
    public: Option<Result<Zeroizing<Vec<u8>>>>,
    ca: Option<Result<Zeroizing<Vec<u8>>>>,
}

/// A key's bytes (a copy: the fingerprint reads them after the config), or its read error.
fn taken(read: &Option<Result<Zeroizing<Vec<u8>>>>) -> Result<Zeroizing<Vec<u8>>> {
    match read {
        Some(Ok(bytes)) => Ok(bytes.clone()),
        Some(Err(e)) => Err(e.clone()),
        None => Err(input("a key source is missing".to_string())),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A row's kind (how the languages take it) and its slot (where it lands) agree, and no two
    /// rows share a field: setting each option changes exactly its own.
    #[test]
    fn every_option_lands_in_its_own_field() {
        for spec in &OPTIONS {
            let matching = matches!(
                (spec.kind, spec.slot),
                (OptionKind::Text, Slot::Text(..))
                    | (OptionKind::Key, Slot::Key(..))
                    | (OptionKind::Seconds | OptionKind::Count, Slot::Number(..))
            );
            assert!(matching, "{}: kind and slot disagree", spec.name);
            let mut o = Options::default();
            let value = match spec.slot {
                Slot::Text(..) => OptionValue::Text("x".into()),
                Slot::Key(..) => OptionValue::Text("k".into()),
                Slot::Number(..) => OptionValue::Number(1.0),
            };
            assert!(o.set(spec, value).is_ok(), "{}", spec.name);
            let set: Vec<&str> = OPTIONS
                .iter()
                .filter(|other| match other.slot {
                    Slot::Text(get, _) => get(&o).is_some(),
                    Slot::Key(get, _) => get(&o).is_some(),
                    Slot::Number(get, _) => get(&o).is_some(),
                })
                .map(|other| other.name)
                .collect();
            assert_eq!(set, vec![spec.name]);
        }
    }
}
