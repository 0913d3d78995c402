//! `antom.so`: the PHP extension of the antom core (ext-php-rs). Classes and exceptions live
//! under `Antom\`. Thin: conversions only; every protocol rule lives in the Rust core.

#![allow(clippy::needless_pass_by_value, missing_debug_implementations)] // ext-php-rs passes owned values; objects hold keys and must not print.
#![cfg_attr(windows, feature(abi_vectorcall))]

mod client;
mod convert;
mod errors;

use ext_php_rs::prelude::*;
use zeroize::Zeroizing;

use errors::to_php;

fn private_key(text: &str) -> Result<antom_core::PrivateKey, antom_core::Error> {
    antom_core::key_cache::private_key(text.as_bytes())
}

/// Signing and verification.
#[php_class]
#[php(name = "Antom\\Signature")]
pub struct Signature;

#[php_impl]
impl Signature {
    /// The whole Signature header value for a request.
    #[php(defaults(key_version = 1))]
    pub fn sign_request(
        private_key_text: String,
        method: String,
        path: String,
        client_id: String,
        request_time: String,
        body: String,
        key_version: i64,
    ) -> PhpResult<String> {
        let text = Zeroizing::new(private_key_text);
        let version = u32::try_from(key_version)
            .map_err(|_| errors::invalid("keyVersion must be between 0 and 4294967295"))?;
        let key = private_key(&text).map_err(to_php)?;
        antom_core::Signer::new(key, version)
            .sign(&method, &path, &client_id, &request_time, body.as_bytes())
            .map_err(to_php)
    }

    /// True when the signature verifies; false on a mismatch; throws on malformed keys or headers.
    pub fn verify(
        public_key_text: String,
        method: String,
        path: String,
        client_id: String,
        request_time: String,
        body: String,
        signature: String,
    ) -> PhpResult<bool> {
        let key = antom_core::key_cache::public_key(public_key_text.as_bytes()).map_err(to_php)?;
        match antom_core::Verifier::new(key).verify(
            &method,
            &path,
            &client_id,
            &request_time,
            body.as_bytes(),
            &signature,
        ) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == antom_core::ErrorKind::SignatureMismatch => Ok(false),
            Err(e) => Err(to_php(e)),
        }
    }
}

#[php_module]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    module
        .name("antom")
        .class::<errors::AntomException>()
        .class::<errors::InvalidKeyException>()
        .class::<errors::InvalidInputException>()
        .class::<errors::SignatureException>()
        .class::<errors::TransportException>()
        .class::<errors::TimeoutException>()
        .class::<errors::OutcomeUnknownException>()
        .class::<errors::HttpStatusException>()
        .class::<errors::InvalidResponseException>()
        .class::<Signature>()
        .class::<client::Notification>()
        .class::<client::Response>()
        .class::<client::Client>()
}
