//! PHP: the exception classes and the `Antom\Client` method table (Rust, included by the
//! extension's errors.rs and client.rs) and the whole IDE stub (`antom.stub.php`).

use std::path::Path;

use crate::kinds::{convert, php_param, rust_param};
use antom_bridge::families::{BASE, FAMILIES};
use antom_bridge::methods::methods;
use antom_bridge::operations::{Kind, Returns, OPERATIONS};
use antom_bridge::options::{Naming, OptionKind, OPTIONS};
use antom_bridge::views::{Field, FieldType, ERROR_FIELDS, NOTIFICATION_FIELDS, RESPONSE_FIELDS};

use crate::schema::Schema;
use crate::{banner, Output};

pub fn outputs(_root: &Path, schema: &Schema) -> Vec<Output> {
    let mut sensitive = banner("//");
    sensitive.push_str(&crate::functions::php().2);
    let sensitive = Output {
        path: "bindings-php/src/sensitive_generated.rs".into(),
        text: sensitive,
    };
    vec![
        errors(),
        client(schema),
        views(),
        stub(schema),
        testing(),
        sensitive,
    ]
}

const VIEWS: [(&str, &str, &[Field], &str); 2] = [
    (
        "Response",
        "ResponseView",
        &RESPONSE_FIELDS,
        "A response from Antom.",
    ),
    (
        "Notification",
        "NotificationView",
        &NOTIFICATION_FIELDS,
        "A verified notification; ACK is the exact acknowledgement body.",
    ),
];

fn rust_type(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text | FieldType::Status => "String",
        FieldType::OptText | FieldType::OptStatus => "Option<String>",
        FieldType::Flag => "bool",
        FieldType::OptFlag => "Option<bool>",
        FieldType::Count => "i64",
        FieldType::OptCount => "Option<i64>",
        FieldType::Json | FieldType::Headers => "serde_json::Value",
        FieldType::Lines => "Vec<String>",
    }
}

fn php_type(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text | FieldType::Status => "string",
        FieldType::OptText | FieldType::OptStatus => "?string",
        FieldType::Flag => "bool",
        FieldType::OptFlag => "?bool",
        FieldType::Count => "int",
        FieldType::OptCount => "?int",
        FieldType::Json | FieldType::Headers | FieldType::Lines => "array",
    }
}

/// Arrays are read through getters (the JSON is converted when asked for).
fn is_array(ty: FieldType) -> bool {
    matches!(ty, FieldType::Json | FieldType::Headers)
}

/// `Antom\Response` and `Antom\Notification` (Rust, included by client.rs).
fn views() -> Output {
    let mut s = banner("//");
    s.push_str("// Included by client.rs: the PHP value classes of the bridge's views.\n");
    for (class, view, fields, doc) in VIEWS {
        s.push_str(&format!("\n/// {doc}\n#[php_class]\n#[php(name = \"Antom\\\\{class}\")]\n#[derive(Default)]\npub struct {class} {{\n"));
        let mut getters = String::new();
        let mut from = String::new();
        for f in fields {
            if f.name == "data" {
                // The body: its model object, built once (see models.rs).
                s.push_str("    data: serde_json::Value,\n    model_class: String,\n    data_cache: std::cell::RefCell<Option<Zval>>,\n");
                getters.push_str(&format!(
                    "\n    /// {} As an object of `Antom\\\\Models` where the model is known (reads in array style too).\n    #[php(getter)]\n    pub fn get_data(&self) -> PhpResult<Zval> {{\n        crate::models::typed(&self.data, &self.model_class, &self.data_cache)\n    }}\n",
                    f.doc
                ));
            } else if is_array(f.ty) {
                s.push_str(&format!("    {}: {},\n", f.name, rust_type(f.ty)));
                getters.push_str(&format!(
                    "\n    /// {}\n    #[php(getter)]\n    pub fn get_{n}(&self) -> PhpResult<Zval> {{\n        json_to_zval(&self.{n})\n    }}\n",
                    f.doc,
                    n = f.name
                ));
            } else {
                s.push_str(&format!(
                    "    /// {}\n    #[php(prop, name = \"{}\")]\n    {}: {},\n",
                    f.doc,
                    Naming::Camel.spell(f.name),
                    f.name,
                    rust_type(f.ty)
                ));
            }
            let value = match f.ty {
                FieldType::Count => format!("i64::from(v.{})", f.name),
                FieldType::Headers => format!("headers_object(v.{})", f.name),
                _ => format!("v.{}", f.name),
            };
            from.push_str(&format!("            {}: {value},\n", f.name));
        }
        // A notification names its model; a response's is set by the typed method that made it.
        let model_class = if class == "Notification" {
            "v.model.clone()"
        } else {
            "String::new()"
        };
        let from = format!("            model_class: {model_class},\n            data_cache: Default::default(),\n{from}");
        let ack = if class == "Notification" {
            "    /// The exact body to answer a handled notification with (HTTP 200).\n    pub const ACK: &'static str = antom_core::NOTIFICATION_ACK;\n"
        } else {
            ""
        };
        s.push_str(&format!(
            "}}\n\n#[php_impl]\nimpl {class} {{\n{ack}{getters}}}\n\nimpl From<{view}> for {class} {{\n    fn from(v: {view}) -> Self {{\n        {class} {{\n{from}        }}\n    }}\n}}\n"
        ));
    }
    Output {
        path: "bindings-php/src/views_generated.rs".into(),
        text: s,
    }
}

fn errors() -> Output {
    let mut s = banner("//");
    s.push_str("// Included by errors.rs.\n\n");
    s.push_str(&exception_macro());
    s.push_str("\nexception_classes! {\n");
    s.push_str(&format!(
        "    /// {}\n    {c} => \"Antom\\\\{c}\", extends(ce = ce::exception, stub = \"\\\\Exception\");\n",
        BASE.doc,
        c = BASE.php
    ));
    for f in &FAMILIES {
        s.push_str(&format!(
            "    /// {}\n    {c} => \"Antom\\\\{c}\", extends({b});\n",
            f.doc,
            c = f.php,
            b = BASE.php
        ));
    }
    s.push_str("}\n\n/// Raises the class of an error family (`ErrorView::family`).\npub fn raise(family: &str, message: String, detail: Detail) -> PhpException {\n    match family {\n");
    for f in &FAMILIES {
        s.push_str(&format!(
            "        \"{}\" => {}::raise(message, detail),\n",
            f.name, f.php
        ));
    }
    s.push_str(&format!(
        "        _ => {}::raise(message, detail),\n    }}\n}}\n\n/// Registers every exception class.\npub fn register(module: ModuleBuilder) -> ModuleBuilder {{\n    module\n        .class::<{}>()\n",
        BASE.php, BASE.php
    ));
    for f in &FAMILIES {
        s.push_str(&format!("        .class::<{}>()\n", f.php));
    }
    s.push_str("}\n");
    Output {
        path: "bindings-php/src/errors_generated.rs".into(),
        text: s,
    }
}

/// The error view's fields an exception reads (the message is PHP's own), with each getter's
/// snake-case name (`is_...` for a flag, `get_...` otherwise).
fn error_getters() -> Vec<(&'static Field, String)> {
    ERROR_FIELDS
        .iter()
        .filter(|f| f.name != "message")
        .map(|f| {
            let prefix = if f.ty == FieldType::Flag { "is" } else { "get" };
            (f, format!("{prefix}_{}", f.name))
        })
        .collect()
}

/// `exception_classes!`: a PHP class per family, each with a getter per error view field,
/// reading the view the exception carries.
fn exception_macro() -> String {
    let mut getters = String::new();
    for (f, name) in error_getters() {
        let n = f.name;
        let (ty, body) = match f.ty {
            FieldType::Text | FieldType::Lines => (
                if f.ty == FieldType::Text {
                    "String"
                } else {
                    "Vec<String>"
                },
                format!("self.detail.as_ref().map(|d| d.{n}.clone()).unwrap_or_default()"),
            ),
            FieldType::Flag => (
                "bool",
                format!("self.detail.as_ref().is_some_and(|d| d.{n})"),
            ),
            FieldType::OptCount | FieldType::Count => (
                "Option<i64>",
                format!("self.detail.as_ref().and_then(|d| d.{n}).map(i64::from)"),
            ),
            _ => (
                "Option<String>",
                format!("self.detail.as_ref().and_then(|d| d.{n}.clone())"),
            ),
        };
        getters.push_str(&format!(
            "            #[doc = {:?}]\n            pub fn {name}(&self) -> {ty} {{\n                {body}\n            }}\n",
            f.doc
        ));
    }
    format!(
        "macro_rules! exception_classes {{\n    ($($(#[$doc:meta])* $rust:ident => $php:literal, extends $parent:tt;)*) => {{$(\n        $(#[$doc])*\n        #[php_class]\n        #[php(name = $php)]\n        #[php(extends $parent)]\n        #[derive(Debug, Default)]\n        pub struct $rust {{\n            detail: Detail,\n        }}\n\n        #[php_impl]\n        impl $rust {{\n{getters}        }}\n\n        impl $rust {{\n            fn raise(message: String, detail: Detail) -> PhpException {{\n                raise_as::<$rust>(message, |obj| obj.detail = detail)\n            }}\n        }}\n    )*}};\n}}\n"
    )
}

fn client(schema: &Schema) -> Output {
    let mut s = banner("//");
    s.push_str(
        r#"// Included by client.rs: the PHP methods of `Antom\Client`, each one `invoke` of the bridge's
// operations table, its arguments converted by kind and its result by what it returns.

#[php_impl]
impl Client {
    /// See the stub for the accepted options.
    pub fn __construct(options: &ZendHashTable) -> PhpResult<Self> {
        Client::build(options)
    }

    /// What var_dump/print_r show: the client id and gateway, never keys.
    pub fn __debug_info(&self) -> std::collections::HashMap<String, String> {
        self.debug_info()
    }
"#,
    );
    for op in &OPERATIONS {
        let params: String = op
            .args
            .iter()
            .map(|a| format!(", {}: {}", a.name, rust_param(a.kind)))
            .collect();
        let values = op
            .args
            .iter()
            .map(|a| convert(a.kind, a.name))
            .collect::<Vec<_>>()
            .join(", ");
        let (ret, result) = returns(schema, op.returns, op.model_of);
        s.push_str(&format!(
            "\n    /// {}\n    pub fn {}(&self{params}) -> PhpResult<{ret}> {{\n        {}\n    }}\n",
            op.doc,
            op.name,
            result.replace('%', &format!("self.invoke(\"{}\", vec![{values}])?", op.name))
        ));
        if let Some(it) = &op.iterate {
            let token_at = op.args.iter().position(|a| a.name == it.token).unwrap_or(0);
            let params: String = op
                .args
                .iter()
                .filter(|a| a.name != it.token)
                .map(|a| format!(", {}: {}", a.name, rust_param(a.kind)))
                .collect();
            let values = op
                .args
                .iter()
                .map(|a| {
                    if a.name == it.token {
                        "Value::None".to_string()
                    } else {
                        convert(a.kind, a.name)
                    }
                })
                .collect::<Vec<_>>()
                .join(", ");
            s.push_str(&format!(
                "\n    /// {}\n    pub fn {}(&self{params}) -> PhpResult<crate::pages::Pages> {{\n        Ok(crate::pages::Pages::new(self.handle.clone(), \"{}\", vec![{values}], {token_at}))\n    }}\n",
                it.doc, it.name, op.name
            ));
        }
    }
    for m in methods() {
        let (_, resp) = crate::python::method_models(schema, m.endpoint);
        s.push_str(&format!(
            "\n    /// `{e}`: {d}\n    pub fn {n}(&self, body: &Zval, options: Option<&ZendHashTable>) -> PhpResult<Response> {{\n        let args = vec![Value::Text(\"{e}\".into()), arg_body(body)?, arg_options(options)?];\n        response(self.invoke(\"call\", args)?, \"{resp}\")\n    }}\n",
            e = m.endpoint,
            d = m.doc,
            n = m.snake(),
        ));
    }
    s.push_str("}\n");
    s.push_str(&crate::functions::php().0);
    Output {
        path: "bindings-php/src/client_generated.rs".into(),
        text: s,
    }
}

fn stub(schema: &Schema) -> Output {
    let mut s = String::from("<?php\n\n");
    s.push_str(&banner("//"));
    s.push_str("// Stubs of the antom extension (antom.so) for IDEs and static analysers. A PHPUnit test\n// checks them against the loaded extension by reflection.\n\nnamespace Antom;\n");
    let mut accessors = String::from("    public function __construct() {}\n");
    for (f, name) in error_getters() {
        let ty = match f.ty {
            FieldType::Text => "string",
            FieldType::Flag => "bool",
            FieldType::OptCount | FieldType::Count => "?int",
            FieldType::Lines => "array",
            _ => "?string",
        };
        accessors.push_str(&format!(
            "    /** {} */\n    public function {}(): {ty} {{}}\n",
            f.doc,
            Naming::Camel.spell(&name)
        ));
    }
    s.push_str(&format!(
        "\n/** {} */\nclass {} extends \\Exception\n{{\n{accessors}}}\n",
        BASE.doc, BASE.php
    ));
    for f in &FAMILIES {
        s.push_str(&format!(
            "\n/** {} */\nclass {} extends {}\n{{\n{accessors}}}\n",
            f.doc, f.php, BASE.php
        ));
    }
    s.push_str(&format!(
        r#"
/** Notify endpoints for plain PHP (FPM, Apache, `php -S`): verify the raw bytes, hand the typed notification to the handler, answer as Antom wants. */
class Webhook
{{
    public function __construct() {{}}
    /** Answers the current request as Antom's notification delivery: the ack once handled; 401 or 400 for one that does not verify, never acted on; 500 and no ack when the handler throws (logged with error_log), so Antom redelivers. Returns the HTTP status sent. */
    public static function handle(Client $client, callable $handler, ?string $path = null): int {{}}
    /** What to answer one delivery, without touching the current request: ['status' => int, 'contentType' => string, 'body' => string]. */
    public static function answer(Client $client, string $path, array $headers, string $body, callable $handler): array {{}}
}}

{functions}{views}/** Antom API client (blocking). Safe under PHP-FPM: one connection pool per process and options, rebuilt after a fork. */
class Client
{{
    /**
     * @param array{{{options}}} $options
     */
    public function __construct(array $options) {{}}
    public function __debugInfo(): array {{}}
"#,
        views = stub_views(),
        functions = crate::functions::php().1,
        options = OPTIONS
            .iter()
            .map(|o| format!(
                "{}{}: {}",
                Naming::Camel.spell(o.name),
                if o.required { "" } else { "?" },
                match o.kind {
                    OptionKind::Count => "int",
                    OptionKind::Seconds => "float",
                    _ => "string",
                }
            ))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    for op in &OPERATIONS {
        let params = op
            .args
            .iter()
            .map(|a| {
                let default = if matches!(a.kind, Kind::OptText | Kind::CallOptions) {
                    " = null"
                } else {
                    ""
                };
                format!("{} ${}{default}", php_param(a.kind), a.name)
            })
            .collect::<Vec<_>>()
            .join(", ");
        let (ret, doc_ret) = match op.returns {
            Returns::Response => {
                let model = op.model_of.map_or("Model".to_string(), |e| {
                    crate::python::method_models(schema, e).1
                });
                ("Response", format!("Response<\\Antom\\Models\\{model}>"))
            }
            Returns::Notification => ("Notification", "Notification".to_string()),
            Returns::Notifications => ("array", "list<Notification>".to_string()),
        };
        s.push_str(&format!(
            "    /**\n     * {}\n     * @return {doc_ret}\n     */\n    public function {}({params}): {ret} {{}}\n",
            op.doc,
            Naming::Camel.spell(op.name)
        ));
        if let Some(it) = &op.iterate {
            let without = params
                .split(", ")
                .filter(|p| !p.contains(&format!("${} ", it.token)))
                .collect::<Vec<_>>()
                .join(", ");
            s.push_str(&format!(
                "    /**\n     * {}\n     * @return Pages<int, array<string, mixed>>\n     */\n    public function {}({without}): Pages {{}}\n",
                it.doc,
                Naming::Camel.spell(it.name)
            ));
        }
    }
    for m in methods() {
        let (req, resp) = crate::python::method_models(schema, m.endpoint);
        s.push_str(&format!(
            "    /**\n     * `{}`: {}\n     * @return Response<\\Antom\\Models\\{resp}>\n     */\n    public function {}(array|string|\\Antom\\Models\\{req} $body, ?array $options = null): Response {{}}\n",
            m.endpoint,
            m.doc,
            m.camel(),
        ));
    }
    s.push_str("}\n");
    s.push_str("\n/** A paged operation's objects, each page fetched when the one before is used up (`foreach ($client->listAll(...) as $item)`); an error is thrown from the loop. `rewind` starts over. */\nfinal class Pages implements \\Iterator\n{\n    /** Made by `Client::listAll`, never with `new`. */\n    public function __construct() {}\n    /** The current object. */\n    public function current(): mixed {}\n    /** Its position in the whole list, from 0. */\n    public function key(): int {}\n    /** Moves to the next object. */\n    public function next(): void {}\n    /** Starts over from the first page. */\n    public function rewind(): void {}\n    /** Whether there is a current object. */\n    public function valid(): bool {}\n}\n");
    let event_keys = antom_bridge::events::EVENT_FIELDS
        .iter()
        .map(|f| Naming::Camel.spell(f.name))
        .collect::<Vec<_>>()
        .join(", ");
    s.push_str(&format!("\n/** The attempt events of every `Antom\\Client`, as arrays with the keys {event_keys}; never a body, header value, signature or key. */"));
    s.push_str("\nfinal class Diagnostics\n{\n    /** Not made: its one method is static. */\n    public function __construct() {}\n    /** Calls `$listener(array $event)` after each attempt, when the call that made it returns; a listener that throws becomes a warning. `null` stops it. The listener is forgotten at the request's end. */\n    public static function onAttempt(?callable $listener): void {}\n}\n");
    s.push_str(&testing_stub());
    Output {
        path: "bindings-php/antom.stub.php".into(),
        text: s,
    }
}
/// The Rust return type and the converter of a result (with its model, for a response).
fn returns(schema: &Schema, r: Returns, model_of: Option<&str>) -> (&'static str, String) {
    match r {
        Returns::Response => {
            let model =
                model_of.map_or(String::new(), |e| crate::python::method_models(schema, e).1);
            ("Response", format!("response(%, \"{model}\")"))
        }
        Returns::Notification => ("Notification", "notification(%)".into()),
        Returns::Notifications => ("Vec<Notification>", "notifications(%)".into()),
    }
}

fn stub_views() -> String {
    let mut s = String::new();
    for (class, _, fields, doc) in VIEWS {
        // Response is generic in its model, so an IDE completes `$r->data->paymentId` after a
        // typed method; a notification's model is known once verified (`instanceof` narrows it).
        let (template, data) = if class == "Response" {
            (
                "\n * @template T of \\Antom\\Models\\Model",
                "T|array The typed body (a model of `Antom\\Models`; an array from `call()` by name), readable in array style too.",
            )
        } else {
            (
                "",
                "\\Antom\\Models\\Model The typed body: the model `$model` names (`$n->data instanceof \\Antom\\Models\\PayResultNotify`), readable in array style too.",
            )
        };
        s.push_str(&format!(
            "/**\n * {doc}{template}\n */\nclass {class}\n{{\n"
        ));
        if class == "Notification" {
            s.push_str(&format!(
                "    public const ACK = {};\n",
                crate::php_string(antom::NOTIFICATION_ACK)
            ));
        }
        for f in fields {
            if f.name == "data" {
                s.push_str(&format!(
                    "    /** @var {data} */\n    public \\Antom\\Models\\Model|array $data;\n"
                ));
                continue;
            }
            s.push_str(&format!(
                "    /** {} */\n    public {} ${};\n",
                f.doc,
                php_type(f.ty),
                Naming::Camel.spell(f.name)
            ));
        }
        s.push_str("    public function __construct() {}\n}\n\n");
    }
    s
}

/// The fixed methods of `Antom\Testing\Simulator`: (PHP signature, doc, Rust method).
const SIM_FIXED: [(&str, &str, &str); 6] = [
    (
        "__construct(?array $options = null)",
        "Starts the simulator in this process on a free 127.0.0.1 port. {options}",
        "pub fn __construct(options: Option<&ZendHashTable>) -> PhpResult<Self> {\n        Simulator::start(options)\n    }",
    ),
    (
        "info(): array",
        "What `antom sim` prints: url, client_id and the key files.",
        "pub fn info(&self) -> PhpResult<Zval> {\n        json_to_zval(&self.info)\n    }",
    ),
    (
        "url(): string",
        "The simulator's gateway URL (http://127.0.0.1:port).",
        "pub fn url(&self) -> String {\n        self.field(\"url\")\n    }",
    ),
    (
        "clientId(): string",
        "The merchant's client id.",
        "pub fn client_id(&self) -> String {\n        self.field(\"client_id\")\n    }",
    ),
    (
        "client(?array $options = null): \\Antom\\Client",
        "A client for this simulator (the merchant's key, the simulator's public key, its URL); `$options` adds client options, e.g. ['maxRetries' => 0].",
        "pub fn client(&self, options: Option<&ZendHashTable>) -> PhpResult<Client> {\n        self.client_with(options)\n    }",
    ),
    (
        "stop(): void",
        "Stops the server and removes its key files; later controls throw InvalidInputException.",
        "pub fn stop(&mut self) {\n        self.handle.stop()\n    }",
    ),
];

/// `testing_generated.rs`: the PHP methods of `Antom\Testing\Simulator`, one per control of the
/// bridge's `SIM_CONTROLS` beside the fixed ones.
fn testing() -> Output {
    use antom_bridge::testing::{SimArgType, SIM_CONTROLS};
    let mut s = banner("//");
    s.push_str("// Included by testing.rs: the PHP methods of `Antom\\Testing\\Simulator`, each control one\n// `control` of the bridge's table by name.\n\n#[php_impl]\nimpl Simulator {\n");
    for (_, doc, body) in SIM_FIXED {
        let doc = doc.replace("{options}", &crate::sim::options_doc());
        s.push_str(&format!("    /// {doc}\n    {body}\n\n"));
    }
    for c in SIM_CONTROLS {
        let params: String = c
            .args
            .iter()
            .map(|a| {
                let ty = match (a.ty, a.default) {
                    (SimArgType::Text, None) => "String",
                    (SimArgType::Text, Some(_)) => "Option<String>",
                    (SimArgType::Int, None) => "i64",
                    (SimArgType::Int, Some(_)) => "Option<i64>",
                };
                format!(", {}: {ty}", a.name)
            })
            .collect();
        let inserts: String = c
            .args
            .iter()
            .map(|a| format!("        args.insert(\"{0}\".into(), {0}.into());\n", a.name))
            .collect();
        s.push_str(&format!(
            "    /// {}\n    pub fn {}(&self{params}) -> PhpResult<Zval> {{\n        #[allow(unused_mut)]\n        let mut args = Map::new();\n{inserts}        self.control(\"{}\", Value::Object(args))\n    }}\n\n",
            c.doc, c.name, c.name
        ));
    }
    s.truncate(s.trim_end().len());
    s.push_str("\n}\n");
    Output {
        path: "bindings-php/src/testing_generated.rs".into(),
        text: s,
    }
}

/// The stub of `Antom\Testing\Simulator`.
fn testing_stub() -> String {
    use antom_bridge::testing::{SimArgType, SIM_CONTROLS};
    let mut s = String::from("\nnamespace Antom\\Testing;\n\n/** The Antom simulator inside your own tests, in this process: no account, no network, no `antom sim` process. Controls answer with the simulator's JSON as arrays. */\nfinal class Simulator\n{\n");
    for (sig, doc, _) in SIM_FIXED {
        let doc = doc.replace("{options}", &crate::sim::options_doc());
        s.push_str(&format!(
            "    /** {doc} */\n    public function {sig} {{}}\n"
        ));
    }
    for c in SIM_CONTROLS {
        let params: Vec<String> = c
            .args
            .iter()
            .map(|a| {
                let ty = match a.ty {
                    SimArgType::Text => "string",
                    SimArgType::Int => "int",
                };
                match a.default {
                    None => format!("{ty} ${}", a.name),
                    Some(_) => format!("?{ty} ${} = null", a.name),
                }
            })
            .collect();
        s.push_str(&format!(
            "    /** {} */\n    public function {}({}): mixed {{}}\n",
            c.doc,
            Naming::Camel.spell(c.name),
            params.join(", ")
        ));
    }
    s.push_str("}\n");
    s
}
