//! Node: the endpoint methods, option names and error codes (`generated.js`) and their types
//! (`generated.d.ts`).

use crate::kinds::kind_name;
use antom::ErrorKind;
use antom_bridge::call_options::{CallKind, CallOption, CALL_OPTIONS};
use antom_bridge::events::EVENT_FIELDS;
use antom_bridge::families::BASE;
use antom_bridge::methods::methods;
use antom_bridge::operations::{Kind, Operation, Returns, OPERATIONS};
use antom_bridge::options::{Naming, OptionKind, OPTIONS};
use antom_bridge::views::{Field, FieldType, ERROR_FIELDS, NOTIFICATION_FIELDS, RESPONSE_FIELDS};

use crate::python::method_models;
use crate::schema::Schema;
use crate::{banner, Output};

/// Node spells durations in milliseconds, as its timers do.
pub fn option_name(snake: &str, kind: OptionKind) -> String {
    let camel = Naming::Camel.spell(snake);
    if kind == OptionKind::Seconds {
        camel + "Ms"
    } else {
        camel
    }
}

pub fn outputs(schema: &Schema) -> Vec<Output> {
    let mut js = banner("//");
    js.push_str("'use strict'\n\n/** Endpoint methods of `Client`: method name -> catalog endpoint. */\nexports.METHODS = Object.freeze({\n");
    for m in methods() {
        js.push_str(&format!("  {}: '{}',\n", m.camel(), m.endpoint));
    }
    js.push_str("})\n\n/** The options `new Client(options)` accepts. */\nexports.OPTIONS = Object.freeze([\n");
    for o in &OPTIONS {
        js.push_str(&format!("  '{}',\n", option_name(o.name, o.kind)));
    }
    js.push_str("])\n\n/** The options `call(endpoint, body, options)` and every endpoint method accept. */\nexports.CALL_OPTIONS = Object.freeze([\n");
    for o in &CALL_OPTIONS {
        js.push_str(&format!("  '{}',\n", call_option_name(o)));
    }
    js.push_str("])\n\n/** The operations beside the endpoint methods (the bridge's table): method name, the\n * operation's name, each argument's name and kind, and whether it waits on the network. */\nexports.OPERATIONS = Object.freeze([\n");
    for op in &OPERATIONS {
        let args: Vec<String> = op
            .args
            .iter()
            .map(|a| {
                format!(
                    "{{ name: '{}', kind: '{}' }}",
                    arg_name(a.name, a.kind),
                    kind_name(a.kind)
                )
            })
            .collect();
        // A paged operation's iterator: its method, and the position of the token argument.
        let iterate = op.iterate.as_ref().map_or(String::new(), |it| {
            let at = op.args.iter().position(|a| a.name == it.token).unwrap_or(0);
            // The view fields a page answers with (RESPONSE_FIELDS' items and next_page).
            format!(
                ", iterate: {{ method: '{}', token: {at}, items: 'items', next: '{}' }}",
                Naming::Camel.spell(it.name),
                Naming::Camel.spell("next_page")
            )
        });
        js.push_str(&format!(
            "  {{ method: '{}', name: '{}', args: [{}], network: {}{iterate} }},\n",
            Naming::Camel.spell(op.name),
            op.name,
            args.join(", "),
            op.network
        ));
    }
    js.push_str("])\n");
    js.push_str(&error_class());
    js.push_str(&replies());
    let (sim_js, sim_ts) = crate::sim::node();
    js.push_str(&sim_js);
    js.push_str(&format!(
        "\n/** The package version; the addon must report the same. */\nexports.VERSION = '{}'\n",
        antom::VERSION
    ));

    let mut ts = banner("//");
    ts.push_str("import type { Body, IncomingHeaders, JsonObject, KeyInput, ResultCode, ResultStatus } from './index'
import type * as models from './models'\n\n/** The core's stable error kinds (`AntomError.code`). */\nexport type ErrorCode =\n");
    for k in ErrorKind::ALL {
        ts.push_str(&format!("  | '{}'\n", k.as_str()));
    }
    ts.push_str(&error_decl());
    ts.push_str(&attempt_event());
    let regions: Vec<String> = antom::Region::ALL
        .iter()
        .map(|r| format!("'{}'", r.name()))
        .collect();
    ts.push_str(&format!("\n/** The regions whose gateways the client knows (the `region` option). */\nexport type Region = {}\n", regions.join(" | ")));
    ts.push_str(&sim_ts);
    ts.push_str("\n/** One HTTP answer to a notification delivery. */\nexport interface WebhookReply {\n  readonly name: string\n  readonly status: number\n  readonly contentType: string\n  readonly body: string\n}\n\n/** What a webhook answers Antom, by name (the core's table). */\nexport declare const WEBHOOK_REPLIES: {\n");
    for r in antom::WebhookReply::ALL {
        ts.push_str(&format!(
            "  /** {} */\n  readonly {}: WebhookReply\n",
            r.doc, r.name
        ));
    }
    ts.push_str("}\n\n/** The largest notification body the core verifies; a webhook never needs to read more. */\nexport declare const MAX_NOTIFICATION_BYTES: number\n\n/** The answer to a delivery whose verification failed, by the error's code. */\nexport declare const WEBHOOK_REPLY_FOR_CODE: { readonly [code: string]: WebhookReply }\n");
    ts.push_str("\n/** One method per Antom endpoint; each resolves to a verified `Response`. */\nexport interface EndpointMethods {\n");
    for m in methods() {
        let (req, resp) = method_models(schema, m.endpoint);
        ts.push_str(&format!(
            "  /** `{}`: {} */\n  {}(body: models.{req} | string | Buffer, options?: RequestOptions): Promise<Response<models.{resp}>>\n",
            m.endpoint,
            m.doc,
            m.camel()
        ));
    }
    ts.push_str("}\n\n/** The operations beside the endpoint methods (the bridge's operations table). */\nexport interface OperationMethods {\n");
    for op in &OPERATIONS {
        ts.push_str(&operation_decl(schema, op));
    }
    ts.push_str("}\n\n/** The client's options (the bridge's option table; durations in milliseconds). */\nexport interface ClientOptions {\n");
    for o in &OPTIONS {
        let mut name = Naming::Camel.spell(o.name);
        let ty = match o.kind {
            OptionKind::Key => "KeyInput",
            OptionKind::Text if o.name == "region" => "Region",
            OptionKind::Text => "string",
            OptionKind::Seconds => {
                name.push_str("Ms");
                "number"
            }
            OptionKind::Count => "number",
        };
        let doc = if o.kind == OptionKind::Seconds {
            format!("{} Given in milliseconds.", o.doc)
        } else {
            o.doc.to_string()
        };
        let optional = if o.required { "" } else { "?" };
        ts.push_str(&format!("  /** {doc} */\n  {name}{optional}: {ty}\n"));
    }
    ts.push_str("}\n\n/** Options for one call: `client.pay(req, { timeoutMs: 5000 })`. */\nexport interface RequestOptions {\n");
    for o in &CALL_OPTIONS {
        let ty = match o.kind {
            CallKind::Headers => "Record<string, string>",
            CallKind::Seconds(_) | CallKind::Count(..) => "number",
        };
        let doc = o.doc.replace("Seconds", "Milliseconds");
        ts.push_str(&format!(
            "  /** {doc} */\n  {}?: {ty}\n",
            call_option_name(o)
        ));
    }
    ts.push_str("}\n");
    for (name, fields, doc) in [
        ("Response", &RESPONSE_FIELDS[..], "A response from Antom."),
        (
            "Notification",
            &NOTIFICATION_FIELDS[..],
            "A verified notification.",
        ),
    ] {
        ts.push_str(&format!("\n/** {doc} `data` is typed by the endpoint method that returned it. */\nexport interface {name}<T = JsonObject> {{\n"));
        for f in fields {
            let ty = ts_type(f);
            ts.push_str(&format!(
                "  /** {} */\n  {}: {ty}\n",
                f.doc,
                Naming::Camel.spell(f.name)
            ));
        }
        ts.push_str("}\n");
    }
    let (functions_js, functions_ts) = crate::functions::node();
    js.push_str(&functions_js);
    let mut fts = banner("//");
    fts.push_str(&functions_ts);
    vec![
        Output {
            path: "bindings-node/functions.d.ts".into(),
            text: fts,
        },
        Output {
            path: "bindings-node/generated.js".into(),
            text: js,
        },
        Output {
            path: "bindings-node/generated.d.ts".into(),
            text: ts,
        },
    ]
}

/// An error field's name in Node: the kind is `code`, as Node's own errors have it.
/// The TypeScript type of a view's field.
fn ts_type(f: &Field) -> &'static str {
    match (f.name, f.ty) {
        ("result_code", FieldType::Text) => "ResultCode",
        ("result_code", _) => "ResultCode | null",
        (_, FieldType::Text) => "string",
        (_, FieldType::Status) => "ResultStatus",
        (_, FieldType::OptText) => "string | null",
        (_, FieldType::OptStatus) => "ResultStatus | null",
        (_, FieldType::Flag) => "boolean",
        (_, FieldType::OptFlag) => "boolean | null",
        (_, FieldType::Count) => "number",
        (_, FieldType::OptCount) => "number | null",
        ("data", FieldType::Json) => "T",
        (_, FieldType::Json) => "JsonObject[] | null",
        (_, FieldType::Headers) => "Record<string, string>",
        (_, FieldType::Lines) => "string[]",
    }
}

/// The attempt event `onAttempt` listeners get (the bridge's EVENT_FIELDS).
fn attempt_event() -> String {
    let mut ts = String::from("\n/** What one attempt of a call did: never a body, a header value, a signature or a key. */\nexport interface AttemptEvent {\n");
    for f in &EVENT_FIELDS {
        ts.push_str(&format!(
            "  /** {} */\n  {}: {}\n",
            f.doc,
            Naming::Camel.spell(f.name),
            ts_type(f)
        ));
    }
    ts.push_str("}\n");
    ts
}

fn error_field_name(name: &str) -> String {
    if name == "kind" {
        "code".to_string()
    } else {
        Naming::Camel.spell(name)
    }
}

/// `AntomError`, built from the bridge's error view (the addon throws it as JSON).
fn error_class() -> String {
    let mut s = format!("\n/** {} `code` is the core's stable error kind. */\nclass AntomError extends Error {{\n  constructor(view) {{\n    super(view.message)\n    this.name = 'AntomError'\n", BASE.doc);
    for f in ERROR_FIELDS.iter().filter(|f| f.name != "message") {
        let wire = Naming::Camel.spell(f.name);
        let value = match f.ty {
            FieldType::Flag => format!("view.{wire} === true"),
            FieldType::Lines => format!("Array.isArray(view.{wire}) ? view.{wire} : []"),
            FieldType::Text => format!("view.{wire} ?? ''"),
            _ => format!("view.{wire} ?? undefined"),
        };
        s.push_str(&format!(
            "    /** {} */\n    this.{} = {value}\n",
            f.doc,
            error_field_name(f.name)
        ));
    }
    s.push_str("  }\n}\nexports.AntomError = AntomError\n");
    s
}

/// What a webhook answers Antom (the core's `WebhookReply` table), and the answer to each
/// verification error by its code.
fn replies() -> String {
    let mut s = String::from("\n/** What a webhook answers Antom, by name (the core's table). */\nconst WEBHOOK_REPLIES = Object.freeze({\n");
    for r in antom::WebhookReply::ALL {
        s.push_str(&format!(
            "  /** {} */\n  {}: Object.freeze({{ name: '{}', status: {}, contentType: {}, body: {} }}),\n",
            r.doc,
            r.name,
            r.name,
            r.status,
            crate::c_string(r.content_type),
            crate::c_string(r.body)
        ));
    }
    s.push_str(&format!("}})\nexports.WEBHOOK_REPLIES = WEBHOOK_REPLIES\n\n/** The largest notification body the core verifies; a webhook never needs to read more. */\nexports.MAX_NOTIFICATION_BYTES = {}\n", antom::MAX_NOTIFICATION_BYTES));
    s.push_str("\n/** The answer to a delivery whose verification failed, by the error's code. */\nexports.WEBHOOK_REPLY_FOR_CODE = Object.freeze({\n");
    s.push_str(&crate::reply_for_kind(|k, r| {
        format!("  {k}: WEBHOOK_REPLIES.{r},\n")
    }));
    s.push_str("})\n");
    s
}

/// The declaration of `AntomError`.
fn error_decl() -> String {
    let mut s = format!("\n/** {} `code` is the core's stable error kind. */\nexport class AntomError extends Error {{\n", BASE.doc);
    for f in ERROR_FIELDS.iter().filter(|f| f.name != "message") {
        let (optional, ty) = match (f.name, f.ty) {
            ("kind", _) => ("", "ErrorCode | (string & {})"),
            (_, FieldType::Flag) => ("", "boolean"),
            (_, FieldType::Lines) => ("", "string[]"),
            (_, FieldType::OptCount | FieldType::Count) => ("?", "number"),
            (_, FieldType::Text) => ("", "string"),
            _ => ("?", "string"),
        };
        s.push_str(&format!(
            "  /** {} */\n  readonly {}{optional}: {ty}\n",
            f.doc,
            error_field_name(f.name)
        ));
    }
    s.push_str("}\n");
    s
}

/// A per-call option's name in Node: camelCase, a duration in milliseconds (`timeoutMs`).
fn call_option_name(o: &CallOption) -> String {
    let camel = Naming::Camel.spell(o.name);
    match o.kind {
        CallKind::Seconds(_) => camel + "Ms",
        CallKind::Headers | CallKind::Count(..) => camel,
    }
}

/// An operation argument's name in Node: camelCase, a duration in milliseconds (`timeoutMs`).
fn arg_name(name: &str, kind: Kind) -> String {
    let camel = Naming::Camel.spell(name);
    if kind == Kind::Seconds {
        camel + "Ms"
    } else {
        camel
    }
}

/// The TypeScript declaration of an operation (and of its `...Async` twin when it never waits
/// on the network).
fn operation_decl(schema: &Schema, op: &Operation) -> String {
    let models = op.model_of.map(|e| method_models(schema, e));
    let params: Vec<String> = op
        .args
        .iter()
        .map(|a| {
            let name = arg_name(a.name, a.kind);
            match a.kind {
                Kind::Text | Kind::Path => format!("{name}: string"),
                Kind::OptText => format!("{name}?: string | null"),
                Kind::Body => match &models {
                    Some((req, _)) => format!("{name}: models.{req} | string | Buffer"),
                    None => format!("{name}: Body"),
                },
                Kind::Bytes => format!("{name}: Buffer | string"),
                Kind::Headers => format!("{name}: IncomingHeaders"),
                Kind::Seconds => format!("{name}: number"),
                Kind::CallOptions => format!("{name}?: RequestOptions"),
                Kind::Key => format!("{name}: string | Buffer"),
                Kind::OptCount => format!("{name}?: number | null"),
            }
        })
        .collect();
    let value = match (op.returns, &models) {
        (Returns::Response, Some((_, resp))) => format!("Response<models.{resp}>"),
        (Returns::Response, None) => "Response".to_string(),
        (Returns::Notification, _) => "models.TypedNotification".to_string(),
        (Returns::Notifications, _) => "models.TypedNotification[]".to_string(),
    };
    let (method, params) = (Naming::Camel.spell(op.name), params.join(", "));
    // Node takes durations in milliseconds (`timeoutMs`); the table's docs speak of seconds.
    let doc = op.doc.replace("(seconds)", "(milliseconds)");
    let iterator = op.iterate.as_ref().map_or(String::new(), |it| {
        let without: Vec<&str> = params
            .split(", ")
            .filter(|p| !p.starts_with(&format!("{}?", Naming::Camel.spell(it.token))))
            .collect();
        format!(
            "  /** {} `for await (const item of client.{}(...))` */\n  {}({}): AsyncIterable<Record<string, any>>\n",
            it.doc,
            Naming::Camel.spell(it.name),
            Naming::Camel.spell(it.name),
            without.join(", ")
        )
    });
    if op.network {
        format!("  /** {doc} */\n  {method}({params}): Promise<{value}>\n{iterator}")
    } else {
        format!("  /** {doc} Blocks the event loop for its own work; see {method}Async. */\n  {method}({params}): {value}\n  /** {method} with the work off the event loop. */\n  {method}Async({params}): Promise<{value}>\n")
    }
}
