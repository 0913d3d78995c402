//! Rust: `core/src/models.rs` (`antom::models`), a serde struct per model, request, response and
//! notification (every field optional, unknown fields kept in `extra`) and a forward-compatible
//! enum per schema enum (a value Antom adds later parses into `Unknown(String)`).

use std::collections::{BTreeMap, BTreeSet};

use crate::python_models::snake;
use crate::schema::{Kind, Schema, Ty};
use crate::{banner, Output};

const KEYWORDS: [&str; 12] = [
    "type", "ref", "match", "move", "mod", "use", "impl", "fn", "loop", "where", "async", "static",
];

fn field_name(wire: &str) -> String {
    let s = snake(wire).trim_end_matches('_').to_string();
    if KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else if s == "extra" {
        "extra_".into()
    } else {
        s
    }
}

fn variant(value: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in value.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c.to_ascii_lowercase());
            }
            upper = c.is_ascii_digit();
        } else {
            upper = true;
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) || out == "Unknown" {
        out.insert(0, 'V');
    }
    out
}

/// Types reachable from a type through fields that hold it inline (not in a `Vec`).
fn direct(schema: &Schema) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut m = BTreeMap::new();
    for t in &schema.types {
        let set: BTreeSet<&str> = t
            .fields
            .iter()
            .filter_map(|f| match &f.ty {
                Ty::Model(n) => Some(n.as_str()),
                _ => None,
            })
            .collect();
        m.insert(t.name.as_str(), set);
    }
    m
}

fn reaches(g: &BTreeMap<&str, BTreeSet<&str>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if seen.insert(n) {
            stack.extend(g.get(n).into_iter().flatten().copied());
        }
    }
    false
}

fn rust(t: &Ty, boxed: bool) -> String {
    match t {
        Ty::String => "String".into(),
        Ty::Integer => "i64".into(),
        Ty::Boolean => "bool".into(),
        Ty::Number => "f64".into(),
        Ty::Object => "serde_json::Map<String, serde_json::Value>".into(),
        Ty::Enum(n) => n.clone(),
        Ty::Model(n) if boxed => format!("Box<{n}>"),
        Ty::Model(n) => n.clone(),
        Ty::List(inner) => format!("Vec<{}>", rust(inner, false)),
    }
}

pub fn outputs(schema: &Schema) -> Vec<Output> {
    let g = direct(schema);
    let mut s = banner("//");
    s.push_str("//! Typed models of the whole Antom API, from Antom's schema (names: docs/models.md): a struct\n//! per model, request, response and notification, every field optional and unknown fields kept\n//! in `extra`, and an enum per schema enum whose `Unknown` variant takes values Antom adds later.\n\n#![allow(clippy::large_enum_variant, clippy::doc_markdown)]\n\nuse serde::{Deserialize, Deserializer, Serialize, Serializer};\n\nuse crate::request::RequestBody;\n");
    for e in &schema.enums {
        let mut seen = BTreeSet::new();
        let variants: Vec<(String, &String)> = e
            .values
            .iter()
            .map(|v| {
                let mut n = variant(v);
                while !seen.insert(n.clone()) {
                    n.push('_');
                }
                (n, v)
            })
            .collect();
        s.push_str(&format!("\n/// Schema enum `{}`.\n#[derive(Debug, Clone, PartialEq, Eq, Hash)]\npub enum {} {{\n", e.name, e.name));
        for (n, v) in &variants {
            s.push_str(&format!("    /// `{v}`\n    {n},\n"));
        }
        s.push_str("    /// A value this version does not know.\n    Unknown(String),\n}\n\n");
        s.push_str(&format!("impl {} {{\n    /// The value on the wire.\n    pub fn as_str(&self) -> &str {{\n        match self {{\n", e.name));
        for (n, v) in &variants {
            s.push_str(&format!("            Self::{n} => {v:?},\n"));
        }
        s.push_str("            Self::Unknown(v) => v,\n        }\n    }\n}\n\n");
        s.push_str(&format!(
            "impl From<&str> for {} {{\n    fn from(v: &str) -> Self {{\n        match v {{\n",
            e.name
        ));
        for (n, v) in &variants {
            s.push_str(&format!("            {v:?} => Self::{n},\n"));
        }
        s.push_str(
            "            other => Self::Unknown(other.to_string()),\n        }\n    }\n}\n\n",
        );
        s.push_str(&format!("impl Serialize for {} {{\n    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {{\n        s.serialize_str(self.as_str())\n    }}\n}}\n\nimpl<'de> Deserialize<'de> for {} {{\n    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {{\n        String::deserialize(d).map(|v| Self::from(v.as_str()))\n    }}\n}}\n", e.name, e.name));
    }
    for t in &schema.types {
        let described = t.describe(|n| format!("`{n}`"));
        s.push_str(&format!("\n/// {described}.\n#[derive(Debug, Clone, Default, PartialEq, Serialize)]\npub struct {} {{\n", t.name));
        for f in &t.fields {
            let boxed = matches!(&f.ty, Ty::Model(n) if reaches(&g, n, &t.name));
            s.push_str(&format!(
                "    #[serde(rename = {:?}, skip_serializing_if = \"Option::is_none\")]\n    pub {}: Option<{}>,\n",
                f.wire,
                field_name(&f.wire),
                rust(&f.ty, boxed)
            ));
        }
        s.push_str("    /// Fields this version does not know, and known fields whose value is not of the\n    /// schema's type (the official SDKs disagree on some), kept as received for the round trip.\n    #[serde(flatten)]\n    pub extra: serde_json::Map<String, serde_json::Value>,\n}\n");
        // Field by field: one odd value must not make a verified answer unreadable.
        let mutable = if t.fields.is_empty() { "" } else { "mut " };
        s.push_str(&format!("\nimpl<'de> Deserialize<'de> for {n} {{\n    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {{\n        let {mutable}m = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;\n        Ok({n} {{\n", n = t.name));
        for f in &t.fields {
            s.push_str(&format!(
                "            {}: crate::lenient::take(&mut m, {:?}),\n",
                field_name(&f.wire),
                f.wire
            ));
        }
        s.push_str("            extra: m,\n        })\n    }\n}\n");
        if t.kind == Kind::Request {
            s.push_str(&format!("\nimpl From<{n}> for RequestBody {{\n    fn from(v: {n}) -> Self {{\n        RequestBody::Json(serde_json::to_value(v).unwrap_or(serde_json::Value::Null))\n    }}\n}}\n\nimpl From<&{n}> for RequestBody {{\n    fn from(v: &{n}) -> Self {{\n        RequestBody::Json(serde_json::to_value(v).unwrap_or(serde_json::Value::Null))\n    }}\n}}\n", n = t.name));
        }
    }
    vec![Output {
        path: "core/src/models.rs".into(),
        text: s,
    }]
}

/// `core/src/methods.rs`: the typed endpoint methods of the async and blocking clients.
pub fn methods(schema: &Schema) -> Output {
    let mut s = banner("//");
    s.push_str("//! The typed endpoint methods (`client.pay(PayRequest { .. })`): each returns a\n//! [`Typed`] response whose `model()` is the endpoint's response model.\n\nuse crate::models;\nuse crate::request::RequestBody;\nuse crate::response::Typed;\nuse crate::Result;\n\nimpl crate::Client {\n");
    let ms: Vec<_> = antom_bridge::methods::methods()
        .iter()
        .map(|m| (m, crate::python::method_models(schema, m.endpoint)))
        .collect();
    for (m, (req, resp)) in &ms {
        s.push_str(&format!(
            "    /// `{e}`: {d} Takes a [`models::{req}`] (or any JSON body).\n    pub async fn {n}(&self, body: impl Into<RequestBody>) -> Result<Typed<models::{resp}>> {{\n        self.call(\"{e}\", body).await.map(Typed::new)\n    }}\n\n",
            e = m.endpoint,
            d = m.doc,
            n = m.snake()
        ));
    }
    s.push_str("}\n\nimpl crate::blocking::Client {\n");
    for (m, (req, resp)) in &ms {
        s.push_str(&format!(
            "    /// `{e}`: {d} Takes a [`models::{req}`] (or any JSON body).\n    pub fn {n}(&self, body: impl Into<RequestBody>) -> Result<Typed<models::{resp}>> {{\n        self.call(\"{e}\", body).map(Typed::new)\n    }}\n\n",
            e = m.endpoint,
            d = m.doc,
            n = m.snake()
        ));
    }
    s.push_str("}\n");
    Output {
        path: "core/src/methods.rs".into(),
        text: s,
    }
}

/// `core/tests/model_round_trip.rs`: every shared sample through its Rust type and back.
pub fn round_trip_test(schema: &Schema) -> Output {
    let mut s = banner("//");
    s.push_str("//! Every type of `antom::models` round-trips its shared sample (tests/models/samples.json):\n//! wire JSON -> typed -> wire JSON, equal.\n\n// The models do not depend on the crypto backend: run once, with the default one.\n#![cfg(not(feature = \"pure-rust-crypto\"))]\n#![allow(clippy::unwrap_used, clippy::panic)]\n\nuse antom::models::*;\nuse serde_json::Value;\n\n/// The sample through `T` and back; `untyped` says which of its fields `T` did not type.\nfn rt<T: serde::de::DeserializeOwned + serde::Serialize>(v: &Value, untyped: fn(&T) -> Vec<String>) -> Value {\n    let t = serde_json::from_value::<T>(v.clone()).unwrap();\n    assert_eq!(untyped(&t), Vec::<String>::new(), \"fields the type does not know\");\n    serde_json::to_value(t).unwrap()\n}\n\nfn round_trip(name: &str, v: &Value) -> Value {\n    match name {\n");
    for t in &schema.types {
        s.push_str(&format!(
            "        {:?} => rt::<{}>(v, |t| t.extra.keys().cloned().collect()),\n",
            t.name, t.name
        ));
    }
    s.push_str(&"        other => panic!(\"no type {other}\"),\n    }\n}\n\n#[test]\nfn every_type_round_trips_its_sample() {\n    let text = std::fs::read_to_string(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/../tests/models/samples.json\")).unwrap();\n    let doc: Value = serde_json::from_str(&text).unwrap();\n    let samples = doc[\"samples\"].as_object().unwrap();\n    assert_eq!(samples.len(), {count});\n    for (name, sample) in samples {\n        assert_eq!(&round_trip(name, sample), sample, \"{name}\");\n    }\n}\n".replace("{count}", &schema.types.len().to_string()));
    Output {
        path: "core/tests/model_round_trip.rs".into(),
        text: s,
    }
}

/// `sim/tests/typed_endpoints.rs`: every typed method of the Rust client against the simulator,
/// its reply parsed into the endpoint's response model and written back unchanged.
pub fn typed_endpoints_test() -> Output {
    let mut s = banner("//");
    s.push_str("//! Every typed endpoint method (tests/models/endpoints.json) against the simulator: the reply\n//! is verified and parses into the endpoint's response model, which writes it back unchanged.\n#![allow(clippy::unwrap_used, clippy::panic)]\n\nuse crate::common;\n\nuse serde_json::Value;\n\nfn check<T: serde::de::DeserializeOwned + serde::Serialize>(r: &antom::Typed<T>, entry: &Value) {\n    let name = entry[\"endpoint\"].as_str().unwrap();\n    assert!(r.verified(), \"{name}\");\n    if entry[\"lifecycle\"] == false {\n        assert!(r.is_success(), \"{name}: {}\", r.raw());\n    }\n    let model = r.model().unwrap_or_else(|e| panic!(\"{name}: {e}\"));\n    assert_eq!(&serde_json::to_value(model).unwrap(), r.data(), \"{name}\");\n}\n\n#[tokio::test]\nasync fn every_typed_method_parses_the_simulators_reply() {\n    let sim = common::sim().await;\n    let client = common::client(&sim);\n    let text = std::fs::read_to_string(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/../tests/models/endpoints.json\")).unwrap();\n    let doc: Value = serde_json::from_str(&text).unwrap();\n    let methods = doc[\"methods\"].as_array().unwrap();\n");
    s.push_str(&format!(
        "    assert_eq!(methods.len(), {});\n",
        antom_bridge::methods::methods().len()
    ));
    for (i, m) in antom_bridge::methods::methods().iter().enumerate() {
        s.push_str(&format!(
            "    let e = &methods[{i}];\n    assert_eq!(e[\"endpoint\"], {:?});\n    check(&client.{}(&e[\"body\"]).await.unwrap(), e);\n",
            m.endpoint,
            m.snake()
        ));
    }
    s.push_str("}\n");
    Output {
        path: "sim/tests/typed_endpoints.rs".into(),
        text: s,
    }
}
