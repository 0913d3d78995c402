//! Metered usage events (`meter.uploadEvent`), as PROTOCOL.md section 8 and the official SDKs
//! send them: HTTP/2 only, not signed, the session from `meter.createSession` in `X-Session-Id`,
//! no sandbox rewrite, never retried. The answer carries no signature, so it is reported
//! unverified; a session is only ever taken from a verified `createSession` answer.

use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::json;

use crate::attempt::Attempt;
use crate::catalog::{self, Resolved};
use crate::error::{Error, ErrorKind, Result};
use crate::outcome::{self, CallContext};
use crate::request::{self, RequestBody};
use crate::response::{Expect, Response, Signing};
use crate::transport::{self, header};
use crate::Client;

const UPLOAD: &str = "meter.uploadEvent";

impl Client {
    /// Opens a metering session (`meter.createSession`, idempotent on `request_id`) and returns
    /// its `sessionId` for [`Client::upload_meter_events`]. Only a verified success gives one.
    pub async fn create_meter_session(&self, request_id: &str) -> Result<String> {
        let r = self
            .call("meter.createSession", json!({"requestId": request_id}))
            .await?;
        match r.data()["sessionId"].as_str() {
            Some(id) if r.verified() && r.is_success() && !id.is_empty() => Ok(id.to_string()),
            _ => Err(Error::new(
                ErrorKind::InvalidResponse,
                format!(
                    "meter.createSession gave no session: {} {} (verified: {})",
                    r.result_status().as_str(),
                    r.result_code(),
                    r.verified()
                ),
            )),
        }
    }

    /// Sends a batch of usage events (`{"meters": [...]}`, a
    /// [`crate::models::MeterUploadEventRequest`] or its JSON) in the session `session_id`,
    /// once: an event upload is never retried, since a repeat could count usage twice. The
    /// answer is unsigned by Antom's design, so the response is never `verified()`.
    pub async fn upload_meter_events(
        &self,
        session_id: &str,
        events: impl Into<RequestBody>,
    ) -> Result<Response> {
        if session_id.is_empty() || session_id.chars().any(|c| c.is_control()) {
            return Err(Error::input(
                "the session id must be non-empty, without CR, LF or other control characters",
            ));
        }
        let endpoint = catalog::find(UPLOAD)
            .ok_or_else(|| Error::input("the catalog has no meter event endpoint"))?;
        let config = self.config();
        let body = request::prepare_body(
            events.into(),
            &Resolved::Known(endpoint),
            config.max_body_bytes,
        )?;
        let url = self
            .base()
            .join(endpoint.path)
            .map_err(|e| Error::input(format!("cannot build the request URL: {e}")))?;
        let mut headers = HeaderMap::new();
        header(
            &mut headers,
            "content-type",
            "application/json; charset=UTF-8",
        )?;
        header(&mut headers, "client-id", &config.client_id)?;
        let session = HeaderValue::from_str(session_id)
            .map_err(|_| Error::input("the session id is not a valid header value"))?;
        headers.insert("x-session-id", session);
        let started = std::time::Instant::now();
        let sent = transport::send(
            self.meter_http()?,
            url,
            headers,
            body.bytes,
            transport::response_limit(config.max_body_bytes),
            None,
        )
        .await;
        // The one response check and the one outcome rule, with no signature expected: a lost
        // answer, a 5xx or an unreadable answer leaves the events possibly recorded.
        let ctx = CallContext {
            expect: Expect {
                path: endpoint.path,
                client_id: &config.client_id,
                verifier: self.verifier(),
                idempotency_key: None,
                request_ids: &[],
                signing: Signing::Never,
            },
            side_effect: true,
        };
        let latency_ms = started.elapsed().as_millis() as u64;
        let http_status = sent.as_ref().ok().map(|raw| raw.status);
        let (outcome, last) = outcome::classify(&ctx, sent);
        let attempt = Attempt {
            number: 1,
            outcome,
            http_status,
            latency_ms,
        };
        crate::events::report(
            config.on_attempt.as_ref(),
            endpoint.path,
            &attempt,
            None,
            false,
        );
        outcome::verdict(&ctx, last, vec![attempt])
    }
}
