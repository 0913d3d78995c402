//! Every binding's wrappers of the bridge's functions table (sign, verify, amounts): free
//! functions where the language has them (Python, Node), static methods of each function's
//! group elsewhere (`Signature.SignRequest`, `Antom\Amounts::toMinorUnits`), each one call of
//! the binding's single native `function` entry point.

use antom_bridge::functions::{Function, Gives, FUNCTIONS, GROUPS};
use antom_bridge::operations::Kind;
use antom_bridge::options::Naming;

/// The groups, in table order, each with its functions.
fn groups() -> Vec<(&'static str, Vec<&'static Function>)> {
    let mut out: Vec<(&str, Vec<&Function>)> = Vec::new();
    for f in &FUNCTIONS {
        match out.iter_mut().find(|(g, _)| *g == f.group) {
            Some((_, fs)) => fs.push(f),
            None => out.push((f.group, vec![f])),
        }
    }
    out
}

/// The doc of a group's class (the bridge's `GROUPS`).
fn group_doc(group: &str) -> &'static str {
    GROUPS
        .iter()
        .find(|(g, _)| *g == group)
        .map_or("", |(_, doc)| doc)
}

/// Whether the body of `f` is bytes, which C# and Java also take as text (UTF-8).
fn has_bytes(f: &Function) -> bool {
    f.args.iter().any(|a| a.kind == Kind::Bytes)
}

/// C#: `public static partial class Signature` and `Amounts`, for Generated.cs.
pub fn dotnet() -> String {
    let mut s = String::new();
    for (group, fs) in groups() {
        s.push_str(&format!(
            "\n    /// <summary>{}</summary>\n    public static partial class {group}\n    {{\n",
            group_doc(group)
        ));
        for f in fs {
            let name = Naming::Pascal.spell(f.member);
            let decl = |bytes_as_text: bool| {
                f.args
                    .iter()
                    .map(|a| {
                        let t = match a.kind {
                            Kind::Bytes if bytes_as_text => "string",
                            k => crate::kinds::cs_param(k),
                        };
                        let d = if a.kind == Kind::OptCount {
                            " = null"
                        } else {
                            ""
                        };
                        format!("{t} {}{d}", Naming::Camel.spell(a.name))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let values: String = f
                .args
                .iter()
                .map(|a| {
                    format!(
                        ", {}",
                        crate::kinds::cs_arg(a.kind, &Naming::Camel.spell(a.name))
                    )
                })
                .collect();
            let (ret, body) = match f.gives {
                Gives::Text => (
                    "string",
                    format!("Native.FunctionText(\"{}\"{values})", f.name),
                ),
                Gives::Verdict => ("bool", format!("Native.Verdict(\"{}\"{values})", f.name)),
            };
            s.push_str(&format!(
                "        /// <summary>{}</summary>\n        public static {ret} {name}({}) {{ return {body}; }}\n",
                f.doc,
                decl(false)
            ));
            if has_bytes(f) {
                let pass = f
                    .args
                    .iter()
                    .map(|a| {
                        let n = Naming::Camel.spell(a.name);
                        match a.kind {
                            Kind::Bytes => {
                                format!("{n} == null ? null : Encoding.UTF8.GetBytes({n})")
                            }
                            _ => n,
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                s.push_str(&format!(
                    "        /// <summary><c>{name}</c> with the body given as text (UTF-8).</summary>\n        public static {ret} {name}({}) {{ return {name}({pass}); }}\n",
                    decl(true)
                ));
            }
        }
        s.push_str("    }\n");
    }
    s
}

/// Java: `Signature.java` and `Amounts.java` (name, text), over `ClientBase`'s converters and
/// `NativeLib.function`. Java has no default arguments: a trailing optional argument gets an
/// overload without it, and bytes an overload that takes text.
pub fn java() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (group, fs) in groups() {
        let mut s = format!(
            "/** {} */\npublic final class {group} {{\n    private {group}() {{\n    }}\n",
            group_doc(group)
        );
        for f in fs {
            s.push_str(&java_function(f));
        }
        s.push_str("}\n");
        out.push((group.to_string(), s));
    }
    out
}

fn java_function(f: &Function) -> String {
    let name = Naming::Camel.spell(f.member);
    let ret = match f.gives {
        Gives::Text => "String",
        Gives::Verdict => "boolean",
    };
    let param = |k: Kind, text_body: bool| match k {
        Kind::Bytes if !text_body => "byte[]",
        Kind::OptCount => "Integer",
        _ => "String",
    };
    let names: Vec<String> = f.args.iter().map(|a| Naming::Camel.spell(a.name)).collect();
    let decl = |text_body: bool, upto: usize| {
        f.args[..upto]
            .iter()
            .zip(&names)
            .map(|(a, n)| format!("{} {n}", param(a.kind, text_body)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let values = f
        .args
        .iter()
        .zip(&names)
        .map(|(a, n)| match a.kind {
            Kind::Bytes => format!("ClientBase.bytes({n}, \"{n}\")"),
            Kind::OptCount => n.clone(),
            _ => format!("ClientBase.text({n}, \"{n}\")"),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let call = format!("NativeLib.function(\"{}\", {values})", f.name);
    let body = match f.gives {
        Gives::Text => format!("return (String) Json.parse({call});"),
        Gives::Verdict => format!("return NativeLib.verdict(\"{}\", {values});", f.name),
    };
    let all = f.args.len();
    let mut s = format!(
        "\n    /** {} */\n    public static {ret} {name}({}) {{\n        {body}\n    }}\n",
        f.doc,
        decl(false, all)
    );
    let optional = f.args.last().is_some_and(|a| a.kind == Kind::OptCount);
    let bytes_at = f.args.iter().position(|a| a.kind == Kind::Bytes);
    // The shorter and text-taking overloads, each passing on to the whole one.
    let mut overloads = Vec::new();
    if optional {
        overloads.push((false, all - 1));
    }
    if bytes_at.is_some() {
        overloads.push((true, all));
        if optional {
            overloads.push((true, all - 1));
        }
    }
    for (text_body, upto) in overloads {
        let pass = names
            .iter()
            .enumerate()
            .map(|(i, n)| match i {
                i if i >= upto => "null".to_string(),
                i if text_body && Some(i) == bytes_at => {
                    format!("NativeLib.utf8(ClientBase.text({n}, \"{n}\"))")
                }
                _ => n.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let what = if text_body {
            "with the body given as text (UTF-8)"
        } else {
            "with the default"
        };
        s.push_str(&format!(
            "\n    /** {{@code {name}}} {what}. */\n    public static {ret} {name}({}) {{\n        return {name}({pass});\n    }}\n",
            decl(text_body, upto)
        ));
    }
    s
}

/// Node: the table `index.js` defines one export per row from (`generated.js`), and the
/// declarations of those exports (`functions.d.ts`, re-exported by `index.d.ts`).
pub fn node() -> (String, String) {
    let mut js = String::from("\n/** The functions without a client (the bridge's table): the export's name, the function's\n * name, each argument's name and kind, and whether its RSA work also has an async twin. */\nexports.FUNCTIONS = Object.freeze([\n");
    let mut ts = String::from("/// <reference types=\"node\" />\n// The functions without a client (the bridge's functions table), exported by index.js.\n");
    for f in &FUNCTIONS {
        let method = Naming::Camel.spell(f.name);
        let args: Vec<String> = f
            .args
            .iter()
            .map(|a| {
                format!(
                    "{{ name: '{}', kind: '{}' }}",
                    Naming::Camel.spell(a.name),
                    crate::kinds::kind_name(a.kind)
                )
            })
            .collect();
        js.push_str(&format!(
            "  {{ method: '{method}', name: '{}', args: [{}], heavy: {} }},\n",
            f.name,
            args.join(", "),
            f.heavy
        ));
        let params = f
            .args
            .iter()
            .map(|a| {
                let n = Naming::Camel.spell(a.name);
                match a.kind {
                    Kind::Key => format!("{n}: string | Buffer"),
                    Kind::Bytes => format!("{n}: string | Buffer"),
                    Kind::OptCount => format!("{n}?: number | null"),
                    _ => format!("{n}: string"),
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let ret = match f.gives {
            Gives::Text => "string",
            Gives::Verdict => "boolean",
        };
        let blocks = if f.heavy {
            format!(" Blocks the event loop for the RSA work; see {method}Async.")
        } else {
            String::new()
        };
        ts.push_str(&format!(
            "\n/** {}{blocks} */\nexport function {method}({params}): {ret}\n",
            f.doc
        ));
        if f.heavy {
            ts.push_str(&format!("\n/** {method} with the RSA work off the event loop (the libuv pool). */\nexport function {method}Async({params}): Promise<{ret}>\n"));
        }
    }
    js.push_str("])\n");
    (js, ts)
}

/// Python: `antom/_functions.py`, typed functions over the native `_function`, which `antom`
/// re-exports. A body is bytes; text is encoded as UTF-8 here, as C#'s and Java's overloads do.
pub fn python() -> String {
    let mut s = String::from("\"\"\"The functions without a client (the bridge's functions table), over the native `_function`.\"\"\"\nfrom __future__ import annotations\n\nimport os\nfrom typing import Optional, Union\n\nfrom antom import _antom\n\n__all__ = [");
    s.push_str(
        &FUNCTIONS
            .iter()
            .map(|f| format!("\"{}\"", f.name))
            .collect::<Vec<_>>()
            .join(", "),
    );
    s.push_str("]\n");
    for f in &FUNCTIONS {
        let params = f
            .args
            .iter()
            .map(|a| match a.kind {
                Kind::Key => format!("{}: Union[str, bytes, os.PathLike[str]]", a.name),
                Kind::Bytes => format!("{}: Union[str, bytes]", a.name),
                Kind::OptCount => format!("{}: Optional[int] = None", a.name),
                _ => format!("{}: str", a.name),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let pass = f
            .args
            .iter()
            .map(|a| match a.kind {
                Kind::Bytes => format!("{n}.encode() if isinstance({n}, str) else {n}", n = a.name),
                _ => a.name.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let ret = match f.gives {
            Gives::Text => "str",
            Gives::Verdict => "bool",
        };
        s.push_str(&format!(
            "\n\ndef {}({params}) -> {ret}:\n    \"\"\"{}\"\"\"\n    answer: {ret} = _antom._function(\"{}\", ({pass},))\n    return answer\n",
            f.name, f.doc, f.name
        ));
    }
    s
}

/// PHP: the classes of each group as Rust (`#[php_class]`, included by client.rs), the
/// function that registers them, their stub, and the parameters that may hold keys (included
/// by trace.rs). Keys and bodies are PHP strings taken byte
/// for byte.
pub fn php() -> (String, String, String) {
    let (mut rs, mut stub) = (String::new(), String::new());
    let mut register = String::from("\n/// Registers the classes of the functions table.\npub(crate) fn register_functions(module: ModuleBuilder) -> ModuleBuilder {\n    module");
    for (group, fs) in groups() {
        rs.push_str(&format!(
            "\n/// {doc}\n#[php_class]\n#[php(name = \"Antom\\\\{group}\")]\npub struct {group};\n\n#[php_impl]\nimpl {group} {{\n",
            doc = group_doc(group)
        ));
        stub.push_str(&format!(
            "/** {} */\nclass {group}\n{{\n    public function __construct() {{}}\n",
            group_doc(group)
        ));
        register.push_str(&format!(".class::<{group}>()"));
        for f in fs {
            let params: String = f
                .args
                .iter()
                .map(|a| format!("{}: {}", a.name, crate::kinds::rust_param(a.kind)))
                .collect::<Vec<_>>()
                .join(", ");
            let values = f
                .args
                .iter()
                .map(|a| crate::kinds::convert(a.kind, a.name))
                .collect::<Vec<_>>()
                .join(", ");
            let (ret, run) = match f.gives {
                Gives::Text => ("String", "function_text"),
                Gives::Verdict => ("bool", "function_verdict"),
            };
            rs.push_str(&format!(
                "    /// {}\n    pub fn {}({params}) -> PhpResult<{ret}> {{\n        {run}(\"{}\", vec![{values}])\n    }}\n",
                f.doc, f.member, f.name
            ));
            let php_params = f
                .args
                .iter()
                .map(|a| {
                    let d = if a.kind == Kind::OptCount {
                        " = null"
                    } else {
                        ""
                    };
                    // PHP's parameter names are the Rust ones (callers pass them by name).
                    format!("{} ${}{d}", crate::kinds::php_param(a.kind), a.name)
                })
                .collect::<Vec<_>>()
                .join(", ");
            let php_ret = if f.gives == Gives::Verdict {
                "bool"
            } else {
                "string"
            };
            stub.push_str(&format!(
                "    /** {} */\n    public static function {}({php_params}): {php_ret} {{}}\n",
                f.doc,
                Naming::Camel.spell(f.member)
            ));
        }
        rs.push_str("}\n");
        stub.push_str("}\n\n");
    }
    register.push_str("\n}\n");
    rs.push_str(&register);
    // The client's options hold keys (and per-call headers such as Agent-Token); every key
    // argument of a function too.
    let mut names = vec!["options"];
    let mut classes = vec!["Antom\\\\Client".to_string()];
    for f in FUNCTIONS.iter() {
        for a in f.args.iter().filter(|a| a.kind == Kind::Key) {
            if !names.contains(&a.name) {
                names.push(a.name);
            }
            let class = format!("Antom\\\\{}", f.group);
            if !classes.contains(&class) {
                classes.push(class);
            }
        }
    }
    let list = |v: Vec<String>| {
        v.iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let sensitive = format!(
        "// Included by trace.rs.\n\n/// The parameter names that can carry key material (trace.rs marks them sensitive).\npub(crate) const SENSITIVE: [&str; {}] = [{}];\n/// The classes whose methods have them.\npub(crate) const SENSITIVE_CLASSES: [&str; {}] = [{}];\n",
        names.len(),
        list(names.iter().map(|n| n.to_string()).collect()),
        classes.len(),
        list(classes.clone())
    );
    (rs, stub, sensitive)
}
