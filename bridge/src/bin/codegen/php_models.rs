//! PHP: `php/models.php`, a class per model, request, response and notification under
//! `Antom\Models` (constructed with named arguments, properties in Antom's camelCase) and a class
//! of string constants per enum, over the runtime in `php/Model.php`.

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

pub fn outputs(schema: &Schema) -> Vec<Output> {
    let mut s = String::from("<?php\n");
    s.push_str(&banner("//"));
    s.push_str("// Typed models of the whole Antom API (names: docs/models.md), over php/Model.php.\ndeclare(strict_types=1);\n\nnamespace Antom\\Models;\n");
    for e in &schema.enums {
        s.push_str(&format!(
            "\n/** The values of schema enum `{}`. */\nfinal class {}\n{{\n",
            e.name, e.name
        ));
        for (m, v) in members(&e.values, "CLASS", member) {
            s.push_str(&format!("    public const {m} = '{v}';\n"));
        }
        s.push_str("}\n");
    }
    for t in &schema.types {
        let described = t.describe(|n| format!("`{n}`"));
        s.push_str(&format!("\n/** {described}. */\nfinal class {} extends Model\n{{\n    public const FIELDS = [\n", t.name));
        for f in &t.fields {
            s.push_str(&format!("        '{}' => {},\n", f.wire, meta(&f.ty)));
        }
        s.push_str("    ];\n\n");
        if t.fields.is_empty() {
            s.push_str("    public function __construct()\n    {\n    }\n}\n");
            continue;
        }
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
    vec![Output {
        path: "bindings-php/php/models.php",
        text: s,
    }]
}
