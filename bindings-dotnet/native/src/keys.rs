//! Keys over the C ABI: parse once, sign and verify with the parsed key, free.

use super::*;

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
        // SAFETY: forwarded contract.
        return unsafe { null_output(err, "out") };
    }
    // SAFETY: `out` is non-null and valid for writes per the contract.
    unsafe { out.write(std::ptr::null_mut()) };
    let mut made = None;
    // SAFETY: forwarded contract for every pointer.
    let status = unsafe {
        guard_no_output(err, || {
            let raw = bytes(key, key_len, "key")?;
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
            antom_bridge::sign_with(k, c, bytes(body, body_len, "body")?, key_version)
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
        guard_no_output(err, || {
            let AntomKey::Public(k) = key_ref(key)? else {
                return Err(input("verifying needs a public key".into()));
            };
            let c = content(parts)?;
            let sig = required(signature, signature_len, "signature")?;
            match antom_bridge::verify_with(k, c, bytes(body, body_len, "body")?, sig)? {
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
