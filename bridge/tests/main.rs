//! The bridge's integration tests in one binary, each file a module. `fork.rs` stays a binary of
//! its own: it forks, and other tests' threads must not be running in the process it forks.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod facade;
mod functions;
