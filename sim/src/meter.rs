//! Metered usage: `meter.createSession` opens a session; `meter.uploadEvent` takes events in
//! it over HTTP/2 only, unsigned, with the session in `X-Session-Id`, as Antom does. Events are
//! counted once per idempotency key.

use axum::http::{HeaderMap, StatusCode, Version};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::reply::{fail, success, Reply};
use crate::Sim;

pub const PATH_SUFFIX: &str = "/v1/meter/uploadEvent";

/// Opens a session for `client` (answered signed, like any API call).
pub fn create_session(sim: &Sim, client: &str) -> Reply {
    let id = format!("SIMSESSION{:016x}", rand::random::<u64>());
    sim.ledger()
        .meter_sessions
        .insert(id.clone(), client.to_string());
    let expiry = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    let expiry = expiry
        .format(&time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
        ))
        .unwrap_or_default();
    Reply::ok(success(
        json!({"sessionId": id, "sessionExpiryTime": expiry}),
    ))
}

fn unsigned(status: StatusCode, body: Value) -> Response {
    (
        status,
        [("content-type", "application/json; charset=UTF-8")],
        body.to_string(),
    )
        .into_response()
}

fn refuse(status: StatusCode, code: &str, message: &str) -> Response {
    unsigned(
        status,
        json!({"result": {"resultStatus": "F", "resultCode": code, "resultMessage": message}}),
    )
}

/// One event upload: HTTP/2, a session this simulator opened, a batch of events.
pub fn upload(sim: &Sim, version: Version, headers: &HeaderMap, body: &[u8]) -> Response {
    if version != Version::HTTP_2 {
        return refuse(
            StatusCode::HTTP_VERSION_NOT_SUPPORTED,
            "HTTP_VERSION_NOT_SUPPORTED",
            "meter events are accepted over HTTP/2 only",
        );
    }
    let session = headers
        .get("x-session-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let client = headers
        .get("client-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let mut ledger = sim.ledger();
    if ledger.meter_sessions.get(session).map(String::as_str) != Some(client) {
        return refuse(
            StatusCode::OK,
            "SESSION_INVALID",
            "X-Session-Id is not a session meter.createSession opened for this client",
        );
    }
    let Ok(request) = serde_json::from_slice::<Value>(body) else {
        return unsigned(StatusCode::OK, fail("PARAM_ILLEGAL", "malformed JSON").body);
    };
    let mut errors = Vec::new();
    for meter in request["meters"].as_array().into_iter().flatten() {
        for event in meter["events"].as_array().into_iter().flatten() {
            match event["idempotencyKey"].as_str() {
                Some(key) if !key.is_empty() => {
                    ledger.meter_events.insert(key.to_string(), event.clone());
                }
                _ => errors.push(json!({"errorCode": "PARAM_ILLEGAL", "errorMessage": "an event without idempotencyKey"})),
            }
        }
    }
    // The events are counted; an armed fault spoils only the answer, as a lost or broken
    // answer does at Antom (the client must call that an unknown outcome).
    match ledger.take_fault(PATH_SUFFIX) {
        Some(crate::faults::HTTP_500) => unsigned(
            StatusCode::INTERNAL_SERVER_ERROR,
            json!({"result": {"resultStatus": "U", "resultCode": "UNKNOWN_EXCEPTION", "resultMessage": "fault 9905"}}),
        ),
        Some(crate::faults::NOT_JSON) => {
            (StatusCode::OK, "<html>gateway error</html>").into_response()
        }
        _ => unsigned(StatusCode::OK, success(json!({ "errors": errors }))),
    }
}
