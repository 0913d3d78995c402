//! `Antom\Models` without files: the extension carries the source of every model class (the
//! Composer package `bindings-php/models`, embedded at build time) and, through the engine's
//! autoload hook, compiles a class the first time a script names it, so `new PayRequest(...)` and the typed `$r->data` work with
//! the extension alone, in every SAPI, at the extension's own version. The script's own
//! autoloaders run first: Composer's `antom/models`, if installed, loads the same classes from files.

#![allow(unsafe_code)] // the engine's autoload hook has no safe API

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};

use ext_php_rs::ffi::{zend_class_entry, zend_lookup_class_ex, zend_string};
use ext_php_rs::php_eval::PhpEvalError;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendCallable, ZendStr, Zval};

use crate::convert::json_to_zval;
use crate::errors::type_error;

include!("models_generated.rs");

const NAMESPACE: &str = "Antom\\Models\\";

/// `zend_autoload` (Zend/zend_execute_API.c), the engine's hook for a class it does not know,
/// which SPL points at its autoloader stack at its own MINIT (before any extension's).
type Autoload = unsafe extern "C" fn(*mut zend_string, *mut zend_string) -> *mut zend_class_entry;

extern "C" {
    static mut zend_autoload: Option<Autoload>;
}

/// `ZEND_FETCH_CLASS_NO_AUTOLOAD` (Zend/zend_compile.h).
const NO_AUTOLOAD: u32 = 0x80;

/// Whether this module's hook is in place.
static INSTALLED: AtomicBool = AtomicBool::new(false);

/// The hook SPL installed, which this module's hook calls first.
static PREVIOUS: std::sync::Mutex<Option<Autoload>> = std::sync::Mutex::new(None);

/// At module start: wraps the engine's autoload hook, once per process and module start. Not a
/// per-request `spl_autoload_register` (calling into PHP at request start crashed php-fpm's
/// workers): the hook is process-wide and costs nothing until a class is missing.
pub fn install() {
    let mut previous = PREVIOUS.lock().unwrap_or_else(|p| p.into_inner());
    // SAFETY: MINIT runs once per module start, single-threaded (NTS PHP), after SPL's.
    unsafe {
        if !INSTALLED.swap(true, Ordering::SeqCst) {
            *previous = zend_autoload;
            zend_autoload = Some(autoload);
        }
    }
}

/// At module shutdown: puts the engine's hook back.
pub fn uninstall() {
    let previous = PREVIOUS.lock().unwrap_or_else(|p| p.into_inner());
    // SAFETY: MSHUTDOWN, single-threaded; the library may stay loaded after it.
    unsafe {
        if INSTALLED.swap(false, Ordering::SeqCst) {
            zend_autoload = *previous;
        }
    }
}

/// The engine's autoload hook: the script's own autoloaders first (Composer's `antom/models`
/// among them), then the classes of `Antom\Models` embedded here.
unsafe extern "C" fn autoload(
    name: *mut zend_string,
    lc_name: *mut zend_string,
) -> *mut zend_class_entry {
    let previous = *PREVIOUS.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(previous) = previous {
        // SAFETY: the engine's own arguments, passed on as it would have.
        let found = unsafe { previous(name, lc_name) };
        if !found.is_null() {
            return found;
        }
    }
    // SAFETY: the engine passes a live zend_string; ZendStr is its transparent wrapper.
    let Some(text) = (unsafe { name.cast::<ZendStr>().as_ref() }).and_then(|s| s.as_str().ok())
    else {
        return std::ptr::null_mut();
    };
    let Some(source) = source_of(text) else {
        return std::ptr::null_mut();
    };
    match ext_php_rs::php_eval::execute(source) {
        // A fatal error while compiling (a time or memory limit) goes on as the fatal error
        // it is: the request ends, as it would have without this hook.
        // SAFETY: inside the engine's class lookup, where a bailout is expected.
        Err(PhpEvalError::Bailout) => unsafe { ext_php_rs::zend::bailout() },
        // An exception is left pending for PHP; anything else (only a broken build compiles
        // a model wrong) leaves the class undefined, and PHP says so where it was named.
        Err(_) => std::ptr::null_mut(),
        // SAFETY: the engine's arguments; no autoload, so a class the source did not define
        // is simply not found.
        Ok(()) => unsafe { zend_lookup_class_ex(name, lc_name, NO_AUTOLOAD) },
    }
}

/// The embedded source of the class `class` of `Antom\Models`, if it is one.
fn source_of(class: &str) -> Option<&'static str> {
    let name = strip_prefix_ignore_case(class, NAMESPACE)?;
    // PHP class names are case-insensitive: an exact match first, then any case.
    SOURCES
        .binary_search_by(|(n, _)| n.cmp(&name))
        .ok()
        .or_else(|| {
            SOURCES
                .iter()
                .position(|(n, _)| n.eq_ignore_ascii_case(name))
        })
        .map(|i| SOURCES[i].1)
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let text = text.trim_start_matches('\\');
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// A response's or notification's body as PHP reads it: an object of `Antom\Models\{class}`
/// (parsed once, then the same object each time), or the array when there is no model (`call`
/// by name) or the body is not a JSON object.
pub fn typed(
    data: &serde_json::Value,
    class: &str,
    cache: &RefCell<Option<Zval>>,
) -> PhpResult<Zval> {
    if let Some(z) = cache.borrow().as_ref() {
        return Ok(z.shallow_clone());
    }
    let array = json_to_zval(data)?;
    if class.is_empty() || !data.is_object() {
        return Ok(array);
    }
    let parse = ZendCallable::try_from_name(&format!("{NAMESPACE}{class}::fromArray"))
        .map_err(|e| type_error(format!("cannot load Antom\\Models\\{class}: {e}")))?;
    let object = parse.try_call(vec![&array])?;
    *cache.borrow_mut() = Some(object.shallow_clone());
    Ok(object)
}
