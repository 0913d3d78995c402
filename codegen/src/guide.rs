//! `tools/guide.json`: the product facts behind `antom guide`, checked here against the schema
//! and the protocol notes (a reference that does not resolve, or a quote not in
//! tools/PROTOCOL.md, fails `make lint`), and turned into one starter program per product and
//! language in `guide/starters/` (guide_code.rs), plus the table the CLI embeds them from.

use std::path::Path;

use serde_json::Value;

use crate::guide_code;
use crate::guide_model::{Starter, Step, Text, LANGS};
use crate::schema::{Kind, Schema, Ty};
use crate::Output;

pub fn outputs(root: &Path, schema: &Schema) -> Result<Vec<Output>, String> {
    let read = |p: &str| std::fs::read_to_string(root.join(p)).map_err(|e| format!("{p}: {e}"));
    let guide: Value = serde_json::from_str(&read("tools/guide.json")?)
        .map_err(|e| format!("tools/guide.json: {e}"))?;
    let protocol = read("tools/PROTOCOL.md")?;
    let mut errors = Vec::new();
    check_sources(&guide, schema, &protocol, &mut errors);
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

/// Every `schema` reference resolves, and the fact's words name what it cites; every `quote`
/// is in the protocol notes; every payment method word names values of the method enums; the
/// prose that lands in comments cannot break out of them.
fn check_sources(guide: &Value, schema: &Schema, protocol: &str, errors: &mut Vec<String>) {
    // The notes wrap lines with two spaces of indent; a quote may span the wrap.
    let flat = protocol.replace("\n  ", " ");
    let check_quote = |q: &str, at: &str, errors: &mut Vec<String>| {
        if !protocol.contains(q) && !flat.contains(&q.replace("\n  ", " ")) {
            errors.push(format!("{at}: not in tools/PROTOCOL.md: {q:?}"));
        }
    };
    let strs = |v: &Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect()
    };
    for r in guide["regions"].as_array().into_iter().flatten() {
        check_quote(r["quote"].as_str().unwrap_or("?"), "regions", errors);
    }
    for q in strs(&guide["common_red_lines"]) {
        check_quote(&q, "common_red_lines", errors);
    }
    let enums = strs(&guide["method_enums"]);
    let is_method = |v: &str| {
        schema
            .enums
            .iter()
            .any(|e| enums.contains(&e.name) && e.values.iter().any(|x| x == v))
    };
    for (word, values) in guide["method_words"].as_object().into_iter().flatten() {
        for v in strs(values) {
            if !is_method(&v) {
                errors.push(format!("method_words: {word}: {v} is in none of {enums:?}"));
            }
        }
    }
    for p in guide["products"].as_array().into_iter().flatten() {
        let id = p["id"].as_str().unwrap_or("?");
        if let Some(m) = p["method"].as_str() {
            if !is_method(m) {
                errors.push(format!("{id}: method {m} is in none of {enums:?}"));
            }
        }
        for f in p["facts"].as_array().into_iter().flatten() {
            let says = f["says"].as_str().unwrap_or_default();
            let refs = strs(&f["schema"]);
            if refs.is_empty() && f["quote"].is_null() {
                errors.push(format!("{id}: the fact {says:?} names no source"));
            }
            for r in refs {
                let last = r.rsplit('.').next().unwrap_or_default();
                if !resolves(schema, &r) {
                    errors.push(format!("{id}: schema reference {r:?} does not resolve"));
                } else if !says.contains(last) {
                    errors.push(format!(
                        "{id}: the fact {says:?} does not name {last}, which it cites"
                    ));
                }
            }
            if let Some(q) = f["quote"].as_str() {
                check_quote(q, id, errors);
            }
        }
        for q in strs(&p["red_lines"]) {
            check_quote(&q, id, errors);
        }
        for n in p["notifications"].as_array().into_iter().flatten() {
            let t = n["type"].as_str().unwrap_or("?");
            if !resolves(schema, &format!("notifications.{t}")) {
                errors.push(format!("{id}: no notification {t}"));
            }
        }
        let prose = ["name", "asks", "between"]
            .iter()
            .map(|k| p[*k].as_str().unwrap_or_default().to_string())
            .chain(
                p["steps"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|s| s["why"].as_str().unwrap_or_default().to_string()),
            );
        for text in prose {
            if text.contains(['\n', '\\', '{', '}', '`'])
                || text.contains("*/")
                || text.contains("\"\"\"")
            {
                errors.push(format!(
                    "{id}: {text:?} holds a character that would end a comment or a string"
                ));
            }
        }
    }
}

/// `enums.E[.VALUE]`, or `<section>.<Type>[.<field>]` by the schema's official names (a field
/// of the type or of a type it extends: the schema's types carry their parents' fields).
fn resolves(schema: &Schema, reference: &str) -> bool {
    let mut parts = reference.splitn(3, '.');
    let (Some(section), Some(name)) = (parts.next(), parts.next()) else {
        return false;
    };
    let member = parts.next();
    if section == "enums" {
        return schema
            .enums
            .iter()
            .find(|e| e.name == name)
            .is_some_and(|e| member.is_none_or(|v| e.values.iter().any(|x| x == v)));
    }
    let kind = match section {
        "models" => Kind::Model,
        "requests" => Kind::Request,
        "responses" => Kind::Response,
        "notifications" => Kind::Notification,
        _ => return false,
    };
    schema
        .types
        .iter()
        .find(|t| t.kind == kind && t.official == name)
        .is_some_and(|t| member.is_none_or(|f| t.fields.iter().any(|x| x.wire == f)))
}

/// Names a step's answer may not take: the starters' own variables and functions, and words
/// one of the five languages reserves.
const TAKEN: [&str; 24] = [
    "order",
    "c",
    "resumeWith",
    "report",
    "client",
    "start",
    "resume",
    "main",
    "need",
    "env",
    "file",
    "args",
    "e",
    "n",
    "new",
    "default",
    "delete",
    "class",
    "function",
    "var",
    "let",
    "const",
    "this",
    "import",
];

/// A product's steps, each body checked against its request model.
fn starter(p: &Value, schema: &Schema) -> Result<Starter, String> {
    let text = |k: &str| p[k].as_str().map(str::to_string);
    let id = text("id").ok_or("no id")?;
    let resume_with = text("resume_with");
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
        let simple = name.starts_with(|c: char| c.is_ascii_lowercase())
            && name.chars().all(|c| c.is_ascii_alphanumeric());
        if !simple || TAKEN.contains(&name.as_str()) {
            return Err(format!(
                "{endpoint}: `as` {name:?} is not a free camelCase name"
            ));
        }
        if steps.iter().any(|b| b.name == name && b.resume == resume) {
            return Err(format!("two steps in one half are named {name}"));
        }
        let body = s["body"].clone();
        let half: Vec<&Step> = steps.iter().filter(|b| b.resume == resume).collect();
        let ctx = Ctx {
            schema,
            before: &half,
            value: resume && resume_with.is_some(),
        };
        check_body(&ctx, &Ty::Model(request.clone()), &body)
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
        // A starter prints what it shows: never a token, a secret or a card number.
        let secret = |f: &str| {
            let f = f.to_ascii_lowercase();
            f.ends_with("token")
                || ["secret", "password", "cardno", "cvv"]
                    .iter()
                    .any(|w| f.contains(w))
        };
        if let Some(bad) = show.iter().find(|f| secret(f)) {
            return Err(format!("{endpoint}: a starter may not print {bad}"));
        }
        let new_only = s["new_only"] == true;
        let read_only = antom::catalog::find(endpoint).is_some_and(|e| e.read_only);
        if new_only && !(resume && read_only) {
            return Err(format!(
                "{endpoint}: new_only is for an inquiry in the second half"
            ));
        }
        let require = match s["require"].as_object() {
            Some(r) => {
                let (f, v) = r.iter().next().ok_or("an empty require")?;
                if !field(f) || !v.is_string() || r.len() != 1 {
                    return Err(format!(
                        "{endpoint}: require names one answered field and its text"
                    ));
                }
                Some((f.clone(), v.as_str().unwrap_or_default().to_string()))
            }
            None => None,
        };
        steps.push(Step {
            name,
            endpoint: endpoint.to_string(),
            method: [method.camel().to_string(), method.snake(), method.pascal()],
            request,
            response_name: response.clone(),
            response: resp
                .fields
                .iter()
                .map(|f| (f.wire.clone(), f.ty.clone()))
                .collect(),
            why: s["why"].as_str().unwrap_or_default().to_string(),
            resume,
            body,
            show,
            require,
            new_only,
        });
    }
    Ok(Starter {
        id,
        name: text("name").unwrap_or_default(),
        asks: text("asks").unwrap_or_default(),
        between: text("between").unwrap_or_default(),
        resume_with,
        steps,
    })
}

/// What a body may refer to: the steps before it in its half, and `{value}` in a second half
/// that takes one.
struct Ctx<'a> {
    schema: &'a Schema,
    before: &'a [&'a Step],
    value: bool,
}

/// The body fits the model: known fields, right types, enum values that exist, and
/// placeholders that name something the starter has, of the right type.
fn check_body(ctx: &Ctx<'_>, ty: &Ty, v: &Value) -> Result<(), String> {
    let schema = ctx.schema;
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
                check_body(ctx, &f.ty, x).map_err(|e| format!("{k}: {e}"))?;
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
        (Ty::List(inner), Value::Array(items)) => {
            items.iter().try_for_each(|x| check_body(ctx, inner, x))
        }
        (Ty::String, Value::String(s)) => match Text::parse(s) {
            Text::Value(_) if !ctx.value => {
                Err("{value} is only known in a second half that resumes with one".into())
            }
            Text::Answer(step, field) => {
                let st = ctx
                    .before
                    .iter()
                    .find(|b| b.name == step)
                    .ok_or(format!("no earlier step {step} in this half"))?;
                match st.response.iter().find(|(w, _)| *w == field) {
                    Some((_, Ty::String)) => Ok(()),
                    Some(_) => Err(format!("{step}'s {field} is not a string")),
                    None => Err(format!("{step}'s answer has no {field}")),
                }
            }
            Text::Literal(l) if l.contains(['{', '}', '@', '\\', '\n', '\'']) => Err(format!(
                "{l:?}: a placeholder is a whole string ({{order}}, {{value}}, @step.field); literals hold no braces, quotes or backslashes"
            )),
            _ => Ok(()),
        },
        (Ty::Integer, Value::Number(n)) if n.is_i64() => Ok(()),
        (Ty::Boolean, Value::Bool(_)) => Ok(()),
        _ => Err(format!("{v} does not fit {ty:?}")),
    }
}
