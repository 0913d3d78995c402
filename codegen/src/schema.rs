//! Antom's schema (tools/schema.json) as the generator uses it: every model, enum, request,
//! response and notification under its antom name, fields flattened through `extends`, types
//! normalized. The naming rules (docs/models.md):
//! - models and enums keep the schema's names (`Amount`, `ProductCodeType`);
//! - requests, responses and notifications drop the legacy `Alipay` prefix
//!   (`AlipayPayRequest` -> `PayRequest`, `AlipayPayResultNotify` -> `PayResultNotify`);
//! - a generated-style name (`AmsApiV1PaymentsCapturePostRequest`) is named from its endpoint
//!   (`CaptureRequest`); when that name is taken, the schema name's method word is kept
//!   (`CapturePostRequest`), and its response follows (`CapturePostResponse`);
//! - the base types `AlipayRequest`, `AlipayResponse` and `AlipayNotify` would take the SDK's
//!   own names: they keep the qualifier `Base` (`BaseResponse`);
//! - other names without the prefix stay as they are (`RiskDecideRequest`).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

/// A field's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    String,
    Integer,
    Boolean,
    Number,
    /// Free-form JSON object.
    Object,
    Model(String),
    Enum(String),
    List(Box<Ty>),
}

/// Which part of the API a type belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Model,
    Request,
    Response,
    Notification,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The JSON name on the wire (camel case).
    pub wire: String,
    pub ty: Ty,
}

#[derive(Debug, Clone)]
pub struct Type {
    pub name: String,
    pub official: String,
    pub kind: Kind,
    pub fields: Vec<Field>,
    /// The path the schema gives a request (with the official SDKs' bugs).
    pub path: Option<String>,
}

impl Type {
    /// "Request `PayRequest` (official: `AlipayPayRequest`)", with `code` wrapping the names
    /// in the target language's doc syntax.
    pub fn describe(&self, code: impl Fn(&str) -> String) -> String {
        let word = match self.kind {
            Kind::Model => "Model",
            Kind::Request => "Request",
            Kind::Response => "Response",
            Kind::Notification => "Notification",
        };
        let official = if self.official == self.name {
            String::new()
        } else {
            format!(" (official: {})", code(&self.official))
        };
        format!("{word} {}{official}", code(&self.name))
    }
}

/// Enum values as unique identifiers made by `ident`, none equal to `taken`.
pub fn members(
    values: &[String],
    taken: &str,
    ident: impl Fn(&str) -> String,
) -> Vec<(String, String)> {
    let mut seen = std::collections::HashSet::new();
    values
        .iter()
        .map(|v| {
            let mut m = ident(v);
            if m == taken {
                m.push('_');
            }
            while !seen.insert(m.clone()) {
                m.push('_');
            }
            (m, v.clone())
        })
        .collect()
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub name: String,
    pub values: Vec<String>,
}

#[derive(Debug)]
pub struct Schema {
    /// Sorted by name.
    pub types: Vec<Type>,
    pub enums: Vec<Enum>,
    /// Official name -> antom name.
    pub names: BTreeMap<String, String>,
}

impl Schema {
    pub fn load(root: &Path) -> Result<Schema, String> {
        let text = std::fs::read_to_string(root.join("tools/schema.json"))
            .map_err(|e| format!("tools/schema.json: {e}"))?;
        let v: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let section = |k: &str| v[k].as_object().cloned().unwrap_or_default();
        let enums: Vec<Enum> = section("enums")
            .into_iter()
            .map(|(name, values)| Enum {
                name,
                values: values
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect(),
            })
            .collect();
        let mut raw = BTreeMap::new();
        for (key, kind) in [
            ("models", Kind::Model),
            ("requests", Kind::Request),
            ("responses", Kind::Response),
            ("notifications", Kind::Notification),
        ] {
            for (name, def) in section(key) {
                raw.insert(name, (kind, def));
            }
        }
        let names = naming(&raw);
        let enum_names: Vec<&str> = enums.iter().map(|e| e.name.as_str()).collect();
        let mut types = Vec::new();
        for (official, (kind, def)) in &raw {
            let mut fields = Vec::new();
            flatten(&raw, official, &mut fields, 0);
            let fields = fields
                .into_iter()
                .map(|(wire, t)| Field {
                    wire,
                    ty: ty(&t, &names, &enum_names),
                })
                .collect();
            types.push(Type {
                name: names[official].clone(),
                official: official.clone(),
                kind: *kind,
                fields,
                path: def["path"].as_str().map(str::to_string),
            });
        }
        types.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Schema {
            types,
            enums,
            names,
        })
    }

    pub fn antom_name(&self, official: &str) -> Option<&str> {
        self.names.get(official).map(String::as_str)
    }
}

/// Parent fields first, then the type's own (a child's field wins).
fn flatten(
    raw: &BTreeMap<String, (Kind, Value)>,
    name: &str,
    out: &mut Vec<(String, Value)>,
    depth: usize,
) {
    let Some((_, def)) = raw.get(name) else {
        return;
    };
    if let (Some(parent), true) = (def["extends"].as_str(), depth < 8) {
        flatten(raw, parent, out, depth + 1);
    }
    for (wire, t) in def["fields"].as_object().into_iter().flatten() {
        out.retain(|(w, _)| w != wire);
        out.push((wire.clone(), t.clone()));
    }
}

fn pascal_leaf(path: &str) -> String {
    let leaf = path.rsplit('/').next().unwrap_or(path);
    let mut c = leaf.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn naming(raw: &BTreeMap<String, (Kind, Value)>) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for (official, (kind, _)) in raw {
        let name = match kind {
            Kind::Model => official.clone(),
            _ => official
                .strip_prefix("Alipay")
                .unwrap_or(official)
                .to_string(),
        };
        names.insert(official.clone(), name);
    }
    // The schema's base types would take the SDK's own names (`Response`): they are `Base...`.
    for (official, (kind, _)) in raw {
        if *kind != Kind::Model
            && matches!(
                official.as_str(),
                "AlipayRequest" | "AlipayResponse" | "AlipayNotify"
            )
        {
            names.insert(
                official.clone(),
                format!("Base{}", &official["Alipay".len()..]),
            );
        }
    }
    // Generated-style names, named from their endpoint.
    for (official, (kind, def)) in raw {
        if *kind != Kind::Request || !official.starts_with("AmsApi") {
            continue;
        }
        let Some(path) = def["path"].as_str() else {
            continue;
        };
        let leaf = pascal_leaf(path);
        let taken = names.values().any(|n| *n == format!("{leaf}Request"));
        let stem = if taken { format!("{leaf}Post") } else { leaf };
        names.insert(official.clone(), format!("{stem}Request"));
        let response = official.replace("PostRequest", "Post200Response");
        if raw.contains_key(&response) {
            names.insert(response, format!("{stem}Response"));
        }
    }
    names
}

fn ty(t: &Value, names: &BTreeMap<String, String>, enums: &[&str]) -> Ty {
    if let Some(inner) = t.get("list") {
        return Ty::List(Box::new(ty(inner, names, enums)));
    }
    let s = t.as_str().unwrap_or("object").trim();
    // The schema writes a few lists as text ("list:Order", "List: PromotionResult").
    if let Some(inner) = s.strip_prefix("list:").or_else(|| s.strip_prefix("List:")) {
        return Ty::List(Box::new(ty(
            &Value::String(inner.trim().into()),
            names,
            enums,
        )));
    }
    match s {
        "string" => Ty::String,
        "integer" => Ty::Integer,
        "boolean" => Ty::Boolean,
        "number" => Ty::Number,
        "object" => Ty::Object,
        // The one undefined name in the schema: an amount.
        "PaymentAmount" => Ty::Model("Amount".into()),
        other if enums.contains(&other) => Ty::Enum(other.into()),
        other => match names.get(other) {
            Some(n) => Ty::Model(n.clone()),
            None => Ty::Object,
        },
    }
}
