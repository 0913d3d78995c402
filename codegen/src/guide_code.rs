//! The starter programs of `antom guide`: one per product and language, written from the
//! product's steps in tools/guide.json with each body as its request's typed model. Each runs
//! in two halves, as a merchant's server does: `start <order>` makes the checkout calls, and
//! `resume <order> [value]`, once the buyer has acted, the calls that follow. The merchant's
//! order id is every idempotency key, so a rerun after an unknown outcome is the same request.
//! tests/guide compiles or type-checks them and runs both halves against the simulator.

use serde_json::Value;

use crate::guide_lang::lit;
use crate::guide_model::{cs_property, java_property, Lang, Starter, Step, Text};
use crate::python_models::{member, snake};
use crate::schema::{members, Schema, Ty};

fn var(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Python => snake(name),
        Lang::Php => format!("${name}"),
        _ => name.to_string(),
    }
}

/// A field of a step's answer.
fn answer(lang: Lang, step: &Step, field: &str) -> String {
    let v = var(lang, &step.name);
    match lang {
        Lang::Python => format!("{v}.data.{}", snake(field)),
        Lang::Node => format!("{v}.data.{field}"),
        Lang::Dotnet => format!("{v}.Data.{}", cs_property(&step.response_name, field)),
        Lang::Java => format!("{v}.getData().get{}()", java_property(field)),
        Lang::Php => format!("{v}->data->{field}"),
    }
}

fn text(lang: Lang, s: &str, steps: &[&Step]) -> String {
    let join = |base: String, suffix: &str| {
        if suffix.is_empty() {
            base
        } else if lang == Lang::Php {
            format!("{base} . {}", lit(lang, suffix))
        } else {
            format!("{base} + {}", lit(lang, suffix))
        }
    };
    match Text::parse(s) {
        Text::Literal(l) => lit(lang, &l),
        Text::Order(suffix) => join(var(lang, "order"), &suffix),
        Text::Value(suffix) => join(var(lang, "resumeWith"), &suffix),
        Text::NotifyUrl if lang == Lang::Dotnet => "NotifyUrl".into(),
        Text::RedirectUrl if lang == Lang::Dotnet => "RedirectUrl".into(),
        Text::NotifyUrl => "NOTIFY_URL".into(),
        Text::RedirectUrl => "REDIRECT_URL".into(),
        Text::Answer(step, field) => match steps.iter().find(|s| s.name == step) {
            Some(st) => answer(lang, st, &field),
            None => format!("{step}.{field}"),
        },
    }
}

/// The enum member naming each language's models use for `value`.
fn enum_member(schema: &Schema, lang: Lang, e: &str, value: &str) -> String {
    let values = schema
        .enums
        .iter()
        .find(|x| x.name == e)
        .map(|x| x.values.clone())
        .unwrap_or_default();
    let taken = if lang == Lang::Php { "CLASS" } else { e };
    let m = members(&values, taken, member)
        .into_iter()
        .find(|(_, v)| v == value)
        .map(|(m, _)| m)
        .unwrap_or_else(|| member(value));
    match lang {
        Lang::Php => format!("{e}::{m}"),
        _ => format!("{e}.{m}"),
    }
}

fn cs_type(t: &Ty) -> String {
    match t {
        Ty::String => "string".into(),
        Ty::Integer => "long?".into(),
        Ty::Boolean => "bool?".into(),
        Ty::Enum(n) | Ty::Model(n) => n.clone(),
        Ty::List(inner) => format!("List<{}>", cs_type(inner)),
        _ => "object".into(),
    }
}

/// What a value is written for: the language, and the steps before it in its half.
struct Cx<'a> {
    schema: &'a Schema,
    lang: Lang,
    steps: &'a [&'a Step],
}

/// A typed value, `indent` deep; the request itself (depth 0) takes one field per line.
fn value(cx: &Cx<'_>, ty: &Ty, v: &Value, indent: usize) -> String {
    let (schema, lang) = (cx.schema, cx.lang);
    match (ty, v) {
        (Ty::Model(name), Value::Object(map)) => {
            let t = schema.types.iter().find(|t| &t.name == name);
            let field_ty = |k: &str| {
                t.and_then(|t| t.fields.iter().find(|f| f.wire == k))
                    .map(|f| f.ty.clone())
                    .unwrap_or(Ty::String)
            };
            let parts: Vec<(String, String)> = map
                .iter()
                .map(|(k, x)| (k.clone(), value(cx, &field_ty(k), x, indent + 1)))
                .collect();
            model(lang, name, &parts, indent)
        }
        (Ty::Enum(e), Value::String(s)) => match lang {
            Lang::Node => lit(lang, s),
            _ => enum_member(schema, lang, e, s),
        },
        (Ty::List(inner), Value::Array(items)) => {
            let xs: Vec<String> = items
                .iter()
                .map(|x| value(cx, inner, x, indent + 1))
                .collect();
            match lang {
                Lang::Dotnet => format!("new {} {{ {} }}", cs_type(ty), xs.join(", ")),
                Lang::Java => format!("java.util.Arrays.asList({})", xs.join(", ")),
                _ => format!("[{}]", xs.join(", ")),
            }
        }
        (Ty::String, Value::String(s)) => text(lang, s, cx.steps),
        (Ty::Integer, Value::Number(n)) if lang == Lang::Java => format!("{n}L"),
        (Ty::Boolean, Value::Bool(b)) if lang == Lang::Python => {
            if *b { "True" } else { "False" }.into()
        }
        _ => v.to_string(),
    }
}

fn model(lang: Lang, name: &str, parts: &[(String, String)], indent: usize) -> String {
    // Statements sit at the language's function-body indent.
    let (base, unit) = match lang {
        Lang::Node => (2, 2),
        Lang::Python | Lang::Php => (4, 4),
        Lang::Dotnet | Lang::Java => (8, 4),
    };
    let pad = " ".repeat(base + unit * (indent + 1));
    let end = " ".repeat(base + unit * indent);
    let field = |k: &str, v: &str| match lang {
        Lang::Python => format!("{}={v}", snake(k)),
        Lang::Node => format!("{k}: {v}"),
        Lang::Dotnet => format!("{} = {v}", cs_property(name, k)),
        Lang::Java => format!(".set{}({v})", java_property(k)),
        Lang::Php => format!("{k}: {v}"),
    };
    let fields: Vec<String> = parts.iter().map(|(k, v)| field(k, v)).collect();
    let multi = indent == 0;
    let (open, sep, close) = match lang {
        Lang::Python => (format!("{name}("), ", ", ")".to_string()),
        Lang::Node => ("{ ".to_string(), ", ", " }".to_string()),
        Lang::Dotnet => (format!("new {name} {{ "), ", ", " }".to_string()),
        Lang::Java => (format!("new {name}()"), "", String::new()),
        Lang::Php => (format!("new {name}("), ", ", ")".to_string()),
    };
    if !multi {
        return format!("{open}{}{close}", fields.join(sep));
    }
    let (open, close) = match lang {
        Lang::Node => ("{".to_string(), "}".to_string()),
        Lang::Dotnet => (format!("new {name}"), format!("{end}}}")),
        Lang::Java => (open, String::new()),
        _ => (open.trim_end().to_string(), format!("{end}{close}")),
    };
    let mut s = open;
    match lang {
        Lang::Dotnet => s.push_str(&format!("\n{end}{{\n")),
        _ => s.push('\n'),
    }
    for f in &fields {
        let comma = if lang == Lang::Java { "" } else { "," };
        s.push_str(&format!("{pad}{f}{comma}\n"));
    }
    match lang {
        Lang::Node => s.push_str(&format!("{end}}}")),
        Lang::Java => {
            s.pop();
        }
        _ => s.push_str(&close),
    }
    s
}

/// Every model and enum name a body names (for imports).
fn names(schema: &Schema, ty: &Ty, v: &Value, out: &mut Vec<String>) {
    match (ty, v) {
        (Ty::Model(n), Value::Object(map)) => {
            out.push(n.clone());
            if let Some(t) = schema.types.iter().find(|t| &t.name == n) {
                for f in &t.fields {
                    if let Some(x) = map.get(&f.wire) {
                        names(schema, &f.ty, x, out);
                    }
                }
            }
        }
        (Ty::Enum(e), _) => out.push(e.clone()),
        (Ty::List(inner), Value::Array(items)) => {
            items.iter().for_each(|x| names(schema, inner, x, out));
        }
        _ => {}
    }
}

pub fn render(s: &Starter, lang: Lang, schema: &Schema) -> String {
    let mut imports = Vec::new();
    for st in &s.steps {
        names(
            schema,
            &Ty::Model(st.request.clone()),
            &st.body,
            &mut imports,
        );
    }
    imports.sort();
    imports.dedup();
    let half = |resume: bool| -> String {
        let mut out = String::new();
        let steps: Vec<&Step> = s.steps.iter().filter(|st| st.resume == resume).collect();
        for (i, st) in steps.iter().enumerate() {
            out.push_str(&call(
                schema,
                lang,
                st,
                &steps[..i],
                resume && i + 1 < steps.len(),
                i + 1,
            ));
        }
        if !resume {
            let value = s
                .resume_with
                .as_ref()
                .map_or(String::new(), |v| format!(" <{v}>"));
            out.push_str(&crate::guide_lang::then(
                lang,
                &format!("then, once {}: resume ", s.between),
                &value,
            ));
        }
        out
    };
    crate::guide_lang::program(lang, s, &imports, &half(false), &half(true))
}

fn call(schema: &Schema, lang: Lang, st: &Step, before: &[&Step], stops: bool, n: usize) -> String {
    let cx = Cx {
        schema,
        lang,
        steps: before,
    };
    let body = value(&cx, &Ty::Model(st.request.clone()), &st.body, 0);
    let v = var(lang, &st.name);
    let [camel_m, snake_m, pascal_m] = &st.method;
    let shown: Vec<(String, String)> = st
        .show
        .iter()
        .map(|f| (f.clone(), answer(lang, st, f)))
        .collect();
    let mut s = format!(
        "{}\n",
        crate::guide_lang::comment(lang, &format!("{n}. {}: {}", st.endpoint, st.why))
    );
    let invoke = match lang {
        Lang::Python => format!("    {v} = c.{snake_m}({body})\n"),
        Lang::Node => format!("  const {v} = await c.{camel_m}({body})\n"),
        Lang::Dotnet => format!("        var {v} = c.{pascal_m}({body});\n"),
        Lang::Java => format!(
            "        AntomResponse<{}> {v} = c.{camel_m}({body});\n",
            st.response_name
        ),
        Lang::Php => format!("    {v} = $c->{camel_m}({body});\n"),
    };
    s.push_str(&invoke);
    // In the second half an answer that is not S ends the half: what follows needs it.
    s.push_str(&crate::guide_lang::report(
        lang,
        &st.endpoint,
        &v,
        &shown,
        stops,
        st.new_only,
    ));
    if let Some((field, wanted)) = &st.require {
        s.push_str(&crate::guide_lang::require(
            lang,
            field,
            &answer(lang, st, field),
            wanted,
        ));
    }
    s
}
