//! `antom check webhook URL`: runs the core's webhook check and prints one line per case.
//! `antom check report`: prints the audit report of a simulator started with `--audit`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

#[derive(Subcommand)]
pub enum CheckCmd {
    /// Play Antom against a webhook: genuine notifications of each family and a redelivery must
    /// be acked; a forged, tampered, unsigned or elsewhere-signed one must be refused. Exit
    /// code 0 only when every line passes.
    Webhook {
        /// The webhook's URL; its path is what the notifications are signed for.
        url: String,
        /// The private key the handler trusts as Antom's (for the simulator: the
        /// antom_private_key.pem in its --state-dir).
        #[arg(long, allow_hyphen_values = true)]
        antom_private_key: PathBuf,
        /// The merchant's client id, sent as Client-Id.
        #[arg(long, default_value = antom_sim::DEFAULT_CLIENT_ID)]
        client_id: String,
        /// Seconds the handler may take to answer one delivery.
        #[arg(long, default_value_t = antom::check::ANSWER_TIMEOUT.as_secs_f64())]
        timeout: f64,
    },
    /// Print the audit of a simulator started with `antom sim --audit`: per red-line rule
    /// what was checked and what was found, then each finding with its request ids and time.
    /// Exit code 0 when nothing was found, 1 when something was.
    Report {
        /// The simulator's URL (as its JSON line printed it).
        #[arg(long, conflicts_with = "file")]
        sim: Option<String>,
        /// A saved report instead (audit.json in the simulator's --state-dir).
        #[arg(long)]
        file: Option<PathBuf>,
    },
}

pub fn run(cmd: CheckCmd) -> antom::Result<ExitCode> {
    match cmd {
        CheckCmd::Webhook {
            url,
            antom_private_key,
            client_id,
            timeout,
        } => {
            let timeout = std::time::Duration::try_from_secs_f64(timeout)
                .ok()
                .filter(|t| !t.is_zero() && t.as_secs() <= 600)
                .ok_or_else(|| {
                    antom::Error::new(
                        antom::ErrorKind::InvalidInput,
                        "--timeout must be more than 0 and at most 600 seconds",
                    )
                })?;
            webhook(&url, &antom_private_key, &client_id, timeout)
        }
        CheckCmd::Report { sim, file } => crate::report::run(sim.as_deref(), file.as_deref()),
    }
}

fn webhook(
    url: &str,
    antom_private_key: &Path,
    client_id: &str,
    timeout: std::time::Duration,
) -> antom::Result<ExitCode> {
    let key = antom::PrivateKey::from_file(antom_private_key)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| antom::Error::new(antom::ErrorKind::Transport, e.to_string()))?;
    let report = runtime.block_on(antom::check::check_webhook(url, &key, client_id, timeout))?;
    for line in &report {
        let mark = if line.passed { "PASS" } else { "FAIL" };
        println!("{mark}  {}: {}", line.name, line.why);
    }
    let failed = report.iter().filter(|l| !l.passed).count();
    println!(
        "{} of {} checks passed",
        report.len() - failed,
        report.len()
    );
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
