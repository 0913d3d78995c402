//! # antom
//!
//! The server SDK core for Antom's Open API (Ant International): keys in every form, RSA-SHA256
//! request signing, strict response verification, notification verification, and an HTTPS
//! client with safe retries and typed S/F/U results.
//!
//! ```
//! use antom::{PrivateKey, Signer, Verifier};
//!
//! # let pem = include_str!("../../tests/vectors/test_private_pkcs8.pem");
//! let key = PrivateKey::parse(pem)?;                  // PEM or base64, PKCS#8 or PKCS#1
//! let header = Signer::new(key.clone(), 1)
//!     .sign("POST", "/ams/api/v1/payments/pay", "C1", "1700000000000", br#"{"a":1}"#)?;
//! Verifier::new(key.public_key()?)
//!     .verify("POST", "/ams/api/v1/payments/pay", "C1", "1700000000000", br#"{"a":1}"#, &header)?;
//! # Ok::<(), antom::Error>(())
//! ```
//!
//! Security defaults that cannot be switched off: TLS certificates are always verified, an
//! unsigned success is an error, notifications are verified before parsing, keys never appear
//! in `Debug` output or errors, and an unknown outcome is never reported as a failure.
//!
//! Key material this crate holds is zeroized on drop. Key text also passes through buffers no
//! crate owns (a JSON parser's scratch, a `String`'s old block when it grows), so a program
//! that loads keys should wipe what it frees, as every antom package and the `antom` CLI do:
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOCATOR: zeroizing_alloc::ZeroAlloc<std::alloc::System> =
//!     zeroizing_alloc::ZeroAlloc(std::alloc::System);
//! ```

pub mod amounts;
mod attempt;
pub mod blocking;
mod call_options;
pub mod catalog;
pub mod check;
mod client;
mod config;
mod crypto;
mod currencies;
mod der;
mod error;
mod events;
#[doc(hidden)]
pub mod fuzz;
pub mod gateway;
mod keys;
mod lenient;
mod meter;
mod methods;
pub mod models;
mod notify;
mod notify_kind;
mod outcome;
mod paging;
pub mod payments;
mod recover;
mod request;
mod response;
mod retry;
mod signature;
mod status;
mod text;
mod transport;
mod upload;
mod verify;
mod webhook;

pub use attempt::{Attempt, AttemptOutcome};
pub use call_options::CallOptions;
pub use client::{Client, PreparedRequest};
pub use config::{Config, ConfigBuilder, Region, TimeFormat, MAX_RETRIES, MAX_TIMEOUT};
pub use crypto::BACKEND as CRYPTO_BACKEND;
pub use error::{Error, ErrorKind, Result};
pub use events::{AttemptEvent, AttemptHook};
pub use keys::{
    check_antom_public_key, describe_key_path, generate_key_pair, read_key_file, GeneratedKeyPair,
    PrivateKey, PublicKey,
};
pub use notify::{Notification, NotificationVerifier, MAX_NOTIFICATION_BYTES, NOTIFICATION_ACK};
pub use paging::Page;
pub use request::RequestBody;
pub use response::{ApiResult, Response, ResultStatus, Typed};
pub use signature::{format_header, sign_content, SignatureHeader, Signer, ALGORITHM};
pub use upload::{file_sha256, MAX_IMAGE_BYTES};
pub use verify::Verifier;
pub use webhook::WebhookReply;

/// The crate version, as sent in the User-Agent.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
