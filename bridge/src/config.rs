//! Client options into the core's configuration, row by row of [`OPTIONS`]: each row's value is
//! checked, then lands where its [`Apply`] says. The keys are read once, for the configuration
//! and for the fingerprint that shares one client per distinct options.

use antom::{Config, ConfigBuilder, Region, Result};
use zeroize::Zeroizing;

use crate::input;
use crate::keys::fingerprint;
use crate::options::{
    count, seconds_at_most, type_error, Apply, OptionKind, OptionValue, Options, OPTIONS,
};

/// Each key option's bytes (by row), read once; a read error is kept for the place that needs
/// the key, so argument mistakes are still reported first.
type KeysRead = Vec<Option<Result<Zeroizing<Vec<u8>>>>>;

/// A checked value's builder call (a root certificate's is read when it runs, after the
/// client id and the keys).
type Step<'a> = Box<dyn FnOnce(ConfigBuilder) -> Result<ConfigBuilder> + 'a>;

impl Options {
    /// The validated configuration, with the core's defaults for whatever is not set.
    pub fn to_config(&self) -> Result<Config> {
        self.config_of(&self.read_keys())
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

    fn read_keys(&self) -> KeysRead {
        self.values
            .iter()
            .map(|v| match v {
                Some(OptionValue::Key(k)) => Some(k.load()),
                _ => None,
            })
            .collect()
    }

    fn config_of(&self, keys: &KeysRead) -> Result<Config> {
        let n = self.naming;
        // Argument mistakes first: they are cheaper to find than a bad key, and clearer.
        if self.get("region").is_some() && self.get("gateway_url").is_some() {
            return Err(input(format!(
                "pass {} or {}, not both",
                n.spell("region"),
                n.spell("gateway_url")
            )));
        }
        let mut steps: Vec<Step> = Vec::new();
        for (at, (spec, value)) in OPTIONS.iter().zip(&self.values).enumerate() {
            let Some(value) = value else { continue };
            // `Options::set` stores values of the row's kind; the other kinds are refused here too.
            let text = || match value {
                OptionValue::Text(t) => Ok(t.clone()),
                _ => Err(type_error(n, spec.name, "a string")),
            };
            let number = || match value {
                OptionValue::Number(v) => Ok(*v),
                _ => Err(type_error(n, spec.name, "a number")),
            };
            let step: Step = match spec.apply {
                Apply::Identity => continue,
                Apply::Text(set) => {
                    let t = text()?;
                    Box::new(move |b| Ok(set(b, t)))
                }
                Apply::Region => {
                    let r: Region = text()?.parse()?;
                    Box::new(move |b| Ok(b.region(r)))
                }
                Apply::Count(max, set) => {
                    let v = count(n, spec.name, number()?, max)?;
                    Box::new(move |b| Ok(set(b, v)))
                }
                Apply::Seconds(max, set) => {
                    let d = seconds_at_most(n, spec.name, number()?, max)?;
                    Box::new(move |b| Ok(set(b, d)))
                }
                Apply::RootCertificate => Box::new(move |b| Ok(root(b, taken(keys, at)?))),
            };
            steps.push(step);
        }
        let identity = |name: &str| {
            let at = OPTIONS.iter().position(|o| o.name == name);
            match at.and_then(|at| Some((at, self.values[at].as_ref()?))) {
                Some(found) => Ok(found),
                None => Err(input(format!("{} is required", n.spell(name)))),
            }
        };
        let client_id = match identity("client_id")? {
            (_, OptionValue::Text(t)) => t.clone(),
            _ => return Err(input(format!("{} must be a string", n.spell("client_id")))),
        };
        let private = crate::keys::private_key(&taken(keys, identity("private_key")?.0)?)?;
        let public = crate::keys::public_key(&taken(keys, identity("antom_public_key")?.0)?)?;

        let mut b = Config::builder(client_id, private, public);
        for step in steps {
            b = step(b)?;
        }
        b.on_attempt(crate::events::emit).build()
    }

    fn fingerprint_of(&self, keys: &KeysRead) -> Result<[u8; 32]> {
        let mut all: Zeroizing<Vec<u8>> = Zeroizing::new(Vec::new());
        let mut part = |bytes: &[u8]| {
            all.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            all.extend_from_slice(bytes);
        };
        // The keys' bytes, then every other option by the table.
        let mut rest = String::new();
        for ((spec, value), key) in OPTIONS.iter().zip(&self.values).zip(keys) {
            match (spec.kind, key) {
                (OptionKind::Key, Some(Ok(k))) => part(k),
                (OptionKind::Key, Some(Err(e))) => return Err(e.clone()),
                (OptionKind::Key, None) => part(b"-"),
                _ => rest.push_str(&format!("{}={:?}|", spec.name, value)),
            }
        }
        rest.push_str(&format!("{:?}", self.naming));
        part(rest.as_bytes());
        Ok(fingerprint(&all))
    }
}

/// The root certificate's PEM added to the trust store.
fn root(b: ConfigBuilder, pem: Zeroizing<Vec<u8>>) -> ConfigBuilder {
    b.add_root_certificate_pem(pem.to_vec())
}

/// A key's bytes (a copy: the fingerprint reads them after the config), or its read error.
fn taken(keys: &KeysRead, at: usize) -> Result<Zeroizing<Vec<u8>>> {
    match keys.get(at) {
        Some(Some(Ok(bytes))) => Ok(bytes.clone()),
        Some(Some(Err(e))) => Err(e.clone()),
        _ => Err(input("a key source is missing".to_string())),
    }
}
