//! New key pairs, for `antom keygen`, the simulator and tests.

use super::*;

/// A freshly generated RSA-2048 key pair as PEM text (PKCS#8 private, SPKI public).
pub struct GeneratedKeyPair {
    /// PKCS#8 PEM (label `PRIVATE KEY`); zeroized on drop.
    pub private_pem: Zeroizing<String>,
    /// `-----BEGIN PUBLIC KEY-----` PEM.
    pub public_pem: String,
}

impl fmt::Debug for GeneratedKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("GeneratedKeyPair(RSA-2048, redacted)")
    }
}

/// Generates an RSA-2048 key pair (for `antom keygen`, the simulator and tests).
pub fn generate_key_pair() -> Result<GeneratedKeyPair> {
    use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der, PublicKeyX509Der};
    use aws_lc_rs::rsa::{KeyPair, KeySize};
    use aws_lc_rs::signature::KeyPair as _;
    let pair =
        KeyPair::generate(KeySize::Rsa2048).map_err(|_| Error::key("key generation failed"))?;
    let pkcs8: Pkcs8V1Der<'static> = pair
        .as_der()
        .map_err(|_| Error::key("key encoding failed"))?;
    let spki: PublicKeyX509Der<'static> = pair
        .public_key()
        .as_der()
        .map_err(|_| Error::key("key encoding failed"))?;
    Ok(GeneratedKeyPair {
        private_pem: pem_encode("PRIVATE KEY", pkcs8.as_ref()),
        public_pem: pem_encode("PUBLIC KEY", spki.as_ref()).to_string(),
    })
}
