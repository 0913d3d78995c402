//! # antom-sim
//!
//! A local Antom gateway: a real HTTP server on loopback that verifies merchants' signatures,
//! signs its responses with its own "Antom" key, runs the payment lifecycle (pay, checkout,
//! capture, refund, inquiries) and sends signed notifications with Antom's redelivery schedule.
//! The demo and every binding's tests run against it. `/sim/` is its dashboard (payments,
//! deliveries, buyer and resend buttons); with `Options::audit` it also watches the merchant for
//! breaches of Antom's red lines (`GET /sim/audit`).

mod audit;
mod dashboard;
mod events;
mod faults;
mod fields;
mod files;
mod fulfil;
mod generic;
mod keyscan;
mod listing;
mod log;
mod meter;
mod notify;
mod origin;
mod pages;
mod pairs;
mod payments;
mod protocol;
mod reply;
mod requests;
mod reserve;
mod state;
#[cfg(feature = "persist")]
mod store;
#[cfg(not(feature = "persist"))]
#[path = "store_off.rs"]
mod store;
#[cfg(feature = "tls")]
mod tls;
#[cfg(not(feature = "tls"))]
#[path = "tls_off.rs"]
mod tls;
mod tracked;
mod upload;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use antom::{PrivateKey, PublicKey};

pub use audit::evidence as audit_evidence;
pub use log::{printable, LogFormat};
pub use state::Delivery;

/// The merchant the simulator creates when none is given.
pub const DEFAULT_CLIENT_ID: &str = "SANDBOX_SIM_MERCHANT";

/// How to start the simulator.
#[derive(Debug, Clone)]
pub struct Options {
    /// Port on 127.0.0.1 (0 = any free port).
    pub port: u16,
    /// Where generated key files are written (default: a fresh temporary folder).
    pub state_dir: Option<PathBuf>,
    /// Merchants bringing their own public key: (client id, public key file).
    pub merchants: Vec<(String, PathBuf)>,
    /// The simulator's own signing key (default: generated).
    pub antom_private_key: Option<PathBuf>,
    /// Multiplies Antom's redelivery delays (0 s, 2 min, 10 min, ...); e.g. 0.001 in tests.
    pub time_scale: f64,
    /// How long fault 9902 holds its response.
    pub slow: Duration,
    /// Persist the ledger and generated keys in this SQLite file (a restart loses nothing).
    pub state_file: Option<PathBuf>,
    /// The request log on stderr (off by default; `antom sim` logs text).
    pub log: LogFormat,
    /// Audit mode: watch the merchant for red-line breaches (`GET /sim/audit`; the report is
    /// also written to `audit.json` in the state folder).
    pub audit: bool,
    /// Serve HTTPS with a certificate from a local CA, written as `ca_certificate.pem` to the
    /// state folder (a new CA at every start).
    pub tls: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            port: 0,
            state_dir: None,
            merchants: Vec::new(),
            antom_private_key: None,
            time_scale: 1.0,
            slow: Duration::from_millis(20_000),
            state_file: None,
            log: LogFormat::Off,
            audit: false,
            tls: false,
        }
    }
}

/// What a started simulator tells its users (printed as one JSON line by `antom sim`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Info {
    pub url: String,
    pub client_id: String,
    pub merchant_private_key_file: Option<PathBuf>,
    pub merchant_public_key_file: Option<PathBuf>,
    pub antom_public_key_file: PathBuf,
    /// Where audit mode writes its report (absent without `--audit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audit_report_file: Option<PathBuf>,
    /// With `--tls`: the CA certificate (PEM) a client must trust to reach `url`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_certificate_file: Option<PathBuf>,
}

/// Shared simulator state.
pub(crate) struct Sim {
    pub merchants: HashMap<String, PublicKey>,
    pub antom_key: PrivateKey,
    pub state: Mutex<state::State>,
    pub http: reqwest::Client,
    pub base_url: String,
    pub time_scale: f64,
    pub slow: Duration,
    pub store: Option<store::Store>,
    pub requests: requests::RequestLog,
    pub log: LogFormat,
    pub audit: Option<Arc<audit::Audit>>,
}

impl Sim {
    /// Saves the ledger when `--state-file` is in use. Every handler calls this before it
    /// answers, so whatever a client saw acknowledged is on disk. The snapshot is taken under
    /// the store's lock: saves land in the order their snapshots were taken, and an older
    /// snapshot never overwrites a newer one.
    pub fn persist(&self) {
        if let Some(store) = &self.store {
            store.save_with(|| {
                let mut ledger = self.ledger();
                if store.take_resync() {
                    ledger.mark_all();
                }
                ledger.changes()
            });
        }
    }

    /// Locks the ledger; a panic elsewhere never poisons the simulator for good.
    pub fn ledger(&self) -> std::sync::MutexGuard<'_, state::State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A running simulator. Dropping it (or [`Simulator::shutdown`]) stops the server.
#[derive(Debug)]
pub struct Simulator {
    pub info: Info,
    pub addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
    audit: Option<Arc<audit::Audit>>,
    _tempdir: Option<TempDir>,
}

#[derive(Debug)]
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn io_err(what: &str, e: std::io::Error) -> antom::Error {
    antom::Error::new(antom::ErrorKind::InvalidInput, format!("{what}: {e}"))
}

impl Simulator {
    /// Starts the simulator on 127.0.0.1 inside the current tokio runtime.
    pub async fn start(options: Options) -> antom::Result<Simulator> {
        let (dir, tempdir) = match &options.state_dir {
            Some(d) => (d.clone(), None),
            None => {
                let d = std::env::temp_dir().join(format!(
                    "antom-sim-{}-{}",
                    std::process::id(),
                    rand::random::<u32>()
                ));
                (d.clone(), Some(TempDir(d)))
            }
        };
        std::fs::create_dir_all(&dir).map_err(|e| io_err("cannot create the state dir", e))?;
        let write = |name: &str, text: &str| -> antom::Result<PathBuf> {
            let p = dir.join(name);
            files::write_private_file(&p, text.as_bytes())
                .map_err(|e| io_err("cannot write a key file", e))?;
            Ok(p)
        };
        let store = options
            .state_file
            .as_deref()
            .map(store::Store::open)
            .transpose()?;
        // A generated key pair, kept in the state file so a restarted simulator keeps it.
        let pair = |name: &str| -> antom::Result<(String, String)> {
            if let Some(s) = &store {
                if let Some(private) = s.key(name)? {
                    let public = PrivateKey::parse(&private)?.public_key()?.to_pem();
                    return Ok((private, public));
                }
            }
            let generated = antom::generate_key_pair()?;
            let private = generated.private_pem.to_string();
            if let Some(s) = &store {
                s.put_key(name, &private)?;
            }
            Ok((private, generated.public_pem))
        };
        let (antom_key, antom_public_key_file) = match &options.antom_private_key {
            Some(path) => {
                let key = PrivateKey::from_file(path)?;
                let file = write("antom_public_key.pem", &reply::public_pem(&key)?)?;
                (key, file)
            }
            None => {
                let (private, public) = pair("antom")?;
                let file = write("antom_public_key.pem", &public)?;
                write("antom_private_key.pem", &private)?;
                (PrivateKey::parse(&private)?, file)
            }
        };
        let mut merchants = HashMap::new();
        let info_merchant = if options.merchants.is_empty() {
            // Kept in the state file too: a merchant's key survives the simulator's restart.
            let (private_pem, public_pem) = pair("merchant")?;
            let private = write("merchant_private_key.pem", &private_pem)?;
            let public = write("merchant_public_key.pem", &public_pem)?;
            merchants.insert(
                DEFAULT_CLIENT_ID.to_string(),
                PublicKey::parse(&public_pem)?,
            );
            (DEFAULT_CLIENT_ID.to_string(), Some(private), Some(public))
        } else {
            for (id, file) in &options.merchants {
                merchants.insert(id.clone(), PublicKey::from_file(file)?);
            }
            let (id, file) = &options.merchants[0];
            (id.clone(), None, Some(file.clone()))
        };
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", options.port))
            .await
            .map_err(|e| io_err("cannot listen on 127.0.0.1", e))?;
        let addr = listener
            .local_addr()
            .map_err(|e| io_err("no local address", e))?;
        let tls = if options.tls {
            let (ca_pem, acceptor) = tls::make()?;
            let file = dir.join("ca_certificate.pem");
            std::fs::write(&file, ca_pem).map_err(|e| io_err("cannot write the CA file", e))?;
            Some((file, acceptor))
        } else {
            None
        };
        let scheme = if tls.is_some() { "https" } else { "http" };
        let base_url = format!("{scheme}://127.0.0.1:{}", addr.port());
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .map_err(|e| antom::Error::new(antom::ErrorKind::Transport, e.to_string()))?;
        let mut ledger = state::State::default();
        if let Some(snapshot) = store
            .as_ref()
            .map(store::Store::load)
            .transpose()?
            .flatten()
        {
            ledger.restore(snapshot);
        }
        let audit = options
            .audit
            .then(|| Arc::new(audit::Audit::new(dir.join("audit.json"))));
        let sim = Arc::new(Sim {
            merchants,
            antom_key,
            state: Mutex::new(ledger),
            store,
            requests: requests::RequestLog::default(),
            http,
            base_url: base_url.clone(),
            time_scale: options.time_scale.max(0.0),
            slow: options.slow,
            log: options.log,
            audit: audit.clone(),
        });
        notify::resume(&sim);
        let app = protocol::router(sim);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let stopped = async {
            let _ = rx.await;
        };
        let ca_certificate_file = tls.as_ref().map(|(file, _)| file.clone());
        let task = match tls {
            Some((_, acceptor)) => {
                let listener = tls::Listener::new(listener, acceptor)
                    .map_err(|e| io_err("cannot listen for TLS", e))?;
                tokio::spawn(async move {
                    let serve = axum::serve(listener, app).with_graceful_shutdown(stopped);
                    if let Err(e) = serve.await {
                        tracing::error!(error = %e, "simulator server stopped");
                    }
                })
            }
            None => tokio::spawn(async move {
                let serve = axum::serve(listener, app).with_graceful_shutdown(stopped);
                if let Err(e) = serve.await {
                    tracing::error!(error = %e, "simulator server stopped");
                }
            }),
        };
        Ok(Simulator {
            info: Info {
                url: base_url,
                client_id: info_merchant.0,
                merchant_private_key_file: info_merchant.1,
                merchant_public_key_file: info_merchant.2,
                antom_public_key_file,
                audit_report_file: audit.as_ref().map(|a| a.report_file().clone()),
                ca_certificate_file,
            },
            addr,
            shutdown: Some(tx),
            task: Some(task),
            audit,
            _tempdir: tempdir,
        })
    }

    /// Stops accepting connections and waits for the server to finish.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
        }
        if let Some(audit) = &self.audit {
            audit.save();
        }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
