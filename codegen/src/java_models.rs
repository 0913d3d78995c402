//! Java: `com.antom.models`, one file per model, request, response and notification (fluent
//! setters, getters, a reader that keeps a value of the other form in `extra`) and per enum (an
//! open enum over `OpenEnum`), and `Notifications`, which reads a verified notification's data
//! as the model the core named. The runtime is the hand-written `Model` and `OpenEnum`.

use crate::python_models::member;
use crate::schema::{members, Kind, Schema, Ty};
use crate::{banner, Output};

pub const DIR: &str = "bindings-java/src/main/java/com/antom/models";

const KEYWORDS: [&str; 53] = [
    "abstract",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "try",
    "void",
    "volatile",
    "while",
    "true",
    "false",
    "null",
];

/// A field's Java name: the wire name, made an identifier.
pub fn ident(wire: &str) -> String {
    let mut s: String = wire
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.starts_with(|c: char| c.is_ascii_digit()) || KEYWORDS.contains(&s.as_str()) || s == "_" {
        s.push('_');
    }
    s
}

pub fn pascal(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn java(t: &Ty) -> String {
    match t {
        Ty::String => "String".into(),
        Ty::Enum(e) | Ty::Model(e) => e.clone(),
        Ty::Integer => "Long".into(),
        Ty::Boolean => "Boolean".into(),
        Ty::Number => "java.math.BigDecimal".into(),
        Ty::Object => "java.util.Map<String, Object>".into(),
        Ty::List(inner) => match inner.as_ref() {
            Ty::Object | Ty::List(_) => "java.util.List<Object>".into(),
            other => format!("java.util.List<{}>", java(other)),
        },
    }
}

fn reader(t: &Ty, wire: &str) -> String {
    let w = format!("\"{wire}\"");
    match t {
        Ty::String => format!("text(m, {w})"),
        Ty::Enum(e) => format!("enumOf(m, {w}, {e}::of)"),
        Ty::Integer => format!("integer(m, {w})"),
        Ty::Boolean => format!("bool(m, {w})"),
        Ty::Number => format!("number(m, {w})"),
        Ty::Object => format!("object(m, {w})"),
        Ty::Model(n) => format!("model(m, {w}, {n}::new)"),
        Ty::List(inner) => match inner.as_ref() {
            Ty::Model(n) => format!("models(m, {w}, {n}::new)"),
            Ty::Enum(e) => format!("enums(m, {w}, {e}::of)"),
            Ty::String => format!("list(m, {w}, String.class)"),
            Ty::Integer => format!("list(m, {w}, Long.class)"),
            Ty::Boolean => format!("list(m, {w}, Boolean.class)"),
            Ty::Number => format!("list(m, {w}, java.math.BigDecimal.class)"),
            Ty::Object | Ty::List(_) => format!("list(m, {w}, Object.class)"),
        },
    }
}

fn file(name: &str, text: String) -> Output {
    let mut s = banner("//");
    s.push_str("package com.antom.models;\n\n");
    s.push_str(&text);
    Output {
        path: format!("{DIR}/{name}.java").into(),
        text: s,
    }
}

pub fn outputs(schema: &Schema) -> Vec<Output> {
    let mut out = Vec::new();
    for e in &schema.enums {
        let n = &e.name;
        let mut s = format!("/** Schema enum {{@code {n}}}: the known values as static members; a value Antom adds later is kept as its string. */\npublic final class {n} extends OpenEnum {{\n");
        for (m, v) in members(&e.values, n, member) {
            s.push_str(&format!(
                "    public static final {n} {m} = new {n}({v:?});\n"
            ));
        }
        s.push_str(&format!(
            "\n    private {n}(String value) {{\n        super(value);\n    }}\n\n    /** The value {{@code value}}: a known one or one Antom added later. */\n    public static {n} of(String value) {{\n        return new {n}(value);\n    }}\n}}\n"
        ));
        out.push(file(n, s));
    }
    for t in &schema.types {
        let n = &t.name;
        let described = t.describe(|x| format!("{{@code {x}}}"));
        let mut s = format!("/** {described}. */\npublic final class {n} extends Model {{\n");
        let (mut accessors, mut read, mut write) = (String::new(), String::new(), String::new());
        for f in &t.fields {
            let id = ident(&f.wire);
            let mut p = pascal(&id);
            // Object.getClass() and Model.getExtra() are final.
            if p == "Class" || p == "Extra" {
                p.push_str("Value");
            }
            let ty = java(&f.ty);
            s.push_str(&format!("    private {ty} {id};\n"));
            accessors.push_str(&format!(
                "\n    public {ty} get{p}() {{\n        return {id};\n    }}\n\n    public {n} set{p}({ty} value) {{\n        this.{id} = value;\n        return this;\n    }}\n"
            ));
            read.push_str(&format!(
                "        this.{id} = {};\n",
                reader(&f.ty, &f.wire)
            ));
            write.push_str(&format!("        put(out, \"{}\", this.{id});\n", f.wire));
        }
        s.push_str(&accessors);
        s.push_str(&format!(
            "\n    @Override\n    protected void readFields(java.util.Map<String, Object> m) {{\n{read}    }}\n\n    @Override\n    protected void writeFields(java.util.Map<String, Object> out) {{\n{write}    }}\n\n    /** Parses a wire object; a field of the other form is kept in extra. */\n    public static {n} fromMap(java.util.Map<String, Object> m) {{\n        return Model.fromMap(m, new {n}());\n    }}\n\n    /** Parses JSON text (an object). */\n    public static {n} fromJson(String json) {{\n        return Model.fromJson(json, new {n}());\n    }}\n}}\n"
        ));
        out.push(file(n, s));
    }
    let mut s = String::from("/** Reads a verified notification's data as the model the core named for it. */\npublic final class Notifications {\n    private Notifications() {\n    }\n\n    /** The data of a notification of model {@code model} ({@code BaseNotify} when unknown). */\n    public static Model read(String model, java.util.Map<String, Object> data) {\n        switch (model) {\n");
    for t in schema.types.iter().filter(|t| t.kind == Kind::Notification) {
        s.push_str(&format!(
            "            case \"{n}\":\n                return {n}.fromMap(data);\n",
            n = t.name
        ));
    }
    s.push_str("            default:\n                return BaseNotify.fromMap(data);\n        }\n    }\n}\n");
    out.push(file("Notifications", s));
    out
}
