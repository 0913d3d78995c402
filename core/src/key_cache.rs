//! Parsed keys by fingerprint, for APIs that take key text on every call (the bindings'
//! `signRequest`/`verify` functions): parsing and validating an RSA key costs about as much as
//! a signature, so the same key text is parsed once. Bounded; holds only parsed keys (zeroized
//! on drop) and SHA-256 fingerprints, never the text.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use crate::error::Result;
use crate::keys::{PrivateKey, PublicKey};

const CAPACITY: usize = 32;

type Cache<K> = LazyLock<Mutex<HashMap<[u8; 32], K>>>;
static PRIVATE: Cache<PrivateKey> = LazyLock::new(Mutex::default);
static PUBLIC: Cache<PublicKey> = LazyLock::new(Mutex::default);

fn fingerprint(bytes: &[u8]) -> [u8; 32] {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, bytes);
    let mut out = [0u8; 32];
    out.copy_from_slice(digest.as_ref());
    out
}

fn cached<K: Clone>(
    cache: &Cache<K>,
    bytes: &[u8],
    parse: impl FnOnce(&[u8]) -> Result<K>,
) -> Result<K> {
    let fp = fingerprint(bytes);
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
/// let a = antom::key_cache::private_key(pem)?;
/// let b = antom::key_cache::private_key(pem)?; // no second parse
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
