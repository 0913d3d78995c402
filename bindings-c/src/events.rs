//! Every attempt of every client, as JSON (camelCase keys), to one listener the caller sets.

use super::*;

/// Called after each attempt with the event as UTF-8 JSON (`method`, `path`, `attempt`,
/// `httpStatus`, `resultStatus`, `resultCode`, `verified`, `outcome`, `latencyMs`,
/// `idempotencyKey`, `willRetry`); the bytes are valid only during the call. It runs on one of
/// the library's I/O threads: it must return quickly and must not unwind.
pub type AntomAttemptListener = Option<unsafe extern "C" fn(json: *const u8, json_len: usize)>;

/// Sets the attempt listener of every client (replacing any earlier one); null removes it.
#[no_mangle]
pub extern "C" fn antom_set_attempt_listener(listener: AntomAttemptListener) {
    let _ = catch_unwind(AssertUnwindSafe(|| match listener {
        Some(f) => antom_bridge::events::set_sink(move |e| {
            let json = antom_bridge::events::to_json(e, Naming::Camel).to_string();
            // SAFETY: the caller's contract: a function taking (pointer, length) it only reads
            // during the call.
            unsafe { f(json.as_ptr(), json.len()) };
        }),
        None => antom_bridge::events::clear_sink(),
    }));
}
