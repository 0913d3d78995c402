//! `antom.so`: the PHP extension of the antom core (ext-php-rs). Classes and exceptions live
//! under `Antom\`. It maps the shared binding facade (antom-bridge) to PHP: conversions only;
//! no defaults, validation or protocol rules live here.

#![allow(clippy::needless_pass_by_value, missing_debug_implementations)] // ext-php-rs passes owned values; objects hold keys and must not print.
#![cfg_attr(windows, feature(abi_vectorcall))]

mod client;
mod convert;
mod diagnostics;
mod errors;
mod models;
mod pages;
#[cfg(feature = "testing")]
mod testing;
mod trace;
mod webhook;

use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::prelude::*;
use zeroize::Zeroizing;

use errors::to_php;

/// Signing and verification.
#[php_class]
#[php(name = "Antom\\Signature")]
pub struct Signature;

#[php_impl]
impl Signature {
    /// The whole Signature header value for a request. Keys and bodies are PHP strings taken
    /// byte for byte: PEM or base64 text, or binary DER.
    #[php(defaults(key_version = 1))]
    pub fn sign_request(
        private_key_text: BinarySlice<u8>,
        method: String,
        path: String,
        client_id: String,
        request_time: String,
        body: BinarySlice<u8>,
        key_version: i64,
    ) -> PhpResult<String> {
        let key = Zeroizing::new(private_key_text.to_vec());
        let version = count(key_version)?;
        let c = [&*method, &path, &client_id, &request_time];
        antom_bridge::sign(&key, c, &body, version).map_err(to_php)
    }

    /// True when the signature verifies; false on a mismatch; throws on malformed keys or headers.
    pub fn verify(
        public_key_text: BinarySlice<u8>,
        method: String,
        path: String,
        client_id: String,
        request_time: String,
        body: BinarySlice<u8>,
        signature: String,
    ) -> PhpResult<bool> {
        let c = [&*method, &path, &client_id, &request_time];
        let key = &*public_key_text;
        antom_bridge::verify(key, c, &body, &signature).map_err(to_php)
    }
}

/// Amounts by currency (ISO 4217 exponents): a decimal and the minor units of `Amount.value`.
#[php_class]
#[php(name = "Antom\\Amounts")]
pub struct Amounts;

#[php_impl]
impl Amounts {
    /// A decimal amount ("19.99") in `currency` as minor units ("1999"); never rounded.
    pub fn to_minor_units(currency: String, amount: String) -> PhpResult<String> {
        antom_core::amounts::to_minor_units(&currency, &amount).map_err(to_php)
    }

    /// Minor units ("1999") in `currency` as the decimal a person reads ("19.99").
    pub fn from_minor_units(currency: String, minor_units: String) -> PhpResult<String> {
        antom_core::amounts::from_minor_units(&currency, &minor_units).map_err(to_php)
    }
}

fn count(v: i64) -> PhpResult<u32> {
    antom_bridge::options::count(
        antom_bridge::Naming::Camel,
        "key_version",
        v as f64,
        u32::MAX,
    )
    .map_err(to_php)
}

/// Every request: the exception traces' marks (trace.rs).
pub extern "C" fn request_startup(_ty: i32, _module: i32) -> i32 {
    trace::request_startup();
    0
}

/// Request end: the attempt listener, a value of this request, is forgotten.
pub extern "C" fn request_shutdown(_ty: i32, _module: i32) -> i32 {
    diagnostics::forget();
    0
}

/// Module start: the models' autoload hook (models.rs).
pub extern "C" fn module_startup(_ty: i32, _module: i32) -> i32 {
    models::install();
    0
}

/// Module shutdown: the engine's autoload hook put back.
pub extern "C" fn module_shutdown(_ty: i32, _module: i32) -> i32 {
    models::uninstall();
    0
}

#[php_module]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    let module = errors::register(module.name("antom"))
        .startup_function(module_startup)
        .shutdown_function(module_shutdown)
        .request_startup_function(request_startup)
        .request_shutdown_function(request_shutdown)
        .class::<diagnostics::Diagnostics>()
        .class::<Signature>()
        .class::<Amounts>()
        .class::<client::Notification>()
        .class::<client::Response>()
        .class::<client::Client>()
        .class::<pages::Pages>()
        .class::<webhook::Webhook>();
    #[cfg(feature = "testing")]
    let module = module.class::<testing::Simulator>();
    module
}
