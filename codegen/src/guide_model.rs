//! The shapes the guide's generator shares: a product's starter and its steps, the languages
//! the starters are written in, and the placeholders a body's strings may hold.

use serde_json::Value;

pub struct Step {
    pub name: String,
    pub endpoint: String,
    /// camel, snake, Pascal.
    pub method: [String; 3],
    pub request: String,
    pub response_name: String,
    /// The response model's fields: wire name and type.
    pub response: Vec<(String, crate::schema::Ty)>,
    pub why: String,
    pub resume: bool,
    pub body: Value,
    pub show: Vec<String>,
    /// The answer's field that must have this value for the half to go on.
    pub require: Option<(String, String)>,
    /// An inquiry before a pay: the half goes on only when the order verifiably has no payment.
    pub new_only: bool,
}

pub struct Starter {
    pub id: String,
    pub name: String,
    pub asks: String,
    /// What happens between the halves ("the buyer pays at the link").
    pub between: String,
    /// What the second half takes besides the order id (an authCode, a disputeId), if anything.
    pub resume_with: Option<String>,
    pub steps: Vec<Step>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Python,
    Node,
    Dotnet,
    Java,
    Php,
}

pub const LANGS: [Lang; 5] = [
    Lang::Python,
    Lang::Node,
    Lang::Dotnet,
    Lang::Java,
    Lang::Php,
];

impl Lang {
    pub fn name(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::Node => "node",
            Lang::Dotnet => "dotnet",
            Lang::Java => "java",
            Lang::Php => "php",
        }
    }

    pub fn path(self, id: &str) -> String {
        let file = match self {
            Lang::Python => format!("{}.py", id.replace('-', "_")),
            Lang::Node => format!("{id}.ts"),
            Lang::Dotnet => format!("{}.cs", class(id)),
            Lang::Java => format!("{}.java", class(id)),
            Lang::Php => format!("{id}.php"),
        };
        format!("guide/starters/{}/{file}", self.name())
    }
}

/// `cashier-payment` -> `CashierPayment`.
pub fn class(id: &str) -> String {
    id.split('-').map(upper_first).collect()
}

pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// A string in a body: a literal, or one of the placeholders tools/guide.json names.
pub enum Text {
    Literal(String),
    Order(String),
    Value(String),
    NotifyUrl,
    RedirectUrl,
    Answer(String, String),
}

impl Text {
    pub fn parse(s: &str) -> Text {
        if let Some((step, field)) = s.strip_prefix('@').and_then(|r| r.split_once('.')) {
            return Text::Answer(step.into(), field.into());
        }
        if let Some(rest) = s.strip_prefix("{order}") {
            return Text::Order(rest.into());
        }
        if let Some(rest) = s.strip_prefix("{value}") {
            return Text::Value(rest.into());
        }
        match s {
            "{notify_url}" => Text::NotifyUrl,
            "{redirect_url}" => Text::RedirectUrl,
            _ => Text::Literal(s.into()),
        }
    }
}

/// A field's C# property on model `type_name`, renamed as the model generator renames it.
pub fn cs_property(type_name: &str, wire: &str) -> String {
    let mut p = upper_first(wire);
    if p == type_name || p == "ExtensionData" {
        p.push_str("Value");
    }
    p
}

/// A field's Java accessor suffix (`get{}`, `set{}`), renamed as the model generator renames it.
pub fn java_property(wire: &str) -> String {
    let mut p = upper_first(&crate::java_models::ident(wire));
    if p == "Class" || p == "Extra" {
        p.push_str("Value");
    }
    p
}
