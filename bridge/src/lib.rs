//! # antom-bridge
//!
//! What every language binding of antom shares, so that a binding only maps it to its
//! language: client [`options`] with one validation and one set of defaults, serializable
//! [`views`] of responses, notifications and errors, the error [`families`] (which kinds share
//! a class in every language), one [`runtime`] and the [`client`] handles per [`process`]
//! (rebuilt in a forked child), the endpoint [`methods`], and sign/verify with a mismatch as `false`. The
//! `antom-codegen` crate (codegen/) writes each language's error classes, endpoint methods, ack and
//! version from these tables. Internal: not published.

pub mod args;
pub mod call_options;
pub mod client;
mod config;
pub mod events;
pub mod families;
pub mod functions;
pub mod keys;
pub mod memory;
pub mod methods;
pub mod operations;
pub mod options;
pub mod process;
pub mod runtime;
#[cfg(feature = "testing")]
pub mod sim_options;
#[cfg(feature = "testing")]
pub mod testing;
pub mod views;

/// The fork tests' harness (forks while threads are busy; a hung child is killed).
#[cfg(test)]
#[path = "../../core/tests/common/fork.rs"]
mod fork_harness;

pub use antom;
pub use client::{Handle, Op};
pub use options::{Naming, Options};
pub use views::{ErrorView, Header, NotificationView, ResponseView};

use antom::{Error, ErrorKind, Result};

/// How deep a request body a binding converts (serde_json's own parse limit): deeper input is
/// an error, never a stack overflow in the converter.
pub const MAX_JSON_DEPTH: usize = 128;

/// The error for input nested deeper than [`MAX_JSON_DEPTH`].
pub fn too_deep() -> Error {
    input(format!(
        "the body is nested deeper than {MAX_JSON_DEPTH} levels"
    ))
}

/// An `INVALID_INPUT` error (argument problems a binding finds while converting).
pub fn input(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidInput, message)
}

/// The request signing content: method, path, client id, request time.
pub type Content<'a> = [&'a str; 4];

/// The whole `Signature` header value for a request, with the key given as text or bytes.
///
/// ```
/// let pem = include_bytes!("../../tests/vectors/test_private_pkcs8.pem");
/// let header = antom_bridge::sign(pem, ["POST", "/ams/api/v1/payments/pay", "C1", "1"], b"{}", 1)?;
/// assert!(header.starts_with("algorithm=RSA256,keyVersion=1,signature="));
/// # Ok::<(), antom::Error>(())
/// ```
pub fn sign(key: &[u8], c: Content<'_>, body: &[u8], key_version: u32) -> Result<String> {
    sign_with(&keys::private_key(key)?, c, body, key_version)
}

/// [`sign`] with a parsed key (for bindings that keep key handles).
pub fn sign_with(
    key: &antom::PrivateKey,
    c: Content<'_>,
    body: &[u8],
    key_version: u32,
) -> Result<String> {
    antom::Signer::new(key.clone(), key_version).sign(c[0], c[1], c[2], c[3], body)
}

/// Whether `signature` verifies: `false` on a mismatch; malformed keys and headers are errors.
pub fn verify(key: &[u8], c: Content<'_>, body: &[u8], signature: &str) -> Result<bool> {
    verify_with(&keys::public_key(key)?, c, body, signature)
}

/// [`verify`] with a parsed key (for bindings that keep key handles).
pub fn verify_with(
    key: &antom::PublicKey,
    c: Content<'_>,
    body: &[u8],
    signature: &str,
) -> Result<bool> {
    match antom::Verifier::new(key.clone()).verify(c[0], c[1], c[2], c[3], body, signature) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == ErrorKind::SignatureMismatch => Ok(false),
        Err(e) => Err(e),
    }
}
