//! Without the `persist` feature (the in-process simulator of the language packages): no
//! state file, so no SQLite in those packages. `antom sim --state-file` has the feature.

use std::path::Path;

use crate::state::{Changes, Snapshot};

/// Never built: [`Store::open`] refuses, so every other method is unreachable.
#[derive(Debug)]
pub enum Store {}

impl Store {
    pub fn open(_path: &Path) -> antom::Result<Store> {
        Err(antom::Error::new(
            antom::ErrorKind::InvalidInput,
            "this build of the simulator keeps no state file (the `antom sim` command does)",
        ))
    }

    pub fn take_resync(&self) -> bool {
        match *self {}
    }

    pub fn key(&self, _name: &str) -> antom::Result<Option<String>> {
        match *self {}
    }

    pub fn put_key(&self, _name: &str, _pem: &str) -> antom::Result<()> {
        match *self {}
    }

    pub fn load(&self) -> antom::Result<Option<Snapshot>> {
        match *self {}
    }

    pub fn save_with(&self, _changes: impl FnOnce() -> Changes) {
        match *self {}
    }
}
