//! Shared helpers for the core's integration tests: the shared vectors and test keys.
#![allow(dead_code)]

use std::path::PathBuf;

pub fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

pub fn read(name: &str) -> String {
    std::fs::read_to_string(vectors_dir().join(name)).unwrap()
}

pub fn vectors() -> serde_json::Value {
    serde_json::from_str(&read("vectors.json")).unwrap()
}

pub fn private_key() -> antom::PrivateKey {
    antom::PrivateKey::parse(&read("test_private_pkcs8.pem")).unwrap()
}

/// The merchant's key where the test pair plays Antom (a client refuses Antom's public key
/// when it is the public half of the merchant's own).
pub fn merchant_private_key() -> antom::PrivateKey {
    antom::PrivateKey::parse(&read("test_private_merchant_pkcs8.pem")).unwrap()
}

pub fn public_key() -> antom::PublicKey {
    antom::PublicKey::parse(&read("test_public_spki.pem")).unwrap()
}

/// Every text form of the test private key.
pub fn private_forms() -> Vec<(&'static str, String)> {
    let v = vectors();
    let k = &v["keys"];
    let pkcs8 = k["private_pkcs8_base64"].as_str().unwrap().to_string();
    let pkcs1 = k["private_pkcs1_base64"].as_str().unwrap().to_string();
    let wrapped: String = pkcs8
        .as_bytes()
        .chunks(64)
        .map(|c| format!("  {}\r\n", std::str::from_utf8(c).unwrap()))
        .collect();
    vec![
        ("base64 pkcs8", pkcs8),
        ("base64 pkcs1", pkcs1),
        ("pem pkcs8", read("test_private_pkcs8.pem")),
        ("pem pkcs1", read("test_private_pkcs1.pem")),
        ("base64 pkcs8 wrapped with CRLF and indentation", wrapped),
    ]
}

/// Every text form of the test public key.
pub fn public_forms() -> Vec<(&'static str, String)> {
    let v = vectors();
    vec![
        (
            "base64 spki",
            v["keys"]["public_spki_base64"]
                .as_str()
                .unwrap()
                .to_string(),
        ),
        ("pem spki", read("test_public_spki.pem")),
        ("pem pkcs1", read("test_public_pkcs1.pem")),
        ("pem certificate", read("test_cert.pem")),
        (
            "base64 pkcs1",
            read("test_public_pkcs1.pem")
                .lines()
                .filter(|l| !l.starts_with("-----"))
                .collect(),
        ),
    ]
}
