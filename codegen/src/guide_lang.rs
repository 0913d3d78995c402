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
        Lang::Php | Lang::Node => format!(
            "'{}'",
            s.replace('\\', "\\\\")
                .replace('\'', "\\'")
                .replace('\n', "\\n")
        ),
        _ => serde_json::to_string(s).unwrap_or_default(),
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

pub fn program(lang: Lang, s: &Starter, imports: &[String], start: &str, resume: &str) -> String {
    let file = lang.path(&s.id);
    let file = file.rsplit('/').next().unwrap_or_default();
    let head = header(lang, s, file);
    let value = s.resume_with.is_some();
    let usage_value = s
        .resume_with
        .as_ref()
        .map_or(String::new(), |v| format!(" <{v}>"));
    match lang {
        Lang::Python => {
            let doc: Vec<String> = head.iter().map(|l| l.to_string()).collect();
            let imports = if imports.is_empty() {
                String::new()
            } else {
                format!("from antom.models import {}\n", imports.join(", "))
            };
            format!(
                r#"{banner}"""{doc}
"""
import os
import pathlib
import sys
import urllib.parse
from typing import Any, Mapping

import antom
{imports}
NOTIFY_URL = os.environ.get("ANTOM_NOTIFY_URL", "https://merchant.example/antom/notify")
REDIRECT_URL = os.environ.get("ANTOM_REDIRECT_URL", "https://merchant.example/antom/return")


def client() -> antom.Client:
    """The sandbox, the simulator or, only with ANTOM_LIVE=1, the live gateway."""
    client_id = os.environ["ANTOM_CLIENT_ID"]
    gateway = os.environ.get("ANTOM_GATEWAY_URL")
    local = urllib.parse.urlparse(gateway or "").hostname in ("127.0.0.1", "localhost", "::1")
    if not local and not client_id.startswith("SANDBOX_") and os.environ.get("ANTOM_LIVE") != "1":
        sys.exit("a starter runs against the sandbox or antom sim; set ANTOM_LIVE=1 to run it live")
    return antom.Client(
        client_id,
        pathlib.Path(os.environ["ANTOM_PRIVATE_KEY_FILE"]),
        pathlib.Path(os.environ["ANTOM_PUBLIC_KEY_FILE"]),
        gateway_url=gateway,
        region=None if gateway else os.environ.get("ANTOM_REGION", "asia"),
    )


def report(step: str, r: "antom.Response[Any]", **shown: Any) -> bool:
    """One line per call. Only a verified F is a failure; a U is not known yet."""
    extra = "".join(f" {{k}}={{v}}" for k, v in shown.items())
    print(f"{{step}}: {{r.result_status}} {{r.result_code}} verified={{r.verified}}{{extra}}")
    if r.is_failure and r.result_code == "REPEAT_REQ_INCONSISTENT":
        sys.exit(f"{{step}}: this key went with another request before: inquire, never charge again")
    if r.is_failure:
        sys.exit(f"{{step}} failed: {{r.result_code}}")
    if not r.is_success:
        print(f"{{step}}: not final yet: inquire or wait for the notification; never charge again")
    return r.is_success


def new_order(step: str, r: "antom.Response[Any]", **shown: Any) -> bool:
    """An inquiry before a pay: True only when Antom verifiably has no payment for the order."""
    extra = "".join(f" {{k}}={{v}}" for k, v in shown.items())
    print(f"{{step}}: {{r.result_status}} {{r.result_code}} verified={{r.verified}}{{extra}}")
    if r.verified and r.is_failure and r.result_code == "ORDER_NOT_EXIST":
        return True
    if r.is_success:
        print(f"{{step}}: this order has a payment already: nothing is sent again")
    else:
        print(f"{{step}}: not known: inquire again later; never charge again")
    return False


def on_notification(c: antom.Client, path: str, headers: Mapping[str, str], body: bytes) -> str:
    """Your notify URL: verify the raw bytes before reading them, act once, answer the ack."""
    n = c.verify_notification(path, headers, body)
    print(f"notification {{n.kind}}: {{n.result_status}} {{n.result_code}}")
    return antom.NOTIFICATION_ACK


def start(c: antom.Client, order: str) -> None:
{start}

def resume(c: antom.Client, order: str{py_value}) -> None:
{resume}

if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) < 2 or args[0] not in ("start", "resume") or (args[0] == "resume" and len(args) != {py_argc}):
        sys.exit("usage: {file} start <order id> | resume <order id>{usage_value}")
    if not 0 < len(args[1]) <= 54:
        sys.exit("the order id is 1 to 54 characters (it is every idempotency key, with room for a suffix)")
    try:
        if args[0] == "start":
            start(client(), args[1])
        else:
            resume(client(), *args[1:])
    except antom.AntomError as e:
        # Any error after which the request may have taken effect (a timeout, a signature that
        # does not verify on a pay) says so; the others are plain failures.
        if not e.outcome_unknown:
            raise
        sys.exit(f"outcome unknown for {{e.idempotency_key}}: inquire with it (or wait for the notification) before anything else; never charge again")
"#,
                banner = crate::banner("#"),
                doc = doc.join("\n"),
                py_value = if value { ", resume_with: str" } else { "" },
                py_argc = if value { 3 } else { 2 },
            )
        }
        Lang::Node => {
            let doc: Vec<String> = head
                .iter()
                .map(|l| format!(" * {l}").trim_end().to_string())
                .collect();
            format!(
                r#"{banner}/**
{doc}
 */
import * as fs from 'node:fs'
import {{ AntomError, Client, NOTIFICATION_ACK, type IncomingHeaders, type Region, type Response }} from 'antom'

const NOTIFY_URL = process.env.ANTOM_NOTIFY_URL ?? 'https://merchant.example/antom/notify'
const REDIRECT_URL = process.env.ANTOM_REDIRECT_URL ?? 'https://merchant.example/antom/return'

function need(name: string): string {{
  const v = process.env[name]
  if (!v) throw new Error(`set ${{name}}`)
  return v
}}

/** The sandbox, the simulator or, only with ANTOM_LIVE=1, the live gateway. */
function client(): Client {{
  const clientId = need('ANTOM_CLIENT_ID')
  const gateway = process.env.ANTOM_GATEWAY_URL
  const local = gateway !== undefined && ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(gateway).hostname)
  if (!local && !clientId.startsWith('SANDBOX_') && process.env.ANTOM_LIVE !== '1') {{
    throw new Error('a starter runs against the sandbox or antom sim; set ANTOM_LIVE=1 to run it live')
  }}
  return new Client({{
    clientId,
    privateKey: fs.readFileSync(need('ANTOM_PRIVATE_KEY_FILE')),
    antomPublicKey: fs.readFileSync(need('ANTOM_PUBLIC_KEY_FILE')),
    ...(gateway ? {{ gatewayUrl: gateway }} : {{ region: (process.env.ANTOM_REGION ?? 'asia') as Region }}),
  }})
}}

/** One line per call. Only a verified F is a failure; a U is not known yet. */
function report(step: string, r: Response<unknown>, shown: Record<string, unknown>): boolean {{
  const extra = Object.entries(shown).map(([k, v]) => ` ${{k}}=${{String(v)}}`).join('')
  console.log(`${{step}}: ${{r.resultStatus}} ${{r.resultCode}} verified=${{r.verified}}${{extra}}`)
  if (r.isFailure && r.resultCode === 'REPEAT_REQ_INCONSISTENT') {{
    throw new Error(`${{step}}: this key went with another request before: inquire, never charge again`)
  }}
  if (r.isFailure) throw new Error(`${{step}} failed: ${{r.resultCode}}`)
  if (!r.isSuccess) console.log(`${{step}}: not final yet: inquire or wait for the notification; never charge again`)
  return r.isSuccess
}}

/** An inquiry before a pay: true only when Antom verifiably has no payment for the order. */
function newOrder(step: string, r: Response<unknown>, shown: Record<string, unknown>): boolean {{
  const extra = Object.entries(shown).map(([k, v]) => ` ${{k}}=${{String(v)}}`).join('')
  console.log(`${{step}}: ${{r.resultStatus}} ${{r.resultCode}} verified=${{r.verified}}${{extra}}`)
  if (r.verified && r.isFailure && r.resultCode === 'ORDER_NOT_EXIST') return true
  console.log(r.isSuccess ? `${{step}}: this order has a payment already: nothing is sent again` : `${{step}}: not known: inquire again later; never charge again`)
  return false
}}

/** Your notify URL: verify the raw bytes before reading them, act once, answer the ack. */
export function onNotification(c: Client, path: string, headers: IncomingHeaders, body: Buffer): string {{
  const n = c.verifyNotification(path, headers, body)
  console.log(`notification ${{n.kind}}: ${{n.resultStatus}} ${{n.resultCode}}`)
  return NOTIFICATION_ACK
}}

async function start(c: Client, order: string): Promise<void> {{
{start}}}

async function resume(c: Client, order: string{ts_value}): Promise<void> {{
{resume}}}

async function main(): Promise<void> {{
  const [command, order, value] = process.argv.slice(2)
  if (order !== undefined && order.length > 54) throw new Error('the order id is 1 to 54 characters (it is every idempotency key, with room for a suffix)')
  if (command === 'start' && order) await start(client(), order)
  else if (command === 'resume' && order{ts_check}) await resume(client(), order{ts_pass})
  else throw new Error('usage: {file} start <order id> | resume <order id>{usage_value}')
}}

main().catch((e: unknown) => {{
  if (e instanceof AntomError && e.outcomeUnknown) {{
    console.error(`outcome unknown for ${{e.idempotencyKey}}: inquire with it (or wait for the notification) before anything else; never charge again`)
  }} else {{
    console.error(e instanceof Error ? e.message : e)
  }}
  process.exit(1)
}})
"#,
                banner = crate::banner("//"),
                doc = doc.join("\n"),
                ts_value = if value { ", resumeWith: string" } else { "" },
                ts_check = if value {
                    " && value"
                } else {
                    " && value === undefined"
                },
                ts_pass = if value { ", value" } else { "" },
            )
        }
        Lang::Dotnet => {
            let doc: Vec<String> = head
                .iter()
                .map(|l| format!("// {l}").trim_end().to_string())
                .collect();
            let cls = class(&s.id);
            format!(
                r#"{banner}{doc}
using System;
using System.Collections.Generic;
using System.IO;
using Antom;
using Antom.Models;

public static class {cls}Starter
{{
    public static readonly string NotifyUrl = Environment.GetEnvironmentVariable("ANTOM_NOTIFY_URL") ?? "https://merchant.example/antom/notify";
    public static readonly string RedirectUrl = Environment.GetEnvironmentVariable("ANTOM_REDIRECT_URL") ?? "https://merchant.example/antom/return";

    static string Need(string name)
    {{
        return Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException("set " + name);
    }}

    // The sandbox, the simulator or, only with ANTOM_LIVE=1, the live gateway.
    static AntomClient Client()
    {{
        string clientId = Need("ANTOM_CLIENT_ID");
        string gateway = Environment.GetEnvironmentVariable("ANTOM_GATEWAY_URL");
        bool local = gateway != null && new Uri(gateway).IsLoopback;
        if (!local && !clientId.StartsWith("SANDBOX_", StringComparison.Ordinal) && Environment.GetEnvironmentVariable("ANTOM_LIVE") != "1")
            throw new InvalidOperationException("a starter runs against the sandbox or antom sim; set ANTOM_LIVE=1 to run it live");
        return new AntomClient(new AntomOptions
        {{
            ClientId = clientId,
            PrivateKey = File.ReadAllText(Need("ANTOM_PRIVATE_KEY_FILE")),
            AntomPublicKey = File.ReadAllText(Need("ANTOM_PUBLIC_KEY_FILE")),
            GatewayUrl = gateway,
            Region = gateway == null ? (Environment.GetEnvironmentVariable("ANTOM_REGION") ?? "asia") : null,
        }});
    }}

    // One line per call. Only a verified F is a failure; a U is not known yet.
    static bool Report(string step, AntomResponse r, params object[] shown)
    {{
        var extra = "";
        for (int i = 0; i + 1 < shown.Length; i += 2) extra += " " + shown[i] + "=" + shown[i + 1];
        Console.WriteLine(step + ": " + r.ResultStatus + " " + r.ResultCode + " verified=" + r.Verified + extra);
        if (r.IsFailure && r.ResultCode == "REPEAT_REQ_INCONSISTENT")
            throw new InvalidOperationException(step + ": this key went with another request before: inquire, never charge again");
        if (r.IsFailure) throw new InvalidOperationException(step + " failed: " + r.ResultCode);
        if (!r.IsSuccess) Console.WriteLine(step + ": not final yet: inquire or wait for the notification; never charge again");
        return r.IsSuccess;
    }}

    // An inquiry before a pay: true only when Antom verifiably has no payment for the order.
    static bool NewOrder(string step, AntomResponse r, params object[] shown)
    {{
        var extra = "";
        for (int i = 0; i + 1 < shown.Length; i += 2) extra += " " + shown[i] + "=" + shown[i + 1];
        Console.WriteLine(step + ": " + r.ResultStatus + " " + r.ResultCode + " verified=" + r.Verified + extra);
        if (r.Verified && r.IsFailure && r.ResultCode == "ORDER_NOT_EXIST") return true;
        Console.WriteLine(r.IsSuccess ? step + ": this order has a payment already: nothing is sent again" : step + ": not known: inquire again later; never charge again");
        return false;
    }}

    // Your notify URL: verify the raw bytes before reading them, act once, answer the ack.
    public static string OnNotification(AntomClient c, string path, IEnumerable<KeyValuePair<string, string>> headers, byte[] body)
    {{
        var n = c.VerifyNotification(path, headers, body);
        Console.WriteLine("notification " + n.Kind + ": " + n.ResultStatus + " " + n.ResultCode);
        return Notification.Ack;
    }}

    static void Start(AntomClient c, string order)
    {{
{start}    }}

    static void Resume(AntomClient c, string order{cs_value})
    {{
{resume}    }}

    public static int Main(string[] args)
    {{
        if (args.Length > 1 && (args[1].Length == 0 || args[1].Length > 54))
        {{
            Console.Error.WriteLine("the order id is 1 to 54 characters (it is every idempotency key, with room for a suffix)");
            return 2;
        }}
        bool start = args.Length == 2 && args[0] == "start";
        bool resume = args.Length == {cs_argc} && args[0] == "resume";
        if (!start && !resume)
        {{
            Console.Error.WriteLine("usage: {file} start <order id> | resume <order id>{usage_value}");
            return 2;
        }}
        try
        {{
            using (var c = Client())
            {{
                if (start) Start(c, args[1]);
                else Resume(c, args[1]{cs_pass});
            }}
            return 0;
        }}
        catch (AntomException e) when (e.OutcomeUnknown)
        {{
            Console.Error.WriteLine("outcome unknown for " + e.IdempotencyKey + ": inquire with it (or wait for the notification) before anything else; never charge again");
            return 1;
        }}
        catch (Exception e)
        {{
            Console.Error.WriteLine(e.Message);
            return 1;
        }}
    }}
}}
"#,
                banner = crate::banner("//"),
                doc = doc.join("\n"),
                cs_value = if value { ", string resumeWith" } else { "" },
                cs_argc = if value { 3 } else { 2 },
                cs_pass = if value { ", args[2]" } else { "" },
            )
        }
        Lang::Java => {
            let doc: Vec<String> = head
                .iter()
                .map(|l| format!(" * {l}").trim_end().to_string())
                .collect();
            let cls = class(&s.id);
            format!(
                r#"{banner}import com.antom.AntomClient;
import com.antom.AntomNotification;
import com.antom.AntomResponse;
import com.antom.AntomException;
import com.antom.models.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
{doc}
 */
public final class {cls} {{
    static final String NOTIFY_URL = env("ANTOM_NOTIFY_URL", "https://merchant.example/antom/notify");
    static final String REDIRECT_URL = env("ANTOM_REDIRECT_URL", "https://merchant.example/antom/return");

    static String env(String name, String otherwise) {{
        String v = System.getenv(name);
        return v == null ? otherwise : v;
    }}

    static String file(String variable) throws java.io.IOException {{
        String path = System.getenv(variable);
        if (path == null) throw new IllegalStateException("set " + variable);
        return new String(Files.readAllBytes(Paths.get(path)), StandardCharsets.UTF_8);
    }}

    /** The sandbox, the simulator or, only with ANTOM_LIVE=1, the live gateway. */
    static AntomClient client() throws java.io.IOException {{
        String clientId = System.getenv("ANTOM_CLIENT_ID");
        if (clientId == null || clientId.isEmpty()) throw new IllegalStateException("set ANTOM_CLIENT_ID");
        String gateway = System.getenv("ANTOM_GATEWAY_URL");
        boolean local = gateway != null && java.util.Arrays.asList("127.0.0.1", "localhost", "[::1]").contains(java.net.URI.create(gateway).getHost());
        if (!local && !clientId.startsWith("SANDBOX_") && !"1".equals(System.getenv("ANTOM_LIVE"))) {{
            throw new IllegalStateException("a starter runs against the sandbox or antom sim; set ANTOM_LIVE=1 to run it live");
        }}
        AntomClient.Builder b = AntomClient.builder()
                .clientId(clientId)
                .privateKey(file("ANTOM_PRIVATE_KEY_FILE"))
                .antomPublicKey(file("ANTOM_PUBLIC_KEY_FILE"));
        if (gateway != null) b.gatewayUrl(gateway);
        else b.region(env("ANTOM_REGION", "asia"));
        return b.build();
    }}

    /** One line per call. Only a verified F is a failure; a U is not known yet. */
    static boolean report(String step, AntomResponse<?> r, Object... shown) {{
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i + 1 < shown.length; i += 2) extra.append(' ').append(shown[i]).append('=').append(shown[i + 1]);
        System.out.println(step + ": " + r.getResultStatus() + " " + r.getResultCode() + " verified=" + r.isVerified() + extra);
        if (r.isFailure() && "REPEAT_REQ_INCONSISTENT".equals(r.getResultCode())) {{
            throw new IllegalStateException(step + ": this key went with another request before: inquire, never charge again");
        }}
        if (r.isFailure()) throw new IllegalStateException(step + " failed: " + r.getResultCode());
        if (!r.isSuccess()) System.out.println(step + ": not final yet: inquire or wait for the notification; never charge again");
        return r.isSuccess();
    }}

    /** An inquiry before a pay: true only when Antom verifiably has no payment for the order. */
    static boolean newOrder(String step, AntomResponse<?> r, Object... shown) {{
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i + 1 < shown.length; i += 2) extra.append(' ').append(shown[i]).append('=').append(shown[i + 1]);
        System.out.println(step + ": " + r.getResultStatus() + " " + r.getResultCode() + " verified=" + r.isVerified() + extra);
        if (r.isVerified() && r.isFailure() && "ORDER_NOT_EXIST".equals(r.getResultCode())) return true;
        System.out.println(r.isSuccess() ? step + ": this order has a payment already: nothing is sent again" : step + ": not known: inquire again later; never charge again");
        return false;
    }}

    /** Your notify URL: verify the raw bytes before reading them, act once, answer the ack. */
    public static String onNotification(AntomClient c, String path, java.util.Map<String, String> headers, byte[] body) {{
        AntomNotification n = c.verifyNotification(path, headers, body);
        System.out.println("notification " + n.getKind() + ": " + n.getResultStatus() + " " + n.getResultCode());
        return AntomNotification.ACK;
    }}

    static void start(AntomClient c, String order) {{
{start}    }}

    static void resume(AntomClient c, String order{java_value}) {{
{resume}    }}

    public static void main(String[] args) throws Exception {{
        if (args.length > 1 && (args[1].isEmpty() || args[1].length() > 54)) {{
            System.err.println("the order id is 1 to 54 characters (it is every idempotency key, with room for a suffix)");
            System.exit(2);
        }}
        boolean start = args.length == 2 && args[0].equals("start");
        boolean resume = args.length == {java_argc} && args[0].equals("resume");
        if (!start && !resume) {{
            System.err.println("usage: {file} start <order id> | resume <order id>{usage_value}");
            System.exit(2);
        }}
        try (AntomClient c = client()) {{
            if (start) start(c, args[1]);
            else resume(c, args[1]{java_pass});
        }} catch (AntomException e) {{
            if (!e.isOutcomeUnknown()) throw e;
            System.err.println("outcome unknown for " + e.getIdempotencyKey() + ": inquire with it (or wait for the notification) before anything else; never charge again");
            System.exit(1);
        }} catch (IllegalStateException e) {{
            System.err.println(e.getMessage());
            System.exit(1);
        }}
    }}
}}
"#,
                banner = crate::banner("//"),
                doc = doc.join("\n"),
                java_value = if value { ", String resumeWith" } else { "" },
                java_argc = if value { 3 } else { 2 },
                java_pass = if value { ", args[2]" } else { "" },
            )
        }
        Lang::Php => {
            let doc: Vec<String> = head
                .iter()
                .map(|l| format!("// {l}").trim_end().to_string())
                .collect();
            let uses = if imports.is_empty() {
                String::new()
            } else {
                format!("use Antom\\Models\\{{{}}};\n", imports.join(", "))
            };
            format!(
                r#"<?php
{banner}{doc}

declare(strict_types=1);

{uses}
define('NOTIFY_URL', getenv('ANTOM_NOTIFY_URL') ?: 'https://merchant.example/antom/notify');
define('REDIRECT_URL', getenv('ANTOM_REDIRECT_URL') ?: 'https://merchant.example/antom/return');

function need(string $name): string
{{
    $v = getenv($name);
    if ($v === false || $v === '') {{
        throw new RuntimeException("set $name");
    }}
    return $v;
}}

/** The sandbox, the simulator or, only with ANTOM_LIVE=1, the live gateway. */
function client(): Antom\Client
{{
    $clientId = need('ANTOM_CLIENT_ID');
    $gateway = getenv('ANTOM_GATEWAY_URL');
    $local = $gateway && in_array(parse_url($gateway, PHP_URL_HOST), ['127.0.0.1', 'localhost', '[::1]'], true);
    if (!$local && !str_starts_with($clientId, 'SANDBOX_') && getenv('ANTOM_LIVE') !== '1') {{
        throw new RuntimeException('a starter runs against the sandbox or antom sim; set ANTOM_LIVE=1 to run it live');
    }}
    $options = [
        'clientId' => $clientId,
        'privateKey' => file_get_contents(need('ANTOM_PRIVATE_KEY_FILE')),
        'antomPublicKey' => file_get_contents(need('ANTOM_PUBLIC_KEY_FILE')),
    ];
    if ($gateway) {{
        $options['gatewayUrl'] = $gateway;
    }} else {{
        $options['region'] = getenv('ANTOM_REGION') ?: 'asia';
    }}
    return new Antom\Client($options);
}}

/** One line per call. Only a verified F is a failure; a U is not known yet. */
function report(string $step, Antom\Response $r, array $shown): bool
{{
    $extra = '';
    foreach ($shown as $k => $v) {{
        $extra .= " $k=" . (is_scalar($v) ? (string) $v : json_encode($v));
    }}
    echo "$step: {{$r->resultStatus}} {{$r->resultCode}} verified=", $r->verified ? 'true' : 'false', $extra, "\n";
    if ($r->isFailure && $r->resultCode === 'REPEAT_REQ_INCONSISTENT') {{
        throw new RuntimeException("$step: this key went with another request before: inquire, never charge again");
    }}
    if ($r->isFailure) {{
        throw new RuntimeException("$step failed: {{$r->resultCode}}");
    }}
    if (!$r->isSuccess) {{
        echo "$step: not final yet: inquire or wait for the notification; never charge again\n";
    }}
    return $r->isSuccess;
}}

/** An inquiry before a pay: true only when Antom verifiably has no payment for the order. */
function new_order(string $step, Antom\Response $r, array $shown): bool
{{
    $extra = '';
    foreach ($shown as $k => $v) {{
        $extra .= " $k=" . (is_scalar($v) ? (string) $v : json_encode($v));
    }}
    echo "$step: {{$r->resultStatus}} {{$r->resultCode}} verified=", $r->verified ? 'true' : 'false', $extra, "\n";
    if ($r->verified && $r->isFailure && $r->resultCode === 'ORDER_NOT_EXIST') {{
        return true;
    }}
    echo $r->isSuccess ? "$step: this order has a payment already: nothing is sent again\n" : "$step: not known: inquire again later; never charge again\n";
    return false;
}}

/** Your notify URL: verify the raw bytes before reading them, act once, answer the ack. */
function on_notification(Antom\Client $c, string $path, array $headers, string $body): string
{{
    $n = $c->verifyNotification($path, $headers, $body);
    echo "notification {{$n->kind}}: {{$n->resultStatus}} {{$n->resultCode}}\n";
    return Antom\Notification::ACK;
}}

function start(Antom\Client $c, string $order): void
{{
{start}}}

function resume(Antom\Client $c, string $order{php_value}): void
{{
{resume}}}

if ($argc > 2 && (strlen($argv[2]) === 0 || strlen($argv[2]) > 54)) {{
    fwrite(STDERR, "the order id is 1 to 54 characters (it is every idempotency key, with room for a suffix)\n");
    exit(2);
}}
$start = $argc === 3 && $argv[1] === 'start';
$resume = $argc === {php_argc} && $argv[1] === 'resume';
if (!$start && !$resume) {{
    fwrite(STDERR, "usage: {file} start <order id> | resume <order id>{usage_value}\n");
    exit(2);
}}
try {{
    if ($start) {{
        start(client(), $argv[2]);
    }} else {{
        resume(client(), $argv[2]{php_pass});
    }}
}} catch (Antom\AntomException $e) {{
    if (!$e->isOutcomeUnknown()) {{
        throw $e;
    }}
    fwrite(STDERR, "outcome unknown for {{$e->getIdempotencyKey()}}: inquire with it (or wait for the notification) before anything else; never charge again\n");
    exit(1);
}} catch (RuntimeException $e) {{
    fwrite(STDERR, $e->getMessage() . "\n");
    exit(1);
}}
"#,
                banner = crate::banner("//"),
                doc = doc.join("\n"),
                php_argc = if value { 4 } else { 3 },
                php_value = if value { ", string $resumeWith" } else { "" },
                php_pass = if value { ", $argv[3]" } else { "" },
            )
        }
    }
}
