//! `antom sim`: the local Antom gateway simulator as a process.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use antom::ErrorKind;
use clap::Args;

#[derive(Args)]
pub struct SimArgs {
    /// Port (0 = any free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Folder for generated key files (default: a fresh temporary folder).
    #[arg(long)]
    state_dir: Option<PathBuf>,
    /// Register a merchant with its own key (pair with --merchant-public-key; repeatable).
    #[arg(long)]
    client_id: Vec<String>,
    /// The public key file of the matching --client-id.
    #[arg(long, allow_hyphen_values = true)]
    merchant_public_key: Vec<PathBuf>,
    /// The simulator's own signing key (default: generated).
    #[arg(long, allow_hyphen_values = true)]
    antom_private_key: Option<PathBuf>,
    /// Multiplies Antom's notification redelivery delays (e.g. 0.001 in tests).
    #[arg(long, default_value_t = 1.0)]
    time_scale: f64,
    /// How long fault 9902 holds its response, in milliseconds.
    #[arg(long, default_value_t = 20_000)]
    slow_ms: u64,
    /// Persist the ledger (payments, refunds, holds, notifications still being delivered) and
    /// the generated keys in this SQLite file: a restart, even after `kill -9`, loses nothing
    /// that was acknowledged, and resumes undelivered notifications on their schedule.
    #[arg(long)]
    state_file: Option<PathBuf>,
    /// The request log on stderr: one line per API request and per notification attempt.
    #[arg(long, value_enum, default_value_t = LogFormatArg::Text)]
    log_format: LogFormatArg,
    /// No request log.
    #[arg(long)]
    quiet: bool,
    /// Audit mode: watch your integration for breaches of Antom's red lines while your own
    /// test flow runs (a new pay after an unknown outcome, an acked forged notification, a
    /// private key in a request, a capture or refund of an unconfirmed payment). Print the
    /// report with `antom check report`; it is also written to audit.json in --state-dir.
    #[arg(long)]
    audit: bool,
    /// Serve HTTPS with a certificate from a local CA the simulator makes at start: the JSON
    /// line names the CA file (ca_certificate_file in --state-dir) for clients to trust.
    #[arg(long)]
    tls: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum LogFormatArg {
    Text,
    Json,
}

pub fn run(args: SimArgs) -> antom::Result<ExitCode> {
    if args.client_id.len() != args.merchant_public_key.len() {
        return Err(antom::Error::new(
            ErrorKind::InvalidInput,
            "each --client-id needs one --merchant-public-key",
        ));
    }
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ANTOM_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            antom::Error::new(
                ErrorKind::Transport,
                format!("cannot start the runtime: {e}"),
            )
        })?;
    runtime.block_on(async {
        let text_log = !args.quiet && matches!(args.log_format, LogFormatArg::Text);
        let audit = args.audit;
        let options = antom_sim::Options {
            port: args.port,
            state_dir: args.state_dir,
            merchants: args
                .client_id
                .into_iter()
                .zip(args.merchant_public_key)
                .collect(),
            antom_private_key: args.antom_private_key,
            time_scale: args.time_scale,
            slow: Duration::from_millis(args.slow_ms),
            state_file: args.state_file,
            audit: args.audit,
            tls: args.tls,
            log: match (args.quiet, args.log_format) {
                (true, _) => antom_sim::LogFormat::Off,
                (false, LogFormatArg::Text) => antom_sim::LogFormat::Text,
                (false, LogFormatArg::Json) => antom_sim::LogFormat::Json,
            },
        };
        let sim = antom_sim::Simulator::start(options).await?;
        // Handlers first: a supervisor may send SIGTERM as soon as it reads the JSON line.
        let stop = stop_signal();
        println!("{}", serde_json::to_string(&sim.info).unwrap_or_default());
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
        if text_log {
            // For a person at a terminal: where to look, before the first request line.
            let url = &sim.info.url;
            let audit = if audit {
                format!("; audit report: antom check report --sim {url}")
            } else {
                String::new()
            };
            let tls = match &sim.info.ca_certificate_file {
                Some(ca) => format!("; trust the CA {}", ca.display()),
                None => String::new(),
            };
            eprintln!("antom sim: listening on {url}; dashboard {url}/sim/{audit}{tls}");
        }
        stop.await;
        eprintln!("antom sim: stopping");
        sim.shutdown().await;
        Ok(ExitCode::SUCCESS)
    })
}

/// Registers the stop signals now and returns a future that completes on Ctrl-C or SIGTERM.
fn stop_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    let ctrl_c = tokio::signal::ctrl_c();
    async move {
        #[cfg(unix)]
        if let Some(mut term) = term {
            tokio::select! {
                _ = ctrl_c => {}
                _ = term.recv() => {}
            }
            return;
        }
        let _ = ctrl_c.await;
    }
}
