//! The in-process simulator's helpers in Python, Node, C# and Java: one method per buyer or fault
//! control (the bridge's `SIM_CONTROLS`) and the constructor's options (its `SIM_OPTIONS`), so a
//! control or an option is added to a table and nowhere else. PHP's are written by `php.rs`
//! (its controls beside the extension's fixed methods), with [`options_doc`] from here.

use antom_bridge::options::Naming;
use antom_bridge::sim_options::{SimOptionKind, SIM_OPTIONS};

use crate::{banner, Output};

/// `antom/_sim_controls.py`: one method per simulator control (the bridge's `SIM_CONTROLS`),
/// mixed into `antom.testing.Simulator`; defaults are the bridge's (None = its default).
pub fn python() -> Output {
    use antom_bridge::testing::{SimArgType, SIM_CONTROLS};
    let mut s = banner("#");
    s.push_str("\"\"\"The simulator's start options and its buyer and fault controls, one method each (`antom.testing.Simulator`).\"\"\"\nfrom __future__ import annotations\n\nimport json\nfrom typing import Any, Dict, Optional\n\n\nclass SimControls:\n    \"\"\"The start options and the controls; `_start` starts the simulator with the options as\n    JSON, `_control` runs one control by name with its arguments.\"\"\"\n\n    __slots__ = ()\n");
    s.push_str(&python_init());
    s.push_str("\n    def _start(self, options: str) -> None:\n        raise NotImplementedError\n\n    def _control(self, name: str, args: Dict[str, Any]) -> Any:\n        raise NotImplementedError\n");
    for c in SIM_CONTROLS {
        let params: String = c
            .args
            .iter()
            .map(|a| {
                let ty = match a.ty {
                    SimArgType::Text => "str",
                    SimArgType::Int => "int",
                };
                match a.default {
                    None => format!(", {}: {ty}", a.name),
                    Some(_) => format!(", {}: Optional[{ty}] = None", a.name),
                }
            })
            .collect();
        let defaults: String = c
            .args
            .iter()
            .filter_map(|a| a.default.map(|d| format!(" `{}` defaults to {d}.", a.name)))
            .collect();
        let args: Vec<String> = c
            .args
            .iter()
            .map(|a| format!("\"{0}\": {0}", a.name))
            .collect();
        s.push_str(&format!(
            "\n    def {}(self{params}) -> Any:\n        \"\"\"{}{defaults}\"\"\"\n        return self._control(\"{}\", {{{}}})\n",
            c.name,
            c.doc,
            c.name,
            args.join(", ")
        ));
    }
    Output {
        path: "bindings-python/python/antom/_sim_controls.py".into(),
        text: s,
    }
}

/// `SimControls`: one async method per simulator control (the bridge's `SIM_CONTROLS`), the
/// base of `require('antom/testing').Simulator`; its declaration beside it.
pub fn node() -> (String, String) {
    use antom_bridge::testing::{SimArgType, SIM_CONTROLS};
    let mut js = String::from("\n/** The simulator's buyer and fault controls (`require('antom/testing').Simulator`). */\nclass SimControls {\n");
    let mut ts = String::from("\n/** How to start a `Simulator` (`require('antom/testing')`); every field is optional. */\nexport interface SimulatorOptions {\n");
    for o in SIM_OPTIONS {
        let ty = match o.kind {
            SimOptionKind::Scale(_) | SimOptionKind::Millis(_) => "number",
            SimOptionKind::Flag(_) => "boolean",
        };
        ts.push_str(&format!(
            "  /** {} */\n  {}?: {ty}\n",
            o.doc,
            Naming::Camel.spell(o.name)
        ));
    }
    ts.push_str("}\n\n/** The simulator's buyer and fault controls; each resolves to the control's JSON answer. */\nexport declare class SimControls {\n");
    for c in SIM_CONTROLS {
        let names: Vec<String> = c.args.iter().map(|a| Naming::Camel.spell(a.name)).collect();
        let params: Vec<String> = c
            .args
            .iter()
            .zip(&names)
            .map(|(a, n)| {
                let ty = match a.ty {
                    SimArgType::Text => "string",
                    SimArgType::Int => "number",
                };
                format!("{n}{}: {ty}", if a.default.is_some() { "?" } else { "" })
            })
            .collect();
        let args: Vec<String> = c
            .args
            .iter()
            .zip(&names)
            .map(|(a, n)| format!("{}: {n}", a.name))
            .collect();
        let defaults: String = c
            .args
            .iter()
            .zip(&names)
            .filter_map(|(a, n)| a.default.map(|d| format!(" `{n}` defaults to {d}.")))
            .collect();
        let method = Naming::Camel.spell(c.name);
        js.push_str(&format!(
            "  /** {}{defaults} */\n  {method}({}) {{\n    return this._control('{}', {{ {} }})\n  }}\n\n",
            c.doc,
            names.join(", "),
            c.name,
            args.join(", ")
        ));
        ts.push_str(&format!(
            "  /** {}{defaults} */\n  {method}({}): Promise<any>\n",
            c.doc,
            params.join(", ")
        ));
    }
    js.push_str("  _control() {\n    throw new Error('SimControls is the base of antom/testing\\'s Simulator')\n  }\n}\nexports.SimControls = SimControls\n");
    ts.push_str("}\n");
    (js, ts)
}

/// `Antom.Testing.SimControls`: one method per simulator control (the bridge's `SIM_CONTROLS`),
/// the base of `Antom.Testing.Simulator`; each returns the control's JSON answer as text.
pub fn dotnet() -> String {
    use antom_bridge::testing::{SimArgType, SIM_CONTROLS};
    let mut s = dotnet_options();
    s.push_str("\n    /// <summary>The simulator's buyer and fault controls; each returns the control's JSON answer.</summary>\n    public abstract class SimControls\n    {\n        /// <summary>Runs one control by name with its arguments as a JSON object.</summary>\n        protected abstract string Control(string name, string argsJson);\n");
    for c in SIM_CONTROLS {
        let mut params = Vec::new();
        let mut fields = Vec::new();
        for a in c.args {
            let n = Naming::Camel.spell(a.name);
            let (ty, value) = match (a.ty, a.default) {
                (SimArgType::Text, _) => ("string", format!("Json.Write({n})")),
                (SimArgType::Int, None) => ("long", format!("{n}.ToString(System.Globalization.CultureInfo.InvariantCulture)")),
                (SimArgType::Int, Some(_)) => ("long?", format!("({n}.HasValue ? {n}.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : \"null\")")),
            };
            params.push(if a.default.is_some() {
                format!("{ty} {n} = null")
            } else {
                format!("{ty} {n}")
            });
            fields.push(format!("\"\\\"{}\\\":\" + {value}", a.name));
        }
        let defaults: String = c
            .args
            .iter()
            .filter_map(|a| {
                a.default
                    .map(|d| format!(" <c>{}</c> defaults to {d}.", Naming::Camel.spell(a.name)))
            })
            .collect();
        let body = if fields.is_empty() {
            "\"{}\"".to_string()
        } else {
            format!("\"{{\" + {} + \"}}\"", fields.join(" + \",\" + "))
        };
        s.push_str(&format!(
            "\n        /// <summary>{}{defaults}</summary>\n        public string {}({}) {{ return Control(\"{}\", {body}); }}\n",
            c.doc.replace('&', "&amp;").replace('<', "&lt;"),
            Naming::Pascal.spell(c.name),
            params.join(", "),
            c.name
        ));
    }
    s.push_str("    }\n");
    s
}

/// `SimControls.__init__`: the start options as keyword arguments, sent by their JSON names.
fn python_init() -> String {
    let mut params = String::new();
    let (mut docs, mut keys) = (Vec::new(), Vec::new());
    for o in SIM_OPTIONS {
        let ty = match o.kind {
            SimOptionKind::Scale(_) => "float",
            SimOptionKind::Millis(_) => "int",
            SimOptionKind::Flag(_) => "bool",
        };
        params.push_str(&format!(", {}: Optional[{ty}] = None", o.name));
        docs.push(format!("`{}`: {}", o.name, o.doc));
        keys.push(format!("\"{}\": {}", Naming::Camel.spell(o.name), o.name));
    }
    format!(
        "\n    def __init__(self, *{params}) -> None:\n        \"\"\"Starts the simulator. {}\"\"\"\n        self._start(json.dumps({{{}}}))\n",
        docs.join(" "),
        keys.join(", ")
    )
}

/// `Antom.Testing.SimulatorOptions`, written as JSON by its data contract (nulls left out).
fn dotnet_options() -> String {
    let mut s = String::from("\n    namespace Testing\n    {\n    /// <summary>How to start a <see cref=\"Simulator\"/>; every field is optional.</summary>\n    [System.Runtime.Serialization.DataContract]\n    public sealed class SimulatorOptions\n    {\n");
    for o in SIM_OPTIONS {
        let ty = match o.kind {
            SimOptionKind::Scale(_) => "double?",
            SimOptionKind::Millis(_) => "long?",
            SimOptionKind::Flag(_) => "bool?",
        };
        s.push_str(&format!(
            "        /// <summary>{}</summary>\n        [System.Runtime.Serialization.DataMember(Name = \"{}\", EmitDefaultValue = false)] public {ty} {} {{ get; set; }}\n",
            o.doc.replace('&', "&amp;").replace('<', "&lt;"),
            Naming::Camel.spell(o.name),
            Naming::Pascal.spell(o.name)
        ));
    }
    s.push_str("    }\n    }\n");
    s
}

/// The options as one sentence, for a constructor's documentation (PHP's array keys).
pub fn options_doc() -> String {
    let each: Vec<String> = SIM_OPTIONS
        .iter()
        .map(|o| {
            format!(
                "{} ({})",
                Naming::Camel.spell(o.name),
                o.doc.trim_end_matches('.')
            )
        })
        .collect();
    format!("Options (all optional): {}.", each.join("; "))
}

/// Java's `com.antom.testing.SimControls` (one method per control, each answering the control's
/// JSON as Maps, Lists and values, and one more without its optional arguments) and
/// `SimulatorOptions` (a fluent setter per start option), under the hand-written `Simulator`.
pub fn java() -> Vec<Output> {
    use antom_bridge::testing::{SimArgType, SIM_CONTROLS};
    const DIR: &str = "bindings-java/src/main/java/com/antom/testing";
    let head = |s: &mut String| {
        s.push_str(&banner("//"));
        s.push_str("package com.antom.testing;\n\n");
    };
    let mut c = String::new();
    head(&mut c);
    c.push_str("import java.util.LinkedHashMap;\nimport java.util.Map;\n\n/** The simulator's buyer and fault controls; each answers with the control's JSON as Maps, Lists and values. */\npublic abstract class SimControls {\n    SimControls() {\n    }\n\n    /** Runs one control by name with its arguments (snake_case keys). */\n    abstract Object control(String name, Map<String, Object> args);\n");
    for ctl in SIM_CONTROLS {
        let method = Naming::Camel.spell(ctl.name);
        // The whole method, then (when some are optional) one without them: the simulator
        // gives what is left out its default.
        let mut shapes = vec![(ctl.args.iter().collect::<Vec<_>>(), String::new())];
        if ctl.args.iter().any(|a| a.default.is_some()) {
            let defaults: String = ctl
                .args
                .iter()
                .filter_map(|a| {
                    a.default
                        .map(|d| format!(" {{@code {}}} is {d}.", Naming::Camel.spell(a.name)))
                })
                .collect();
            shapes.push((
                ctl.args.iter().filter(|a| a.default.is_none()).collect(),
                defaults,
            ));
        }
        for (args, defaults) in shapes {
            let decl: Vec<String> = args
                .iter()
                .map(|a| {
                    let ty = match a.ty {
                        SimArgType::Text => "String",
                        SimArgType::Int => "long",
                    };
                    format!("{ty} {}", Naming::Camel.spell(a.name))
                })
                .collect();
            let puts: String = args
                .iter()
                .map(|a| {
                    format!(
                        "        args.put(\"{}\", {});\n",
                        a.name,
                        Naming::Camel.spell(a.name)
                    )
                })
                .collect();
            c.push_str(&format!(
                "\n    /** {}{defaults} */\n    public Object {method}({}) {{\n        Map<String, Object> args = new LinkedHashMap<String, Object>();\n{puts}        return control(\"{}\", args);\n    }}\n",
                ctl.doc,
                decl.join(", "),
                ctl.name
            ));
        }
    }
    c.push_str("}\n");
    let mut o = String::new();
    head(&mut o);
    o.push_str("import java.util.LinkedHashMap;\nimport java.util.Map;\n\n/** How to start a {@link Simulator}; every option is optional. */\npublic final class SimulatorOptions {\n    private final Map<String, Object> values = new LinkedHashMap<String, Object>();\n");
    for opt in SIM_OPTIONS {
        let ty = match opt.kind {
            SimOptionKind::Scale(_) => "double",
            SimOptionKind::Millis(_) => "long",
            SimOptionKind::Flag(_) => "boolean",
        };
        let camel = Naming::Camel.spell(opt.name);
        o.push_str(&format!(
            "\n    /** {} */\n    public SimulatorOptions {camel}({ty} value) {{\n        values.put(\"{camel}\", value);\n        return this;\n    }}\n",
            opt.doc
        ));
    }
    o.push_str("\n    Map<String, Object> toMap() {\n        return values;\n    }\n}\n");
    vec![
        Output {
            path: format!("{DIR}/SimControls.java").into(),
            text: c,
        },
        Output {
            path: format!("{DIR}/SimulatorOptions.java").into(),
            text: o,
        },
    ]
}
