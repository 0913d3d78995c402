//! Exception traces: where an antom exception points, and what it hides.
//!
//! Where: ext-php-rs gives the exception classes a Rust-backed object, whose construction skips
//! the engine's own exception constructor, so an antom exception had no file, no line and an
//! empty trace (`in :0`). [`locate`] fills them as the engine does for its own exceptions.
//!
//! What: an exception's trace holds every frame's
//! arguments (with `zend.exception_ignore_args=0`, PHP's development default, and in what error
//! trackers collect through `getTrace()`): the key text of the functions' key arguments and the
//! options arrays of `Client` (both keys; per-call headers such as `Agent-Token`). PHP 8.2's
//! `#[\SensitiveParameter]` replaces such an argument with a `SensitiveParameterValue`; internal
//! functions can only get the attribute at run time, so it is added here, after each module
//! start, to every parameter of the extension's classes whose name says it may hold a key.

// The only module of this crate below ext-php-rs: the engine's function tables have no safe API.
#![allow(unsafe_code)]

use std::ffi::{c_void, CStr};

use ext_php_rs::boxed::ZBox;
use ext_php_rs::ffi::{
    zend_ce_exception, zend_class_entry, zend_function, zend_internal_arg_info, zend_object,
    zend_string, zval, HashTable,
};
use ext_php_rs::types::{ZendObject, ZendStr, Zval};
use ext_php_rs::zend::{ClassEntry, ExecutorGlobals};

// The parameter names that can carry key material (`SENSITIVE`), and the classes that have
// them (`SENSITIVE_CLASSES`): generated from the bridge's tables.
include!("sensitive_generated.rs");

/// `ZEND_ATTRIBUTE_PERSISTENT`: the attribute lives as long as the internal function.
const PERSISTENT: u32 = 1;

/// `DEBUG_BACKTRACE_IGNORE_ARGS`.
const IGNORE_ARGS: i32 = 1 << 1;

extern "C" {
    // Zend/zend_builtin_functions.h, zend_API.h, zend_execute.h.
    fn zend_fetch_debug_backtrace(
        return_value: *mut zval,
        skip_last: i32,
        options: i32,
        limit: i32,
    );
    fn zend_update_property_ex(
        scope: *mut zend_class_entry,
        object: *mut zend_object,
        name: *mut zend_string,
        value: *mut zval,
    );
    fn zend_get_executed_filename_ex() -> *mut zend_string;
    fn zend_get_executed_lineno() -> u32;
    // Zend/zend_attributes.h (PHP 8.1+): `offset` is the parameter's position.
    fn zend_get_parameter_attribute_str(
        attributes: *mut HashTable,
        name: *const std::ffi::c_char,
        len: usize,
        offset: u32,
    ) -> *mut c_void;
    // Zend/zend_attributes.h (PHP 8.0+); `offset` is the parameter's position plus one.
    fn zend_add_attribute(
        attributes: *mut *mut HashTable,
        name: *mut zend_string,
        argc: u32,
        flags: u32,
        offset: u32,
        lineno: u32,
    ) -> *mut c_void;
}

/// Sets `file`, `line` and `trace` of a new exception as the engine's exception constructor
/// does: the caller's file and line, and the frames with their arguments unless
/// `zend.exception_ignore_args` is on (the marked parameters then show as
/// `SensitiveParameterValue`). Called inside the extension's function, so its frame is the top.
pub fn locate(exception: &mut ZendObject) {
    let ignore_args = ExecutorGlobals::get().exception_ignore_args;
    let object: *mut zend_object = exception;
    let set = |name: &str, value: &mut Zval| {
        let mut name = ZendStr::new(name, false);
        // SAFETY: `object` is a live exception; `zend_ce_exception` declares file, line and
        // trace, and is the scope that may write them; the engine copies `value`.
        unsafe { zend_update_property_ex(zend_ce_exception, object, &raw mut *name, value) };
    };
    let mut trace = Zval::new();
    // SAFETY: a request is running (this is called from an extension function), and `trace`
    // is an empty zval the engine fills with an array.
    unsafe {
        zend_fetch_debug_backtrace(&mut trace, 0, if ignore_args { IGNORE_ARGS } else { 0 }, 0)
    };
    set("trace", &mut trace);
    // SAFETY: as above; the engine returns its own string (or null outside user code), which
    // is not released here.
    let file = unsafe { zend_get_executed_filename_ex().cast::<ZendStr>().as_ref() };
    if let Some(file) = file.and_then(|f| f.as_str().ok()) {
        let mut v = Zval::new();
        if v.set_string(file, false).is_ok() {
            set("file", &mut v);
        }
    }
    let mut line = Zval::new();
    // SAFETY: as above.
    line.set_long(i64::from(unsafe { zend_get_executed_lineno() }));
    set("line", &mut line);
}

/// Marks the sensitive parameters on the first request of each process (the classes exist from
/// then on; a second MINIT in the same process registers them again, and this again).
pub fn request_startup() {
    // Not once per process: a SAPI that restarts the module (Apache's graceful restart) builds
    // new functions without the marks while this library stays loaded. One look per request
    // at the first sensitive parameter says whether the current functions have them.
    // SAFETY: runs on the request thread of an NTS PHP (the only kind this extension is built
    // for) before any user code, with the class table initialized.
    unsafe {
        if !marked() {
            mark();
        }
    }
}

/// The attribute's name as the engine looks it up (lower case).
const LOWER: &str = "sensitiveparameter";

/// # Safety
/// As [`mark`].
unsafe fn has_mark(func: *mut zend_function, offset: u32) -> bool {
    // SAFETY: `func` is a live function; its attributes table may be null.
    let attributes = unsafe { (*func).common.attributes };
    !attributes.is_null()
        // SAFETY: a live attributes table and a valid string.
        && !unsafe { zend_get_parameter_attribute_str(attributes, LOWER.as_ptr().cast(), LOWER.len(), offset) }
            .is_null()
}

/// # Safety
/// As [`mark`].
unsafe fn marked() -> bool {
    let Some(ce) = ClassEntry::try_find("Antom\\Client") else {
        return true; // nothing to mark
    };
    match ce.function_table.get("__construct") {
        // SAFETY: a class's function table holds `zend_function` pointers.
        Some(zv) if zv.is_ptr() => unsafe { has_mark(zv.value.ptr.cast(), 0) },
        _ => true,
    }
}

/// # Safety
/// The class table must be initialized, and no other thread may use the function tables.
unsafe fn mark() {
    // Persistent and never freed (one per module start): the attributes hold references to it.
    let name: *mut zend_string = ZBox::into_raw(ZendStr::new("SensitiveParameter", true)).cast();
    for class in SENSITIVE_CLASSES {
        let Some(ce) = ClassEntry::try_find(class) else {
            continue;
        };
        for zv in ce.function_table.values() {
            if !zv.is_ptr() {
                continue;
            }
            // SAFETY: a class's function table holds `zend_function` pointers.
            let func = unsafe { zv.value.ptr }.cast::<zend_function>();
            // SAFETY: `func` points to a live internal function of the class.
            unsafe { mark_function(func, name) };
        }
    }
}

/// # Safety
/// `func` must point to an internal function; `name` to a persistent string.
unsafe fn mark_function(func: *mut zend_function, name: *mut zend_string) {
    // SAFETY: the caller's contract; internal functions keep `zend_internal_arg_info`.
    let common = unsafe { &mut (*func).common };
    let args = common.arg_info.cast::<zend_internal_arg_info>();
    if args.is_null() {
        return;
    }
    for i in 0..common.num_args {
        // SAFETY: `arg_info` holds `num_args` parameters.
        let arg = unsafe { &*args.add(i as usize) };
        if arg.name.is_null() {
            continue;
        }
        // SAFETY: internal argument names are NUL-terminated C strings.
        let arg_name = unsafe { CStr::from_ptr(arg.name) }.to_string_lossy();
        // SAFETY: `func` is live.
        if SENSITIVE.contains(&arg_name.as_ref()) && !unsafe { has_mark(func, i) } {
            // SAFETY: `attributes` belongs to `func`; the attribute copies its references.
            unsafe { zend_add_attribute(&mut common.attributes, name, 0, PERSISTENT, i + 1, 0) };
        }
    }
}
