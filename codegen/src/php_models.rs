//! PHP: the Composer package `bindings-php/models` (PSR-4), one file per model, request,
//! response and notification under `Antom\Models` (constructed with named arguments, properties
//! in Antom's camelCase) and per enum (a class of string constants), over the runtime in
//! `models/src/Model.php`; and the table that embeds them all in the extension.

use crate::python_models::member;
use crate::schema::{members, Schema, Ty};
use crate::{banner, Output};

fn php(t: &Ty) -> String {
    match t {
        Ty::String | Ty::Enum(_) => "?string".into(),
        Ty::Integer => "?int".into(),
        Ty::Boolean => "?bool".into(),
        Ty::Number => "?float".into(),
        Ty::Object | Ty::List(_) => "?array".into(),
        Ty::Model(n) => format!("?{n}"),
    }
}

fn doc(t: &Ty) -> Option<String> {
    match t {
        Ty::List(inner) => Some(match inner.as_ref() {
            Ty::Model(n) => format!("{n}[]"),
            Ty::List(_) | Ty::Object => "array[]".into(),
            Ty::Integer => "int[]".into(),
            Ty::Boolean => "bool[]".into(),
            Ty::Number => "float[]".into(),
            _ => "string[]".into(),
        }),
        Ty::Enum(n) => Some(format!("string one of {n}::*")),
        _ => None,
    }
}

fn meta(t: &Ty) -> String {
    match t {
        Ty::Model(n) => format!("[{n}::class, false]"),
        Ty::List(inner) => match inner.as_ref() {
            Ty::Model(n) => format!("[{n}::class, true]"),
            _ => "[null, true]".into(),
        },
        _ => "[null, false]".into(),
    }
}

/// The head of every model file: one class per file (PSR-4), in the Composer package
/// `bindings-php/models` and embedded in the extension, which loads them on first use.
fn file(name: &str, doc: &str, body: &str) -> Output {
    let mut s = String::from("<?php\n");
    s.push_str(&banner("//"));
    s.push_str(&format!(
        "declare(strict_types=1);\n\nnamespace Antom\\Models;\n\n/** {doc}. */\n{body}"
    ));
    Output {
        path: format!("bindings-php/models/src/{name}.php").into(),
        text: s,
    }
}

pub fn outputs(schema: &Schema) -> Vec<Output> {
    let mut out = Vec::new();
    for e in &schema.enums {
        let mut s = format!("final class {}\n{{\n", e.name);
        for (m, v) in members(&e.values, "CLASS", member) {
            s.push_str(&format!("    public const {m} = '{v}';\n"));
        }
        s.push_str("}\n");
        out.push(file(
            &e.name,
            &format!("The values of schema enum `{}`", e.name),
            &s,
        ));
    }
    for t in &schema.types {
        let described = t.describe(|n| format!("`{n}`"));
        let mut s = format!(
            "final class {} extends Model\n{{\n    public const FIELDS = [\n",
            t.name
        );
        for f in &t.fields {
            s.push_str(&format!("        '{}' => {},\n", f.wire, meta(&f.ty)));
        }
        s.push_str("    ];\n\n");
        if t.fields.is_empty() {
            s.push_str("    public function __construct()\n    {\n    }\n}\n");
        } else {
            s.push_str("    public function __construct(\n");
            for f in &t.fields {
                if let Some(d) = doc(&f.ty) {
                    s.push_str(&format!("        /** @var {d} */\n"));
                }
                s.push_str(&format!(
                    "        public {} ${} = null,\n",
                    php(&f.ty),
                    f.wire
                ));
            }
            s.push_str("    ) {\n    }\n}\n");
        }
        out.push(file(&t.name, &described, &s));
    }
    let mut names: Vec<&str> = out
        .iter()
        .filter_map(|o| {
            o.path
                .strip_prefix("bindings-php/models/src/")?
                .strip_suffix(".php")
        })
        .chain(["Model"])
        .collect();
    // Sorted by byte, so the extension's loader finds a class by binary search.
    names.sort_unstable();
    let mut table = banner("//");
    table.push_str("// Included by models.rs: the source of every class of `Antom\\Models`, sorted by name.\n\n");
    table.push_str(&format!(
        "pub static SOURCES: [(&str, &str); {}] = [\n",
        names.len()
    ));
    for n in names {
        table.push_str(&format!(
            "    (\"{n}\", include_str!(\"../models/src/{n}.php\")),\n"
        ));
    }
    table.push_str("];\n");
    out.push(Output {
        path: "bindings-php/src/models_generated.rs".into(),
        text: table,
    });
    out
}
