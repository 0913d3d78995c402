//! `Antom\Diagnostics::onAttempt(?callable)`: each attempt's event (an array with the bridge's
//! EVENT_FIELDS in camelCase, listed in the stub) to a PHP callable.
//!
//! Attempts end on the library's I/O threads, where PHP cannot run: their events are queued
//! there and handed to the callable on the PHP thread as soon as the call that made them
//! returns (every client call drains the queue). A listener that throws becomes a warning; the
//! call it reports on is not changed by it. The callable belongs to the request that set it, so
//! it is forgotten at the request's end, like every other value of that request.

#![allow(unsafe_code)] // the engine's test for exit() has no safe API

use std::cell::RefCell;
use std::sync::Mutex;

use antom_bridge::process::PerProcess;
use antom_bridge::{events, Naming};
use ext_php_rs::error::php_error;
use ext_php_rs::flags::ErrorType;
use ext_php_rs::prelude::*;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecutorGlobals;

use crate::convert::json_to_zval;
use crate::errors::type_error;

/// Events not yet handed over; a bound, so a listener never drained cannot grow it forever.
/// Per process: a `pcntl_fork` child neither waits on its parent's lock nor sees its events.
static QUEUE: PerProcess<Mutex<Vec<serde_json::Value>>> = PerProcess::new(Mutex::default);
const MOST: usize = 10_000;

thread_local! {
    static LISTENER: RefCell<Option<Zval>> = const { RefCell::new(None) };
}

/// The attempt events of every `Antom\Client`.
#[php_class]
#[php(name = "Antom\\Diagnostics")]
pub struct Diagnostics;

#[php_impl]
impl Diagnostics {
    /// Calls `$listener(array $event)` after each attempt; `null` stops it.
    pub fn on_attempt(listener: &Zval) -> PhpResult<()> {
        if listener.is_null() {
            forget();
            return Ok(());
        }
        if !listener.is_callable() {
            return Err(type_error("onAttempt takes a callable or null"));
        }
        LISTENER.with(|l| *l.borrow_mut() = Some(listener.shallow_clone()));
        events::set_sink(|event| {
            let mut queue = QUEUE.get().lock().unwrap_or_else(|p| p.into_inner());
            if queue.len() < MOST {
                queue.push(events::to_json(event, Naming::Camel));
            }
        });
        Ok(())
    }
}

/// Hands the queued events to the listener (after every client call, on the PHP thread).
pub(crate) fn deliver() {
    let queued = std::mem::take(&mut *QUEUE.get().lock().unwrap_or_else(|p| p.into_inner()));
    if queued.is_empty() {
        return;
    }
    // A copy of the listener, the borrow released before any PHP code runs: a listener may
    // call onAttempt itself, or end the request with a fatal error.
    let listener = LISTENER.with(|l| l.try_borrow().ok()?.as_ref().map(Zval::shallow_clone));
    let Some(listener) = listener else {
        return;
    };
    for event in &queued {
        let Ok(arg) = json_to_zval(event) else {
            continue;
        };
        if listener.try_call(vec![&arg]).is_err() {
            // exit() or die() in the listener: PHP ends the request by unwinding with an
            // exception of its own. It is left pending, so the script ends as it asked.
            if exiting() {
                return;
            }
            // The exception stays pending until taken: it would be thrown from the call.
            let thrown = ExecutorGlobals::take_exception().is_some();
            let what = if thrown {
                "threw"
            } else {
                "could not be called"
            };
            php_error(
                &ErrorType::Warning,
                &format!("Antom\\Diagnostics: the attempt listener {what}; the call is unaffected"),
            );
        }
    }
}

extern "C" {
    // ZEND_API since PHP 8.0 (Zend/zend_exceptions.h).
    fn zend_is_unwind_exit(ex: *const ext_php_rs::ffi::zend_object) -> bool;
}

/// Whether the pending exception is the one exit() throws to unwind the request.
fn exiting() -> bool {
    let ex = ExecutorGlobals::get().exception;
    // SAFETY: the engine's own pointer to its pending exception, read on the PHP thread that
    // owns it; the function only reads the object's class.
    !ex.is_null() && unsafe { zend_is_unwind_exit(ex) }
}

/// Stops the events and forgets the listener (`onAttempt(null)`, and at each request's end).
pub(crate) fn forget() {
    events::clear_sink();
    QUEUE
        .get()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clear();
    LISTENER.with(|l| {
        if let Ok(mut l) = l.try_borrow_mut() {
            l.take();
        }
    });
}
