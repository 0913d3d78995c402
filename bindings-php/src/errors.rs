//! antom errors -> `Antom\...Exception` objects carrying kind, HTTP status, raw body, result
//! code and idempotency key. The engine creates the exception (message, code), `trace::locate`
//! gives it the caller's file, line and trace, then the details are written into its Rust side
//! before it propagates.

use ext_php_rs::convert::IntoZval;
use ext_php_rs::exception::{throw_object, PhpException};
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendClassObject;
use ext_php_rs::zend::{ce, ExecutorGlobals};

/// An error's detail as the exception object holds it: the bridge's error view.
pub type Detail = Option<antom_bridge::ErrorView>;

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
                self.detail.as_ref().map(|d| d.kind.clone()).unwrap_or_default()
            }
            /// HTTP status of Antom's answer, when there was one.
            pub fn get_http_status(&self) -> Option<i64> {
                self.detail.as_ref().and_then(|d| d.http_status).map(i64::from)
            }
            /// The raw response body, when there was one.
            pub fn get_raw(&self) -> Option<String> {
                self.detail.as_ref().and_then(|d| d.raw.clone())
            }
            /// The request's idempotency key: inquire with it, never charge again.
            pub fn get_idempotency_key(&self) -> Option<String> {
                self.detail.as_ref().and_then(|d| d.idempotency_key.clone())
            }
            /// Antom's resultCode, when the body had one.
            pub fn get_result_code(&self) -> Option<String> {
                self.detail.as_ref().and_then(|d| d.result_code.clone())
            }
            /// Attempts made before giving up.
            pub fn get_attempts(&self) -> Option<i64> {
                self.detail.as_ref().and_then(|d| d.attempts).map(i64::from)
            }
            /// True on any error after which the request may have taken effect at Antom (an
            /// OutcomeUnknownException, or a signature error on a pay): never charge again.
            pub fn is_outcome_unknown(&self) -> bool {
                self.detail.as_ref().is_some_and(|d| d.outcome_unknown)
            }
            /// What each attempt got, e.g. "attempt 1: HTTP 503".
            pub fn get_attempt_history(&self) -> Vec<String> {
                self.detail.as_ref().map(|d| d.attempt_history.clone()).unwrap_or_default()
            }
        }

        impl $rust {
            fn raise(message: String, detail: Detail) -> PhpException {
                raise_as::<$rust>(message, |obj| obj.detail = detail)
            }
        }
    )*};
}

include!("errors_generated.rs");

fn raise_as<T: ext_php_rs::class::RegisteredClass + Default>(
    message: String,
    fill: impl FnOnce(&mut T),
) -> PhpException {
    let ex = PhpException::new(message.clone(), 0, T::get_metadata().ce());
    ex.throw();
    if let Some(mut obj) = ExecutorGlobals::take_exception() {
        crate::trace::locate(&mut obj);
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

/// The PHP exception for a core error: the class of its family, carrying its view.
pub fn to_php(e: antom_core::Error) -> PhpException {
    let view = antom_bridge::ErrorView::from(&e);
    raise(&view.family.clone(), view.message.clone(), Some(view))
}

/// A PHP `TypeError`.
pub fn type_error(message: impl Into<String>) -> PhpException {
    PhpException::new(message.into(), 0, ce::type_error())
}
