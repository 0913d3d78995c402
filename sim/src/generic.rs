//! Every other catalog endpoint: signature checked upstream, idempotency key required, then a
//! signed `S` shaped by the endpoint's response model (request ids echoed, new ids and tokens minted).

use std::collections::HashMap;
use std::sync::LazyLock;

use serde_json::{json, Map, Value};

use crate::reply::{fail, success, Reply};
use crate::Sim;

static RESPONSE_FIELDS: LazyLock<HashMap<&'static str, Vec<(&'static str, &'static str)>>> =
    LazyLock::new(|| {
        include_str!("../data/response_fields.tsv")
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(model, fields)| {
                let fields = fields
                    .split(',')
                    .filter_map(|f| f.split_once(':'))
                    .collect();
                (model, fields)
            })
            .collect()
    });

pub fn handle(sim: &Sim, client: &str, endpoint: &antom::catalog::Endpoint, req: &Value) -> Reply {
    let key = match endpoint.idempotency_field {
        Some(field) => match req
            .get(field)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
        {
            Some(k) => Some(k.to_string()),
            None => {
                return fail(
                    "PARAM_ILLEGAL",
                    &format!("the required field {field} is missing or empty"),
                )
            }
        },
        None => None,
    };
    let ledger_key = key.map(|k| (client.to_string(), endpoint.path.to_string(), k));
    let fingerprint = req.to_string();
    if let Some(k) = &ledger_key {
        if let Some((seen, response)) = sim.ledger().generic.get(k) {
            if !endpoint.read_only && *seen != fingerprint {
                return fail(
                    "REPEAT_REQ_INCONSISTENT",
                    "the idempotency key was used with a different request",
                );
            }
            return Reply::ok(response.clone());
        }
    }
    let mut body = Map::new();
    for model in &endpoint.response_models {
        for (field, ty) in RESPONSE_FIELDS
            .get(model)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            if *field == "result" {
                continue;
            }
            if let Some(v) = req.get(*field) {
                body.insert((*field).to_string(), v.clone());
            } else if *ty == "string" && (field.ends_with("Id") || field.ends_with("Token")) {
                body.insert(
                    (*field).to_string(),
                    json!(format!("SIM{:016x}", rand::random::<u64>())),
                );
            }
        }
    }
    let response = success(Value::Object(body));
    if let Some(k) = ledger_key {
        if !endpoint.read_only {
            sim.ledger()
                .generic
                .insert(k, (fingerprint, response.clone()));
        }
    }
    Reply::ok(response)
}
