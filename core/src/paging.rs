//! Auto-pagination for the list endpoints. The catalog says how each one pages (a cursor, or a
//! page number); [`Client::list_page`] fetches one page and says how to ask for the next, and
//! [`Client::list`] walks every page as a stream of the listed objects.
//!
//! A page counts only when it is a verified `S`: anything else (an `F`, a `U`, an unverified
//! answer) ends the walk with an error that carries the result code, never with an empty list
//! that would read as "there is nothing".
//!
//! Where to go next travels as a token: JSON text of the one field that moves (`startingAfter`
//! or the page number). The caller's other fields (filters, `limit`, `pageSize`) are sent again
//! unchanged with every page.

use futures_util::stream::{self, Stream, TryStreamExt};
use serde_json::{json, Map, Value};

use crate::catalog::{self, Next, Paging};
use crate::error::{Error, ErrorKind, Result};
use crate::response::Response;
use crate::{Client, RequestBody};

/// One verified page of a list endpoint.
#[derive(Debug, Clone)]
pub struct Page {
    /// The page's answer (a verified `S`).
    pub response: Response,
    /// The objects this page lists, as Antom sent them.
    pub items: Vec<Value>,
    /// The token that asks for the next page ([`Client::list_page`]); `None` on the last page.
    pub next: Option<String>,
}

impl Client {
    /// One page of the list endpoint `endpoint` (catalog name or alias), asked with `body`; pass
    /// `None` for the first page and the previous page's [`Page::next`] for the ones after.
    ///
    /// ```no_run
    /// # async fn f(client: antom::Client) -> antom::Result<()> {
    /// let body = serde_json::json!({"limit": 50});
    /// let mut page = client.list_page("payments.reserve.inquireHoldList", &body, None).await?;
    /// loop {
    ///     for hold in &page.items {
    ///         println!("{}", hold["holdId"]);
    ///     }
    ///     let Some(next) = page.next else { break };
    ///     page = client.list_page("payments.reserve.inquireHoldList", &body, Some(&next)).await?;
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list_page(
        &self,
        endpoint: &str,
        body: impl Into<RequestBody>,
        after: Option<&str>,
    ) -> Result<Page> {
        let (name, paging) = paging_of(endpoint)?;
        let mut request = object_of(body.into())?;
        let mut watch = Watch::default();
        if let Some(token) = after {
            watch = apply_token(&mut request, paging, token)?;
        }
        let response = self.call(name, Value::Object(request.clone())).await?;
        let mut page = page_of(response, paging, &request)?;
        watch.follow(&mut page)?;
        Ok(page)
    }

    /// Every object of the list endpoint `endpoint`, page after page, as a stream; each page is
    /// fetched when the one before is used up. The first error ends the stream.
    ///
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// # async fn f(client: antom::Client) -> antom::Result<()> {
    /// let holds: Vec<serde_json::Value> = client
    ///     .list("payments.reserve.inquireHoldList", serde_json::json!({"limit": 50}))
    ///     .try_collect()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn list(
        &self,
        endpoint: &str,
        body: impl Into<RequestBody>,
    ) -> impl Stream<Item = Result<Value>> + Send + '_ {
        self.pages(endpoint, body)
            .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
            .try_flatten()
    }

    /// Every page of the list endpoint `endpoint`, as a stream of [`Page`]s.
    pub fn pages(
        &self,
        endpoint: &str,
        body: impl Into<RequestBody>,
    ) -> impl Stream<Item = Result<Page>> + Send + '_ {
        let endpoint = endpoint.to_string();
        let start = object_of(body.into()).map(Value::Object);
        // The state: the first body (or why it is unusable), then the token of the page to come
        // (which carries the watch that ends a walk whose cursors go round).
        let state = Some((start, None::<String>));
        stream::try_unfold(state, move |state| {
            let endpoint = endpoint.clone();
            async move {
                let Some((body, after)) = state else {
                    return Ok(None);
                };
                let body = body?;
                let page = self.list_page(&endpoint, &body, after.as_deref()).await?;
                let next = page.next.clone().map(|token| (Ok(body), Some(token)));
                Ok(Some((page, next)))
            }
        })
    }
}

fn paging_of(endpoint: &str) -> Result<(&'static str, Paging)> {
    let e = catalog::find(endpoint).ok_or_else(|| {
        Error::input(format!(
            "unknown endpoint '{}': pass a list endpoint's catalog name",
            endpoint.chars().take(80).collect::<String>()
        ))
    })?;
    let paging = e.paging.ok_or_else(|| {
        Error::input(format!(
            "{} is not a list endpoint: it has no pages",
            e.name
        ))
    })?;
    Ok((e.name, paging))
}

/// The request as a JSON object, whatever form it came in.
fn object_of(body: RequestBody) -> Result<Map<String, Value>> {
    let value = match body {
        RequestBody::Json(v) => v,
        RequestBody::Raw(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => json!({}),
        RequestBody::Raw(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| Error::input(format!("the list request is not JSON: {e}")))?,
    };
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err(Error::input("the list request must be a JSON object")),
    }
}

/// The field a token may set: the only one that moves from page to page.
fn moving_field(paging: Paging) -> &'static str {
    match paging {
        Paging::Cursor { .. } => "startingAfter",
        Paging::Number { number, .. } => number,
    }
}

fn apply_token(request: &mut Map<String, Value>, paging: Paging, token: &str) -> Result<Watch> {
    let field = moving_field(paging);
    let bad = || Error::input("the page token is not one this SDK gave for this endpoint");
    let mut parsed: Map<String, Value> = serde_json::from_str(token).map_err(|_| bad())?;
    let watch = match parsed.remove("loop") {
        Some(w) => Watch::from_json(&w).ok_or_else(bad)?,
        None => Watch::default(),
    };
    match (parsed.len(), parsed.get(field)) {
        (1, Some(v)) if v.is_string() || v.is_u64() => {
            request.insert(field.to_string(), v.clone());
            Ok(watch)
        }
        _ => Err(bad()),
    }
}

/// Brent's cycle finding over a walk's cursors, carried inside the token: every binding's
/// iterator passes tokens from page to page and keeps no state of its own, so a server whose
/// cursors come back around (A, B, A, ...) is caught here for all of them, a few pages after
/// the cycle starts, with one cursor of memory.
#[derive(Default)]
struct Watch {
    mark: Option<String>,
    power: u64,
    steps: u64,
}

impl Watch {
    fn from_json(v: &Value) -> Option<Watch> {
        Some(Watch {
            mark: Some(v.get("mark")?.as_str()?.to_string()),
            power: v.get("power")?.as_u64().filter(|p| *p > 0)?,
            steps: v.get("steps")?.as_u64()?,
        })
    }

    /// Checks the page's next cursor against the mark, moves the mark as Brent does, and
    /// writes the watch into the page's token.
    fn follow(mut self, page: &mut Page) -> Result<()> {
        let Some(token) = &page.next else {
            return Ok(());
        };
        let Ok(Value::Object(mut t)) = serde_json::from_str::<Value>(token) else {
            return Ok(());
        };
        let Some(cursor) = t
            .get("startingAfter")
            .and_then(Value::as_str)
            .map(str::to_string)
        else {
            return Ok(());
        };
        match &self.mark {
            Some(mark) if *mark == cursor => {
                return Err(malformed(
                    &page.response,
                    format!("the cursor {cursor} came round again: the pages go in a circle"),
                ))
            }
            Some(_) => {
                self.steps += 1;
                if self.steps == self.power {
                    self.mark = Some(cursor);
                    self.power = self.power.saturating_mul(2);
                    self.steps = 0;
                }
            }
            None => {
                self.mark = Some(cursor);
                self.power = 1;
                self.steps = 0;
            }
        }
        t.insert(
            "loop".into(),
            json!({"mark": self.mark, "power": self.power, "steps": self.steps}),
        );
        page.next = Some(Value::Object(t).to_string());
        Ok(())
    }
}

/// The page in `response`, or why it does not count as one.
fn page_of(response: Response, paging: Paging, request: &Map<String, Value>) -> Result<Page> {
    if !response.verified() || !response.is_success() {
        let result = response.result();
        return Err(Error::new(
            ErrorKind::InvalidResponse,
            format!(
                "a page of {} answered {} {} (verified: {}): the list ends here, it is not empty",
                response.path(),
                result.status.as_str(),
                result.code,
                response.verified()
            ),
        )
        .with_http_status(response.http_status())
        .with_endpoint(response.path())
        .with_result_code(Some(result.code.clone()))
        .with_raw_body(response.raw()));
    }
    let data = response.data();
    let items = match &data[paging.items()] {
        Value::Array(items) => items.clone(),
        Value::Null => Vec::new(),
        _ => {
            return Err(malformed(
                &response,
                format!("{} is not a list", paging.items()),
            ))
        }
    };
    let next = match paging {
        Paging::Cursor { next, .. } => next_cursor(&response, next, &items, request)?,
        Paging::Number { number, .. } => next_number(data, number, items.len(), request),
    };
    Ok(Page {
        next: next.map(|(field, v)| json!({ field: v }).to_string()),
        response,
        items,
    })
}

fn malformed(response: &Response, what: String) -> Error {
    Error::new(
        ErrorKind::InvalidResponse,
        format!("a page of {}: {what}", response.path()),
    )
    .with_endpoint(response.path())
    .with_raw_body(response.raw())
}

type Move = Option<(&'static str, Value)>;

fn next_cursor(
    response: &Response,
    next: Next,
    items: &[Value],
    request: &Map<String, Value>,
) -> Result<Move> {
    if response.data()["hasMore"] != json!(true) {
        return Ok(None);
    }
    let cursor = match next {
        Next::Field(f) => response.data()[f].as_str(),
        Next::LastItemId(f) => items.last().and_then(|i| i[f].as_str()),
    };
    // A server that says "more" without a new place to start would have us loop forever.
    match cursor {
        Some(c) if !c.is_empty() && request.get("startingAfter") != Some(&json!(c)) => {
            Ok(Some(("startingAfter", json!(c))))
        }
        _ => Err(malformed(
            response,
            "hasMore is true but there is no new cursor to start after".into(),
        )),
    }
}

/// Page numbers start at 1. The walk ends on an empty page, a short page, or the last page or
/// object a total says there is; when the answer gives no total, one more page is asked.
fn next_number(
    data: &Value,
    number: &'static str,
    got: usize,
    request: &Map<String, Value>,
) -> Move {
    let current = request.get(number).and_then(count).unwrap_or(1);
    // The size the server used, when it says: one that caps the asked size must not make a
    // full page look short, which would end the walk early.
    let size = data
        .get("pageSize")
        .or_else(|| data.pointer("/paginator/pageSize"))
        .or_else(|| request.get("pageSize"))
        .and_then(count);
    let pages = data
        .get("totalPageNumber")
        .or_else(|| data.pointer("/paginator/totalPage"))
        .and_then(count);
    let total = data
        .get("totalCount")
        .or_else(|| data.pointer("/paginator/totalCount"))
        .and_then(count);
    let short = size.is_some_and(|s| (got as u64) < s);
    let past_pages = pages.is_some_and(|p| current >= p);
    let past_total = match (total, size) {
        (Some(t), Some(s)) => (current - 1).saturating_mul(s).saturating_add(got as u64) >= t,
        _ => false,
    };
    if got == 0 || short || past_pages || past_total || current == u64::MAX {
        return None;
    }
    Some((number, json!(current.saturating_add(1))))
}

/// A count as Antom writes it: a number, or digits in a string.
fn count(v: &Value) -> Option<u64> {
    v.as_u64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        .filter(|n| *n > 0)
}
