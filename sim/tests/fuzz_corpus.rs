//! Replays every committed fuzz input (`tests/fuzz/seeds/`, `tests/fuzz/corpus/` and the crashes
//! fixed since, `tests/fuzz/regressions/<target>/`; kept under tests/ because the key target's
//! inputs hold throwaway test keys) through the same target bodies the fuzzers run, so `make
//! test` checks them all in seconds on an ordinary build. `make fuzz` does the fuzzing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../fuzz/src/lib.rs"]
mod targets;

use std::path::PathBuf;

fn replay(name: &str, target: fn(&[u8])) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fuzz");
    let mut count = 0;
    for dir in ["seeds", "corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(name)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            // A fuzzer running beside the tests may replace corpus files as they are listed.
            let data = match std::fs::read(&path) {
                Ok(d) => d,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => panic!("{}: {e}", path.display()),
            };
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{name}: {} fails", path.display());
            count += 1;
        }
    }
    assert!(count > 0, "{name}: no committed inputs");
}

#[test]
fn signature_header() {
    replay("signature_header", targets::signature_header);
}

#[test]
fn keys_any_form() {
    replay("keys_any_form", targets::keys_any_form);
}

#[test]
fn notification() {
    replay("notification", targets::notification);
}

#[test]
fn response() {
    replay("response", targets::response);
}

#[test]
fn sim_request() {
    replay("sim_request", targets::sim_request);
}
