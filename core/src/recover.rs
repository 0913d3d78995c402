//! Missed-webhook recovery: the notifications Antom recorded in a time window, fetched through
//! `notification.inquireNotificationList` and handed back as the same [`Notification`] a webhook
//! delivery gives, so one handler serves both.
//!
//! A recovered notification is trusted because the inquiry response that carries it is verified
//! (a page that is not a verified `S` is an error, never an empty list). Its `raw` is its
//! `notificationData` as JSON; its `request_time` is the event's creation time.

use serde_json::{json, Value};

use crate::error::{Error, ErrorKind, Result};
use crate::notify::Notification;
use crate::response::ApiResult;
use crate::Client;

/// Events per page (Antom's most).
const PAGE: u64 = 100;
/// Pages fetched at most in one recovery: 100,000 notifications. A larger window is a caller
/// mistake, and a server that never ends the list must not loop us forever.
const MAX_PAGES: usize = 1000;

impl Client {
    /// Notifications Antom recorded between `from` and `to` (ISO 8601 as Antom writes them,
    /// e.g. `2026-11-26T00:00:00Z`), oldest first, each exactly as
    /// [`Client::verify_notification`] would give it for a delivery: same `kind`, `model` and
    /// `data`. Hand them to the webhook's handler; it must already tolerate repeats.
    ///
    /// ```no_run
    /// # async fn f(client: antom::Client) -> antom::Result<()> {
    /// for n in client.recover_notifications("2026-11-26T00:00:00Z", "2026-11-26T12:00:00Z").await? {
    ///     println!("{} {}", n.kind, n.data["paymentRequestId"]);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn recover_notifications(&self, from: &str, to: &str) -> Result<Vec<Notification>> {
        const LIST: &str = "notification.inquireNotificationList";
        let body = json!({"eventCreateTimeFrom": from, "eventCreateTimeTo": to, "limit": PAGE});
        let mut out = Vec::new();
        let mut after: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let page = self.list_page(LIST, &body, after.as_deref()).await?;
            for event in &page.items {
                out.push(recovered(self, event)?);
            }
            match page.next {
                Some(next) => after = Some(next),
                None => return Ok(out),
            }
        }
        Err(Error::input(format!(
            "more than {} notifications in the window: recover a shorter one",
            MAX_PAGES as u64 * PAGE
        )))
    }
}

fn recovered(client: &Client, event: &Value) -> Result<Notification> {
    let data = event
        .get("notificationData")
        .cloned()
        .unwrap_or(Value::Null);
    if !data.is_object() {
        return Err(Error::new(
            ErrorKind::InvalidResponse,
            format!(
                "the event {} has no notificationData object",
                event["eventId"].as_str().unwrap_or("?")
            ),
        ));
    }
    let (kind, model) = crate::notify_kind::classify(&data);
    Ok(Notification {
        kind,
        model,
        result: ApiResult::from_body(&data),
        raw: data.to_string(),
        data,
        client_id: client.config().client_id().to_string(),
        request_time: event["eventCreateTime"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    })
}
