//! `--state-file`: the ledger and the generated keys in SQLite, so a restart loses nothing.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use crate::files::private_file;
use crate::state::{Changes, Snapshot};

/// The state file: one row per record (`records`: payments, refunds, captures, idempotent
/// replies, notifications, meter sessions and events), written as they change, and one row for
/// the small rest of the ledger (`ledger`). A file from a simulator that wrote the whole ledger
/// into `ledger` still loads, and is carried over to records at the first save.
pub struct Store {
    conn: Mutex<(Connection, String)>,
    /// A save failed: the next one writes every record again.
    resync: AtomicBool,
}

fn err(e: impl std::fmt::Display) -> antom::Error {
    antom::Error::new(antom::ErrorKind::InvalidInput, format!("state file: {e}"))
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
             CREATE TABLE IF NOT EXISTS ledger (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS records (kind TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL,
                                                 PRIMARY KEY (kind, key));",
        )
        .map_err(err)?;
        Ok(Store {
            conn: Mutex::new((conn, String::new())),
            resync: AtomicBool::new(false),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, (Connection, String)> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// True once after a failed save: the caller marks every record changed.
    pub fn take_resync(&self) -> bool {
        self.resync.swap(false, Ordering::SeqCst)
    }

    pub fn key(&self, name: &str) -> antom::Result<Option<String>> {
        self.conn()
            .0
            .query_row("SELECT pem FROM keys WHERE name = ?1", params![name], |r| {
                r.get(0)
            })
            .optional()
            .map_err(err)
    }

    pub fn put_key(&self, name: &str, pem: &str) -> antom::Result<()> {
        self.conn()
            .0
            .execute(
                "INSERT OR REPLACE INTO keys (name, pem) VALUES (?1, ?2)",
                params![name, pem],
            )
            .map(|_| ())
            .map_err(err)
    }

    pub fn load(&self) -> antom::Result<Option<Snapshot>> {
        let guard = self.conn();
        let conn = &guard.0;
        let rest: Option<String> = conn
            .query_row("SELECT json FROM ledger WHERE id = 1", [], |r| r.get(0))
            .optional()
            .map_err(err)?;
        let Some(rest) = rest else {
            return Ok(None);
        };
        let mut snap: Snapshot = serde_json::from_str(&rest).map_err(err)?;
        let mut rows = conn
            .prepare("SELECT kind, key, json FROM records")
            .map_err(err)?;
        let rows = rows
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(err)?;
        for row in rows {
            let (kind, key, json) = row.map_err(err)?;
            add_record(&mut snap, &kind, &key, &json).map_err(err)?;
        }
        Ok(Some(snap))
    }

    /// Takes the changes while holding the connection (saves land in the order their changes
    /// were taken), then writes them in one transaction.
    pub fn save_with(&self, changes: impl FnOnce() -> Changes) {
        let mut guard = self.conn();
        let changes = changes();
        let (conn, last_rest) = &mut *guard;
        if changes.records.is_empty() && changes.rest == *last_rest {
            return;
        }
        let written = (|| -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            {
                let mut upsert = tx.prepare_cached(
                    "INSERT OR REPLACE INTO records (kind, key, json) VALUES (?1, ?2, ?3)",
                )?;
                let mut delete =
                    tx.prepare_cached("DELETE FROM records WHERE kind = ?1 AND key = ?2")?;
                for (kind, key, json) in &changes.records {
                    match json {
                        Some(json) => upsert.execute(params![kind, key, json])?,
                        None => delete.execute(params![kind, key])?,
                    };
                }
            }
            tx.execute(
                "INSERT OR REPLACE INTO ledger (id, json) VALUES (1, ?1)",
                params![changes.rest],
            )?;
            tx.commit()
        })();
        match written {
            Ok(()) => *last_rest = changes.rest,
            Err(e) => {
                self.resync.store(true, Ordering::SeqCst);
                last_rest.clear();
                tracing::error!(error = %e, "cannot save the simulator state");
            }
        }
    }
}

/// Adds one stored record to a loaded snapshot.
fn add_record(snap: &mut Snapshot, kind: &str, key: &str, json: &str) -> serde_json::Result<()> {
    match kind {
        "payment" => snap.payments.push(serde_json::from_str(json)?),
        "refund" => {
            let (client, _): (String, String) = serde_json::from_str(key)?;
            snap.refunds.push((client, serde_json::from_str(json)?));
        }
        "capture" => {
            let (client, id): (String, String) = serde_json::from_str(key)?;
            snap.captures
                .push((client, id, serde_json::from_str(json)?));
        }
        "generic" => {
            let (client, path, id): (String, String, String) = serde_json::from_str(key)?;
            let (fingerprint, reply): (String, Value) = serde_json::from_str(json)?;
            snap.generic.push((client, path, id, fingerprint, reply));
        }
        "event" => snap.events.push(serde_json::from_str(json)?),
        "meter_session" => {
            snap.meter_sessions
                .insert(serde_json::from_str(key)?, serde_json::from_str(json)?);
        }
        "meter_event" => {
            snap.meter_events
                .insert(serde_json::from_str(key)?, serde_json::from_str(json)?);
        }
        // A kind a newer simulator wrote: not this one's to interpret.
        _ => {}
    }
    Ok(())
}
