//! The core's integration tests in one binary, each file a module: every test binary links all
//! of the dependencies, and one binary instead of seventeen is most of `cargo test`'s build on 2
//! cores. `fork.rs` stays a binary of its own: it forks, and other tests' threads must not be
//! running in the process it forks.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
#[path = "common/server.rs"]
mod server;

mod amounts;
mod answers;
mod catalog_schema;
mod client;
mod error_table;
mod header_props;
mod hostile;
mod key_leaks;
mod keys;
mod lenient;
mod model_round_trip;
mod models;
mod notifications;
mod paging_cycles;
mod retry_outcomes;
mod tls;
mod vectors;
