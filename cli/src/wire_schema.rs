//! Antom's wire schema (tools/schema.json, embedded): what `antom mcp` tells an assistant about
//! an endpoint's fields, and the check a request body passes before it is signed, so an invented
//! field name, a wrong type or an unknown enum value is refused with the names that exist.

use std::sync::LazyLock;

use antom::catalog::Endpoint;
use serde_json::{json, Map, Value};

static SCHEMA: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../tools/schema.json")).unwrap_or(Value::Null)
});

/// How deep a body is checked and a model is described (Antom's models nest a few levels).
const DEPTH: usize = 12;

/// The fields of the endpoint's request (the union of its request models) and of its response.
pub fn describe(e: &Endpoint) -> Value {
    let request = fields_of("requests", &e.request_models);
    let response = fields_of("responses", &e.response_models);
    let mut models = Map::new();
    for ty in request.values().chain(response.values()) {
        collect(ty, &mut models, 0);
    }
    json!({
        "endpoint": e.name,
        "path": e.path,
        "group": e.group,
        "idempotencyField": e.idempotency_field,
        "readOnly": e.read_only,
        "paged": e.paging.is_some(),
        "request": request,
        "response": response,
        "types": models,
    })
}

/// Every problem of `body` against the endpoint's request models (empty: it fits).
pub fn check(e: &Endpoint, body: &Value) -> Vec<String> {
    let fields = fields_of("requests", &e.request_models);
    let mut problems = Vec::new();
    if fields.is_empty() {
        // An endpoint the schema does not describe: nothing to hold the body to.
        return problems;
    }
    match body {
        Value::Object(given) => check_object(given, &fields, "", &mut problems, 0),
        _ => problems.push("the body must be a JSON object".into()),
    }
    problems
}

fn fields_of(kind: &str, models: &[&str]) -> Map<String, Value> {
    let mut out = Map::new();
    for m in models {
        for (k, v) in SCHEMA[kind][m]["fields"].as_object().into_iter().flatten() {
            out.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    out
}

/// The models and enums a type refers to, by name, for `describe`.
fn collect(ty: &Value, out: &mut Map<String, Value>, depth: usize) {
    if depth > DEPTH {
        return;
    }
    let name = match ty {
        Value::Object(o) => return o.values().for_each(|t| collect(t, out, depth + 1)),
        Value::String(s) => s.as_str(),
        _ => return,
    };
    if out.contains_key(name) {
        return;
    }
    if let Some(values) = SCHEMA["enums"].get(name) {
        out.insert(name.into(), json!({ "enum": values }));
    } else if let Some(fields) = SCHEMA["models"][name]["fields"].as_object() {
        out.insert(name.into(), Value::Object(fields.clone()));
        for t in fields.values() {
            collect(t, out, depth + 1);
        }
    }
}

fn check_object(
    given: &Map<String, Value>,
    fields: &Map<String, Value>,
    at: &str,
    problems: &mut Vec<String>,
    depth: usize,
) {
    for (k, v) in given {
        let here = if at.is_empty() {
            k.clone()
        } else {
            format!("{at}.{k}")
        };
        match fields.get(k) {
            Some(ty) => check_value(v, ty, &here, problems, depth + 1),
            None => {
                let mut known: Vec<&String> = fields.keys().collect();
                known.sort();
                problems.push(format!(
                    "{here} is not a field here; the fields are: {}",
                    known
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
}

fn check_value(v: &Value, ty: &Value, at: &str, problems: &mut Vec<String>, depth: usize) {
    if v.is_null() || depth > DEPTH {
        return;
    }
    if let Some(item) = ty.get("list") {
        match v.as_array() {
            Some(items) => {
                for (i, x) in items.iter().enumerate() {
                    check_value(x, item, &format!("{at}[{i}]"), problems, depth + 1);
                }
            }
            None => problems.push(format!("{at} must be a list")),
        }
        return;
    }
    let name = ty.as_str().unwrap_or("object");
    let fits = match name {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        _ => {
            if let Some(values) = SCHEMA["enums"][name].as_array() {
                if !values.contains(v) {
                    problems.push(format!(
                        "{at} is {v}, not one of {name}: {}",
                        values
                            .iter()
                            .map(Value::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                return;
            }
            match (SCHEMA["models"][name]["fields"].as_object(), v.as_object()) {
                (Some(fields), Some(given)) => {
                    return check_object(given, fields, at, problems, depth + 1)
                }
                (Some(_), None) => false,
                (None, _) => true,
            }
        }
    };
    if !fits {
        problems.push(format!("{at} must be {}", article(name)));
    }
}

fn article(name: &str) -> String {
    match name {
        "string" | "boolean" | "object" | "number" | "integer" => format!("a JSON {name}"),
        model => format!("a {model} object"),
    }
}

/// The values of one of the schema's enums (empty when there is no such enum).
pub fn enum_values(name: &str) -> Vec<String> {
    SCHEMA["enums"][name]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}
