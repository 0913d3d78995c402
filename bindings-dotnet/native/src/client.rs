//! The client over the C ABI: create, call (and the helpers built on calls), verify a
//! notification, free.

use super::*;

/// Runs the operation `name` of the bridge's operations table (`call`,
/// `inquire_payment_until_final`, `upload_meter_events`, `upload_product_image`,
/// `upload_product_image_file`, `recover_notifications`, `verify_notification`) with its
/// arguments as a JSON array (see `antom_bridge::operations::args_from_json`: bytes as base64,
/// null for an absent optional argument). `out` receives the result as JSON: a response view,
/// a notification view or an array of notification views.
///
/// # Safety
/// `client` must be a live handle; pointers as in [`antom_sign_request`].
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
            let args = serde_json::from_slice(bytes(args, args_len, "args")?)
                .map_err(|e| input(format!("the arguments are not JSON: {e}")))?;
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

/// [`antom_client_new`] for another language: `language` ("java") names it in the User-Agent
/// and spells option and argument names in its errors (camel case for Java; any other name is
/// taken as .NET).
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
    // SAFETY: forwarded contract.
    let java = matches!(
        unsafe { text(language, language_len, "language") },
        Ok(Some("java"))
    );
    let language = if java {
        ("java", Naming::Camel)
    } else {
        ("dotnet", Naming::Pascal)
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
    if client.is_null() {
        // SAFETY: forwarded contract.
        return unsafe { null_output(err, "client") };
    }
    // SAFETY: `client` is non-null and valid for writes per the contract.
    unsafe { client.write(std::ptr::null_mut()) };
    let mut made: Option<Box<AntomClient>> = None;
    // SAFETY: forwarded contract for every pointer.
    let status = unsafe {
        guard_no_output(err, || {
            let value = serde_json::from_slice(bytes(options, options_len, "options")?)
                .map_err(|e| input(format!("the options are not a JSON object: {e}")))?;
            let options = Options::from_json(value, naming)?;
            let handle = Handle::new(&options, language)?;
            made = Some(Box::new(AntomClient { handle, naming }));
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
unsafe fn client_and_naming<'a>(client: *const AntomClient) -> antom::Result<(&'a Handle, Naming)> {
    // SAFETY: the caller guarantees a live handle when non-null.
    unsafe { client.as_ref() }
        .map(|c| (&c.handle, c.naming))
        .ok_or_else(|| input("the client handle is null (disposed?)".into()))
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
            let body = antom::RequestBody::from(bytes(body, body_len, "body")?.to_vec());
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
            let body = antom::RequestBody::from(bytes(body, body_len, "body")?.to_vec());
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
                None => {
                    antom_bridge::client::Image::Bytes(bytes(image, image_len, "image")?.to_vec())
                }
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
                bytes(body, body_len, "body")?,
            )?;
            Ok(to_json(&n))
        })
    }
}
