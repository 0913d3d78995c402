//! Client options as every binding receives them: every field optional, keys as text, bytes or
//! a path, numbers as the host language gives them. One validation and one set of defaults (the
//! core's) turn them into an [`antom::Config`]; no binding repeats any of it.

use std::time::Duration;

use antom::{ConfigBuilder, Error, Result, MAX_RETRIES, MAX_TIMEOUT};

use crate::input;
use serde_json::Value;
use zeroize::Zeroizing;

use crate::keys::KeySource;

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

/// Every client option, each in the place of its row of [`OPTIONS`]. Numbers are `f64`
/// because that is what JavaScript and PHP hand over; a fractional or negative count is
/// refused, never truncated.
#[derive(Default)]
pub struct Options {
    pub(crate) values: [Option<OptionValue>; OPTIONS.len()],
    /// Spelling of option names in errors.
    pub naming: Naming,
}

/// The names of the options set, never their values: an agent token or a proxy's credentials
/// are as secret as the keys.
impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set = OPTIONS
            .iter()
            .zip(&self.values)
            .filter(|(_, v)| v.is_some());
        f.debug_struct("Options")
            .field("set", &set.map(|(o, _)| o.name).collect::<Vec<_>>())
            .field("naming", &self.naming)
            .finish()
    }
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

/// Where an option lands in the core's configuration: each row names its own builder call,
/// so adding an option is adding its row.
#[derive(Clone, Copy)]
pub enum Apply {
    /// What `Config::builder` itself takes: the client id and the two keys.
    Identity,
    /// Text, as it is.
    Text(fn(ConfigBuilder, String) -> ConfigBuilder),
    /// The region, parsed by the core.
    Region,
    /// A whole number from 0 to the bound.
    Count(u32, fn(ConfigBuilder, u32) -> ConfigBuilder),
    /// Seconds, greater than 0 and at most the bound.
    Seconds(Duration, fn(ConfigBuilder, Duration) -> ConfigBuilder),
    /// An extra trusted root certificate (PEM, read like a key).
    RootCertificate,
}

impl std::fmt::Debug for Apply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Apply::Identity => "Apply::Identity",
            Apply::Text(..) => "Apply::Text",
            Apply::Region => "Apply::Region",
            Apply::Count(..) => "Apply::Count",
            Apply::Seconds(..) => "Apply::Seconds",
            Apply::RootCertificate => "Apply::RootCertificate",
        })
    }
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
    /// Where it lands in the core's configuration.
    pub apply: Apply,
}

const fn spec(
    name: &'static str,
    kind: OptionKind,
    required: bool,
    doc: &'static str,
    apply: Apply,
) -> OptionSpec {
    OptionSpec {
        name,
        kind,
        required,
        doc,
        apply,
    }
}

/// Thirty days of seconds, the bound of a notification's age (Antom redelivers for 24 hours).
const MONTH: Duration = Duration::from_secs(30 * 24 * 3600);

/// Every client option, in the order the bindings list them.
pub const OPTIONS: [OptionSpec; 14] = [
    spec(
        "client_id",
        OptionKind::Text,
        true,
        "The merchant's client id (SANDBOX_... for the sandbox).", Apply::Identity),
    spec(
        "private_key",
        OptionKind::Key,
        true,
        "The merchant's RSA private key: PEM or base64, PKCS#8 or PKCS#1.", Apply::Identity),
    spec(
        "antom_public_key",
        OptionKind::Key,
        true,
        "Antom's public key: PEM or base64 SPKI, PKCS#1, or a certificate.", Apply::Identity),
    spec(
        "region",
        OptionKind::Text,
        false,
        "asia, north-america, europe or us (default asia).", Apply::Region),
    spec(
        "gateway_url",
        OptionKind::Text,
        false,
        "An explicit gateway; http:// only for loopback hosts (the simulator).", Apply::Text(|b, v| b.gateway_url(v))),
    spec(
        "upload_url",
        OptionKind::Text,
        false,
        "The product image upload's gateway (known for Antom's asia, north-america and europe gateways; needed for any other).", Apply::Text(|b, v| b.upload_url(v))),
    spec(
        "key_version",
        OptionKind::Count,
        false,
        "The keyVersion announced in the Signature header (default 1).", Apply::Count(u32::MAX, |b, v| b.key_version(v))),
    spec(
        "agent_token",
        OptionKind::Text,
        false,
        "Sent as Agent-Token on every request (ISV mode).", Apply::Text(|b, v| b.agent_token(v))),
    spec(
        "timeout",
        OptionKind::Seconds,
        false,
        "One whole attempt (default 15 s, at most 1 hour).", Apply::Seconds(MAX_TIMEOUT, |b, d| b.timeout(d))),
    spec(
        "connect_timeout",
        OptionKind::Seconds,
        false,
        "Establishing a connection (default 5 s).", Apply::Seconds(MAX_TIMEOUT, |b, d| b.connect_timeout(d))),
    spec(
        "max_retries",
        OptionKind::Count,
        false,
        "Retries after the first attempt, where a retry is safe (default 2, at most 10).", Apply::Count(MAX_RETRIES, |b, v| b.max_retries(v))),
    spec("proxy", OptionKind::Text, false, "An HTTP(S) proxy URL.", Apply::Text(|b, v| b.proxy(v))),
    spec(
        "notification_max_age",
        OptionKind::Seconds,
        false,
        "Refuse notifications whose Request-Time is older (off by default).", Apply::Seconds(MONTH, |b, d| b.notification_max_age(d))),
    spec(
        "ca_certificate",
        OptionKind::Key,
        false,
        "An extra trusted root certificate (PEM), e.g. a corporate TLS proxy's.", Apply::RootCertificate),
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
    seconds_at_most(naming, name, secs, MAX_TIMEOUT)
}

/// [`seconds`] with another bound (a notification's age can be days).
pub fn seconds_at_most(naming: Naming, name: &str, secs: f64, max: Duration) -> Result<Duration> {
    match Duration::try_from_secs_f64(secs) {
        Ok(d) if !d.is_zero() && d <= max => Ok(d),
        _ => {
            let bound = match max.as_secs() {
                s if s >= 86_400 && s % 86_400 == 0 => format!("{} days", s / 86_400),
                s => s.to_string(),
            };
            Err(input(format!(
                "{} must be a number of seconds greater than 0 and at most {bound}",
                naming.spell(name)
            )))
        }
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
        // The table's own row: its kind decides, whatever row the caller built.
        let at = OPTIONS
            .iter()
            .position(|o| o.name == spec.name)
            .ok_or_else(|| Options::unknown(n, spec.name))?;
        let spec = &OPTIONS[at];
        let want = match spec.kind {
            OptionKind::Text => "a string",
            OptionKind::Key => "key text, bytes or a file",
            OptionKind::Seconds | OptionKind::Count => "a number",
        };
        let wrong = || type_error(n, spec.name, want);
        let value = match (spec.kind, value) {
            (OptionKind::Text, v @ OptionValue::Text(_)) => v,
            (OptionKind::Key, v @ OptionValue::Key(_)) => v,
            (OptionKind::Key, OptionValue::Text(t)) => OptionValue::Key(KeySource::from(t)),
            (OptionKind::Seconds | OptionKind::Count, v @ OptionValue::Number(_)) => v,
            _ => return Err(wrong()),
        };
        self.values[at] = Some(value);
        Ok(())
    }

    /// No option set yet; errors will spell names the `naming` way.
    pub fn new(naming: Naming) -> Options {
        Options {
            naming,
            ..Options::default()
        }
    }

    /// The value of the option named `name` (snake case), if it is set.
    pub fn get(&self, name: &str) -> Option<&OptionValue> {
        let at = OPTIONS.iter().position(|o| o.name == name)?;
        self.values[at].as_ref()
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
}

pub(crate) fn type_error(naming: Naming, name: &str, what: &str) -> Error {
    input(format!("{} must be {what}", naming.spell(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Setting each option sets exactly that one, and a value of another kind is refused.
    #[test]
    fn every_option_lands_in_its_own_place() {
        for spec in &OPTIONS {
            let mut o = Options::default();
            let value = match spec.kind {
                OptionKind::Text | OptionKind::Key => OptionValue::Text("x".into()),
                OptionKind::Seconds | OptionKind::Count => OptionValue::Number(1.0),
            };
            assert!(o.set(spec, value).is_ok(), "{}", spec.name);
            let set: Vec<&str> = OPTIONS
                .iter()
                .filter(|other| o.get(other.name).is_some())
                .map(|other| other.name)
                .collect();
            assert_eq!(set, vec![spec.name]);
            let wrong = match spec.kind {
                OptionKind::Seconds | OptionKind::Count => OptionValue::Text("x".into()),
                _ => OptionValue::Number(1.0),
            };
            assert!(
                Options::default().set(spec, wrong).is_err(),
                "{}",
                spec.name
            );
        }
    }

    /// Debug names the options set, never their values (an agent token, a proxy's password).
    #[test]
    fn debug_shows_names_not_values() {
        let mut o = Options::new(Naming::Camel);
        for (name, value) in [
            ("agent_token", "tok-SECRET"),
            ("proxy", "http://u:SECRET@p:1"),
        ] {
            let spec = OPTIONS.iter().find(|s| s.name == name);
            assert!(spec.is_some_and(|s| o.set(s, OptionValue::Text(value.into())).is_ok()));
        }
        let shown = format!("{o:?}");
        assert!(
            shown.contains("agent_token") && shown.contains("proxy"),
            "{shown}"
        );
        assert!(!shown.contains("SECRET"), "{shown}");
    }

    /// The required options are the first rows: every language takes them first (Python
    /// positionally, its stub checked against the extension by stubtest), in the table's order.
    #[test]
    fn the_required_options_come_first() {
        let required = OPTIONS.iter().take_while(|o| o.required).count();
        assert_eq!(required, 3);
        assert!(OPTIONS[required..].iter().all(|o| !o.required));
    }

    /// A row's kind (how the languages take it) fits where it lands.
    #[test]
    fn kinds_fit_their_builder_calls() {
        for spec in &OPTIONS {
            let fits = match spec.apply {
                Apply::Identity => spec.required,
                Apply::Text(_) | Apply::Region => spec.kind == OptionKind::Text,
                Apply::Count(..) => spec.kind == OptionKind::Count,
                Apply::Seconds(..) => spec.kind == OptionKind::Seconds,
                Apply::RootCertificate => spec.kind == OptionKind::Key,
            };
            assert!(fits, "{}: {:?} as {:?}", spec.name, spec.kind, spec.apply);
        }
    }
}
