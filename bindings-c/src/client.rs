//! The client over the C ABI: create, invoke an operation of the bridge's table, free.

use super::*;

/// Runs the operation `name` of the bridge's operations table (`call`,
/// `inquire_payment_until_final`, `upload_meter_events`, `upload_product_image`,
/// `upload_product_image_file`, `recover_notifications`, `verify_notification`) with its
/// arguments as a JSON array (see `antom_bridge::operations::args_from_json`: bytes as base64,
/// null for an absent optional argument). `out` receives the result as JSON: a response view,
/// a notification view or an array of notification views.
///
/// # Safety
/// `client` must be a live handle; pointers as in [`antom_function`].
#[no_mangle]
pub unsafe extern "C" fn antom_client_invoke(
    client: *const AntomClient,
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
            let (handle, naming) = client_and_naming(client)?;
            let args = antom_bridge::operations::args_from_json(name, args)?;
            let outcome = handle.invoke_blocking(name, args, naming)?;
            Ok(to_json(&outcome.to_json()))
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
    // SAFETY: forwarded contract.
    unsafe {
        new_client(
            options,
            options_len,
            ("dotnet", Naming::Pascal),
            client,
            err,
        )
    }
}

/// [`antom_client_new`] for another language: `language` ("java" or "dotnet") names it in the
/// User-Agent and spells option and argument names in its errors (camel case for Java); any
/// other value is an error.
///
/// # Safety
/// As [`antom_client_new`]; `language` must point to `language_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn antom_client_new_for(
    options: *const u8,
    options_len: usize,
    language: *const u8,
    language_len: usize,
    client: *mut *mut AntomClient,
    err: *mut AntomBuffer,
) -> AntomStatus {
    if !client.is_null() {
        // SAFETY: `client` is valid for writes per the contract: null until a client is made.
        unsafe { client.write(std::ptr::null_mut()) };
    }
    // SAFETY: forwarded contract.
    let language = match unsafe { text(language, language_len, "language") } {
        Ok(Some("java")) => ("java", Naming::Camel),
        Ok(Some("dotnet")) => ("dotnet", Naming::Pascal),
        Ok(other) => {
            let given = other.unwrap_or("");
            let message = format!("language must be \"java\" or \"dotnet\", not {given:?}");
            // SAFETY: forwarded contract.
            return unsafe { guard_no_output(err, || Err(input(message))) };
        }
        // SAFETY: forwarded contract.
        Err(e) => return unsafe { guard_no_output(err, || Err(e)) },
    };
    // SAFETY: forwarded contract.
    unsafe { new_client(options, options_len, language, client, err) }
}

/// # Safety
/// As [`antom_client_new`].
unsafe fn new_client(
    options: *const u8,
    options_len: usize,
    (language, naming): (&'static str, Naming),
    client: *mut *mut AntomClient,
    err: *mut AntomBuffer,
) -> AntomStatus {
    // SAFETY: forwarded contract for every pointer.
    unsafe {
        new_handle(client, "client", None, err, || {
            let value = serde_json::from_slice(bytes(options, options_len, "options")?)
                .map_err(|e| input(format!("the options are not a JSON object: {e}")))?;
            let options = Options::from_json(value, naming)?;
            let handle = Handle::new(&options, language)?;
            Ok((AntomClient { handle, naming }, Vec::new()))
        })
    }
}

/// Releases a client. Null is ignored; each handle must be freed once.
///
/// # Safety
/// `client` must be null or a handle from `antom_client_new` not yet freed.
#[no_mangle]
pub unsafe extern "C" fn antom_client_free(client: *mut AntomClient) {
    // SAFETY: forwarded contract.
    unsafe { free_handle(client) }
}

/// # Safety
/// `client` must be a live handle or null.
unsafe fn client_and_naming<'a>(client: *const AntomClient) -> antom::Result<(&'a Handle, Naming)> {
    // SAFETY: the caller guarantees a live handle when non-null.
    unsafe { client.as_ref() }
        .map(|c| (&c.handle, c.naming))
        .ok_or_else(|| input("the client handle is null (disposed?)".into()))
}
