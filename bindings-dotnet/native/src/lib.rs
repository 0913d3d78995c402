//! The C ABI of the antom core. Conventions:
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

use std::time::Duration;

use antom_bridge::{ErrorView, Handle, Header, Naming, Op, Options};

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
}

fn input(message: String) -> antom::Error {
    antom_bridge::input(message)
}

/// Reads a (pointer, length) string; null with length 0 is "absent".
///
/// # Safety
/// `ptr` must point to `len` readable bytes when non-null.
unsafe fn text<'a>(ptr: *const u8, len: usize, name: &str) -> antom::Result<Option<&'a str>> {
    if ptr.is_null() {
        return match len {
            0 => Ok(None),
            _ => Err(input(format!(
                "{name} is a null pointer with a non-zero length"
            ))),
        };
    }
    // SAFETY: the caller guarantees `len` readable bytes at `ptr`.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
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

/// # Safety
/// `ptr` must point to `len` readable bytes when non-null.
unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        return &[];
    }
    // SAFETY: the caller guarantees `len` readable bytes at `ptr`.
    unsafe { std::slice::from_raw_parts(ptr, len) }
}

fn to_json<T: serde::Serialize>(v: &T) -> Vec<u8> {
    // The views are plain data: serializing them cannot fail.
    serde_json::to_vec(v).unwrap_or_else(|_| b"{}".to_vec())
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
            write(err, to_json(&ErrorView::from(&e)));
            AntomStatus::Error
        }
        Err(_) => {
            write(err, to_json(&ErrorView::panic()));
            AntomStatus::Panic
        }
    }
}

/// The signing content `[method, path, client id, request time]`.
///
/// # Safety
/// Every (pointer, length) pair must describe readable memory.
unsafe fn content<'a>(parts: [(*const u8, usize); 4]) -> antom::Result<[&'a str; 4]> {
    let names = ["method", "path", "client_id", "request_time"];
    let mut out = [""; 4];
    for (i, (ptr, len)) in parts.into_iter().enumerate() {
        // SAFETY: forwarded contract.
        out[i] = unsafe { required(ptr, len, names[i]) }?;
    }
    Ok(out)
}

/// A parsed key. Release with `antom_key_free`.
#[derive(Debug)]
pub enum AntomKey {
    Private(antom::PrivateKey),
    Public(antom::PublicKey),
}

/// `kind` of [`antom_key_new`]: the merchant's private key.
pub const ANTOM_KEY_PRIVATE: u32 = 0;
/// `kind` of [`antom_key_new`]: a public key (Antom's).
pub const ANTOM_KEY_PUBLIC: u32 = 1;

/// Parses a key (PEM or base64 text, or DER) once, for `antom_sign_request` (private) or
/// `antom_verify_signature` (public).
///
/// # Safety
/// `key` must point to `key_len` readable bytes; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn antom_key_new(
    kind: u32,
    key: *const u8,
    key_len: usize,
    out: *mut *mut AntomKey,
    err: *mut AntomBuffer,
) -> AntomStatus {
    if out.is_null() {
        return AntomStatus::Error;
    }
    // SAFETY: `out` is non-null and valid for writes per the contract.
    unsafe { out.write(std::ptr::null_mut()) };
    let mut made = None;
    // SAFETY: forwarded contract for every pointer.
    let status = unsafe {
        guard(std::ptr::null_mut(), err, || {
            let raw = bytes(key, key_len);
            made = Some(Box::new(match kind {
                ANTOM_KEY_PRIVATE => AntomKey::Private(antom_bridge::keys::private_key(raw)?),
                ANTOM_KEY_PUBLIC => AntomKey::Public(antom_bridge::keys::public_key(raw)?),
                _ => return Err(input(format!("unknown key kind {kind}"))),
            }));
            Ok(Vec::new())
        })
    };
    if let (AntomStatus::Ok, Some(boxed)) = (status, made) {
        // SAFETY: `out` is valid for writes.
        unsafe { out.write(Box::into_raw(boxed)) };
    }
    status
}

/// Releases a key (zeroized). Null is ignored; each key must be freed once.
///
/// # Safety
/// `key` must be null or a key from `antom_key_new` not yet freed.
#[no_mangle]
pub unsafe extern "C" fn antom_key_free(key: *mut AntomKey) {
    if !key.is_null() {
        let _ = catch_unwind(AssertUnwindSafe(|| {
            // SAFETY: the key came from Box::into_raw and is freed once.
            drop(unsafe { Box::from_raw(key) });
        }));
    }
}

/// # Safety
/// `key` must be null or a live key.
unsafe fn key_ref<'a>(key: *const AntomKey) -> antom::Result<&'a AntomKey> {
    // SAFETY: the caller guarantees a live key when non-null.
    unsafe { key.as_ref() }.ok_or_else(|| input("the key is null".into()))
}

/// Writes the whole `Signature` header value for a request into `out`, signed with a private
/// key from `antom_key_new`.
///
/// # Safety
/// `key` must be a live key; every (pointer, length) pair must describe readable memory;
/// `out`/`err` must be null or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn antom_sign_request(
    key: *const AntomKey,
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
    let parts = [
        (method, method_len),
        (path, path_len),
        (client_id, client_id_len),
        (request_time, request_time_len),
    ];
    // SAFETY: forwarded contract for every pointer.
    unsafe {
        guard(out, err, || {
            let AntomKey::Private(k) = key_ref(key)? else {
                return Err(input("signing needs a private key".into()));
            };
            let c = content(parts)?;
            antom_bridge::sign_with(k, c, bytes(body, body_len), key_version)
                .map(String::into_bytes)
        })
    }
}

/// Verifies a signature with a public key from `antom_key_new`. Returns `ANTOM_STATUS_OK`
/// only when it is valid; a mismatch is `ANTOM_STATUS_ERROR` with kind `SIGNATURE_MISMATCH` in
/// `err`, as is a malformed header (kind `INVALID_HEADER`). Treat anything but
/// `ANTOM_STATUS_OK` as "not verified".
///
/// # Safety
/// As [`antom_sign_request`].
#[no_mangle]
pub unsafe extern "C" fn antom_verify_signature(
    key: *const AntomKey,
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
    let parts = [
        (method, method_len),
        (path, path_len),
        (client_id, client_id_len),
        (request_time, request_time_len),
    ];
    // SAFETY: forwarded contract for every pointer.
    unsafe {
        guard(std::ptr::null_mut(), err, || {
            let AntomKey::Public(k) = key_ref(key)? else {
                return Err(input("verifying needs a public key".into()));
            };
            let c = content(parts)?;
            let sig = required(signature, signature_len, "signature")?;
            match antom_bridge::verify_with(k, c, bytes(body, body_len), sig)? {
                true => Ok(Vec::new()),
                // Fail closed: a C caller that only checks for errors still sees a mismatch.
                false => Err(antom::Error::new(
                    antom::ErrorKind::SignatureMismatch,
                    "the signature does not verify",
                )),
            }
        })
    }
}

/// Creates a client from its options as a JSON object with camel-case names (`clientId`,
/// `privateKey`, `antomPublicKey`, `region`, `gatewayUrl`, `keyVersion`, `agentToken`,
/// `timeout` and `connectTimeout` in seconds, `maxRetries`, `proxy`, `notificationMaxAge` in
/// seconds, `caCertificate`); absent options take the core's defaults. The options buffer holds
/// key text: the caller should clear it after the call.
///
/// # Safety
/// `options` must point to `options_len` readable bytes; `client` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn antom_client_new(
    options: *const u8,
    options_len: usize,
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
            let value = serde_json::from_slice(bytes(options, options_len))
                .map_err(|e| input(format!("the options are not a JSON object: {e}")))?;
            let options = Options::from_json(value, Naming::Pascal)?;
            let handle = Handle::new(&options, "dotnet")?;
            made = Some(Box::new(AntomClient { handle }));
            Ok(Vec::new())
        })
    };
    if let (AntomStatus::Ok, Some(boxed)) = (status, made) {
        // SAFETY: `client` is valid for writes.
        unsafe { client.write(Box::into_raw(boxed)) };
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
unsafe fn client_ref<'a>(client: *const AntomClient) -> antom::Result<&'a Handle> {
    // SAFETY: the caller guarantees a live handle when non-null.
    unsafe { client.as_ref() }
        .map(|c| &c.handle)
        .ok_or_else(|| input("the client handle is null (disposed?)".into()))
}

/// Calls an endpoint (catalog name or path) with a JSON body; `out` receives the response view
/// as JSON (`resultStatus`, `resultCode`, `resultMessage`, `verified`, `isSuccess`,
/// `isFailure`, `isUnknown`, `raw`, `httpStatus`, `headers` as `[{"name", "value"}]`,
/// `attempts`, `idempotencyKey`, `data`). `options` (may be null) is JSON for this call only:
/// `{"headers": {"X-A": "1"}, "timeout": 5, "maxRetries": 0}`.
///
/// # Safety
/// `client` must be a live handle; pointers as in [`antom_sign_request`].
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn antom_client_call(
    client: *const AntomClient,
    endpoint: *const u8,
    endpoint_len: usize,
    body: *const u8,
    body_len: usize,
    options: *const u8,
    options_len: usize,
    out: *mut AntomBuffer,
    err: *mut AntomBuffer,
) -> AntomStatus {
    // SAFETY: forwarded contract for every pointer.
    unsafe {
        guard(out, err, || {
            let endpoint = required(endpoint, endpoint_len, "endpoint")?.to_string();
            let body = antom::RequestBody::from(bytes(body, body_len).to_vec());
            let options = antom_bridge::call_options::call_options_from_json(
                text(options, options_len, "options")?.unwrap_or(""),
            )?;
            let r = client_ref(client)?.run_blocking(Op::Call(endpoint, body, options))?;
            Ok(to_json(&r))
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
            let id = required(
                payment_request_id,
                payment_request_id_len,
                "payment_request_id",
            )?;
            let op = Op::UntilFinal(id.to_string(), Duration::from_millis(timeout_ms));
            Ok(to_json(&client_ref(client)?.run_blocking(op)?))
        })
    }
}

/// Verifies a notification over its raw body. `headers` is a JSON array of
/// `{"name": ..., "value": ...}` objects (names in any case). `out` receives the notification
/// view as JSON (`kind`, `resultStatus`, `resultCode`, `raw`, `clientId`, `requestTime`, `data`).
///
/// Sends usage events (a JSON body) once, unsigned, over HTTP/2, in the session `session_id`
/// (from `meter.createSession`). `out` receives the response view; it is never verified.
///
/// # Safety
/// As [`antom_client_call`].
#[no_mangle]
pub unsafe extern "C" fn antom_client_upload_meter_events(
    client: *const AntomClient,
    session_id: *const u8,
    session_id_len: usize,
    body: *const u8,
    body_len: usize,
    out: *mut AntomBuffer,
    err: *mut AntomBuffer,
) -> AntomStatus {
    // SAFETY: forwarded contract for every pointer.
    unsafe {
        guard(out, err, || {
            let session = required(session_id, session_id_len, "session_id")?.to_string();
            let body = antom::RequestBody::from(bytes(body, body_len).to_vec());
            let r = client_ref(client)?.run_blocking(Op::MeterEvents(session, body))?;
            Ok(to_json(&r))
        })
    }
}

/// Uploads a product image (at most 2 MiB) as signed multipart: the bytes at `image`, or the
/// file at `path` when `path` is not null. `file_name` may be null (the file's own name, or
/// "image"). `out` receives the response view as [`antom_client_call`] gives it.
///
/// # Safety
/// As [`antom_client_call`].
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn antom_client_upload_product_image(
    client: *const AntomClient,
    product_id: *const u8,
    product_id_len: usize,
    image: *const u8,
    image_len: usize,
    path: *const u8,
    path_len: usize,
    file_name: *const u8,
    file_name_len: usize,
    out: *mut AntomBuffer,
    err: *mut AntomBuffer,
) -> AntomStatus {
    // SAFETY: forwarded contract for every pointer.
    unsafe {
        guard(out, err, || {
            let product_id = required(product_id, product_id_len, "product_id")?.to_string();
            let image = match text(path, path_len, "path")? {
                Some(p) => antom_bridge::client::Image::Path(p.into()),
                None => antom_bridge::client::Image::Bytes(bytes(image, image_len).to_vec()),
            };
            let file_name = text(file_name, file_name_len, "file_name")?.map(str::to_string);
            let r = client_ref(client)?.run_blocking(Op::UploadImage {
                product_id,
                image,
                file_name,
            })?;
            Ok(to_json(&r))
        })
    }
}

/// Missed-webhook recovery: `out` receives a JSON array of notification views (as
/// [`antom_client_verify_notification`] gives one), those Antom recorded between the ISO 8601
/// times `from` and `to`.
///
/// # Safety
/// As [`antom_client_call`].
#[no_mangle]
pub unsafe extern "C" fn antom_client_recover_notifications(
    client: *const AntomClient,
    from: *const u8,
    from_len: usize,
    to: *const u8,
    to_len: usize,
    out: *mut AntomBuffer,
    err: *mut AntomBuffer,
) -> AntomStatus {
    // SAFETY: forwarded contract for every pointer.
    unsafe {
        guard(out, err, || {
            let found = client_ref(client)?.recover_blocking(
                required(from, from_len, "from")?,
                required(to, to_len, "to")?,
            )?;
            Ok(to_json(&found))
        })
    }
}

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
            let headers: Vec<Header> =
                serde_json::from_str(text(headers, headers_len, "headers")?.unwrap_or("[]"))
                    .map_err(|e| {
                        input(format!(
                            "headers must be a JSON array of {{name, value}} objects: {e}"
                        ))
                    })?;
            let n = client_ref(client)?.verify_notification(
                required(path, path_len, "path")?,
                headers.into_iter().map(|h| (h.name, h.value)),
                bytes(body, body_len),
            )?;
            Ok(to_json(&n))
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
