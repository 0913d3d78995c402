//! The RSASSA-PKCS1-v1_5 + SHA-256 backend. aws-lc-rs by default (OpenSSL speed); the pure-Rust
//! `rsa` crate behind the `pure-rust-crypto` feature. Both see the same DER and the same vectors.

use crate::error::{Error, Result};

/// Name of the backend compiled in, for `antom doctor` and benchmark reports.
pub const BACKEND: &str = if cfg!(feature = "pure-rust-crypto") {
    "rsa (pure Rust)"
} else {
    "aws-lc-rs"
};

#[cfg(all(test, not(feature = "pure-rust-crypto")))]
#[path = "../tests/common/fork.rs"]
mod fork_harness;

#[cfg(not(feature = "pure-rust-crypto"))]
mod imp {
    use super::*;
    use std::sync::{Arc, Mutex, MutexGuard, TryLockError};

    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{
        ParsedPublicKey, RsaKeyPair, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256,
    };
    use zeroize::Zeroizing;

    /// A parsed private key; AWS-LC clears its bignums when it is freed.
    ///
    /// Fork-aware: AWS-LC's RSA object keeps blinding values and a lock, which a parent's
    /// thread may be in the middle of using when the process forks. A child that signed with
    /// the parent's object aborted (`blindings_inuse`) or hung. So a process other than the one
    /// that parsed the key parses it again from its DER, once, and signs with its own.
    pub(crate) struct SigningKey {
        parsed: RsaKeyPair,
        parsed_by: u32,
        der: Zeroizing<Vec<u8>>,
        pkcs8: bool,
        forked: Mutex<ForkedCopy>,
    }

    /// The process that parsed its own copy of the key, and that copy.
    type ForkedCopy = Option<(u32, Arc<RsaKeyPair>)>;

    pub(crate) struct VerifyingKey(ParsedPublicKey);

    fn parse(der: &[u8], pkcs8: bool) -> Result<RsaKeyPair> {
        let parsed = if pkcs8 {
            RsaKeyPair::from_pkcs8(der)
        } else {
            RsaKeyPair::from_der(der)
        };
        parsed.map_err(|e| Error::key(format!("the RSA private key was rejected: {e}")))
    }

    fn sign_with(key: &RsaKeyPair, message: &[u8]) -> Result<Vec<u8>> {
        let mut sig = vec![0u8; key.public_modulus_len()];
        key.sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), message, &mut sig)
            .map_err(|_| Error::key("signing failed with this RSA key"))?;
        Ok(sig)
    }

    impl SigningKey {
        fn new(der: &[u8], pkcs8: bool) -> Result<Self> {
            Ok(SigningKey {
                parsed: parse(der, pkcs8)?,
                parsed_by: std::process::id(),
                der: Zeroizing::new(der.to_vec()),
                pkcs8,
                forked: Mutex::new(None),
            })
        }
        pub(crate) fn from_pkcs8(der: &[u8]) -> Result<Self> {
            Self::new(der, true)
        }
        pub(crate) fn from_pkcs1(der: &[u8]) -> Result<Self> {
            Self::new(der, false)
        }
        pub(crate) fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
            let pid = std::process::id();
            if pid == self.parsed_by {
                return sign_with(&self.parsed, message);
            }
            sign_with(&*self.for_process(pid)?, message)
        }
        /// This (forked) process's own copy of the key. The slot is only ever tried, never
        /// waited on: a parent thread may have held its lock at the instant of a fork (when the
        /// parent was itself a forked child), and in the child that lock stays held forever.
        /// Contention costs one more parse, never a hang.
        fn for_process(&self, pid: u32) -> Result<Arc<RsaKeyPair>> {
            if let Some(slot) = self.try_slot() {
                if let Some((owner, key)) = slot.as_ref() {
                    if *owner == pid {
                        return Ok(key.clone());
                    }
                }
            }
            let key = Arc::new(parse(&self.der, self.pkcs8)?);
            if let Some(mut slot) = self.try_slot() {
                *slot = Some((pid, key.clone()));
            }
            Ok(key)
        }
        fn try_slot(&self) -> Option<MutexGuard<'_, ForkedCopy>> {
            match self.forked.try_lock() {
                Ok(slot) => Some(slot),
                Err(TryLockError::Poisoned(p)) => Some(p.into_inner()),
                Err(TryLockError::WouldBlock) => None,
            }
        }
    }

    /// A child forked while a thread of its parent (itself a forked process) held the key's
    /// copy slot signs anyway: the slot is only tried. With `lock()` the child waited forever.
    #[cfg(test)]
    #[test]
    #[allow(clippy::unwrap_used)]
    fn a_child_never_waits_on_the_slot_a_parent_thread_held() {
        // The DER form of the test key is PKCS#1 (RSAPrivateKey), whatever its file's name.
        let der = include_bytes!("../../tests/vectors/test_private_pkcs8.der");
        let key = SigningKey::from_pkcs1(der).unwrap();
        let failed = super::fork_harness::failing_child_while_held(
            |wait| {
                let _slot = key.forked.lock();
                wait();
            },
            || key.sign(b"child").is_ok_and(|s| s.len() == 256),
        );
        assert!(failed.is_empty(), "{failed:?}");
    }

    impl VerifyingKey {
        /// `der` is a PKCS#1 `RSAPublicKey`.
        pub(crate) fn from_pkcs1(der: &[u8]) -> Result<Self> {
            ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der)
                .map(VerifyingKey)
                .map_err(|e| Error::key(format!("the RSA public key was rejected: {e}")))
        }
        pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
            self.0.verify_sig(message, signature).is_ok()
        }
    }
}

#[cfg(feature = "pure-rust-crypto")]
mod imp {
    use super::*;
    use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
    use rsa::pkcs1v15;
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::signature::{SignatureEncoding, Signer, Verifier};
    use sha2::Sha256;

    /// `rsa::PrivateKey` zeroizes itself on drop.
    pub(crate) struct SigningKey(pkcs1v15::SigningKey<Sha256>);

    pub(crate) struct VerifyingKey(pkcs1v15::VerifyingKey<Sha256>);

    impl SigningKey {
        pub(crate) fn from_pkcs8(der: &[u8]) -> Result<Self> {
            rsa::PrivateKey::from_pkcs8_der(der)
                .map(|k| SigningKey(pkcs1v15::SigningKey::new(k)))
                .map_err(|e| Error::key(format!("the RSA private key was rejected: {e}")))
        }
        pub(crate) fn from_pkcs1(der: &[u8]) -> Result<Self> {
            rsa::PrivateKey::from_pkcs1_der(der)
                .map(|k| SigningKey(pkcs1v15::SigningKey::new(k)))
                .map_err(|e| Error::key(format!("the RSA private key was rejected: {e}")))
        }
        pub(crate) fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
            self.0
                .try_sign(message)
                .map(|s| s.to_vec())
                .map_err(|_| Error::key("signing failed with this RSA key"))
        }
    }

    impl VerifyingKey {
        pub(crate) fn from_pkcs1(der: &[u8]) -> Result<Self> {
            rsa::PublicKey::from_pkcs1_der(der)
                .map(|k| VerifyingKey(pkcs1v15::VerifyingKey::new(k)))
                .map_err(|e| Error::key(format!("the RSA public key was rejected: {e}")))
        }
        pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
            match pkcs1v15::Signature::try_from(signature) {
                Ok(sig) => self.0.verify(message, &sig).is_ok(),
                Err(_) => false,
            }
        }
    }
}

pub(crate) use imp::{SigningKey, VerifyingKey};
