//! The functions of the bridge's table (sign, verify, amounts) over the C ABI: one entry point,
//! so C#, Java and C call each function by name and no function is spelled here.

use super::*;

/// Runs the function `name` of the bridge's functions table (`sign_request`,
/// `verify_signature`, `to_minor_units`, `from_minor_units`) with its arguments as a JSON array
/// (keys as their text, bytes as base64, null for an absent optional argument; see
/// `antom_bridge::functions::call_json`). `out` receives the answer as JSON: a string, or
/// `true` for a signature that verifies. A signature that does not verify is
/// `ANTOM_STATUS_ERROR` with kind `SIGNATURE_MISMATCH`, never `ANTOM_STATUS_OK`. The arguments
/// may hold key text: the caller should clear them after the call.
///
/// # Safety
/// Every (pointer, length) pair must describe readable memory; `out`/`err` must be null or
/// valid for writes.
#[no_mangle]
pub unsafe extern "C" fn antom_function(
    name: *const u8,
    name_len: usize,
    args: *const u8,
    args_len: usize,
    out: *mut AntomBuffer,
    err: *mut AntomBuffer,
) -> AntomStatus {
    // SAFETY: forwarded contract for every pointer.
    unsafe {
        guard(out, err, || {
            let name = required(name, name_len, "name")?;
            let args = json_args(args, args_len)?;
            let answer = antom_bridge::functions::call_json(name, args, Naming::Camel)?;
            Ok(to_json(&answer))
        })
    }
}
