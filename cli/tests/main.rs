//! The CLI's integration tests in one binary, each file a module: every test binary links all of
//! the dependencies, so one binary instead of six saves most of their build. Each test runs the
//! `antom` binary as a process of its own.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

mod audit;
mod call_exit;
mod check;
mod cli;
mod crash;
mod sim_log;
