//! `--state-file`: the ledger and the generated keys in SQLite, so a restart loses nothing.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};

use crate::state::Snapshot;

pub struct Store {
    conn: Mutex<Connection>,
}

fn err(e: impl std::fmt::Display) -> antom::Error {
    antom::Error::new(antom::ErrorKind::InvalidInput, format!("state file: {e}"))
}

/// Writes a file only its owner can read (0600), like `antom keygen`: the simulator's files
/// hold private keys. An existing file is narrowed to 0600 before it is overwritten.
pub fn write_private_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut f = private_file(path)?;
    f.set_len(0)?;
    f.write_all(bytes)
}

#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
    let f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)?;
    f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    Ok(f)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

impl Store {
    pub fn open(path: &Path) -> antom::Result<Store> {
        // Created 0600 before SQLite opens it; SQLite gives its -wal and -shm files the
        // database file's permissions.
        private_file(path).map_err(err)?;
        let conn = Connection::open(path).map_err(err)?;
        conn.execute_batch(
            "PRAGMA journal_mode=WAL;
             CREATE TABLE IF NOT EXISTS keys (name TEXT PRIMARY KEY, pem TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS ledger (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);",
        )
        .map_err(err)?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn key(&self, name: &str) -> antom::Result<Option<String>> {
        self.conn()
            .query_row("SELECT pem FROM keys WHERE name = ?1", params![name], |r| {
                r.get(0)
            })
            .optional()
            .map_err(err)
    }

    pub fn put_key(&self, name: &str, pem: &str) -> antom::Result<()> {
        self.conn()
            .execute(
                "INSERT OR REPLACE INTO keys (name, pem) VALUES (?1, ?2)",
                params![name, pem],
            )
            .map(|_| ())
            .map_err(err)
    }

    pub fn load(&self) -> antom::Result<Option<Snapshot>> {
        let json: Option<String> = self
            .conn()
            .query_row("SELECT json FROM ledger WHERE id = 1", [], |r| r.get(0))
            .optional()
            .map_err(err)?;
        json.map(|j| serde_json::from_str(&j).map_err(err))
            .transpose()
    }

    /// Takes the snapshot while holding the connection, then writes it.
    pub fn save_with(&self, snapshot: impl FnOnce() -> Snapshot) {
        let conn = self.conn();
        let Ok(json) = serde_json::to_string(&snapshot()) else {
            return;
        };
        if let Err(e) = conn.execute(
            "INSERT OR REPLACE INTO ledger (id, json) VALUES (1, ?1)",
            params![json],
        ) {
            tracing::error!(error = %e, "cannot save the simulator state");
        }
    }
}
