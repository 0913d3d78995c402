//! The functions table through both entry points: `call` (the bindings with native values) and
//! `call_json` (the C ABI), against the shared vectors.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use antom::ErrorKind;
use antom_bridge::functions::{call, call_json, Answer};
use antom_bridge::operations::Value;
use antom_bridge::Naming;
use serde_json::{json, Value as Json};

const PRIVATE: &str = include_str!("../../tests/vectors/test_private_pkcs8.pem");
const PUBLIC: &str = include_str!("../../tests/vectors/test_public_spki.pem");

fn case() -> Json {
    let all: Json =
        serde_json::from_str(include_str!("../../tests/vectors/vectors.json")).expect("vectors");
    all["sign_cases"][0].clone()
}

fn text(c: &Json, k: &str) -> String {
    c[k].as_str().expect(k).to_string()
}

fn content(c: &Json) -> Vec<Value> {
    ["method", "path", "client_id", "time"]
        .iter()
        .map(|k| Value::Text(text(c, k)))
        .collect()
}

#[test]
fn sign_reproduces_the_vector_and_verify_gives_a_verdict() {
    let c = case();
    let mut args = vec![Value::Key(PRIVATE.to_string().into())];
    args.extend(content(&c));
    args.push(Value::Bytes(text(&c, "body").into_bytes()));
    let header = call("sign_request", args, Naming::Snake).expect("signs");
    assert_eq!(header, Answer::Text(text(&c, "signature_header")));

    for (body, verdict) in [(text(&c, "body"), true), ("{}".to_string(), false)] {
        let mut args = vec![Value::Text(PUBLIC.into())];
        args.extend(content(&c));
        args.push(Value::Bytes(body.into_bytes()));
        args.push(Value::Text(text(&c, "signature_header")));
        assert_eq!(
            call("verify_signature", args, Naming::Snake).expect("verifies"),
            Answer::Verdict(verdict)
        );
    }
}

#[test]
fn over_json_a_mismatch_is_an_error_and_bad_input_is_typed() {
    let c = case();
    let b64 = |s: &str| {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(s)
    };
    let args = |body: &str| {
        json!([
            PUBLIC,
            text(&c, "method"),
            text(&c, "path"),
            text(&c, "client_id"),
            text(&c, "time"),
            b64(body),
            text(&c, "signature_header")
        ])
    };
    let ok = call_json("verify_signature", args(&text(&c, "body")), Naming::Camel);
    assert_eq!(ok.expect("verifies"), json!(true));
    let bad = call_json("verify_signature", args("{}"), Naming::Camel).expect_err("mismatch");
    assert_eq!(bad.kind(), ErrorKind::SignatureMismatch);

    for (name, args, says) in [
        ("no_such", json!([PRIVATE]), "no function is named"),
        (
            "to_minor_units",
            json!(["USD", "1", "extra"]),
            "takes 2 arguments",
        ),
        ("sign_request", json!([7]), "the key's text"),
        ("sign_request", json!({"key": PRIVATE}), "JSON array"),
        ("to_minor_units", json!(["JPY", "19.5"]), "never rounded"),
    ] {
        let e = call_json(name, args, Naming::Camel).expect_err(name);
        assert!(e.to_string().contains(says), "{name}: {e}");
        assert!(!e.to_string().contains("MII"), "{name}: key text in {e}");
    }
    let e = call_json(
        "sign_request",
        json!([PRIVATE, "POST", "/p", "c", "t", "e30=", -1]),
        Naming::Camel,
    )
    .expect_err("a negative key version");
    assert!(e.to_string().contains("keyVersion"), "{e}");
}

#[test]
fn every_function_has_a_documented_group() {
    for f in &antom_bridge::functions::FUNCTIONS {
        let doc = antom_bridge::functions::GROUPS
            .iter()
            .find(|(g, _)| *g == f.group);
        assert!(
            doc.is_some_and(|(_, d)| !d.is_empty()),
            "{}: group {}",
            f.name,
            f.group
        );
    }
}
