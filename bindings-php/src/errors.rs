//! antom errors -> `Antom\...Exception` objects carrying kind, HTTP status, raw body, result
//! code and idempotency key. The engine creates the exception (message, code, trace), then the
//! details are written into its Rust side before it propagates.

use ext_php_rs::convert::IntoZval;
use ext_php_rs::exception::{throw_object, PhpException};
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendClassObject;
use ext_php_rs::zend::{ce, ExecutorGlobals};

/// Details every Antom exception carries.
#[derive(Debug, Default, Clone)]
pub struct Detail {
    pub kind: String,
    pub http_status: Option<i64>,
    pub raw: Option<String>,
    pub idempotency_key: Option<String>,
    pub result_code: Option<String>,
    pub attempts: Option<i64>,
    pub outcome_unknown: bool,
    pub attempt_history: Vec<String>,
}

macro_rules! exception_classes {
    ($($(#[$doc:meta])* $rust:ident => $php:literal, extends $parent:tt;)*) => {$(
        $(#[$doc])*
        #[php_class]
        #[php(name = $php)]
        #[php(extends $parent)]
        #[derive(Debug, Default)]
        pub struct $rust {
            detail: Detail,
        }

        #[php_impl]
        impl $rust {
            /// The core's stable error code, e.g. "SIGNATURE_MISMATCH".
            pub fn get_kind(&self) -> String {
                self.detail.kind.clone()
            }
            /// HTTP status of Antom's answer, when there was one.
            pub fn get_http_status(&self) -> Option<i64> {
                self.detail.http_status
            }
            /// The raw response body, when there was one.
            pub fn get_raw(&self) -> Option<String> {
                self.detail.raw.clone()
            }
            /// The request's idempotency key: inquire with it, never charge again.
            pub fn get_idempotency_key(&self) -> Option<String> {
                self.detail.idempotency_key.clone()
            }
            /// Antom's resultCode, when the body had one.
            pub fn get_result_code(&self) -> Option<String> {
                self.detail.result_code.clone()
            }
            /// Attempts made before giving up.
            pub fn get_attempts(&self) -> Option<i64> {
                self.detail.attempts
            }
            /// True on any error after which the request may have taken effect at Antom (an
            /// OutcomeUnknownException, or a signature error on a pay): never charge again.
            pub fn is_outcome_unknown(&self) -> bool {
                self.detail.outcome_unknown
            }
            /// What each attempt got, e.g. "attempt 1: HTTP 503".
            pub fn get_attempt_history(&self) -> Vec<String> {
                self.detail.attempt_history.clone()
            }
        }

        impl $rust {
            fn raise(message: String, detail: Detail) -> PhpException {
                raise_as::<$rust>(message, |obj| obj.detail = detail)
            }
        }
    )*};
}

exception_classes! {
    /// Base class of every SDK error.
    AntomException => "Antom\\AntomException", extends(ce = ce::exception, stub = "\\Exception");
    /// A key is unreadable or not an accepted RSA key form.
    InvalidKeyException => "Antom\\InvalidKeyException", extends(AntomException);
    /// A malformed argument, header, body or option.
    InvalidInputException => "Antom\\InvalidInputException", extends(AntomException);
    /// A signature did not verify, or a success arrived unsigned.
    SignatureException => "Antom\\SignatureException", extends(AntomException);
    /// The request could not be delivered: it never reached Antom.
    TransportException => "Antom\\TransportException", extends(AntomException);
    /// Timed out before the request could have had an effect.
    TimeoutException => "Antom\\TimeoutException", extends(AntomException);
    /// The request may have reached Antom: inquire, never charge again.
    OutcomeUnknownException => "Antom\\OutcomeUnknownException", extends(AntomException);
    /// Antom answered with a non-2xx HTTP status.
    HttpStatusException => "Antom\\HttpStatusException", extends(AntomException);
    /// The response body is not the JSON Antom sends.
    InvalidResponseException => "Antom\\InvalidResponseException", extends(AntomException);
}

/// Throws a `T` with `message`, then fills in its Rust-side details.
fn raise_as<T: ext_php_rs::class::RegisteredClass + Default>(
    message: String,
    fill: impl FnOnce(&mut T),
) -> PhpException {
    let ex = PhpException::new(message.clone(), 0, T::get_metadata().ce());
    ex.throw();
    if let Some(mut obj) = ExecutorGlobals::take_exception() {
        if let Some(class_obj) = ZendClassObject::<T>::from_zend_obj_mut(&mut obj) {
            let mut value = class_obj.obj.take().unwrap_or_default();
            fill(&mut value);
            class_obj.obj = Some(value);
        }
        if let Ok(zv) = obj.into_zval(false) {
            throw_object(zv).ok();
        }
    }
    // Already pending: the macro's own throw of this value is a no-op.
    PhpException::from_message(message)
}

/// The PHP exception for a core error.
pub fn to_php(e: antom_core::Error) -> PhpException {
    use antom_core::ErrorKind::*;
    let detail = Detail {
        kind: e.kind().as_str().to_string(),
        http_status: e.http_status().map(i64::from),
        raw: e.raw_body().map(str::to_string),
        idempotency_key: e.idempotency_key().map(str::to_string),
        result_code: e.result_code().map(str::to_string),
        attempts: e.attempts().map(i64::from),
        outcome_unknown: e.is_outcome_unknown(),
        attempt_history: e.attempt_history().iter().map(|a| a.to_string()).collect(),
    };
    let message = e.to_string();
    match e.kind() {
        InvalidKey => InvalidKeyException::raise(message, detail),
        InvalidHeader | InvalidInput => InvalidInputException::raise(message, detail),
        UnsignedResponse | SignatureMismatch => SignatureException::raise(message, detail),
        Transport => TransportException::raise(message, detail),
        Timeout => TimeoutException::raise(message, detail),
        OutcomeUnknown => OutcomeUnknownException::raise(message, detail),
        HttpStatus => HttpStatusException::raise(message, detail),
        InvalidResponse => InvalidResponseException::raise(message, detail),
        _ => AntomException::raise(message, detail),
    }
}

/// An `InvalidInputException` raised by the binding itself.
pub fn invalid(message: impl Into<String>) -> PhpException {
    to_php(antom_core::Error::new(
        antom_core::ErrorKind::InvalidInput,
        message,
    ))
}

/// A PHP `TypeError`.
pub fn type_error(message: impl Into<String>) -> PhpException {
    PhpException::new(message.into(), 0, ce::type_error())
}
