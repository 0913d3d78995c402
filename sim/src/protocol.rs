//! The wire side: routes, request verification exactly as Antom does it, and signed responses.

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, OriginalUri, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Version};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use bytes::Bytes;
use serde_json::Value;

use crate::reply::{fail, iso_now, result, Reply};
use crate::{events, faults, generic, meter, pages, payments, reserve, upload, Sim};

/// Largest request body accepted; larger gets HTTP 413.
pub const MAX_BODY: usize = 1024 * 1024;

pub fn router(sim: Arc<Sim>) -> Router {
    Router::new()
        .route("/ams/{*rest}", post(api))
        .route("/health", get(|| async { "ok" }))
        .merge(pages::routes())
        .merge(crate::dashboard::routes())
        // Room for the image upload (the image twice); other bodies are held to MAX_BODY.
        .layer(DefaultBodyLimit::max(
            2 * antom::MAX_IMAGE_BYTES + 64 * 1024,
        ))
        .layer(axum::middleware::from_fn(crate::origin::guard))
        .with_state(sim)
}

/// An unsigned `F` answer, as Antom gives when it cannot trust the request.
fn reject(code: &str, message: &str) -> Response {
    json_response(StatusCode::OK, result("F", code, message).to_string(), None)
}

fn json_response(
    status: StatusCode,
    body: String,
    signed: Option<(String, String, String)>,
) -> Response {
    let line = crate::log::ResultLine::of(&body);
    let mut resp = (status, body).into_response();
    if let Some(line) = line {
        resp.extensions_mut().insert(line);
    }
    let h = resp.headers_mut();
    h.insert(
        "content-type",
        HeaderValue::from_static("application/json; charset=UTF-8"),
    );
    if let Some((client_id, time, signature)) = signed {
        for (name, value) in [
            ("client-id", client_id),
            ("response-time", time),
            ("signature", signature),
        ] {
            if let Ok(v) = HeaderValue::from_str(&value) {
                h.insert(name, v);
            }
        }
    }
    resp
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Every API request, answered by `handle`, then logged (`--log-format`).
async fn api(
    State(sim): State<Arc<Sim>>,
    OriginalUri(uri): OriginalUri,
    version: Version,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let started = std::time::Instant::now();
    let client_id = header(&headers, "client-id").unwrap_or("-").to_string();
    let path = uri.path().to_string();
    let request_id = sim.requests.record(&path, version, &headers, body.len());
    if let Some(audit) = &sim.audit {
        let named: Vec<(String, String)> = headers
            .iter()
            .map(|(n, v)| (n.to_string(), String::from_utf8_lossy(v.as_bytes()).into()))
            .collect();
        audit.scan(&request_id, &named, &body);
    }
    let response = handle(
        sim.clone(),
        &request_id,
        path.clone(),
        version,
        headers,
        body,
    )
    .await;
    crate::log::request(
        sim.log,
        &crate::log::Request {
            id: &request_id,
            path: &path,
            http: response.status().as_u16(),
            result: response.extensions().get::<crate::log::ResultLine>(),
            ms: started.elapsed().as_millis(),
            client_id: &client_id,
        },
    );
    response
}

async fn handle(
    sim: Arc<Sim>,
    request_id: &str,
    path: String,
    version: Version,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    // Usage events are unsigned, over HTTP/2, in a session: their own rules.
    if path.ends_with(meter::PATH_SUFFIX) {
        return meter::upload(&sim, version, &headers, &body);
    }
    // The image upload is a form whose JSON part is what was signed; everything else is JSON.
    let form = if path.ends_with(upload::PATH_SUFFIX) {
        header(&headers, "content-type").and_then(|ct| upload::parse(ct, &body))
    } else {
        None
    };
    if form.is_none() && body.len() > MAX_BODY {
        return (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response();
    }
    let body = match &form {
        Some(f) => Bytes::from(f.json.clone()),
        None => body,
    };
    let Some(client_id) = header(&headers, "client-id") else {
        return reject("CLIENT_INVALID", "Client-Id header is missing");
    };
    let Some(key) = sim.merchants.get(client_id) else {
        return reject("CLIENT_INVALID", "unknown Client-Id");
    };
    let Some(time) = header(&headers, "request-time") else {
        return reject("PARAM_ILLEGAL", "Request-Time header is missing");
    };
    let Some(signature) = header(&headers, "signature") else {
        return reject("INVALID_SIGNATURE", "Signature header is missing");
    };
    let parsed = match antom::SignatureHeader::parse(signature) {
        Ok(p) => p,
        Err(e) => return reject("INVALID_SIGNATURE", e.message()),
    };
    if parsed.key_version != "1" {
        return reject("KEY_NOT_FOUND", "no key registered for this keyVersion");
    }
    let verifier = antom::Verifier::new(key.clone());
    if verifier
        .verify_parsed("POST", &path, client_id, time, &body, &parsed)
        .is_err()
    {
        return reject("INVALID_SIGNATURE", "the request signature does not verify");
    }
    let request: Value = match serde_json::from_slice(&body) {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => {
            return signed(
                &sim,
                client_id,
                &path,
                fail("PARAM_ILLEGAL", "the body must be a JSON object"),
            )
            .await
        }
        Err(e) => {
            return signed(
                &sim,
                client_id,
                &path,
                fail("PARAM_ILLEGAL", &format!("malformed JSON: {e}")),
            )
            .await
        }
    };
    let armed = sim.ledger().take_fault(&path);
    let endpoint = antom::catalog::find(&path);
    if sim.ledger().full() && endpoint.is_some_and(|e| !e.read_only) {
        return signed(
            &sim,
            client_id,
            &path,
            fail("SYSTEM_BUSY", "the simulator's ledger is full; restart it"),
        )
        .await;
    }
    let reply = match endpoint {
        Some(e) if e.name.starts_with("payments.") && payments::handles(e.name) => {
            payments::handle(&sim, client_id, e.name, &request, armed).await
        }
        Some(e) if events::handles(e.name) => events::handle(&sim, client_id, e.name, &request),
        Some(e) if e.name == "meter.createSession" => meter::create_session(&sim, client_id),
        Some(e) if reserve::handles(e.name) => reserve::handle(&sim, client_id, e.name, &request),
        Some(e) if e.name == "billing.product.uploadImage" => match &form {
            Some(f) => upload::handle(f, &request),
            None => fail(
                "PARAM_ILLEGAL",
                "the image upload must be multipart/form-data",
            ),
        },
        Some(e) => generic::handle(&sim, client_id, e, &request),
        None => fail("NO_INTERFACE_DEF", "this API is not defined"),
    };
    let reply = Reply {
        fault: reply
            .fault
            .or(armed.filter(|c| faults::is_response_fault(*c))),
        ..reply
    };
    if let (Some(audit), Some(e)) = (&sim.audit, endpoint) {
        let payment_id = request
            .get("paymentRequestId")
            .and_then(Value::as_str)
            .and_then(|id| {
                let key = (client_id.to_string(), id.to_string());
                sim.ledger()
                    .payments
                    .get(&key)
                    .map(|p| p.payment_id.clone())
            });
        audit.exchange(&crate::audit::Exchange {
            request_id,
            client: client_id,
            endpoint: e.name,
            request: &request,
            answer: &reply.body,
            fault: reply.fault,
            payment_id,
        });
    }
    sim.persist();
    signed(&sim, client_id, &path, reply).await
}

/// Signs and sends a reply, applying response faults.
pub async fn signed(sim: &Sim, client_id: &str, path: &str, reply: Reply) -> Response {
    let body = if reply.fault == Some(faults::NOT_JSON) {
        "<html><body>502 Bad Gateway</body></html>".to_string()
    } else {
        reply.body.to_string()
    };
    match reply.fault {
        Some(faults::HTTP_500) => {
            return json_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                result("U", "UNKNOWN_EXCEPTION", "simulated 500").to_string(),
                None,
            )
        }
        Some(faults::UNSIGNED) => return json_response(StatusCode::OK, body, None),
        Some(faults::SLOW) => tokio::time::sleep(sim.slow).await,
        _ => {}
    }
    let time = iso_now();
    let content = antom::sign_content("POST", path, client_id, &time, body.as_bytes());
    let mut sig = match sim.antom_key.sign(&content) {
        Ok(s) => s,
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    if reply.fault == Some(faults::BAD_SIGNATURE) {
        if let Some(b) = sig.get_mut(10) {
            *b ^= 0x55;
        }
    }
    let header = antom::format_header(1, &sig);
    json_response(
        StatusCode::OK,
        body,
        Some((client_id.to_string(), time, header)),
    )
}
