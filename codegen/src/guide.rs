//! `tools/guide.json`: the product facts behind `antom guide`, checked here against the schema
//! and the protocol notes (a reference that does not resolve, or a quote not in
//! tools/PROTOCOL.md, fails `make lint`), and turned into one starter program per product and
//! language in `guide/starters/` (guide_code.rs), plus the table the CLI embeds them from.

use std::path::Path;

use serde_json::Value;

use crate::guide_code;
use crate::guide_model::{Starter, Step, Text, LANGS};
use crate::schema::{Schema, Ty};
use crate::Output;

pub fn outputs(root: &Path, schema: &Schema) -> Result<Vec<Output>, String> {
    let read = |p: &str| std::fs::read_to_string(root.join(p)).map_err(|e| format!("{p}: {e}"));
    let guide: Value = serde_json::from_str(&read("tools/guide.json")?)
        .map_err(|e| format!("tools/guide.json: {e}"))?;
    let raw: Value = serde_json::from_str(&read("tools/schema.json")?)
        .map_err(|e| format!("tools/schema.json: {e}"))?;
    let protocol = read("tools/PROTOCOL.md")?;
    let mut errors = Vec::new();
    check_sources(&guide, &raw, &protocol, &mut errors);
    let mut starters = Vec::new();
    for p in guide["products"].as_array().into_iter().flatten() {
        match starter(p, schema) {
            Ok(s) => starters.push(s),
            Err(e) => errors.push(format!("{}: {e}", p["id"])),
        }
    }
    if !errors.is_empty() {
        return Err(format!("tools/guide.json:\n  {}", errors.join("\n  ")));
    }
    let mut out = Vec::new();
    let mut table = crate::banner("//");
    table.push_str("// Included by guide.rs: every starter program, by product and language.\n\npub static STARTERS: &[(&str, &str, &str, &str)] = &[\n");
    for s in &starters {
        for lang in LANGS {
            let path = lang.path(&s.id);
            table.push_str(&format!(
                "    ({:?}, {:?}, {:?}, include_str!(\"../../{path}\")),\n",
                s.id,
                lang.name(),
                path.rsplit('/').next().unwrap_or(&path)
            ));
            out.push(Output {
                path: path.clone().into(),
                text: guide_code::render(s, lang, schema),
            });
        }
    }
    table.push_str("];\n");
    out.push(Output {
        path: "cli/src/guide_starters.rs".into(),
        text: table,
    });
    Ok(out)
}

/// Every `schema` reference resolves and every `quote` is in the protocol notes.
fn check_sources(guide: &Value, raw: &Value, protocol: &str, errors: &mut Vec<String>) {
    // The notes wrap lines with two spaces of indent; a quote may span the wrap.
    let flat = protocol.replace("\n  ", " ");
    let quote_ok = |q: &str| protocol.contains(q) || flat.contains(&q.replace("\n  ", " "));
    let check_quote = |q: &str, at: &str, errors: &mut Vec<String>| {
        if !quote_ok(q) {
            errors.push(format!("{at}: not in tools/PROTOCOL.md: {q:?}"));
        }
    };
    for r in guide["regions"].as_array().into_iter().flatten() {
        check_quote(r["quote"].as_str().unwrap_or("?"), "regions", errors);
    }
    for q in guide["common_red_lines"].as_array().into_iter().flatten() {
        check_quote(q.as_str().unwrap_or("?"), "common_red_lines", errors);
    }
    for e in guide["method_enums"].as_array().into_iter().flatten() {
        if raw["enums"][e.as_str().unwrap_or("?")].is_null() {
            errors.push(format!("method_enums: no enum {e}"));
        }
    }
    for p in guide["products"].as_array().into_iter().flatten() {
        let id = p["id"].as_str().unwrap_or("?");
        for f in p["facts"].as_array().into_iter().flatten() {
            match (f["schema"].as_str(), f["quote"].as_str()) {
                (Some(r), None) if !resolves(raw, r) => {
                    errors.push(format!("{id}: schema reference {r:?} does not resolve"))
                }
                (None, Some(q)) => check_quote(q, id, errors),
                (Some(_), None) => {}
                _ => errors.push(format!("{id}: a fact names one source: schema or quote")),
            }
        }
        for q in p["red_lines"].as_array().into_iter().flatten() {
            check_quote(q.as_str().unwrap_or("?"), id, errors);
        }
        for n in p["notifications"].as_array().into_iter().flatten() {
            let t = n["type"].as_str().unwrap_or("?");
            if raw["notifications"][t].is_null() {
                errors.push(format!("{id}: no notification {t}"));
            }
        }
    }
}

/// `enums.E[.VALUE]`, or `<section>.<Type>[.<field>]` (a field of the type or its parents).
fn resolves(raw: &Value, reference: &str) -> bool {
    let mut parts = reference.splitn(3, '.');
    let (Some(section), Some(name)) = (parts.next(), parts.next()) else {
        return false;
    };
    let member = parts.next();
    if section == "enums" {
        let values = &raw["enums"][name];
        return match member {
            None => values.is_array(),
            Some(v) => values.as_array().is_some_and(|a| a.iter().any(|x| x == v)),
        };
    }
    let mut ty = &raw[section][name];
    if ty.is_null() {
        return false;
    }
    let Some(field) = member else {
        return true;
    };
    for _ in 0..8 {
        if !ty["fields"][field].is_null() {
            return true;
        }
        match ty["extends"].as_str() {
            Some(parent) => ty = &raw["models"][parent],
            None => break,
        }
    }
    false
}

/// A product's steps, each body checked against its request model.
fn starter(p: &Value, schema: &Schema) -> Result<Starter, String> {
    let text = |k: &str| p[k].as_str().map(str::to_string);
    let id = text("id").ok_or("no id")?;
    let mut steps: Vec<Step> = Vec::new();
    for s in p["steps"].as_array().into_iter().flatten() {
        let endpoint = s["endpoint"].as_str().ok_or("a step without endpoint")?;
        let method = antom_bridge::methods::methods()
            .iter()
            .find(|m| m.endpoint == endpoint)
            .ok_or(format!("{endpoint} is no endpoint method"))?;
        let (request, response) = crate::python::method_models(schema, endpoint);
        let name = s["as"].as_str().ok_or("a step without `as`")?.to_string();
        let resume = s["phase"] == "resume";
        let body = s["body"].clone();
        check_body(schema, &Ty::Model(request.clone()), &body, &steps, resume)
            .map_err(|e| format!("{endpoint}: {e}"))?;
        let resp = schema
            .types
            .iter()
            .find(|t| t.name == response)
            .ok_or(format!("no response model {response}"))?;
        let field = |f: &str| resp.fields.iter().any(|x| x.wire == f);
        let show: Vec<String> = s["show"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        if let Some(bad) = show.iter().find(|f| !field(f)) {
            return Err(format!("{endpoint}: {response} has no field {bad}"));
        }
        let next = s["next"].as_str().map(str::to_string);
        if let Some(n) = &next {
            if !field(n) && body.get(n).is_none() {
                return Err(format!("{endpoint}: next {n} is neither answered nor sent"));
            }
        }
        steps.push(Step {
            name,
            endpoint: endpoint.to_string(),
            method: [method.camel().to_string(), method.snake(), method.pascal()],
            request,
            response_name: response.clone(),
            response: resp.fields.iter().map(|f| f.wire.clone()).collect(),
            why: s["why"].as_str().unwrap_or_default().to_string(),
            resume,
            body,
            show,
            next,
        });
    }
    let resume_with = steps
        .iter()
        .find_map(|s| s.next.clone())
        .or(text("resume_with"))
        .ok_or("no step says what the second half resumes with (next or resume_with)")?;
    Ok(Starter {
        id,
        name: text("name").unwrap_or_default(),
        asks: text("asks").unwrap_or_default(),
        buyer: text("buyer").unwrap_or_default(),
        resume_with,
        steps,
    })
}

/// The body fits the model: known fields, right types, enum values that exist, and
/// placeholders that name something the starter has.
fn check_body(
    schema: &Schema,
    ty: &Ty,
    v: &Value,
    before: &[Step],
    resume: bool,
) -> Result<(), String> {
    match (ty, v) {
        (Ty::Model(name), Value::Object(map)) => {
            let t = schema
                .types
                .iter()
                .find(|t| &t.name == name)
                .ok_or(format!("no model {name}"))?;
            for (k, x) in map {
                let f = t
                    .fields
                    .iter()
                    .find(|f| &f.wire == k)
                    .ok_or(format!("{name} has no field {k}"))?;
                check_body(schema, &f.ty, x, before, resume).map_err(|e| format!("{k}: {e}"))?;
            }
            Ok(())
        }
        (Ty::Enum(e), Value::String(s)) => {
            let en = schema.enums.iter().find(|x| &x.name == e);
            match en {
                Some(en) if en.values.contains(s) => Ok(()),
                _ => Err(format!("{s} is not a value of {e}")),
            }
        }
        (Ty::List(inner), Value::Array(items)) => items
            .iter()
            .try_for_each(|x| check_body(schema, inner, x, before, resume)),
        (Ty::String, Value::String(s)) => match Text::parse(s) {
            Text::Next(_) if !resume => Err("{next} is only known in the second half".into()),
            Text::Answer(step, field) => {
                let st = before
                    .iter()
                    .find(|b| b.name == step && (b.resume == resume || !b.resume))
                    .ok_or(format!("no earlier step {step} in this half"))?;
                if st.resume != resume {
                    return Err(format!("{step} ran in the other half"));
                }
                if !st.response.contains(&field) {
                    return Err(format!("{step}'s answer has no {field}"));
                }
                Ok(())
            }
            _ => Ok(()),
        },
        (Ty::Integer, Value::Number(n)) if n.is_i64() => Ok(()),
        (Ty::Boolean, Value::Bool(_)) => Ok(()),
        _ => Err(format!("{v} does not fit {ty:?}")),
    }
}
