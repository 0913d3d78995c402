//! Cursor paging as Antom's reserve lists do it: `limit` objects per page (20 unless asked, at
//! most 100), starting after the object whose id is `startingAfter`, with `hasMore`. A leaf
//! module: the reserve lists page through it.

use serde_json::{json, Map, Value};

use crate::fields::Outcome;
use crate::reply::{fail, success, Reply};

const DEFAULT_LIMIT: usize = 20;
const MAX_LIMIT: u64 = 100;

/// The page `req` asks for of `items` (already in the list's order), answered under `field`
/// with `hasMore`; `id` names the objects' id field, which `startingAfter` refers to.
pub(crate) fn cursor_page(items: Vec<Value>, req: &Value, field: &str, id: &str) -> Outcome {
    let limit = match req.get("limit") {
        None | Some(Value::Null) => DEFAULT_LIMIT,
        Some(v) => match v.as_u64().filter(|n| (1..=MAX_LIMIT).contains(n)) {
            Some(n) => n as usize,
            None => return Err(fail("PARAM_ILLEGAL", "limit must be from 1 to 100")),
        },
    };
    let start = match req.get("startingAfter").and_then(Value::as_str) {
        None => 0,
        Some(after) => match items.iter().position(|i| i[id].as_str() == Some(after)) {
            Some(at) => at + 1,
            None => {
                return Err(fail(
                    "PARAM_ILLEGAL",
                    &format!("startingAfter is not a {id} of this merchant"),
                ))
            }
        },
    };
    let rest = items.len().saturating_sub(start);
    let page: Vec<Value> = items.into_iter().skip(start).take(limit).collect();
    let mut body = Map::new();
    body.insert("hasMore".into(), json!(rest > limit));
    body.insert(field.into(), Value::Array(page));
    Ok(Reply::ok(success(Value::Object(body))))
}
