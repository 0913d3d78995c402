//! `antom mcp`: an MCP server over stdio (the `rmcp` crate) for AI assistants that integrate
//! Antom. It is configured like `antom call`; with no merchant given it runs the simulator in
//! this process and points at it. Its tools (mcp_tools.rs) call through the same bridge every
//! language binding uses, and it holds the red lines itself: a body is checked against Antom's
//! schema before it is signed, a pay after an unknown outcome is refused until it is settled
//! (pay_guard.rs), an unverified answer is never presented as final, and no answer or error
//! holds key material (the core's errors never do).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, OnceLock};

use antom::ErrorKind;
use antom_bridge::operations::{Outcome, Value as Arg};
use antom_bridge::testing::SimHandle;
use antom_bridge::{ErrorView, Handle, Naming, Options};
use clap::Args;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    ListToolsResult, PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};
use serde_json::{json, Map, Value};

use crate::mcp_inbox::Inbox;
use crate::mcp_tools::{tools, Run, ToolSpec};
use crate::mcp_verdict::{is_pay, judge, not_final};
use crate::pay_guard::PayGuard;
use crate::wire_schema;

#[derive(Args)]
pub struct McpArgs {
    /// Merchant client id; with no merchant given, the simulator runs in this process.
    #[arg(long, requires_all = ["private_key", "antom_public_key"])]
    client_id: Option<String>,
    /// Merchant private key file.
    #[arg(long, allow_hyphen_values = true, requires = "client_id")]
    private_key: Option<PathBuf>,
    /// Antom public key file.
    #[arg(long, allow_hyphen_values = true, requires = "client_id")]
    antom_public_key: Option<PathBuf>,
    /// asia, north-america, europe or us.
    #[arg(long, conflicts_with = "gateway", requires = "client_id")]
    region: Option<String>,
    /// Explicit gateway URL (http:// only for loopback).
    #[arg(long, requires = "client_id")]
    gateway: Option<String>,
}

struct Inner {
    handle: Handle,
    // Shared with `run`, which drops the last reference outside the async runtime: stopping
    // the simulator blocks, and a runtime's own threads must not.
    sim: Option<Arc<Mutex<SimHandle>>>,
    tools: Vec<ToolSpec>,
    guard: Arc<PayGuard>,
    /// The webhook beside the simulator (set once the runtime runs).
    inbox: OnceLock<Arc<Inbox>>,
    /// The simulator's merchant and its Antom key, for check_webhook.
    antom_key: Option<(String, PathBuf)>,
}

#[derive(Clone)]
struct Server(Arc<Inner>);

type Answer = Result<Value, Value>;

fn failure(message: impl Into<String>) -> Value {
    json!({ "error": message.into() })
}

fn sdk_error(e: &antom::Error, next: Option<String>) -> Value {
    let mut v = serde_json::to_value(ErrorView::from(e)).unwrap_or(Value::Null);
    if let Some(next) = next {
        v["next"] = json!(next);
    }
    v
}

pub fn run(args: McpArgs) -> antom::Result<ExitCode> {
    let (handle, sim) = connect(args)?;
    let antom_key = sim.as_ref().map(|s| {
        let info: Value = serde_json::from_str(s.info()).unwrap_or(Value::Null);
        let dir = PathBuf::from(
            info["merchant_private_key_file"]
                .as_str()
                .unwrap_or_default(),
        );
        let key = dir.with_file_name("antom_private_key.pem");
        (
            info["client_id"].as_str().unwrap_or_default().to_string(),
            key,
        )
    });
    let sim = sim.map(|s| Arc::new(Mutex::new(s)));
    let inner = Inner {
        handle,
        tools: tools(sim.is_some()),
        sim: sim.clone(),
        guard: Arc::default(),
        inbox: OnceLock::new(),
        antom_key,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| antom::Error::new(ErrorKind::Transport, format!("cannot start: {e}")))?;
    let with_sim = sim.is_some();
    let served = runtime.block_on(async {
        let inner = Arc::new(inner);
        if with_sim {
            let inbox = crate::mcp_inbox::start(inner.handle.clone(), inner.guard.clone())
                .await
                .map_err(|e| antom::Error::new(ErrorKind::Transport, format!("webhook: {e}")))?;
            let _ = inner.inbox.set(inbox);
        }
        let service = Server(inner)
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|e| antom::Error::new(ErrorKind::Transport, format!("mcp: {e}")))?;
        let _ = service.waiting().await;
        Ok(ExitCode::SUCCESS)
    });
    // Every task is gone with the runtime: the simulator stops here, on this thread.
    drop(runtime);
    drop(sim);
    served
}

/// The client: the merchant's, or the in-process simulator's (its audit on).
fn connect(args: McpArgs) -> antom::Result<(Handle, Option<SimHandle>)> {
    let path = |p: PathBuf| json!({ "path": p.to_string_lossy() });
    let (options, sim) = match (args.client_id, args.private_key, args.antom_public_key) {
        (Some(id), Some(key), Some(antom_key)) => {
            let mut o =
                json!({"clientId": id, "privateKey": path(key), "antomPublicKey": path(antom_key)});
            if let Some(r) = args.region {
                o["region"] = json!(r);
            }
            if let Some(g) = args.gateway {
                o["gatewayUrl"] = json!(g);
            }
            (o, None)
        }
        _ => {
            let sim = SimHandle::start(r#"{"audit": true, "timeScale": 0.01}"#)?;
            let info: Value = serde_json::from_str(sim.info()).unwrap_or(Value::Null);
            let o = json!({
                "clientId": info["client_id"],
                "privateKey": {"path": info["merchant_private_key_file"]},
                "antomPublicKey": {"path": info["antom_public_key_file"]},
                "gatewayUrl": info["url"],
            });
            (o, Some(sim))
        }
    };
    let options = Options::from_json(options, Naming::Camel)?;
    Ok((Handle::new(&options, "mcp")?, sim))
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        let gateway = if self.0.sim.is_some() {
            "the Antom simulator running inside this server (no account, no network)"
        } else {
            "the merchant's Antom gateway"
        };
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("antom", antom::VERSION))
            .with_instructions(format!(
                "Antom's Open API through the antom SDK, on {gateway}. Start with guide (the \
                 merchant's words; ask its questions back before choosing), then guide_product. \
                 describe_endpoint before call_endpoint; never pay again after an answer that is not final: inquire. With \
                 the simulator, the notifications tool gives a paymentNotifyUrl whose deliveries \
                 it verifies and lists."
            ))
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        let list = self
            .0
            .tools
            .iter()
            .map(|t| Tool::new(t.name.clone(), t.doc.clone(), t.schema.clone()))
            .collect();
        Ok(ListToolsResult::with_all_items(list))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let Some(spec) = self.0.tools.iter().find(|t| t.name == request.name) else {
            return Err(ErrorData::invalid_params(
                format!("no tool named {}", request.name),
                None,
            ));
        };
        let args = request.arguments.unwrap_or_default();
        let answer = match check_args(spec, &args) {
            Err(why) => Err(failure(why)),
            Ok(()) => self.run(spec.run, args).await,
        };
        let (text, is_error) = match answer {
            Ok(v) => (v, false),
            Err(v) => (v, true),
        };
        let text = serde_json::to_string_pretty(&text).unwrap_or_default();
        let content = vec![ContentBlock::text(text)];
        Ok(if is_error {
            CallToolResult::error(content)
        } else {
            CallToolResult::success(content)
        }
        .into())
    }
}

/// The arguments against the tool's schema: required ones present, no others, each its type.
fn check_args(spec: &ToolSpec, args: &Map<String, Value>) -> Result<(), String> {
    let props = spec
        .schema
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let required = spec.schema.get("required").and_then(Value::as_array);
    for r in required.into_iter().flatten() {
        let r = r.as_str().unwrap_or_default();
        if args.get(r).is_none_or(Value::is_null) {
            return Err(format!("{} needs `{r}`", spec.name));
        }
    }
    for (k, v) in args {
        let Some(p) = props.get(k) else {
            let known: Vec<&String> = props.keys().collect();
            return Err(format!("{} takes no `{k}`; it takes {known:?}", spec.name));
        };
        let fits = match p["type"].as_str() {
            Some("string") => v.is_string(),
            Some("object") => v.is_object(),
            Some("integer") => v.is_i64() || v.is_u64(),
            _ => true,
        };
        if !fits && !v.is_null() {
            return Err(format!("{}: `{k}` must be a JSON {}", spec.name, p["type"]));
        }
    }
    Ok(())
}

impl Server {
    async fn run(&self, run: Run, args: Map<String, Value>) -> Answer {
        let text = |k: &str| {
            args.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        match run {
            Run::ListEndpoints => Ok(list_endpoints(&text("contains"))),
            Run::Guide => Ok(crate::guide::find(&text("description"))),
            Run::GuideProduct => {
                let optional = |k: &str| args.get(k).and_then(Value::as_str);
                let mut plan =
                    crate::guide::plan(&text("product"), optional("method"), optional("language"))
                        .map_err(failure)?;
                // With the simulator, how to run a starter against it: paths, never key text.
                if let Some(sim) = &self.0.sim {
                    let sim = sim.lock().unwrap_or_else(|p| p.into_inner());
                    let info: Value = serde_json::from_str(sim.info()).unwrap_or(Value::Null);
                    plan["environment"] = json!({
                        "ANTOM_CLIENT_ID": info["client_id"],
                        "ANTOM_PRIVATE_KEY_FILE": info["merchant_private_key_file"],
                        "ANTOM_PUBLIC_KEY_FILE": info["antom_public_key_file"],
                        "ANTOM_GATEWAY_URL": info["url"],
                    });
                }
                Ok(plan)
            }
            Run::DescribeEndpoint => endpoint(&text("endpoint")).map(wire_schema::describe),
            Run::CallEndpoint => {
                let e = endpoint(&text("endpoint"))?;
                self.call(e, args.get("body").cloned().unwrap_or(Value::Null))
                    .await
            }
            Run::Body(name) => {
                let e = endpoint(name)?;
                self.call(e, args.get("body").cloned().unwrap_or(Value::Null))
                    .await
            }
            Run::ById(name, field) => {
                let e = endpoint(name)?;
                self.call(e, json!({ field: text(field) })).await
            }
            Run::VerifyNotification => self.verify(&args).await,
            Run::CheckWebhook => self.check_webhook(&text("url")).await,
            Run::Notifications => {
                let inbox = self.0.inbox.get().ok_or_else(|| failure("no simulator"))?;
                Ok(json!({"url": inbox.url, "received": inbox.received()}))
            }
            Run::Sim(control) => {
                let inner = self.0.clone();
                let args = Value::Object(args).to_string();
                let answer = tokio::task::spawn_blocking(move || {
                    let sim = inner.sim.as_ref().ok_or_else(|| failure("no simulator"))?;
                    let sim = sim.lock().unwrap_or_else(|p| p.into_inner());
                    sim.control(control.name, &args)
                        .map_err(|e| sdk_error(&e, None))
                })
                .await
                .map_err(|e| failure(format!("the control stopped: {e}")))??;
                Ok(serde_json::from_str(&answer).unwrap_or(Value::String(answer)))
            }
        }
    }

    /// One signed call: the body checked, the pay reserved, the answer judged.
    async fn call(&self, e: &'static antom::catalog::Endpoint, body: Value) -> Answer {
        let problems = wire_schema::check(e, &body);
        if !problems.is_empty() {
            return Err(json!({
                "error": format!("the body does not fit {}'s schema; nothing was signed or sent", e.name),
                "problems": problems,
            }));
        }
        let pay_id = if is_pay(e.name) {
            self.0.guard.reserve(&body).map_err(failure)?;
            body["paymentRequestId"].as_str()
        } else {
            None
        };
        let args = vec![
            Arg::Text(e.name.to_string()),
            Arg::Body(antom::RequestBody::Json(body.clone())),
        ];
        match self.0.handle.invoke("call", args, Naming::Camel).await {
            Ok(Outcome::Response(r)) => Ok(judge(&self.0.guard, e, &body, r)),
            Ok(_) => Err(failure("the call answered something other than a response")),
            Err(err) => {
                // Refused before it could have had an effect: the order is free again.
                if let (Some(id), false) = (pay_id, err.is_outcome_unknown()) {
                    self.0.guard.settled(id);
                }
                let next = err.is_outcome_unknown().then(|| not_final(e, &body));
                Err(sdk_error(&err, next))
            }
        }
    }

    async fn check_webhook(&self, url: &str) -> Answer {
        // This server's own webhook verifies every delivery already; a genuine notification the
        // check sends it would settle a pay that never happened.
        if let Some(inbox) = self.0.inbox.get() {
            if same_server(url, &inbox.url) {
                return Err(failure(
                    "that is this server's own webhook (the notifications tool); check_webhook is for the merchant's handler",
                ));
            }
        }
        let (client_id, key) = self
            .0
            .antom_key
            .as_ref()
            .ok_or_else(|| failure("no simulator"))?;
        let key = antom::PrivateKey::from_file(key).map_err(|e| sdk_error(&e, None))?;
        let lines = antom::check::check_webhook(url, &key, client_id, antom::check::ANSWER_TIMEOUT)
            .await
            .map_err(|e| sdk_error(&e, None))?;
        let passed = lines.iter().all(|l| l.passed);
        let lines: Vec<Value> = lines
            .iter()
            .map(|l| json!({"check": l.name, "passed": l.passed, "why": l.why}))
            .collect();
        let answer = json!({"passed": passed, "checks": lines});
        if passed {
            Ok(answer)
        } else {
            Err(answer)
        }
    }

    async fn verify(&self, args: &Map<String, Value>) -> Answer {
        let headers: Vec<(String, String)> = args["headers"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
            .collect();
        let call = vec![
            Arg::Text(args["path"].as_str().unwrap_or_default().to_string()),
            Arg::Headers(headers),
            Arg::Bytes(
                args["body"]
                    .as_str()
                    .unwrap_or_default()
                    .as_bytes()
                    .to_vec(),
            ),
        ];
        match self.0.handle.invoke("verify_notification", call, Naming::Camel).await {
            Ok(Outcome::Notification(n)) => {
                if n.kind == "PAYMENT_RESULT" {
                    if let Some(id) = n.data["paymentRequestId"].as_str() {
                        self.0.guard.settled(id);
                    }
                }
                Ok(json!({
                    "verified": true,
                    "kind": n.kind,
                    "model": n.model,
                    "resultStatus": n.result_status,
                    "resultCode": n.result_code,
                    "data": n.data,
                    "next": format!("Answer the delivery with HTTP 200 and exactly this body: {}", antom::NOTIFICATION_ACK),
                }))
            }
            Ok(_) => Err(failure("verification answered something other than a notification")),
            Err(e) => Err(sdk_error(
                &e,
                Some("Not verified: do not act on it, and answer it with an error status so Antom delivers it again.".into()),
            )),
        }
    }
}

/// What to do when the outcome is not known.
/// Whether two URLs reach the same server: the same port on the same host, every loopback name
/// being one host.
fn same_server(a: &str, b: &str) -> bool {
    let (Ok(a), Ok(b)) = (reqwest::Url::parse(a), reqwest::Url::parse(b)) else {
        return false;
    };
    let loopback = |u: &reqwest::Url| {
        let host = u.host_str().unwrap_or_default();
        let host = host.trim_start_matches('[').trim_end_matches(']');
        host.eq_ignore_ascii_case("localhost")
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    };
    a.port_or_known_default() == b.port_or_known_default()
        && (a.host_str() == b.host_str() || (loopback(&a) && loopback(&b)))
}

fn endpoint(name: &str) -> Result<&'static antom::catalog::Endpoint, Value> {
    antom::catalog::find(name).ok_or_else(|| {
        failure(format!(
            "no endpoint named `{}`; list_endpoints shows them",
            name.chars().take(80).collect::<String>()
        ))
    })
}

fn list_endpoints(contains: &str) -> Value {
    let word = contains.to_lowercase();
    let hit = |s: &str| s.to_lowercase().contains(&word);
    let list: Vec<Value> = antom::catalog::all()
        .iter()
        .filter(|e| word.is_empty() || hit(e.name) || hit(e.path) || hit(e.group))
        .map(|e| {
            json!({
                "name": e.name,
                "path": e.path,
                "group": e.group,
                "readOnly": e.read_only,
                "idempotencyField": e.idempotency_field,
                "paged": e.paging.is_some(),
            })
        })
        .collect();
    json!({ "count": list.len(), "endpoints": list })
}
