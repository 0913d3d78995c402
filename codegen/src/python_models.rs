//! Python: `antom/models.py`, a class per model, request, response and notification and an
//! enum per schema enum, over the runtime in `antom/_model.py`.

use crate::schema::{Schema, Ty};
use crate::{banner, Output};

const RESERVED: [&str; 38] = [
    "False",
    "None",
    "True",
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "class",
    "continue",
    "def",
    "del",
    "elif",
    "else",
    "except",
    "finally",
    "for",
    "from",
    "global",
    "if",
    "import",
    "in",
    "is",
    "lambda",
    "nonlocal",
    "not",
    "or",
    "pass",
    "raise",
    "return",
    "try",
    "while",
    "with",
    "yield",
    "to_wire",
    "from_wire",
    "get",
];

/// `paymentRequestId` -> `payment_request_id`; a Python keyword or a model method gets `_`.
pub fn snake(wire: &str) -> String {
    let chars: Vec<char> = wire.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev_lower =
                i > 0 && (chars[i - 1].is_ascii_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
            if prev_lower || (prev_upper && next_lower) {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else {
            out.push('_');
        }
    }
    if RESERVED.contains(&out.as_str()) || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.push('_');
    }
    out
}

/// An enum value as a Python identifier.
pub fn member(value: &str) -> String {
    let mut m: String = value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if m.is_empty() || m.starts_with(|c: char| c.is_ascii_digit()) {
        m.insert(0, '_');
    }
    m
}

fn annotation(t: &Ty) -> String {
    match t {
        Ty::String => "str".into(),
        Ty::Integer => "int".into(),
        Ty::Boolean => "bool".into(),
        Ty::Number => "float".into(),
        Ty::Object => "Dict[str, Any]".into(),
        Ty::Model(n) => n.clone(),
        Ty::Enum(n) => format!("Union[{n}, str]"),
        Ty::List(inner) => format!("List[{}]", annotation(inner)),
    }
}

fn spec(t: &Ty) -> String {
    match t {
        Ty::Model(n) | Ty::Enum(n) => format!("\"{n}\""),
        Ty::List(inner) => format!("(\"list\", {})", spec(inner)),
        _ => "None".into(),
    }
}

pub fn outputs(schema: &Schema) -> Vec<Output> {
    let mut s = banner("#");
    s.push_str(
        r#""""Typed models of the whole Antom API, from Antom's schema: a class per model, request,
response and notification (constructed with snake_case keywords, written in Antom's camelCase by
`to_wire()`, parsed by `from_wire()` keeping unknown fields), and a `str` enum per schema enum.
Names: docs/models.md."""
from __future__ import annotations

import enum
from typing import Any, Dict, List, Optional, Union

from antom._model import Model

"#,
    );
    let mut all = Vec::new();
    for e in &schema.enums {
        all.push(e.name.clone());
        s.push_str(&format!(
            "\n\nclass {}(str, enum.Enum):\n    \"\"\"Schema enum `{}`.\"\"\"\n\n",
            e.name, e.name
        ));
        let mut seen = std::collections::HashSet::new();
        for v in &e.values {
            let mut m = member(v);
            while !seen.insert(m.clone()) {
                m.push('_');
            }
            s.push_str(&format!("    {m} = {v:?}\n"));
        }
        if e.values.is_empty() {
            s.push_str("    pass\n");
        }
    }
    for t in &schema.types {
        all.push(t.name.clone());
        let fields: Vec<(String, &crate::schema::Field)> =
            t.fields.iter().map(|f| (snake(&f.wire), f)).collect();
        s.push_str(&format!(
            "\n\nclass {}(Model):\n    \"\"\"{}.\"\"\"\n\n    _FIELDS = (\n",
            t.name,
            t.describe(|n| format!("`{n}`"))
        ));
        for (attr, f) in &fields {
            s.push_str(&format!(
                "        ({attr:?}, {:?}, {}),\n",
                f.wire,
                spec(&f.ty)
            ));
        }
        s.push_str("    )\n");
        for (attr, f) in &fields {
            s.push_str(&format!(
                "    {attr}: Optional[{}] = None\n",
                annotation(&f.ty)
            ));
        }
    }
    s.push_str("\n\n__all__ = [\n");
    for n in &all {
        s.push_str(&format!("    {n:?},\n"));
    }
    s.push_str("]\n");
    vec![Output {
        path: "bindings-python/python/antom/models.py".into(),
        text: s,
    }]
}
