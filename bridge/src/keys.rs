//! Keys as the bindings receive them (text, bytes or a file path) and a cache of parsed keys by
//! fingerprint: APIs that take key text on every call (`signRequest`, `verifySignature`) would
//! otherwise parse an RSA key, which costs about as much as a signature, each time. Bounded;
//! holds only parsed keys (zeroized on drop) and SHA-256 fingerprints, never the text.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Mutex;

use antom::{PrivateKey, PublicKey, Result};
use zeroize::Zeroizing;

use crate::process::PerProcess;

const CAPACITY: usize = 32;

// Per process: a forked child parses its keys again rather than wait on a lock a parent
// thread may have held at the fork.
type Cache<K> = PerProcess<Mutex<HashMap<[u8; 32], K>>>;
static PRIVATE: Cache<PrivateKey> = PerProcess::new(Mutex::default);
static PUBLIC: Cache<PublicKey> = PerProcess::new(Mutex::default);

/// SHA-256 of `bytes`.
pub fn fingerprint(bytes: &[u8]) -> [u8; 32] {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, bytes);
    let mut out = [0u8; 32];
    out.copy_from_slice(digest.as_ref());
    out
}

fn cached<K: Clone + Send + Sync>(
    cache: &Cache<K>,
    bytes: &[u8],
    parse: impl FnOnce(&[u8]) -> Result<K>,
) -> Result<K> {
    let fp = fingerprint(bytes);
    let cache = cache.get();
    if let Some(k) = cache.lock().unwrap_or_else(|p| p.into_inner()).get(&fp) {
        return Ok(k.clone());
    }
    let key = parse(bytes)?;
    let mut map = cache.lock().unwrap_or_else(|p| p.into_inner());
    if map.len() >= CAPACITY {
        map.clear();
    }
    map.insert(fp, key.clone());
    Ok(key)
}

/// A private key from its text (PEM or base64) or DER bytes, parsed once per distinct input.
///
/// ```
/// let pem = include_bytes!("../../tests/vectors/test_private_pkcs8.pem");
/// let a = antom_bridge::keys::private_key(pem)?;
/// let b = antom_bridge::keys::private_key(pem)?; // no second parse
/// assert_eq!(a.bits(), b.bits());
/// # Ok::<(), antom::Error>(())
/// ```
pub fn private_key(bytes: &[u8]) -> Result<PrivateKey> {
    cached(&PRIVATE, bytes, PrivateKey::from_bytes)
}

/// A public key from its text (PEM or base64) or DER bytes, parsed once per distinct input.
pub fn public_key(bytes: &[u8]) -> Result<PublicKey> {
    cached(&PUBLIC, bytes, PublicKey::from_bytes)
}

/// Where a key (or a CA certificate) comes from. Copies of key text are zeroized on drop and
/// never printed.
#[derive(Clone)]
pub enum KeySource {
    /// PEM or base64 text.
    Text(Zeroizing<String>),
    /// PEM, base64 or DER bytes.
    Bytes(Zeroizing<Vec<u8>>),
    /// A file holding any of the above.
    Path(PathBuf),
}

impl fmt::Debug for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeySource::Path(p) => write!(f, "KeySource::Path({})", p.display()),
            _ => f.write_str("KeySource(redacted)"),
        }
    }
}

impl From<String> for KeySource {
    fn from(text: String) -> Self {
        KeySource::Text(Zeroizing::new(text))
    }
}

impl From<Vec<u8>> for KeySource {
    fn from(bytes: Vec<u8>) -> Self {
        KeySource::Bytes(Zeroizing::new(bytes))
    }
}

impl KeySource {
    /// The bytes: text and bytes as given, a file read now (so a replaced file is picked up).
    pub fn load(&self) -> Result<Zeroizing<Vec<u8>>> {
        match self {
            KeySource::Text(t) => Ok(Zeroizing::new(t.as_bytes().to_vec())),
            KeySource::Bytes(b) => Ok(b.clone()),
            // The core's reader: a path that is really key content is named as that mistake.
            KeySource::Path(p) => antom::read_key_file(p, "key"),
        }
    }

    /// The private key (parsed once per distinct content).
    pub fn private(&self) -> Result<PrivateKey> {
        private_key(&self.load()?)
    }

    /// The public key (parsed once per distinct content).
    pub fn public(&self) -> Result<PublicKey> {
        public_key(&self.load()?)
    }
}
