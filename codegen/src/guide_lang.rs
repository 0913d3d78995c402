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
        Lang::Php | Lang::Node => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        _ => serde_json::to_string(s).unwrap_or_default(),
    }
}

pub fn say(lang: Lang, text: &str) -> String {
    let t = lit(lang, text);
    match lang {
        Lang::Python => format!("    print({t})\n"),
        Lang::Node => format!("  console.log({t})\n"),
        Lang::Dotnet => format!("        Console.WriteLine({t});\n"),
        Lang::Java => format!("        System.out.println({t});\n"),
        Lang::Php => format!("    echo {t}, \"\\n\";\n"),
    }
}

pub fn print_next(lang: Lang, name: &str, expr: &str) -> String {
    let label = lit(lang, &format!("next {name}: "));
    match lang {
        Lang::Python => format!("    print({label} + str({expr}))\n"),
        Lang::Node => format!("  console.log({label} + String({expr}))\n"),
        Lang::Dotnet => format!("        Console.WriteLine({label} + {expr});\n"),
        Lang::Java => format!("        System.out.println({label} + {expr});\n"),
        Lang::Php => format!("    echo {label}, {expr}, \"\\n\";\n"),
    }
}

pub fn report(lang: Lang, endpoint: &str, v: &str, shown: &[(String, String)]) -> String {
    let e = lit(lang, endpoint);
    match lang {
        Lang::Python => {
            let kw: Vec<String> = shown.iter().map(|(k, x)| format!(", {k}={x}")).collect();
            format!("    report({e}, {v}{})\n", kw.join(""))
        }
        Lang::Node => {
            let kv: Vec<String> = shown.iter().map(|(k, x)| format!("{k}: {x}")).collect();
            format!("  report({e}, {v}, {{ {} }})\n", kv.join(", "))
        }
        Lang::Dotnet | Lang::Java => {
            let kv: Vec<String> = shown
                .iter()
                .map(|(k, x)| format!(", {}, {x}", lit(lang, k)))
                .collect();
            format!("        Report({e}, {v}{});\n", kv.join("")).replace(
                "Report(",
                if lang == Lang::Java {
                    "report("
                } else {
                    "Report("
                },
            )
        }
        Lang::Php => {
            let kv: Vec<String> = shown
                .iter()
                .map(|(k, x)| format!("{} => {x}", lit(lang, k)))
                .collect();
            format!("    report({e}, {v}, [{}]);\n", kv.join(", "))
        }
    }
}

fn header(lang: Lang, s: &Starter, file: &str) -> Vec<String> {
    let run = match lang {
        Lang::Python => format!("python {file}"),
        Lang::Node => format!("npx tsc {file} && node {}", file.replace(".ts", ".js")),
        Lang::Dotnet => format!("mono {}", file.replace(".cs", ".exe")),
        Lang::Java => format!("java {}", file.replace(".java", "")),
        Lang::Php => format!("php {file}"),
    };
    vec![
        format!("{}: {}", s.name, s.asks),
        String::new(),
        "Written from tools/guide.json (`antom guide` shows it); each body is its request's typed model."
            .into(),
        "Set ANTOM_CLIENT_ID, ANTOM_PRIVATE_KEY_FILE and ANTOM_PUBLIC_KEY_FILE (ANTOM_GATEWAY_URL"
            .into(),
        "points it at `antom sim`; without it the asia gateway is used), then run".into(),
        format!("    {run}"),
        format!(
            "and, once the buyer {}, again with the {} it printed (or a notification gave):",
            s.buyer, s.resume_with
        ),
        format!("    {run} <{}>", s.resume_with),
    ]
}

pub fn program(lang: Lang, s: &Starter, imports: &[String], start: &str, resume: &str) -> String {
    let file = lang.path(&s.id);
    let file = file.rsplit('/').next().unwrap_or_default();
    let head = header(lang, s, file);
    let id = &s.id;
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
import time
from typing import Any, Mapping

import antom
{imports}
NOTIFY_URL = os.environ.get("ANTOM_NOTIFY_URL", "https://merchant.example/antom/notify")
REDIRECT_URL = os.environ.get("ANTOM_REDIRECT_URL", "https://merchant.example/antom/return")


def client() -> antom.Client:
    gateway = os.environ.get("ANTOM_GATEWAY_URL")
    return antom.Client(
        os.environ["ANTOM_CLIENT_ID"],
        pathlib.Path(os.environ["ANTOM_PRIVATE_KEY_FILE"]),
        pathlib.Path(os.environ["ANTOM_PUBLIC_KEY_FILE"]),
        gateway_url=gateway,
        region=None if gateway else "asia",
    )


def report(step: str, r: "antom.Response[Any]", **shown: Any) -> None:
    """One line per call. Only a verified F is a failure; a U is not known yet."""
    extra = "".join(f" {{k}}={{v}}" for k, v in shown.items())
    print(f"{{step}}: {{r.result_status}} {{r.result_code}} verified={{r.verified}}{{extra}}")
    if r.is_failure:
        sys.exit(f"{{step}} failed: {{r.result_code}}")
    if not r.is_success:
        print(f"{{step}}: not final yet: inquire or wait for the notification; never charge again")


def on_notification(c: antom.Client, path: str, headers: Mapping[str, str], body: bytes) -> str:
    """Your notify URL: verify the raw bytes before reading them, act once, answer the ack."""
    n = c.verify_notification(path, headers, body)
    print(f"notification {{n.kind}}: {{n.result_status}} {{n.result_code}}")
    return antom.NOTIFICATION_ACK


def start(c: antom.Client, order: str) -> None:
{start}

def resume(c: antom.Client, order: str, resume_with: str) -> None:
{resume}

if __name__ == "__main__":
    order = f"{id}-{{time.time_ns()}}"
    try:
        if len(sys.argv) > 1:
            resume(client(), order, sys.argv[1])
        else:
            start(client(), order)
    except antom.OutcomeUnknownError as e:
        sys.exit(f"outcome unknown: inquire with {{e.idempotency_key}}; never charge again")
"#,
                banner = crate::banner("#"),
                doc = doc.join("\n"),
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
import {{ AntomError, Client, NOTIFICATION_ACK, type IncomingHeaders, type Response }} from 'antom'

const NOTIFY_URL = process.env.ANTOM_NOTIFY_URL ?? 'https://merchant.example/antom/notify'
const REDIRECT_URL = process.env.ANTOM_REDIRECT_URL ?? 'https://merchant.example/antom/return'

function need(name: string): string {{
  const v = process.env[name]
  if (!v) throw new Error(`set ${{name}}`)
  return v
}}

function client(): Client {{
  const gateway = process.env.ANTOM_GATEWAY_URL
  return new Client({{
    clientId: need('ANTOM_CLIENT_ID'),
    privateKey: fs.readFileSync(need('ANTOM_PRIVATE_KEY_FILE')),
    antomPublicKey: fs.readFileSync(need('ANTOM_PUBLIC_KEY_FILE')),
    ...(gateway ? {{ gatewayUrl: gateway }} : {{ region: 'asia' as const }}),
  }})
}}

/** One line per call. Only a verified F is a failure; a U is not known yet. */
function report(step: string, r: Response<unknown>, shown: Record<string, unknown>): void {{
  const extra = Object.entries(shown).map(([k, v]) => ` ${{k}}=${{String(v)}}`).join('')
  console.log(`${{step}}: ${{r.resultStatus}} ${{r.resultCode}} verified=${{r.verified}}${{extra}}`)
  if (r.isFailure) throw new Error(`${{step}} failed: ${{r.resultCode}}`)
  if (!r.isSuccess) console.log(`${{step}}: not final yet: inquire or wait for the notification; never charge again`)
}}

/** Your notify URL: verify the raw bytes before reading them, act once, answer the ack. */
export function onNotification(c: Client, path: string, headers: IncomingHeaders, body: Buffer): string {{
  const n = c.verifyNotification(path, headers, body)
  console.log(`notification ${{n.kind}}: ${{n.resultStatus}} ${{n.resultCode}}`)
  return NOTIFICATION_ACK
}}

async function start(c: Client, order: string): Promise<void> {{
{start}}}

async function resume(c: Client, order: string, resumeWith: string): Promise<void> {{
{resume}}}

async function main(): Promise<void> {{
  const order = `{id}-${{Date.now()}}`
  const arg = process.argv[2]
  if (arg) await resume(client(), order, arg)
  else await start(client(), order)
}}

main().catch((e: unknown) => {{
  if (e instanceof AntomError && e.code === 'OUTCOME_UNKNOWN') {{
    console.error(`outcome unknown: inquire with ${{e.idempotencyKey}}; never charge again`)
  }} else {{
    console.error(e instanceof Error ? e.message : e)
  }}
  process.exit(1)
}})
"#,
                banner = crate::banner("//"),
                doc = doc.join("\n"),
            )
        }
        Lang::Dotnet => {
            let doc: Vec<String> = head
                .iter()
                .map(|l| format!("// {l}").trim_end().to_string())
                .collect();
            let cls = class(id);
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

    static AntomClient Client()
    {{
        string gateway = Environment.GetEnvironmentVariable("ANTOM_GATEWAY_URL");
        return new AntomClient(new AntomOptions
        {{
            ClientId = Need("ANTOM_CLIENT_ID"),
            PrivateKey = File.ReadAllText(Need("ANTOM_PRIVATE_KEY_FILE")),
            AntomPublicKey = File.ReadAllText(Need("ANTOM_PUBLIC_KEY_FILE")),
            GatewayUrl = gateway,
            Region = gateway == null ? "asia" : null,
        }});
    }}

    // One line per call. Only a verified F is a failure; a U is not known yet.
    static void Report(string step, AntomResponse r, params object[] shown)
    {{
        var extra = "";
        for (int i = 0; i + 1 < shown.Length; i += 2) extra += " " + shown[i] + "=" + shown[i + 1];
        Console.WriteLine(step + ": " + r.ResultStatus + " " + r.ResultCode + " verified=" + r.Verified + extra);
        if (r.IsFailure) throw new InvalidOperationException(step + " failed: " + r.ResultCode);
        if (!r.IsSuccess) Console.WriteLine(step + ": not final yet: inquire or wait for the notification; never charge again");
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

    static void Resume(AntomClient c, string order, string resumeWith)
    {{
{resume}    }}

    public static int Main(string[] args)
    {{
        string order = "{id}-" + DateTime.UtcNow.Ticks;
        try
        {{
            using (var c = Client())
            {{
                if (args.Length > 0) Resume(c, order, args[0]);
                else Start(c, order);
            }}
            return 0;
        }}
        catch (OutcomeUnknownException e)
        {{
            Console.Error.WriteLine("outcome unknown: inquire with " + e.IdempotencyKey + "; never charge again");
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
            )
        }
        Lang::Java => {
            let doc: Vec<String> = head
                .iter()
                .map(|l| format!(" * {l}").trim_end().to_string())
                .collect();
            let cls = class(id);
            format!(
                r#"{banner}import com.antom.AntomClient;
import com.antom.AntomNotification;
import com.antom.AntomResponse;
import com.antom.OutcomeUnknownException;
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

    static AntomClient client() throws java.io.IOException {{
        String gateway = System.getenv("ANTOM_GATEWAY_URL");
        AntomClient.Builder b = AntomClient.builder()
                .clientId(env("ANTOM_CLIENT_ID", ""))
                .privateKey(file("ANTOM_PRIVATE_KEY_FILE"))
                .antomPublicKey(file("ANTOM_PUBLIC_KEY_FILE"));
        if (gateway != null) b.gatewayUrl(gateway);
        else b.region("asia");
        return b.build();
    }}

    /** One line per call. Only a verified F is a failure; a U is not known yet. */
    static void report(String step, AntomResponse<?> r, Object... shown) {{
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i + 1 < shown.length; i += 2) extra.append(' ').append(shown[i]).append('=').append(shown[i + 1]);
        System.out.println(step + ": " + r.getResultStatus() + " " + r.getResultCode() + " verified=" + r.isVerified() + extra);
        if (r.isFailure()) throw new IllegalStateException(step + " failed: " + r.getResultCode());
        if (!r.isSuccess()) System.out.println(step + ": not final yet: inquire or wait for the notification; never charge again");
    }}

    /** Your notify URL: verify the raw bytes before reading them, act once, answer the ack. */
    public static String onNotification(AntomClient c, String path, java.util.Map<String, String> headers, byte[] body) {{
        AntomNotification n = c.verifyNotification(path, headers, body);
        System.out.println("notification " + n.getKind() + ": " + n.getResultStatus() + " " + n.getResultCode());
        return AntomNotification.ACK;
    }}

    static void start(AntomClient c, String order) {{
{start}    }}

    static void resume(AntomClient c, String order, String resumeWith) {{
{resume}    }}

    public static void main(String[] args) throws Exception {{
        String order = "{id}-" + System.currentTimeMillis();
        try (AntomClient c = client()) {{
            if (args.length > 0) resume(c, order, args[0]);
            else start(c, order);
        }} catch (OutcomeUnknownException e) {{
            System.err.println("outcome unknown: inquire with " + e.getIdempotencyKey() + "; never charge again");
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

function client(): Antom\Client
{{
    $options = [
        'clientId' => need('ANTOM_CLIENT_ID'),
        'privateKey' => file_get_contents(need('ANTOM_PRIVATE_KEY_FILE')),
        'antomPublicKey' => file_get_contents(need('ANTOM_PUBLIC_KEY_FILE')),
    ];
    $gateway = getenv('ANTOM_GATEWAY_URL');
    if ($gateway) {{
        $options['gatewayUrl'] = $gateway;
    }} else {{
        $options['region'] = 'asia';
    }}
    return new Antom\Client($options);
}}

/** One line per call. Only a verified F is a failure; a U is not known yet. */
function report(string $step, Antom\Response $r, array $shown): void
{{
    $extra = '';
    foreach ($shown as $k => $v) {{
        $extra .= " $k=" . (is_scalar($v) ? (string) $v : json_encode($v));
    }}
    echo "$step: {{$r->resultStatus}} {{$r->resultCode}} verified=", $r->verified ? 'true' : 'false', $extra, "\n";
    if ($r->isFailure) {{
        throw new RuntimeException("$step failed: {{$r->resultCode}}");
    }}
    if (!$r->isSuccess) {{
        echo "$step: not final yet: inquire or wait for the notification; never charge again\n";
    }}
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

function resume(Antom\Client $c, string $order, string $resumeWith): void
{{
{resume}}}

$order = '{id}-' . hrtime(true);
try {{
    if ($argc > 1) {{
        resume(client(), $order, $argv[1]);
    }} else {{
        start(client(), $order);
    }}
}} catch (Antom\OutcomeUnknownException $e) {{
    fwrite(STDERR, "outcome unknown: inquire with {{$e->getIdempotencyKey()}}; never charge again\n");
    exit(1);
}} catch (RuntimeException $e) {{
    fwrite(STDERR, $e->getMessage() . "\n");
    exit(1);
}}
"#,
                banner = crate::banner("//"),
                doc = doc.join("\n"),
            )
        }
    }
}
