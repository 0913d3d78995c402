//! The frame of each language's starter program (guide_code.rs writes the calls inside it):
//! the client from environment variables, one report line per call in which only a verified
//! `F` fails, the notification handler that verifies the raw bytes first, and the two halves.

use crate::guide_model::{class, Lang, Starter};

pub fn comment(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Python | Lang::Php => format!("    # {text}"),
        Lang::Node => format!("  // {text}"),
        _ => format!("        // {text}"),
    }
}

/// A string literal in the language.
pub fn lit(lang: Lang, s: &str) -> String {
    match lang {
        Lang::Php => crate::php_string(s),
        Lang::Node => crate::js_string(s),
        _ => crate::c_string(s),
    }
}

/// The first half's last line: how to run the second, with the order id in it.
pub fn then(lang: Lang, before: &str, after: &str) -> String {
    let b = lit(lang, before);
    let (plus, comma) = if after.is_empty() {
        (String::new(), String::new())
    } else {
        let a = lit(lang, after);
        (format!(" + {a}"), format!(", {a}"))
    };
    match lang {
        Lang::Python => format!("    print({b} + order{plus})\n"),
        Lang::Node => format!("  console.log({b} + order{plus})\n"),
        Lang::Dotnet => format!("        Console.WriteLine({b} + order{plus});\n"),
        Lang::Java => format!("        System.out.println({b} + order{plus});\n"),
        Lang::Php => format!("    echo {b}, $order{comma}, \"\\n\";\n"),
    }
}

/// The report line of a call; in the second half (`stops`) an answer that is not S ends it.
/// A `new_only` inquiry reports through `new_order`, which lets the half go on only when the
/// order verifiably has no payment.
pub fn report(
    lang: Lang,
    endpoint: &str,
    v: &str,
    shown: &[(String, String)],
    stops: bool,
    new_only: bool,
) -> String {
    let text = report_call(lang, endpoint, v, shown, stops);
    if !new_only {
        return text;
    }
    let (from, to) = match lang {
        Lang::Python | Lang::Php => ("report(", "new_order("),
        Lang::Dotnet => ("Report(", "NewOrder("),
        Lang::Node | Lang::Java => ("report(", "newOrder("),
    };
    text.replacen(from, to, 1)
}

fn report_call(
    lang: Lang,
    endpoint: &str,
    v: &str,
    shown: &[(String, String)],
    stops: bool,
) -> String {
    let e = lit(lang, endpoint);
    let call = match lang {
        Lang::Python => {
            let kw: Vec<String> = shown.iter().map(|(k, x)| format!(", {k}={x}")).collect();
            format!("report({e}, {v}{})", kw.join(""))
        }
        Lang::Node => {
            let kv: Vec<String> = shown.iter().map(|(k, x)| format!("{k}: {x}")).collect();
            format!("report({e}, {v}, {{ {} }})", kv.join(", "))
        }
        Lang::Dotnet | Lang::Java => {
            let kv: Vec<String> = shown
                .iter()
                .map(|(k, x)| format!(", {}, {x}", lit(lang, k)))
                .collect();
            let f = if lang == Lang::Java {
                "report"
            } else {
                "Report"
            };
            format!("{f}({e}, {v}{})", kv.join(""))
        }
        Lang::Php => {
            let kv: Vec<String> = shown
                .iter()
                .map(|(k, x)| format!("{} => {x}", lit(lang, k)))
                .collect();
            format!("report({e}, {v}, [{}])", kv.join(", "))
        }
    };
    match (lang, stops) {
        (Lang::Python, false) => format!("    {call}\n"),
        (Lang::Python, true) => format!("    if not {call}:\n        return\n"),
        (Lang::Node, false) => format!("  {call}\n"),
        (Lang::Node, true) => format!("  if (!{call}) return\n"),
        (Lang::Dotnet | Lang::Java, false) => format!("        {call};\n"),
        (Lang::Dotnet | Lang::Java, true) => format!("        if (!{call}) return;\n"),
        (Lang::Php, false) => format!("    {call};\n"),
        (Lang::Php, true) => format!("    if (!{call}) {{\n        return;\n    }}\n"),
    }
}

/// Ends the half unless the answer's `field` (read by `expr`) is `wanted`.
pub fn require(lang: Lang, field: &str, expr: &str, wanted: &str) -> String {
    let w = lit(lang, wanted);
    let msg =
        format!("stop: {field} is not {wanted} yet: wait for the notification, then resume again");
    let m = lit(lang, &msg);
    match lang {
        Lang::Python => format!("    if {expr} != {w}:\n        print({m})\n        return\n"),
        Lang::Node => format!("  if (String({expr}) !== {w}) {{\n    console.log({m})\n    return\n  }}\n"),
        Lang::Dotnet => format!("        if ((string){expr} != {w})\n        {{\n            Console.WriteLine({m});\n            return;\n        }}\n"),
        Lang::Java => format!("        if (!{w}.equals(String.valueOf({expr}))) {{\n            System.out.println({m});\n            return;\n        }}\n"),
        Lang::Php => format!("    if (({expr} ?? '') !== {w}) {{\n        echo {m}, \"\\n\";\n        return;\n    }}\n"),
    }
}

fn header(lang: Lang, s: &Starter, file: &str) -> Vec<String> {
    let run = match lang {
        Lang::Python => format!("python {file}"),
        Lang::Node => format!("npx tsc -p . && node {}", file.replace(".ts", ".js")),
        Lang::Dotnet => format!("mono {}", file.replace(".cs", ".exe")),
        Lang::Java => format!("java {file}"),
        Lang::Php => format!("php {file}"),
    };
    let value = s
        .resume_with
        .as_ref()
        .map_or(String::new(), |v| format!(" <{v}>"));
    vec![
        format!("{}: {}", s.name, s.asks),
        String::new(),
        "Written from tools/guide.json (`antom guide` shows it); each body is its request's typed model."
            .into(),
        "Set ANTOM_CLIENT_ID, ANTOM_PRIVATE_KEY_FILE and ANTOM_PUBLIC_KEY_FILE. It runs against".into(),
        "ANTOM_GATEWAY_URL (`antom sim`), or with a SANDBOX_ client id against ANTOM_REGION's".into(),
        "gateway (asia unless set); live only with ANTOM_LIVE=1. Your order id is every".into(),
        "idempotency key, so running a half again after an unknown outcome repeats the same".into(),
        "request, never a new one. Run".into(),
        format!("    {run} start <order id>"),
        format!("and, once {}:", s.between),
        format!("    {run} resume <order id>{value}"),
    ]
}

/// Each language's frame, with `@@name@@` holes (codegen/templates/): plain source, so it reads
/// and diffs as the code it becomes.
fn template(lang: Lang) -> &'static str {
    match lang {
        Lang::Python => include_str!("../templates/starter.py.tmpl"),
        Lang::Node => include_str!("../templates/starter.ts.tmpl"),
        Lang::Dotnet => include_str!("../templates/starter.cs.tmpl"),
        Lang::Java => include_str!("../templates/starter.java.tmpl"),
        Lang::Php => include_str!("../templates/starter.php.tmpl"),
    }
}

pub fn program(lang: Lang, s: &Starter, imports: &[String], start: &str, resume: &str) -> String {
    let path = lang.path(&s.id);
    let file = path.rsplit('/').next().unwrap_or_default();
    let value = s.resume_with.is_some();
    let usage_value = s
        .resume_with
        .as_ref()
        .map_or(String::new(), |v| format!(" <{v}>"));
    let (comment, prefix) = match lang {
        Lang::Python => ("#", ""),
        Lang::Node | Lang::Java => ("//", " * "),
        Lang::Dotnet | Lang::Php => ("//", "// "),
    };
    let doc: Vec<String> = header(lang, s, file)
        .iter()
        .map(|l| format!("{prefix}{l}").trim_end().to_string())
        .collect();
    let imports = match lang {
        _ if imports.is_empty() => String::new(),
        Lang::Python => format!("from antom.models import {}\n", imports.join(", ")),
        Lang::Php => format!("use Antom\\Models\\{{{}}};\n", imports.join(", ")),
        _ => String::new(),
    };
    // What differs between a second half that takes a value (an authCode) and one that does not.
    let (value_param, argc, pass, check) = match (lang, value) {
        (Lang::Python, true) => (", resume_with: str", "3", "", ""),
        (Lang::Python, false) => ("", "2", "", ""),
        (Lang::Node, true) => (", resumeWith: string", "", ", value", " && value"),
        (Lang::Node, false) => ("", "", "", " && value === undefined"),
        (Lang::Dotnet, true) => (", string resumeWith", "3", ", args[2]", ""),
        (Lang::Java, true) => (", String resumeWith", "3", ", args[2]", ""),
        (Lang::Dotnet | Lang::Java, false) => ("", "2", "", ""),
        (Lang::Php, true) => (", string $resumeWith", "4", ", $argv[3]", ""),
        (Lang::Php, false) => ("", "3", "", ""),
    };
    let holes = [
        ("banner", crate::banner(comment)),
        ("doc", doc.join("\n")),
        ("imports", imports),
        ("start", start.to_string()),
        ("resume", resume.to_string()),
        ("file", file.to_string()),
        ("usage_value", usage_value),
        ("cls", class(&s.id)),
        ("value_param", value_param.to_string()),
        ("argc", argc.to_string()),
        ("pass", pass.to_string()),
        ("check", check.to_string()),
    ];
    let mut out = template(lang).to_string();
    for (name, text) in holes {
        out = out.replace(&format!("@@{name}@@"), &text);
    }
    out
}
