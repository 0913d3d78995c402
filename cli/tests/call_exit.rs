//! `antom call` against a real `antom sim` process: every exit code, and above all that an
//! unknown outcome (a `U`, an unverified `F`, a sent request without a definite answer) exits 4
//! like a `U`, never 1 or 3 like a failure.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::Sim;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

/// Key files other than the simulator merchant's.
#[derive(Default)]
struct Keys<'a> {
    private: Option<&'a Path>,
    antom_public: Option<&'a Path>,
}

/// `antom call` for the simulator's merchant; `extra` comes last.
fn call(
    sim: &Sim,
    dir: &Path,
    endpoint: &str,
    body: &str,
    keys: Keys<'_>,
    extra: &[&str],
) -> Output {
    let body_file = dir.join(format!("body-{}.json", rand_id()));
    std::fs::write(&body_file, body).unwrap();
    let key = keys
        .private
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(sim.text("merchant_private_key_file")));
    let antom_key = keys
        .antom_public
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(sim.text("antom_public_key_file")));
    Command::new(env!("CARGO_BIN_EXE_antom"))
        .args([
            "call",
            "--client-id",
            &sim.text("client_id"),
            "--private-key",
        ])
        .arg(key)
        .arg("--antom-public-key")
        .arg(antom_key)
        .args(["--gateway", &sim.text("url"), endpoint, "--body-file"])
        .arg(&body_file)
        .args(extra)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn rand_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

fn pay(id: &str, value: &str) -> String {
    serde_json::json!({
        "paymentRequestId": id,
        "paymentAmount": {"currency": "USD", "value": value},
        "productCode": "CASHIER_PAYMENT",
        "paymentMethod": {"paymentMethodType": "ALIPAY_CN"},
    })
    .to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn every_exit_code_and_unknown_outcomes_exit_4() {
    let sim = Sim::start(&[], Stdio::null());
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();

    // 4, with what to do: a cashier pay's normal answer waits for the buyer.
    let out = call(&sim, d, "pay", &pay("cli-1", "1000"), Keys::default(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(err.contains("send the buyer to normalUrl: http"), "{err}");
    assert!(
        err.contains("wait for the payment notification, or inquire with paymentRequestId cli-1"),
        "{err}"
    );

    // 0: a verified S.
    let out = call(
        &sim,
        d,
        "inquiryPayment",
        r#"{"paymentRequestId":"cli-1"}"#,
        Keys::default(),
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("PROCESSING"));

    // 3: a verified F only.
    let out = call(&sim, d, "pay", &pay("cli-3", "9906"), Keys::default(), &[]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("USER_BALANCE_NOT_ENOUGH"));

    // 4: an unverified F. Signed with a key the simulator does not know, the request is refused
    // with an unsigned F, which anyone on the path could have written.
    let stranger = vectors_dir().join("test_private_merchant_pkcs8.pem");
    let out = call(
        &sim,
        d,
        "pay",
        &pay("cli-4a", "1000"),
        Keys {
            private: Some(&stranger),
            ..Keys::default()
        },
        &[],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(
        err.contains("unverified") && err.contains("never charge again"),
        "{err}"
    );

    // 4: a U.
    let out = call(
        &sim,
        d,
        "pay",
        &pay("cli-4b", "9901"),
        Keys::default(),
        &["--max-retries", "0"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(
        err.contains("result: U UNKNOWN_EXCEPTION") && err.contains("inquire with cli-4b"),
        "{err}"
    );

    // 4: OUTCOME_UNKNOWN errors: no answer in time, and an HTTP 500 without a retry.
    for (id, amount) in [("cli-4c", "9902"), ("cli-4d", "9905")] {
        let out = call(
            &sim,
            d,
            "pay",
            &pay(id, amount),
            Keys::default(),
            &["--timeout", "0.5", "--max-retries", "0"],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(4), "{amount}: {err}");
        assert!(
            err.contains("OUTCOME_UNKNOWN") && err.contains(&format!("inquire with {id}")),
            "{err}"
        );
    }
    // 4: an error of another kind with the outcome-unknown flag (an S without signature headers).
    let out = call(
        &sim,
        d,
        "pay",
        &pay("cli-4e", "9904"),
        Keys::default(),
        &["--max-retries", "0"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(err.contains("UNSIGNED_RESPONSE"), "{err}");

    // 2: malformed input, nothing sent.
    let out = call(&sim, d, "pay", "not json", Keys::default(), &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // 1: a call that failed and changed nothing: an inquiry whose answer does not verify (the
    // wrong Antom key), which is no unknown outcome, since an inquiry has no effect.
    let wrong = vectors_dir().join("test_public_spki.pem");
    let keys = Keys {
        antom_public: Some(&wrong),
        ..Keys::default()
    };
    let out = call(
        &sim,
        d,
        "inquiryPayment",
        r#"{"paymentRequestId":"cli-1"}"#,
        keys,
        &[],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.starts_with("error: SIGNATURE_MISMATCH"), "{err}");
}
