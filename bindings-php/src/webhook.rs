//! `Antom\Webhook`: a notify endpoint in one call. It verifies the raw bytes of the request,
//! hands the typed notification to the merchant's callable, and answers from the core's table
//! (`WebhookReply`): the ack once handled; 401 or 400 for a delivery that does not verify,
//! never acted on; 500 and no ack when the callable throws, so Antom delivers it again.

use antom_bridge::operations::Value;
use antom_core::{WebhookReply, MAX_NOTIFICATION_BYTES};
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::convert::IntoZval;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendCallable, ZendHashTable, Zval};
use ext_php_rs::zend::{self, ExecutorGlobals, ProcessGlobals};

use crate::client::{notification, Client};

/// Notify endpoints for plain PHP (FPM, Apache, `php -S`).
#[php_class]
#[php(name = "Antom\\Webhook")]
pub struct Webhook;

#[php_impl]
impl Webhook {
    /// Answers the current request as Antom's notification delivery: verifies it, calls
    /// `$handler(Antom\Notification $n)` for a genuine one, then sends the status, the content
    /// type and the body. `$path` overrides the request's path (a proxy that rewrites it).
    /// Returns the HTTP status sent. The handler's exceptions are logged (error_log) and
    /// answered with 500, so Antom redelivers: make the handler idempotent.
    pub fn handle(client: &Client, handler: ZendCallable, path: Option<String>) -> PhpResult<i64> {
        let mut headers = Vec::new();
        let mut target = String::from("/");
        {
            // $_SERVER, read and released before any PHP code runs.
            let globals = ProcessGlobals::get();
            for (k, v) in globals
                .http_server_vars()
                .into_iter()
                .flat_map(|ht| ht.iter())
            {
                let (key, Some(value)) = (k.to_string(), v.string()) else {
                    continue;
                };
                if key == "REQUEST_URI" {
                    target = value;
                } else if let Some(name) = key.strip_prefix("HTTP_") {
                    headers.push((name.replace('_', "-"), value));
                }
            }
        }
        // One byte over the core's limit is enough for it to refuse the body; never read more.
        let read = ZendCallable::try_from_name("file_get_contents")?;
        let (input, no, null) = ("php://input", false, Zval::new());
        let limit = i64::try_from(MAX_NOTIFICATION_BYTES + 1).unwrap_or(i64::MAX);
        let body = read.try_call(vec![&input, &no, &null, &0i64, &limit])?;
        let body = body
            .zend_str()
            .map(|s| s.as_bytes().to_vec())
            .unwrap_or_default();
        let reply = answer(client, path.unwrap_or(target), headers, body, &handler)?;
        zend::set_response_code(reply.status)?;
        zend::set_header(&format!("Content-Type: {}", reply.content_type))?;
        let _ = zend::output_write(reply.body.as_bytes());
        Ok(i64::from(reply.status))
    }

    /// What to answer one delivery, without touching the current request: `['status' => 200,
    /// 'contentType' => ..., 'body' => ...]`, after `$handler` ran on a genuine notification.
    pub fn answer(
        client: &Client,
        path: String,
        headers: &ZendHashTable,
        body: BinarySlice<u8>,
        handler: ZendCallable,
    ) -> PhpResult<Vec<(String, Zval)>> {
        let pairs = crate::client::header_pairs(headers)?;
        let reply = answer(client, path, pairs, body.to_vec(), &handler)?;
        let mut out = Vec::new();
        for (name, value) in [("contentType", reply.content_type), ("body", reply.body)] {
            let mut z = Zval::new();
            z.set_string(value, false)?;
            out.push((name.to_string(), z));
        }
        let mut status = Zval::new();
        status.set_long(i64::from(reply.status));
        out.insert(0, ("status".to_string(), status));
        Ok(out)
    }
}

fn answer(
    client: &Client,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    handler: &ZendCallable,
) -> PhpResult<WebhookReply> {
    let args = vec![
        Value::Text(path),
        Value::Headers(headers),
        Value::Bytes(body),
    ];
    let verified = client.invoke_raw("verify_notification", args);
    let n = match verified {
        Ok(outcome) => notification(outcome)?.into_zval(false)?,
        Err(e) => {
            log(&format!(
                "antom webhook: delivery refused ({}): {e}",
                e.kind().as_str()
            ));
            return Ok(WebhookReply::for_error(e.kind()));
        }
    };
    if handler.try_call(vec![&n]).is_ok() {
        return Ok(WebhookReply::ACKED);
    }
    // The handler threw (or could not be called): no ack, and the exception is not rethrown,
    // so nothing but the 500 reaches Antom; its class and message go to the error log.
    let what = ExecutorGlobals::take_exception()
        .map(|e| {
            let class = e.get_class_name().unwrap_or_default();
            let message = e
                .try_call_method("getMessage", vec![])
                .ok()
                .and_then(|m| m.string())
                .unwrap_or_default();
            format!("{class}: {message}")
        })
        .unwrap_or_else(|| "the handler is not callable".to_string());
    log(&format!(
        "antom webhook: the handler failed ({what}); no ack, so Antom delivers it again"
    ));
    Ok(WebhookReply::FAILED)
}

/// PHP's error log (the SAPI's, or `error_log` ini), as PHP code's own `error_log()`.
fn log(line: &str) {
    if let Ok(f) = ZendCallable::try_from_name("error_log") {
        let _ = f.try_call(vec![&line]);
    }
}
