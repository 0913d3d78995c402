//! Verifying Antom's signatures (responses and notifications) with the Antom public key.

use std::fmt;

use crate::error::{Error, ErrorKind, Result};
use crate::keys::PublicKey;
use crate::signature::{sign_content, SignatureHeader};

/// Verifies signatures with a public key (normally the Antom public key).
///
/// ```
/// # let pem = include_str!("../../tests/vectors/test_private_pkcs8.pem");
/// # let key = antom::PrivateKey::parse(pem)?;
/// let header = antom::Signer::new(key.clone(), 1).sign("POST", "/p", "C1", "T", b"{}")?;
/// let verifier = antom::Verifier::new(key.public_key()?);
/// verifier.verify("POST", "/p", "C1", "T", b"{}", &header)?;
/// let err = verifier.verify("POST", "/p", "C1", "T", b"{ }", &header).unwrap_err();
/// assert_eq!(err.kind(), antom::ErrorKind::SignatureMismatch);
/// # Ok::<(), antom::Error>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    key: PublicKey,
}

impl Verifier {
    /// A verifier for `key`.
    pub fn new(key: PublicKey) -> Self {
        Verifier { key }
    }

    /// Verifies `signature` (a whole `Signature` header value, or the bare signature) over the
    /// content built from the other arguments. `Ok(())` when it matches; a
    /// [`ErrorKind::SignatureMismatch`] error when it does not; [`ErrorKind::InvalidHeader`] when
    /// the header is malformed.
    pub fn verify(
        &self,
        method: &str,
        path: &str,
        client_id: &str,
        time: &str,
        body: &[u8],
        signature: &str,
    ) -> Result<()> {
        let header = SignatureHeader::parse(signature)?;
        self.verify_parsed(method, path, client_id, time, body, &header)
    }

    /// Like [`Verifier::verify`] with an already parsed header.
    pub fn verify_parsed(
        &self,
        method: &str,
        path: &str,
        client_id: &str,
        time: &str,
        body: &[u8],
        header: &SignatureHeader,
    ) -> Result<()> {
        let content = sign_content(method, path, client_id, time, body);
        if self.key.verify(&content, &header.signature) {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::SignatureMismatch,
                "the signature does not match the content (wrong key, or tampered path, client id, time or body)",
            ))
        }
    }

    /// The public key in use.
    pub fn public_key(&self) -> &PublicKey {
        &self.key
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Verifier({:?})", self.key)
    }
}
