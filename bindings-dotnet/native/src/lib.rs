//! The C ABI of the antom core. Conventions:
//! - strings go in as (pointer, length) UTF-8 and are validated; a null pointer with length 0
//!   is an empty or absent value;
//! - every function returns an [`AntomStatus`]; on `ANTOM_STATUS_ERROR` the `err` buffer holds a
//!   JSON detail written by serde (`kind`, `message`, `http_status`, `raw`, `idempotency_key`,
//!   `result_code`, `attempts`, `outcome_unknown`, `attempt_history`; see `views.rs`);
//! - every [`AntomBuffer`] handed out is released with [`antom_buffer_free`]; every client with
//!   [`antom_client_free`];
//! - every function catches panics: none unwinds into the caller (`ANTOM_STATUS_PANIC`).
//!
//! Calls are blocking (the core's blocking client); the C# layer offers `...Async` variants by
//! running them on the thread pool.

#![allow(unsafe_code)] // This crate is the FFI boundary; every unsafe block states its contract.
#![allow(clippy::too_many_arguments)] // C has no structs-of-strings convention worth the marshaling cost.

use std::panic::{catch_unwind, AssertUnwindSafe};

mod views;
use std::time::Duration;

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
    inner: antom::blocking::Client,
}

/// Reads a (pointer, length) string; null with length 0 is "absent".
///
/// # Safety
/// `ptr` must point to `len` readable bytes when non-null.
unsafe fn text<'a>(ptr: *const u8, len: usize, name: &str) -> antom::Result<Option<&'a str>> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(None)
        } else {
            Err(antom::Error::new(
                antom::ErrorKind::InvalidInput,
                format!("{name} is a null pointer with a non-zero length"),
            ))
        };
    }
    // SAFETY: the caller guarantees `len` readable bytes at `ptr`.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    std::str::from_utf8(bytes).map(Some).map_err(|_| {
        antom::Error::new(
            antom::ErrorKind::InvalidInput,
            format!("{name} is not valid UTF-8"),
        )
    })
}

/// # Safety
/// As [`text`].
unsafe fn required<'a>(ptr: *const u8, len: usize, name: &str) -> antom::Result<&'a str> {
    // SAFETY: forwarded contract.
    unsafe { text(ptr, len, name) }?.ok_or_else(|| {
        antom::Error::new(
            antom::ErrorKind::InvalidInput,
            format!("{name} is required"),
        )
    })
}

/// # Safety
/// `ptr` must point to `len` readable bytes when non-null.
unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        return &[];
    }
    // SAFETY: the caller guarantees `len` readable bytes at `ptr`.
    unsafe { std::slice::from_raw_parts(ptr, len) }
}

/// Runs `f`, writing its output or error; catches panics.
///
/// # Safety
/// `out` and `err` must be null or valid for writes.
unsafe fn guard(
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
            write(err, views::to_json(&views::ErrorView::of(&e)));
            AntomStatus::Error
        }
        Err(_) => {
            write(err, views::to_json(&views::ErrorView::panic()));
            AntomStatus::Panic
        }
    }
}

fn private_key(raw: &[u8]) -> antom::Result<antom::PrivateKey> {
    antom::key_cache::private_key(raw)
}

fn public_key(raw: &[u8]) -> antom::Result<antom::PublicKey> {
    antom::key_cache::public_key(raw)
}

/// Writes the whole `Signature` header value for a request into `out`.
///
/// # Safety
/// Every (pointer, length) pair must describe readable memory; `out`/`err` must be null or
/// valid for writes.
#[no_mangle]
pub unsafe extern "C" fn antom_sign_request(
    key: *const u8,
    key_len: usize,
    method: *const u8,
    method_len: usize,
    path: *const u8,
    path_len: usize,
    client_id: *const u8,
    client_id_len: usize,
    request_time: *const u8,
    request_time_len: usize,
    body: *const u8,
    body_len: usize,
    key_version: u32,
    out: *mut AntomBuffer,
    err: *mut AntomBuffer,
) -> AntomStatus {
    // SAFETY: forwarded contract for every pointer.
    unsafe {
        guard(out, err, || {
            let k = private_key(bytes(key, key_len))?;
            let header = antom::Signer::new(k, key_version).sign(
                required(method, method_len, "method")?,
                required(path, path_len, "path")?,
                required(client_id, client_id_len, "client_id")?,
                required(request_time, request_time_len, "request_time")?,
                bytes(body, body_len),
            )?;
            Ok(header.into_bytes())
        })
    }
}

/// Verifies a signature. Returns `ANTOM_STATUS_OK` only when it is valid; a mismatch is
/// `ANTOM_STATUS_ERROR` with kind `SIGNATURE_MISMATCH` in `err`, as is a malformed key or
/// header (kinds `INVALID_KEY`, `INVALID_HEADER`). Treat anything but `ANTOM_STATUS_OK` as
/// "not verified".
///
/// # Safety
/// As [`antom_sign_request`].
#[no_mangle]
pub unsafe extern "C" fn antom_verify_signature(
    key: *const u8,
    key_len: usize,
    method: *const u8,
    method_len: usize,
    path: *const u8,
    path_len: usize,
    client_id: *const u8,
    client_id_len: usize,
    request_time: *const u8,
    request_time_len: usize,
    body: *const u8,
    body_len: usize,
    signature: *const u8,
    signature_len: usize,
    err: *mut AntomBuffer,
) -> AntomStatus {
    // SAFETY: forwarded contract for every pointer.
    unsafe {
        guard(std::ptr::null_mut(), err, || {
            let k = public_key(bytes(key, key_len))?;
            let outcome = antom::Verifier::new(k).verify(
                required(method, method_len, "method")?,
                required(path, path_len, "path")?,
                required(client_id, client_id_len, "client_id")?,
                required(request_time, request_time_len, "request_time")?,
                bytes(body, body_len),
                required(signature, signature_len, "signature")?,
            );
            outcome.map(|()| Vec::new())
        })
    }
}

/// Creates a client. Absent optional strings are (NULL, 0); `region` is asia, north-america,
/// europe or us; zero timeouts take the defaults (15 s, 5 s).
///
/// # Safety
/// As [`antom_sign_request`]; `client` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn antom_client_new(
    client_id: *const u8,
    client_id_len: usize,
    private_key_ptr: *const u8,
    private_key_len: usize,
    antom_public_key: *const u8,
    antom_public_key_len: usize,
    region: *const u8,
    region_len: usize,
    gateway_url: *const u8,
    gateway_url_len: usize,
    key_version: u32,
    agent_token: *const u8,
    agent_token_len: usize,
    timeout_ms: u64,
    connect_timeout_ms: u64,
    max_retries: u32,
    proxy: *const u8,
    proxy_len: usize,
    client: *mut *mut AntomClient,
    err: *mut AntomBuffer,
) -> AntomStatus {
    if client.is_null() {
        return AntomStatus::Error;
    }
    // SAFETY: `client` is non-null and valid for writes per the contract.
    unsafe { client.write(std::ptr::null_mut()) };
    let mut made: Option<Box<AntomClient>> = None;
    // SAFETY: forwarded contract for every pointer.
    let status = unsafe {
        guard(std::ptr::null_mut(), err, || {
            let mut b = antom::Config::builder(
                required(client_id, client_id_len, "client_id")?,
                private_key(bytes(private_key_ptr, private_key_len))?,
                public_key(bytes(antom_public_key, antom_public_key_len))?,
            )
            .key_version(key_version)
            .max_retries(max_retries);
            if timeout_ms > 0 {
                b = b.timeout(Duration::from_millis(timeout_ms));
            }
            if connect_timeout_ms > 0 {
                b = b.connect_timeout(Duration::from_millis(connect_timeout_ms));
            }
            let region = text(region, region_len, "region")?;
            let gateway = text(gateway_url, gateway_url_len, "gateway_url")?;
            if region.is_some() && gateway.is_some() {
                return Err(antom::Error::new(
                    antom::ErrorKind::InvalidInput,
                    "pass a region or a gateway URL, not both",
                ));
            }
            if let Some(r) = region {
                b = b.region(r.parse()?);
            }
            if let Some(u) = gateway {
                b = b.gateway_url(u);
            }
            if let Some(t) = text(agent_token, agent_token_len, "agent_token")? {
                b = b.agent_token(t);
            }
            if let Some(p) = text(proxy, proxy_len, "proxy")? {
                b = b.proxy(p);
            }
            let inner = antom::blocking::Client::with_language(b.build()?, "dotnet")?;
            made = Some(Box::new(AntomClient { inner }));
            Ok(Vec::new())
        })
    };
    if status == AntomStatus::Ok {
        if let Some(boxed) = made {
            // SAFETY: `client` is valid for writes.
            unsafe { client.write(Box::into_raw(boxed)) };
        }
    }
    status
}

/// Releases a client. Null is ignored; each handle must be freed once.
///
/// # Safety
/// `client` must be null or a handle from `antom_client_new` not yet freed.
#[no_mangle]
pub unsafe extern "C" fn antom_client_free(client: *mut AntomClient) {
    if client.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the handle came from Box::into_raw and is freed once.
        drop(unsafe { Box::from_raw(client) });
    }));
}

/// # Safety
/// `client` must be a live handle or null.
unsafe fn client_ref<'a>(client: *const AntomClient) -> antom::Result<&'a AntomClient> {
    // SAFETY: the caller guarantees a live handle when non-null.
    unsafe { client.as_ref() }.ok_or_else(|| {
        antom::Error::new(
            antom::ErrorKind::InvalidInput,
            "the client handle is null (disposed?)",
        )
    })
}

/// Calls an endpoint (catalog name or path) with a JSON body; `out` receives the response as a
/// JSON object (`result_status`, `result_code`, `result_message`, `verified`, `is_failure`,
/// `is_unknown`, `raw`, `http_status`, `headers` as `[{"name", "value"}]`, `attempts`,
/// `idempotency_key`).
///
/// # Safety
/// `client` must be a live handle; pointers as in [`antom_sign_request`].
#[no_mangle]
pub unsafe extern "C" fn antom_client_call(
    client: *const AntomClient,
    endpoint: *const u8,
    endpoint_len: usize,
    body: *const u8,
    body_len: usize,
    out: *mut AntomBuffer,
    err: *mut AntomBuffer,
) -> AntomStatus {
    // SAFETY: forwarded contract for every pointer.
    unsafe {
        guard(out, err, || {
            let c = client_ref(client)?;
            let r = c.inner.call(
                required(endpoint, endpoint_len, "endpoint")?,
                bytes(body, body_len).to_vec(),
            )?;
            Ok(views::to_json(&views::ResponseView::of(&r)))
        })
    }
}

/// Polls inquiryPayment until the payment is final or `timeout_ms` passes.
///
/// # Safety
/// As [`antom_client_call`].
#[no_mangle]
pub unsafe extern "C" fn antom_client_inquire_payment_until_final(
    client: *const AntomClient,
    payment_request_id: *const u8,
    payment_request_id_len: usize,
    timeout_ms: u64,
    out: *mut AntomBuffer,
    err: *mut AntomBuffer,
) -> AntomStatus {
    // SAFETY: forwarded contract for every pointer.
    unsafe {
        guard(out, err, || {
            let c = client_ref(client)?;
            let id = required(
                payment_request_id,
                payment_request_id_len,
                "payment_request_id",
            )?;
            let r = c
                .inner
                .inquire_payment_until_final(id, Duration::from_millis(timeout_ms))?;
            Ok(views::to_json(&views::ResponseView::of(&r)))
        })
    }
}

/// Verifies a notification over its raw body. `headers` is a JSON array of
/// `{"name": ..., "value": ...}` objects (names in any case). `out` receives a JSON object
/// (`kind`, `result_status`, `result_code`, `raw`, `client_id`, `request_time`).
///
/// # Safety
/// As [`antom_client_call`].
#[no_mangle]
pub unsafe extern "C" fn antom_client_verify_notification(
    client: *const AntomClient,
    path: *const u8,
    path_len: usize,
    headers: *const u8,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    out: *mut AntomBuffer,
    err: *mut AntomBuffer,
) -> AntomStatus {
    // SAFETY: forwarded contract for every pointer.
    unsafe {
        guard(out, err, || {
            let c = client_ref(client)?;
            let headers: Vec<views::Header> =
                serde_json::from_str(text(headers, headers_len, "headers")?.unwrap_or("[]"))
                    .map_err(|e| {
                        antom::Error::new(
                            antom::ErrorKind::InvalidInput,
                            format!("headers must be a JSON array of {{name, value}} objects: {e}"),
                        )
                    })?;
            let n = c.inner.verify_notification(
                required(path, path_len, "path")?,
                headers.into_iter().map(|h| (h.name, h.value)),
                bytes(body, body_len),
            )?;
            Ok(views::to_json(&views::NotificationView::of(n)))
        })
    }
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

/// The exact notification ack body (static; do not free).
#[no_mangle]
pub extern "C" fn antom_notification_ack() -> *const u8 {
    concat!(
        r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#,
        "\0"
    )
    .as_ptr()
}

/// The library version (static, NUL-terminated; do not free).
#[no_mangle]
pub extern "C" fn antom_version() -> *const u8 {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_checked_in_header_is_current() {
        let generated = std::fs::read_to_string(concat!(env!("OUT_DIR"), "/antom.h")).unwrap();
        let checked_in =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/include/antom.h"))
                .unwrap();
        assert_eq!(
            generated, checked_in,
            "include/antom.h is stale: copy it from OUT_DIR (make dotnet-header)"
        );
    }

    #[test]
    fn the_ack_matches_the_core() {
        let ack = unsafe { std::ffi::CStr::from_ptr(super::antom_notification_ack().cast()) };
        assert_eq!(ack.to_str().unwrap(), antom::NOTIFICATION_ACK);
    }
}
