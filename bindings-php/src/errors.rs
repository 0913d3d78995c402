//! antom errors -> `Antom\...Exception` objects carrying the bridge's error view (the classes
//! and their getters are generated into errors_generated.rs). The engine creates the exception
//! (message, code), `trace::locate` gives it the caller's file, line and trace, then the view is
//! written into its Rust side before it propagates.

use ext_php_rs::convert::IntoZval;
use ext_php_rs::exception::{throw_object, PhpException};
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendClassObject;
use ext_php_rs::zend::{ce, ExecutorGlobals};

/// An error's detail as the exception object holds it: the bridge's error view.
pub type Detail = Option<antom_bridge::ErrorView>;

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
