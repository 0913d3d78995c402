//! The endpoint catalog the core embeds (`core/data/catalog.tsv`) and the response fields the
//! simulator shapes generic answers from (`sim/data/response_fields.tsv`), from
//! `tools/endpoints.tsv` (copied from ../shared/antom) and `tools/schema.json`.
//!
//! The core is compiled with the catalog it embeds, so a changed catalog reaches the typed
//! methods on the generator's next run: `make codegen` runs it twice.

use std::path::Path;

use serde_json::Value;

use crate::Output;

/// Paths the official SDKs ship wrong, mapped to the documented ones.
const FIXES: [(&str, &str); 2] = [
    (
        "/ams/api//v1/payments/retrievePaymentSession",
        "/ams/api/v1/payments/retrievePaymentSession",
    ),
    (
        "/ams/v1/aba/funds/createExchange",
        "/ams/api/v1/aba/funds/createExchange",
    ),
];

/// Idempotency fields of endpoints the schema lacks (from Antom's API reference).
const EXTRA_KEYS: [(&str, &str); 3] = [
    (
        "/ams/api/v1/merchants/registration",
        "registrationRequestId",
    ),
    ("/ams/api/v1/customs/declare", "declarationRequestId"),
    ("/ams/api/v1/aba/funds/createExchange", "exchangeRequestId"),
];

/// When a request has several `...RequestId` fields, the first of these names its key.
const PREFERRED: [&str; 5] = [
    "paymentRequestId",
    "refundRequestId",
    "captureRequestId",
    "registrationRequestId",
    "transferRequestId",
];

const READ_ONLY_PREFIXES: [&str; 7] = [
    "inquir", "query", "consult", "retrieve", "download", "get", "export",
];

/// Paths in the schema that endpoints.tsv lacks: the catalog is their union, grouped here.
const SCHEMA_GROUPS: [(&str, &str); 4] = [
    (
        "/ams/api/v1/payments/reserve/",
        "Payments (Hold and Release)",
    ),
    ("/ams/api/v1/agenticPayment/", "Agentic payments"),
    (
        "/ams/api/v1/notification/",
        "Notifications (missed-webhook recovery)",
    ),
    ("/ams/api/v1/payments/", "Payments (core online/in-store)"),
];

const COLUMNS: &str = "name\talias\tpath\tshipped_path\tgroup\tidempotency_field\tread_only\tsandbox\ttransport\trequest\tresponse\tpaging\n";

/// The id field of the objects of cursor-paged lists whose answer has no cursor of its own:
/// the next page starts after the last object's id.
const ITEM_IDS: [(&str, &str); 5] = [
    ("CreditNoteSummary", "creditNoteId"),
    ("Price", "priceId"),
    ("Product", "productId"),
    ("ReserveHoldDetail", "holdId"),
    ("ReserveRule", "ruleId"),
];

/// The request fields that number a page, in the spellings Antom's products use.
const PAGE_NUMBERS: [&str; 3] = ["pageNum", "pageNumber", "currentPage"];

/// How an endpoint pages, as the catalog's cell (`core::catalog::Paging::parse` reads it):
/// empty for an endpoint that is not a list.
fn paging(schema: &Value, requests: &[&str], responses: &[&str]) -> Result<String, String> {
    let fields = |kind: &str, models: &[&str]| -> Vec<(String, Value)> {
        models
            .iter()
            .flat_map(|m| {
                schema[kind][m]["fields"]
                    .as_object()
                    .cloned()
                    .unwrap_or_default()
            })
            .collect()
    };
    let asked = fields("requests", requests);
    let has = |f: &str| asked.iter().any(|(k, _)| k == f);
    let number = PAGE_NUMBERS.iter().find(|f| has(f) && has("pageSize"));
    let cursor = has("startingAfter") && has("limit");
    if number.is_none() && !cursor {
        return Ok(String::new());
    }
    let answered = fields("responses", responses);
    let lists: Vec<(&String, &str)> = answered
        .iter()
        .filter_map(|(k, v)| Some((k, v["list"].as_str()?)))
        .collect();
    let [(items, model)] = lists[..] else {
        return Err(format!(
            "a list endpoint answers {} lists, not one",
            lists.len()
        ));
    };
    if let Some(number) = number {
        return Ok(format!("page:{items}:{number}"));
    }
    let own = ["nextCursor", "nextStartingAfter"]
        .into_iter()
        .find(|f| answered.iter().any(|(k, _)| k == f));
    let next = match own {
        Some(f) => f.to_string(),
        None => {
            let (_, id) = ITEM_IDS
                .iter()
                .find(|(m, _)| *m == model)
                .ok_or_else(|| format!("no cursor and no id for {model}: add it to ITEM_IDS"))?;
            if schema["models"][model]["fields"][id].is_null() {
                return Err(format!("{model} has no field {id}"));
            }
            format!("@{id}")
        }
    };
    Ok(format!("cursor:{items}:{next}"))
}

fn fixed(path: &str) -> &str {
    FIXES
        .iter()
        .find(|(shipped, _)| *shipped == path)
        .map_or(path, |(_, fixed)| fixed)
}

fn names(v: &Value) -> Vec<&str> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

struct Entry {
    name: String,
    last: String,
    cells: [String; 11],
}

/// Both files, or why the inputs cannot make them.
pub fn outputs(root: &Path) -> Result<Vec<Output>, String> {
    let read = |p: &str| std::fs::read_to_string(root.join(p)).map_err(|e| format!("{p}: {e}"));
    let schema: Value = serde_json::from_str(&read("tools/schema.json")?)
        .map_err(|e| format!("tools/schema.json: {e}"))?;
    let listed = read("tools/endpoints.tsv")?;
    let mut rows: Vec<(String, String)> = listed
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let mut cells = l.split('\t');
            let group = cells.next()?;
            Some((cells.next()?.to_string(), group.to_string()))
        })
        .collect();
    let endpoints = schema["endpoints"].as_object().cloned().unwrap_or_default();
    let mut extra: Vec<&String> = endpoints
        .keys()
        .filter(|p| !rows.iter().any(|(r, _)| r == *p || fixed(r) == *p))
        .collect();
    extra.sort();
    for path in extra {
        let group = SCHEMA_GROUPS
            .iter()
            .find(|(prefix, _)| path.starts_with(prefix))
            .ok_or_else(|| format!("no group for schema path {path}: add it to SCHEMA_GROUPS"))?;
        rows.push((path.clone(), group.1.to_string()));
    }

    let mut entries = Vec::new();
    for (shipped, group) in &rows {
        let path = fixed(shipped);
        let endpoint = endpoints
            .get(shipped)
            .or_else(|| endpoints.get(path))
            .cloned()
            .unwrap_or(Value::Null);
        let (requests, responses) = (names(&endpoint["requests"]), names(&endpoint["responses"]));
        let mut fields: Vec<&str> = Vec::new();
        for req in &requests {
            for f in schema["requests"][req]["fields"]
                .as_object()
                .into_iter()
                .flatten()
            {
                if !fields.contains(&f.0.as_str()) {
                    fields.push(f.0);
                }
            }
        }
        let mut keys: Vec<&str> = fields
            .into_iter()
            .filter(|f| f.ends_with("RequestId"))
            .collect();
        keys.sort_by_key(|k| {
            PREFERRED
                .iter()
                .position(|p| p == k)
                .unwrap_or(PREFERRED.len())
        });
        let extra_key = EXTRA_KEYS.iter().find(|(p, _)| *p == path).map(|k| k.1);
        let key = keys.first().copied().or(extra_key).unwrap_or("");
        let last = path.rsplit('/').next().unwrap_or(path).to_string();
        let name = path
            .split_once("/v1/")
            .map_or(path, |(_, n)| n)
            .replace('/', ".");
        let lower = last.to_lowercase();
        let read_only = READ_ONLY_PREFIXES.iter().any(|p| lower.starts_with(p));
        let transport = if path.ends_with("/meter/uploadEvent") {
            "meter-event"
        } else if path.ends_with("/billing/product/uploadImage") {
            "multipart"
        } else {
            "json"
        };
        // Risk endpoints and the meter event upload are not rewritten for sandbox client ids.
        let sandbox = !(path.starts_with("/ams/api/v1/risk/") || transport == "meter-event");
        entries.push(Entry {
            name: name.clone(),
            last: last.clone(),
            cells: [
                String::new(),
                path.to_string(),
                shipped.clone(),
                group.clone(),
                key.to_string(),
                u8::from(read_only).to_string(),
                u8::from(sandbox).to_string(),
                transport.to_string(),
                requests.join(","),
                responses.join(","),
                paging(&schema, &requests, &responses).map_err(|e| format!("{path}: {e}"))?,
            ],
        });
    }
    // A method name alone is an alias when no other endpoint ends with it; payments keep theirs.
    let lasts: Vec<String> = entries.iter().map(|e| e.last.clone()).collect();
    for e in &mut entries {
        let unique = lasts.iter().filter(|l| **l == e.last).count() == 1;
        if unique || e.name.starts_with("payments.") {
            e.cells[0] = e.last.clone();
        }
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    let mut catalog = String::from(COLUMNS);
    for e in &entries {
        catalog.push_str(&e.name);
        for c in &e.cells {
            catalog.push('\t');
            catalog.push_str(c);
        }
        catalog.push('\n');
    }

    let mut responses = String::new();
    let mut models: Vec<(&String, &Value)> = schema["responses"]
        .as_object()
        .into_iter()
        .flatten()
        .collect();
    models.sort_by(|a, b| a.0.cmp(b.0));
    for (name, model) in models {
        let mut fields: Vec<(&String, &Value)> =
            model["fields"].as_object().into_iter().flatten().collect();
        fields.sort_by(|a, b| a.0.cmp(b.0));
        let shaped: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{k}:{}", v.as_str().unwrap_or("list")))
            .collect();
        responses.push_str(&format!("{name}\t{}\n", shaped.join(",")));
    }
    Ok(vec![
        Output {
            path: "core/data/catalog.tsv".into(),
            text: catalog,
        },
        Output {
            path: "sim/data/response_fields.tsv".into(),
            text: responses,
        },
    ])
}
