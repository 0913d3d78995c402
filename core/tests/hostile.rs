//! tests/hostile.json, the hostile-input table every binding runs, through the Rust API: each
//! row's bad input is a typed error of the row's kind, with no key text in its message.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::time::Duration;

use antom::{ErrorKind, RequestBody};
use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn vector(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/vectors").join(name)).unwrap()
}

/// The input as bytes (text, raw bytes, a long string, nested JSON text, the test key with an
/// insertion); `None` for inputs that are not bytes in Rust (numbers, native nesting).
fn bytes(input: &Value) -> Option<Vec<u8>> {
    let text = |k: &str| input[k].as_str().map(str::to_string);
    if let Some(t) = text("text") {
        return Some(t.into_bytes());
    }
    if let Some(h) = text("bytes_hex") {
        return Some(
            (0..h.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
                .collect(),
        );
    }
    if let Some(r) = text("repeat") {
        let times = input["times"].as_u64().unwrap() as usize;
        let (prefix, suffix) = (
            text("prefix").unwrap_or_default(),
            text("suffix").unwrap_or_default(),
        );
        return Some(format!("{prefix}{}{suffix}", r.repeat(times)).into_bytes());
    }
    if let Some(n) = input["nested_text"].as_u64() {
        let n = n as usize;
        return Some(format!("{{\"x\":{}{}}}", "[".repeat(n), "]".repeat(n)).into_bytes());
    }
    if let Some(name) = text("file") {
        return Some(vector(&name).into_bytes());
    }
    if let Some(insert) = text("test_key_insert") {
        let pem = vector("test_private_pkcs8.pem");
        let mid = pem.len() / 2;
        return Some(format!("{}{insert}{}", &pem[..mid], &pem[mid..]).into_bytes());
    }
    None
}

fn kind(name: &str) -> ErrorKind {
    match name {
        "INVALID_KEY" => ErrorKind::InvalidKey,
        "INVALID_HEADER" => ErrorKind::InvalidHeader,
        "INVALID_INPUT" => ErrorKind::InvalidInput,
        other => panic!("unknown kind {other}"),
    }
}

fn client(timeout: Duration) -> antom::Result<antom::Client> {
    let config = antom::Config::builder(
        "C1",
        antom::PrivateKey::parse(&vector("test_private_merchant_pkcs8.pem"))?,
        antom::PublicKey::parse(&vector("test_public_spki.pem"))?,
    )
    .gateway_url("http://127.0.0.1:9") // nothing is sent: every row fails first
    .max_retries(0)
    .timeout(timeout)
    .build()?;
    antom::Client::new(config)
}

/// Runs one row; `None` when the input cannot be expressed in Rust's types at all.
async fn run(row: &Value) -> Option<antom::Error> {
    let input = &row["input"];
    let seconds = input["number"].as_f64();
    let err = match row["op"].as_str().unwrap() {
        "sign" => antom::PrivateKey::from_bytes(&bytes(input)?).err(),
        "verify" => {
            let header = String::from_utf8(bytes(input)?).unwrap();
            let verifier = antom::Verifier::new(
                antom::PublicKey::parse(&vector("test_public_spki.pem")).unwrap(),
            );
            verifier
                .verify("POST", "/p", "C1", "t", b"{}", &header)
                .err()
        }
        "notify" => {
            let body = bytes(input)?;
            let key = antom::PrivateKey::parse(&vector("test_private_pkcs8.pem")).unwrap();
            let mut headers = vec![];
            if row["signed"] == json!(true) {
                let sig = antom::Signer::new(key.clone(), 1)
                    .sign("POST", "/notify", "C1", "t", &body)
                    .unwrap();
                headers = vec![
                    ("client-id", "C1".to_string()),
                    ("request-time", "t".into()),
                    ("signature", sig),
                ];
            }
            antom::NotificationVerifier::new(key.public_key().unwrap(), "C1")
                .verify("/notify", headers, &body)
                .err()
        }
        "call" => {
            let body = match input["nested"].as_u64() {
                // Rust builds and drops such a value recursively itself (serde_json's drop
                // glue): only a depth it survives can be handed over. 200 is past the limit.
                Some(_) => {
                    let mut deep = json!("x");
                    for _ in 0..200 {
                        deep = json!([deep]);
                    }
                    RequestBody::Json(json!({"paymentRequestId": "deep", "x": deep}))
                }
                None if input["field"] == json!(true) => {
                    let big = String::from_utf8(bytes(input)?).unwrap();
                    RequestBody::Json(json!({"paymentRequestId": "big", "x": big}))
                }
                None => RequestBody::from(bytes(input)?),
            };
            client(Duration::from_secs(5))
                .unwrap()
                .call("payments.pay", body)
                .await
                .err()
        }
        "call_header" => {
            let value = String::from_utf8(bytes(input)?).unwrap();
            let options = antom::CallOptions::new().header("X-Hostile", value);
            client(Duration::from_secs(5))
                .unwrap()
                .with_options(&options)
                .err()
        }
        // Duration cannot be negative or overflow: those rows are refused by the type itself.
        "call_timeout" => {
            let t = Duration::try_from_secs_f64(seconds?).ok()?;
            client(Duration::from_secs(5))
                .unwrap()
                .with_options(&antom::CallOptions::new().timeout(t))
                .err()
        }
        "client_timeout" => client(Duration::try_from_secs_f64(seconds?).ok()?).err(),
        "client_antom_key" => antom::PublicKey::from_bytes(&bytes(input)?)
            .and_then(|antom_key| {
                antom::Config::builder(
                    "C1",
                    antom::PrivateKey::parse(&vector("test_private_merchant_pkcs8.pem"))?,
                    antom_key,
                )
                .build()
            })
            .err(),
        other => panic!("unknown op {other}"),
    };
    Some(err.unwrap_or_else(|| panic!("{}: accepted", row["id"])))
}

#[tokio::test]
async fn every_hostile_row_is_a_typed_error() {
    let table: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/hostile.json")).unwrap())
            .unwrap();
    let pem = vector("test_private_pkcs8.pem");
    let key_lines: Vec<&str> = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let mut ran = 0;
    for row in table["rows"].as_array().unwrap() {
        let id = row["id"].as_str().unwrap();
        let started = std::time::Instant::now();
        if row["kind"] == "TYPE" {
            continue; // a wrong type does not compile in Rust
        }
        let Some(err) = run(row).await else {
            continue;
        };
        assert_eq!(
            err.kind(),
            kind(row["kind"].as_str().unwrap()),
            "{id}: {err}"
        );
        if let Some(text) = row["message"].as_str() {
            assert!(err.message().contains(text), "{id}: {err}");
        }
        let shown = format!("{err} {err:?}");
        assert!(
            shown.len() < 2_000,
            "{id}: the message repeats the input ({} bytes)",
            shown.len()
        );
        for line in &key_lines {
            assert!(!shown.contains(line), "{id}: key text in the error");
        }
        ran += 1;
        eprintln!("{id}: {:?}", started.elapsed());
    }
    assert!(ran >= 20, "{ran} rows ran");
}
