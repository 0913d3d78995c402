//! Client options into the core's configuration, row by row of [`OPTIONS`]: each row's value is
//! checked, then lands where its [`Apply`] says. The keys are read once, for the configuration
//! and for the fingerprint that shares one client per distinct options.

use std::time::Duration;

use antom::{Config, ConfigBuilder, Region, Result};
use zeroize::Zeroizing;

use crate::input;
use crate::keys::fingerprint;
use crate::options::{count, seconds_at_most, Apply, OptionKind, OptionValue, Options, OPTIONS};

/// Each key option's bytes (by row), read once; a read error is kept for the place that needs
/// the key, so argument mistakes are still reported first.
type KeysRead = Vec<Option<Result<Zeroizing<Vec<u8>>>>>;

/// A value checked and ready for its builder call.
enum Ready {
    Text(String),
    Region(Region),
    Count(u32),
    Duration(Duration),
}

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
        let mut ready = Vec::new();
        for (at, (spec, value)) in OPTIONS.iter().zip(&self.values).enumerate() {
            let (text, number) = match value {
                Some(OptionValue::Text(t)) => (Some(t), None),
                Some(OptionValue::Number(v)) => (None, Some(*v)),
                _ => (None, None),
            };
            let checked = match (spec.apply, text, number) {
                (Apply::Text(_), Some(t), _) => Ready::Text(t.clone()),
                (Apply::Region, Some(t), _) => Ready::Region(t.parse()?),
                (Apply::Count(max, _), _, Some(v)) => Ready::Count(count(n, spec.name, v, max)?),
                (Apply::Seconds(max, _), _, Some(v)) => {
                    Ready::Duration(seconds_at_most(n, spec.name, v, max)?)
                }
                _ => continue,
            };
            ready.push((at, checked));
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
        for (at, checked) in ready {
            b = match (OPTIONS[at].apply, checked) {
                (Apply::Text(set), Ready::Text(t)) => set(b, t),
                (Apply::Region, Ready::Region(r)) => b.region(r),
                (Apply::Count(_, set), Ready::Count(v)) => set(b, v),
                (Apply::Seconds(_, set), Ready::Duration(d)) => set(b, d),
                _ => b,
            };
        }
        for (at, spec) in OPTIONS.iter().enumerate() {
            if matches!(spec.apply, Apply::RootCertificate) && self.values[at].is_some() {
                b = root(b, taken(keys, at)?);
            }
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
