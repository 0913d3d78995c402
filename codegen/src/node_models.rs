//! TypeScript: `models.d.ts`, an interface per model, request, response and notification (wire
//! names, every field optional: the schema marks none required) and an open string-literal union
//! per enum. The JavaScript objects are sent as they are, so there is no runtime code.

use crate::schema::{Kind, Schema, Ty};
use crate::{banner, Output};

fn ts(t: &Ty) -> String {
    match t {
        Ty::String => "string".into(),
        Ty::Integer | Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Object => "JsonObject".into(),
        Ty::Model(n) | Ty::Enum(n) => n.clone(),
        Ty::List(inner) => format!("Array<{}>", ts(inner)),
    }
}

fn quoted(wire: &str) -> String {
    if wire
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        && !wire.starts_with(|c: char| c.is_ascii_digit())
    {
        wire.to_string()
    } else {
        format!("{wire:?}")
    }
}

pub fn outputs(schema: &Schema) -> Vec<Output> {
    let mut s = banner("//");
    s.push_str("// Typed models of the whole Antom API (names: docs/models.md).\n\nimport type { JsonObject } from './index'\nimport type { Notification } from './generated'\n");
    for e in &schema.enums {
        let values: Vec<String> = e.values.iter().map(|v| format!("'{v}'")).collect();
        // Open: a value Antom adds later still type-checks, and the known ones still complete
        // (`string & {}` keeps the literals from collapsing into `string`).
        let union = if values.is_empty() {
            "string".to_string()
        } else {
            format!("{} | (string & {{}})", values.join(" | "))
        };
        s.push_str(&format!(
            "\n/** Schema enum `{}` (open: values Antom adds later are accepted). */\nexport type {} = {union}\n",
            e.name, e.name
        ));
    }
    for t in &schema.types {
        let described = t.describe(|n| format!("`{n}`"));
        s.push_str(&format!(
            "\n/** {described}. */\nexport interface {} {{\n",
            t.name
        ));
        for f in &t.fields {
            s.push_str(&format!("  {}?: {}\n", quoted(&f.wire), ts(&f.ty)));
        }
        s.push_str("}\n");
    }
    // The verified notification, its data typed by its model: narrow with `n.model`.
    let notifications: Vec<&str> = schema
        .types
        .iter()
        .filter(|t| t.kind == Kind::Notification)
        .map(|t| t.name.as_str())
        .collect();
    s.push_str("\n/** A verified notification whose `data` is typed by its `model`: narrow with\n * `if (n.model === 'PayResultNotify') n.data.paymentRequestId`. */\nexport type TypedNotification =\n");
    for name in &notifications {
        s.push_str(&format!(
            "  | (Omit<Notification, 'model' | 'data'> & {{ model: '{name}'; data: {name} }})\n"
        ));
    }
    vec![Output {
        path: "bindings-node/models.d.ts".into(),
        text: s,
    }]
}
