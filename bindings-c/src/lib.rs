//! The C ABI of the antom core: every function of the bridge's functions table (sign, verify,
//! amounts) is one `antom_function`, and a client's every operation one `antom_client_invoke`
//! of its operations table (C#, Java and C call the same entry points). Conventions:
//! - strings go in as (pointer, length) UTF-8 and are validated; a null pointer with length 0
//!   is an empty or absent value;
//! - every function returns an [`AntomStatus`]; on `ANTOM_STATUS_ERROR` the `err` buffer holds
//!   the bridge's error view written by serde (`kind`, `family`, `message`, `httpStatus`, `raw`,
//!   `idempotencyKey`, `resultCode`, `attempts`, `outcomeUnknown`, `attemptHistory`);
//! - every [`AntomBuffer`] handed out is released with [`antom_buffer_free`]; every client with
//!   [`antom_client_free`];
//! - every function catches panics: none unwinds into the caller (`ANTOM_STATUS_PANIC`).
//!
//! Calls are blocking on the bridge's one runtime per process (rebuilt after `fork`); the C#
//! layer offers `...Async` variants by running them on the thread pool.

#![allow(unsafe_code)] // This crate is the FFI boundary; every unsafe block states its contract.
#![allow(clippy::too_many_arguments)] // C has no structs-of-strings convention worth the marshaling cost.

use std::panic::{catch_unwind, AssertUnwindSafe};

// Every block this library frees is zeroed first (bridge/src/memory.rs). The staticlib and
// rlib carry it too: a program linking them takes this allocator and declares none of its own.
antom_bridge::wipe_freed_memory!();

use antom_bridge::{ErrorView, Handle, Naming, Options};

mod client;
mod events;
mod function;
mod testing;

pub use client::*;
pub use events::*;
pub use function::*;
pub use testing::*;

/// Result of every call.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AntomStatus {
    /// Success; outputs are set.
    Ok = 0,
    /// A typed error; `err` holds its JSON detail. A signature that does not match is an
    /// error too (kind `SIGNATURE_MISMATCH`), so a caller that checks `!= ANTOM_STATUS_ERROR`
    /// or `== ANTOM_STATUS_OK` can never take a mismatch for a valid signature.
    Error = 1,
    /// A bug inside the library was caught; `err` holds a message. Nothing unwound. (2 is
    /// never returned: it once meant "mismatch" and stays unused so old callers fail closed.)
    Panic = 3,
}

/// Bytes owned by the library. Release with `antom_buffer_free`.
#[repr(C)]
#[derive(Debug)]
pub struct AntomBuffer {
    pub ptr: *mut u8,
    pub len: usize,
    pub cap: usize,
}

impl AntomBuffer {
    fn empty() -> Self {
        AntomBuffer {
            ptr: std::ptr::null_mut(),
            len: 0,
            cap: 0,
        }
    }
    fn from_vec(v: Vec<u8>) -> Self {
        let mut v = std::mem::ManuallyDrop::new(v);
        AntomBuffer {
            ptr: v.as_mut_ptr(),
            len: v.len(),
            cap: v.capacity(),
        }
    }
}

/// An opaque client handle. Release with `antom_client_free`.
#[derive(Debug)]
pub struct AntomClient {
    handle: Handle,
    /// How names are spelled in errors for the caller's language.
    naming: Naming,
}

fn input(message: String) -> antom::Error {
    antom_bridge::input(message)
}

/// Reads a (pointer, length) string; null with length 0 is "absent".
///
/// # Safety
/// `ptr` must point to `len` readable bytes when non-null.
unsafe fn text<'a>(ptr: *const u8, len: usize, name: &str) -> antom::Result<Option<&'a str>> {
    if ptr.is_null() && len == 0 {
        return Ok(None);
    }
    // SAFETY: forwarded contract.
    let bytes = unsafe { bytes(ptr, len, name) }?;
    std::str::from_utf8(bytes)
        .map(Some)
        .map_err(|_| input(format!("{name} is not valid UTF-8")))
}

/// # Safety
/// As [`text`].
unsafe fn required<'a>(ptr: *const u8, len: usize, name: &str) -> antom::Result<&'a str> {
    // SAFETY: forwarded contract.
    unsafe { text(ptr, len, name) }?.ok_or_else(|| input(format!("{name} is required")))
}

/// Reads (pointer, length) bytes; null with length 0 is empty, null with a length is an error
/// (the caller meant to pass something and passed nothing).
///
/// # Safety
/// `ptr` must point to `len` readable bytes when non-null.
unsafe fn bytes<'a>(ptr: *const u8, len: usize, name: &str) -> antom::Result<&'a [u8]> {
    if ptr.is_null() {
        return match len {
            0 => Ok(&[]),
            _ => Err(input(format!(
                "{name} is a null pointer with a non-zero length"
            ))),
        };
    }
    if len == 0 {
        return Ok(&[]);
    }
    // SAFETY: the caller guarantees `len` readable bytes at `ptr`.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// The arguments of an operation or function: a JSON array at (pointer, length).
///
/// # Safety
/// As [`bytes`].
unsafe fn json_args(ptr: *const u8, len: usize) -> antom::Result<serde_json::Value> {
    // SAFETY: forwarded contract.
    serde_json::from_slice(unsafe { bytes(ptr, len, "args") }?)
        .map_err(|e| input(format!("the arguments are not JSON: {e}")))
}

fn to_json<T: serde::Serialize>(v: &T) -> Vec<u8> {
    // The views are plain data: serializing them cannot fail.
    serde_json::to_vec(v).unwrap_or_else(|_| b"{}".to_vec())
}

/// Runs `f`, writing its output to `out` or its error to `err`; catches panics. A null `out`
/// is refused before `f` runs: the result (a payment's answer) would have nowhere to go.
///
/// # Safety
/// `out` and `err` must be null or valid for writes.
unsafe fn guard(
    out: *mut AntomBuffer,
    err: *mut AntomBuffer,
    f: impl FnOnce() -> antom::Result<Vec<u8>>,
) -> AntomStatus {
    if out.is_null() {
        // SAFETY: forwarded contract.
        return unsafe { null_output(err, "out") };
    }
    // SAFETY: forwarded contract.
    unsafe { run(out, err, f) }
}

/// Runs `f`, which has no output but its status, writing its error to `err`.
///
/// # Safety
/// `err` must be null or valid for writes.
unsafe fn guard_no_output(
    err: *mut AntomBuffer,
    f: impl FnOnce() -> antom::Result<Vec<u8>>,
) -> AntomStatus {
    // SAFETY: forwarded contract.
    unsafe { run(std::ptr::null_mut(), err, f) }
}

/// The error for a null output pointer, in `err`; nothing else is done.
///
/// # Safety
/// `err` must be null or valid for writes.
unsafe fn null_output(err: *mut AntomBuffer, name: &str) -> AntomStatus {
    let message =
        format!("{name} is a null pointer: the result would be lost, so nothing was done");
    // SAFETY: forwarded contract.
    unsafe { guard_no_output(err, || Err(input(message))) }
}

/// # Safety
/// `out` and `err` must be null or valid for writes.
unsafe fn run(
    out: *mut AntomBuffer,
    err: *mut AntomBuffer,
    f: impl FnOnce() -> antom::Result<Vec<u8>>,
) -> AntomStatus {
    let write = |slot: *mut AntomBuffer, v: Vec<u8>| {
        if !slot.is_null() {
            // SAFETY: the caller guarantees `slot` is valid for writes.
            unsafe { slot.write(AntomBuffer::from_vec(v)) };
        }
    };
    for slot in [out, err] {
        if !slot.is_null() {
            // SAFETY: as above.
            unsafe { slot.write(AntomBuffer::empty()) };
        }
    }
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => {
            write(out, v);
            AntomStatus::Ok
        }
        Ok(Err(e)) => {
            write(err, to_json(&ErrorView::from(&e)));
            AntomStatus::Error
        }
        Err(_) => {
            write(err, to_json(&ErrorView::panic()));
            AntomStatus::Panic
        }
    }
}

/// Makes a handle into `*slot` (null until `make` succeeds), writing `make`'s output to the
/// named `out` when it has one (a null `out` is then refused) and its error to `err`.
///
/// # Safety
/// `slot` must be null or valid for writes; `out` and `err` as in [`run`].
unsafe fn new_handle<T>(
    slot: *mut *mut T,
    name: &str,
    out: Option<(*mut AntomBuffer, &str)>,
    err: *mut AntomBuffer,
    make: impl FnOnce() -> antom::Result<(T, Vec<u8>)>,
) -> AntomStatus {
    if slot.is_null() {
        // SAFETY: forwarded contract.
        return unsafe { null_output(err, name) };
    }
    // SAFETY: `slot` is non-null and valid for writes per the contract.
    unsafe { slot.write(std::ptr::null_mut()) };
    let out = match out {
        // SAFETY: forwarded contract.
        Some((out, out_name)) if out.is_null() => return unsafe { null_output(err, out_name) },
        Some((out, _)) => out,
        None => std::ptr::null_mut(),
    };
    let mut made = None;
    // SAFETY: forwarded contract.
    let status = unsafe {
        run(out, err, || {
            let (value, output) = make()?;
            made = Some(Box::new(value));
            Ok(output)
        })
    };
    if let (AntomStatus::Ok, Some(boxed)) = (status, made) {
        // SAFETY: `slot` is valid for writes.
        unsafe { slot.write(Box::into_raw(boxed)) };
    }
    status
}

/// Releases a handle made by [`new_handle`]. Null is ignored.
///
/// # Safety
/// `handle` must be null or a pointer [`new_handle`] wrote for this same `T`, freed only once.
unsafe fn free_handle<T>(handle: *mut T) {
    if handle.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the handle came from Box::into_raw and is freed once.
        drop(unsafe { Box::from_raw(handle) });
    }));
}

/// Releases a buffer returned by this library. An empty buffer is ignored.
#[no_mangle]
pub extern "C" fn antom_buffer_free(buffer: AntomBuffer) {
    if buffer.ptr.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the buffer came from AntomBuffer::from_vec with these exact parts.
        drop(unsafe { Vec::from_raw_parts(buffer.ptr, buffer.len, buffer.cap) });
    }));
}

/// The ack with a terminating NUL, for C.
static ACK: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
    let mut v = antom::NOTIFICATION_ACK.as_bytes().to_vec();
    v.push(0);
    v
});

/// The exact notification ack body (static, NUL-terminated; do not free).
#[no_mangle]
pub extern "C" fn antom_notification_ack() -> *const u8 {
    ACK.as_ptr()
}

/// The library version (static, NUL-terminated; do not free).
#[no_mangle]
pub extern "C" fn antom_version() -> *const u8 {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_ack_matches_the_core() {
        let ack = unsafe { std::ffi::CStr::from_ptr(super::antom_notification_ack().cast()) };
        assert_eq!(ack.to_str().unwrap(), antom::NOTIFICATION_ACK);
    }
}
