//! Node: the endpoint methods, option names and error codes (`generated.js`) and their types
//! (`generated.d.ts`).

use antom::ErrorKind;
use antom_bridge::call_options::CALL_OPTIONS;
use antom_bridge::methods::methods;
use antom_bridge::options::{Naming, OptionKind, OPTIONS};
use antom_bridge::views::{FieldType, NOTIFICATION_FIELDS, RESPONSE_FIELDS};

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
    for (name, _) in CALL_OPTIONS {
        js.push_str(&format!("  '{}',\n", call_option_name(name)));
    }
    js.push_str(&format!(
        "])\n\n/** The package version; the addon must report the same. */\nexports.VERSION = '{}'\n",
        antom::VERSION
    ));

    let mut ts = banner("//");
    ts.push_str("import type { JsonObject, KeyInput, Region, ResultCode, ResultStatus } from './index'
import type * as models from './models'\n\n/** The core's stable error kinds (`AntomError.code`). */\nexport type ErrorCode =\n");
    for k in ErrorKind::ALL {
        ts.push_str(&format!("  | '{}'\n", k.as_str()));
    }
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
    for (name, doc) in CALL_OPTIONS {
        let ty = if name == "headers" {
            "Record<string, string>"
        } else {
            "number"
        };
        let doc = doc.replace("Seconds", "Milliseconds");
        ts.push_str(&format!(
            "  /** {doc} */\n  {}?: {ty}\n",
            call_option_name(name)
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
            let ty = match (f.name, f.ty) {
                ("result_code", FieldType::Text) => "ResultCode",
                ("result_code", _) => "ResultCode | null",
                (_, FieldType::Text) => "string",
                (_, FieldType::Status) => "ResultStatus",
                (_, FieldType::OptText) => "string | null",
                (_, FieldType::OptStatus) => "ResultStatus | null",
                (_, FieldType::Flag) => "boolean",
                (_, FieldType::Count) => "number",
                (_, FieldType::OptCount) => "number | null",
                (_, FieldType::Json) => "T",
                (_, FieldType::Headers) => "Record<string, string>",
                (_, FieldType::Lines) => "string[]",
            };
            ts.push_str(&format!(
                "  /** {} */\n  {}: {ty}\n",
                f.doc,
                Naming::Camel.spell(f.name)
            ));
        }
        ts.push_str("}\n");
    }
    vec![
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

/// A per-call option's name in Node: camelCase, the timeout in milliseconds (`timeoutMs`).
fn call_option_name(name: &str) -> String {
    let camel = Naming::Camel.spell(name);
    if name == "timeout" {
        camel + "Ms"
    } else {
        camel
    }
}
