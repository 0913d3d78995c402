//! The simulator's integration tests in one binary, each file a module: every test binary links
//! all of the dependencies, so one binary instead of nine saves most of their build.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

mod endpoints;
mod faults;
mod flow;
mod fuzz_corpus;
mod paging;
mod protocol;
mod restart;
mod tls;
mod typed_endpoints;
