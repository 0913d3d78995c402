//! `antom`: sign, verify, keygen, call, doctor, check and the simulator from the command line.
//!
//! Errors go to stderr as one line (`error: KIND: message`), never with key material.
//! Exit codes: 0 ok; 1 invalid signature (verify) or a call that failed before it could have
//! had an effect; 2 malformed input; 3 a verified `F` result; 4 an unknown outcome (a `U`, an
//! unverified `F`, or no definite answer to a sent request: inquire, never charge again).

// Every block this program frees is zeroed first (bridge/src/memory.rs).
antom_bridge::wipe_freed_memory!();

mod check;
mod guide;
mod guide_starters;
mod mcp;
mod mcp_inbox;
mod mcp_tools;
mod mcp_verdict;
mod pay_guard;
mod report;
mod sim;
mod wire_schema;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use antom::{Config, ErrorKind, PrivateKey, PublicKey, ResultStatus, Signer, Verifier};
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "antom",
    version,
    about = "Antom Open API tools: sign, verify, keygen, call, doctor, check, and a local gateway simulator"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a new RSA-2048 key pair: private_key.pem (PKCS#8) and public_key.pem.
    Keygen {
        /// Folder to write into (created if missing; existing files are not overwritten).
        #[arg(long)]
        out_dir: PathBuf,
    },
    /// Print the Signature header value for a request.
    Sign {
        /// Private key file (PEM or base64, PKCS#8 or PKCS#1).
        #[arg(long, allow_hyphen_values = true)]
        private_key: PathBuf,
        #[command(flatten)]
        content: Content,
        /// keyVersion announced in the header.
        #[arg(long, default_value_t = 1)]
        key_version: u32,
    },
    /// Verify a signature; exit 0 `valid`, 1 `invalid signature`, 2 malformed input.
    Verify {
        /// Public key file (PEM or base64 SPKI, PKCS#1, or a certificate).
        #[arg(long, allow_hyphen_values = true)]
        public_key: PathBuf,
        #[command(flatten)]
        content: Content,
        /// The whole Signature header value, or just the signature.
        #[arg(long)]
        signature: String,
    },
    /// Make a real signed call and print the response JSON. Exit 0 `S`; 3 a verified `F`;
    /// 4 the outcome is unknown (`U`, an unverified `F`, no answer): inquire, never charge again.
    Call {
        /// Merchant client id (`SANDBOX_...` uses the sandbox paths).
        #[arg(long)]
        client_id: String,
        /// Merchant private key file.
        #[arg(long, allow_hyphen_values = true)]
        private_key: PathBuf,
        /// Antom public key file.
        #[arg(long, allow_hyphen_values = true)]
        antom_public_key: PathBuf,
        /// asia, north-america, europe or us.
        #[arg(long, conflicts_with = "gateway")]
        region: Option<String>,
        /// Explicit gateway URL (http:// only for loopback, e.g. the simulator).
        #[arg(long)]
        gateway: Option<String>,
        /// Endpoint: a catalog name (payments.pay, inquiryPayment) or a path.
        endpoint: String,
        /// JSON body file, or - for stdin.
        #[arg(long)]
        body_file: PathBuf,
        /// Seconds allowed per attempt.
        #[arg(long, default_value_t = 15.0)]
        timeout: f64,
        /// Retries for failures where a retry is safe.
        #[arg(long, default_value_t = 2)]
        max_retries: u32,
    },
    /// Check keys and configuration, and print what this build uses.
    Doctor {
        /// Merchant private key file to check.
        #[arg(long, allow_hyphen_values = true)]
        private_key: Option<PathBuf>,
        /// Antom public key file to check.
        #[arg(long, allow_hyphen_values = true)]
        antom_public_key: Option<PathBuf>,
        /// Client id to check.
        #[arg(long)]
        client_id: Option<String>,
    },
    /// List the endpoint catalog.
    Endpoints,
    /// Check an integration against Antom's checklist.
    #[command(subcommand)]
    Check(check::CheckCmd),
    /// Run the local Antom gateway simulator on 127.0.0.1. Prints one JSON line (url, client
    /// id, key files) on stdout; logs go to stderr. Stops on Ctrl-C or SIGTERM.
    Sim(sim::SimArgs),
    /// From a merchant's words to the product that fits, asking back when more than one does;
    /// with --product, its API sequence, notifications, red lines and starter code.
    Guide {
        /// What the merchant sells and how buyers should pay, in their words.
        description: Option<String>,
        /// A product id (from the first answer): show its plan and starters.
        #[arg(long, conflicts_with = "description")]
        product: Option<String>,
        /// The payment method the starters use (a value of Antom's schema, e.g. GCASH).
        #[arg(long, requires = "product")]
        method: Option<String>,
        /// Only this language's starter: python, node, dotnet, java or php.
        #[arg(long, requires = "product")]
        lang: Option<String>,
        /// JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// An MCP server on stdio for AI assistants that integrate Antom: the catalog and schema,
    /// checked and signed calls, the payment flow with its red lines held, notification
    /// verification, and the simulator's controls. With no merchant given it runs the
    /// simulator in this process.
    Mcp(mcp::McpArgs),
}

#[derive(Args)]
struct Content {
    /// Client id.
    #[arg(long)]
    client_id: String,
    /// Request path, e.g. /ams/api/v1/payments/pay.
    #[arg(long)]
    path: String,
    /// Request-Time / Response-Time value, signed verbatim.
    #[arg(long)]
    time: String,
    /// Body file, or - for stdin; its exact bytes are signed.
    #[arg(long)]
    body_file: PathBuf,
    /// HTTP method.
    #[arg(long, default_value = "POST")]
    method: String,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(match e.kind() {
                ErrorKind::InvalidKey | ErrorKind::InvalidHeader | ErrorKind::InvalidInput => 2,
                _ => 1,
            })
        }
    }
}

fn read_body(path: &Path) -> antom::Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| {
            antom::Error::new(ErrorKind::InvalidInput, format!("cannot read stdin: {e}"))
        })?;
        return Ok(buf);
    }
    std::fs::read(path).map_err(|e| {
        antom::Error::new(
            ErrorKind::InvalidInput,
            format!("cannot read body file {}: {e}", path.display()),
        )
    })
}

fn run(command: Command) -> antom::Result<ExitCode> {
    match command {
        Command::Keygen { out_dir } => keygen(&out_dir),
        Command::Sign {
            private_key,
            content,
            key_version,
        } => {
            let signer = Signer::new(PrivateKey::from_file(private_key)?, key_version);
            let body = read_body(&content.body_file)?;
            println!(
                "{}",
                signer.sign(
                    &content.method,
                    &content.path,
                    &content.client_id,
                    &content.time,
                    &body
                )?
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify {
            public_key,
            content,
            signature,
        } => {
            let verifier = Verifier::new(PublicKey::from_file(public_key)?);
            let body = read_body(&content.body_file)?;
            match verifier.verify(
                &content.method,
                &content.path,
                &content.client_id,
                &content.time,
                &body,
                &signature,
            ) {
                Ok(()) => {
                    println!("valid");
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) if e.kind() == ErrorKind::SignatureMismatch => {
                    println!("invalid signature");
                    Ok(ExitCode::from(1))
                }
                Err(e) => Err(e),
            }
        }
        Command::Call {
            client_id,
            private_key,
            antom_public_key,
            region,
            gateway,
            endpoint,
            body_file,
            timeout,
            max_retries,
        } => {
            let timeout = Duration::try_from_secs_f64(timeout).map_err(|_| {
                antom::Error::new(
                    ErrorKind::InvalidInput,
                    "--timeout must be a positive number of seconds",
                )
            })?;
            let mut builder = Config::builder(
                client_id,
                PrivateKey::from_file(private_key)?,
                PublicKey::from_file(antom_public_key)?,
            )
            .timeout(timeout)
            .max_retries(max_retries)
            .user_agent_suffix("cli");
            if let Some(region) = region {
                builder = builder.region(region.parse()?);
            }
            if let Some(gateway) = gateway {
                builder = builder.gateway_url(gateway);
            }
            let client = antom::blocking::Client::new(builder.build()?)?;
            match client.call(&endpoint, read_body(&body_file)?) {
                Ok(response) => Ok(call_exit(&response)),
                // Sent, and no definite answer: exit 4 like a `U`, never 1 like a failure.
                Err(e) if e.is_outcome_unknown() => {
                    if let Some(raw) = e.raw_body() {
                        println!("{raw}");
                    }
                    eprintln!("error: {e}");
                    eprintln!("{}", unknown_advice(e.idempotency_key()));
                    Ok(ExitCode::from(4))
                }
                Err(e) => Err(e),
            }
        }
        Command::Doctor {
            private_key,
            antom_public_key,
            client_id,
        } => doctor(private_key, antom_public_key, client_id),
        Command::Sim(args) => sim::run(args),
        Command::Mcp(args) => mcp::run(args),
        Command::Check(cmd) => check::run(cmd),
        Command::Guide {
            description,
            product,
            method,
            lang,
            json,
        } => {
            let answer = match (description, product) {
                (_, Some(p)) => guide::plan(&p, method.as_deref(), lang.as_deref())
                    .map_err(|e| antom::Error::new(ErrorKind::InvalidInput, e))?,
                (Some(d), None) => guide::find(&d),
                (None, None) => {
                    return Err(antom::Error::new(
                        ErrorKind::InvalidInput,
                        "say what you sell and how buyers pay, or give --product",
                    ))
                }
            };
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&answer).unwrap_or_default()
                );
            } else {
                print!("{}", guide::text(&answer));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Endpoints => {
            for e in antom::catalog::all() {
                println!(
                    "{}\t{}\t{}",
                    e.name,
                    e.path,
                    e.idempotency_field.unwrap_or("-")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Exit 0 for `S`, 3 only for a verified `F`; 4 for `U` and for an unverified `F`, which anyone
/// on the path could have written.
fn call_exit(response: &antom::Response) -> ExitCode {
    println!("{}", response.raw());
    let (status, code) = (response.result_status(), response.result_code());
    if response.is_success() {
        return ExitCode::SUCCESS;
    }
    if response.is_failure() {
        eprintln!("result: F {code} {}", response.result_message());
        return ExitCode::from(3);
    }
    if status == ResultStatus::Failure {
        eprintln!(
            "result: F {code}, unverified (no valid signature): not a final failure, anyone on the path could have written it"
        );
    } else if let Some(url) = response.data()["normalUrl"]
        .as_str()
        // Only a verified answer's link: anyone on the path could write an unsigned one.
        .filter(|_| code == "PAYMENT_IN_PROCESS" && response.verified())
    {
        // A cashier pay's normal answer: the buyer has yet to pay.
        eprintln!("result: U PAYMENT_IN_PROCESS: the payment waits for the buyer");
        eprintln!("send the buyer to normalUrl: {url}");
        eprintln!(
            "then wait for the payment notification, or inquire{}; never charge again",
            response
                .idempotency_key()
                .map(|k| format!(" with paymentRequestId {k}"))
                .unwrap_or_default()
        );
        return ExitCode::from(4);
    } else {
        eprintln!("result: U {code}");
    }
    eprintln!("{}", unknown_advice(response.idempotency_key()));
    ExitCode::from(4)
}

fn unknown_advice(key: Option<&str>) -> String {
    format!(
        "outcome unknown: inquire{} or wait for the notification; never charge again",
        key.map(|k| format!(" with {k}")).unwrap_or_default()
    )
}

fn keygen(out_dir: &Path) -> antom::Result<ExitCode> {
    let io = |e: std::io::Error| {
        antom::Error::new(ErrorKind::InvalidInput, format!("cannot write keys: {e}"))
    };
    std::fs::create_dir_all(out_dir).map_err(io)?;
    let pair = antom::generate_key_pair()?;
    let private = out_dir.join("private_key.pem");
    let public = out_dir.join("public_key.pem");
    for p in [&private, &public] {
        if p.exists() {
            return Err(antom::Error::new(
                ErrorKind::InvalidInput,
                format!("{} exists; not overwriting a key", p.display()),
            ));
        }
    }
    write_private(&private, pair.private_pem.as_bytes()).map_err(io)?;
    std::fs::write(&public, pair.public_pem.as_bytes()).map_err(io)?;
    println!(
        "wrote {} (keep it secret) and {}",
        private.display(),
        public.display()
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

fn doctor(
    private_key: Option<PathBuf>,
    antom_public_key: Option<PathBuf>,
    client_id: Option<String>,
) -> antom::Result<ExitCode> {
    println!(
        "antom {} (crypto: {}, TLS: rustls, certificate checks always on)",
        antom::VERSION,
        antom::CRYPTO_BACKEND
    );
    println!("endpoints known: {}", antom::catalog::all().len());
    let mut ok = true;
    let mut private = None;
    if let Some(path) = private_key {
        let shown = antom::describe_key_path(&path);
        match PrivateKey::from_file(&path) {
            Ok(k) => {
                println!("private key {shown}: RSA-{} ok", k.bits());
                private = Some(k);
            }
            Err(e) => {
                ok = false;
                println!("private key {shown}: {e}");
            }
        }
    }
    if let Some(path) = antom_public_key {
        let shown = antom::describe_key_path(&path);
        match PublicKey::from_file(&path) {
            Ok(k) => match private
                .as_ref()
                .map(|p| antom::check_antom_public_key(p, &k))
            {
                Some(Err(e)) => {
                    ok = false;
                    println!("antom public key {shown}: {e}");
                }
                _ => println!("antom public key {shown}: RSA-{} ok", k.bits()),
            },
            Err(e) => {
                ok = false;
                println!("antom public key {shown}: {e}");
            }
        }
    }
    if let Some(id) = client_id {
        let mode = if id.starts_with("SANDBOX_") {
            "sandbox (/ams/sandbox/api paths)"
        } else {
            "production"
        };
        println!("client id {id}: {mode}");
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
