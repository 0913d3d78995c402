//! Key forms: every accepted form parses; every wrong form gets a typed error that says what
//! was found; no key material ever appears in Debug, Display or error text.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use antom::{Config, ErrorKind, PrivateKey, PublicKey, Signer, Verifier};
use common::*;

fn key_err(r: antom::Result<impl std::fmt::Debug>) -> antom::Error {
    let e = r.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidKey, "{e}");
    e
}

#[test]
fn files_of_every_form_parse() {
    let dir = vectors_dir();
    for f in [
        "test_private_pkcs8.pem",
        "test_private_pkcs1.pem",
        "test_private_pkcs8.b64",
        "test_private_pkcs1.b64",
        "test_private_pkcs8.der",
    ] {
        assert_eq!(
            PrivateKey::from_file(dir.join(f)).unwrap().bits(),
            2048,
            "{f}"
        );
    }
    for f in [
        "test_public_spki.pem",
        "test_public_pkcs1.pem",
        "test_public_spki.b64",
        "test_cert.pem",
    ] {
        assert_eq!(
            PublicKey::from_file(dir.join(f)).unwrap().bits(),
            2048,
            "{f}"
        );
    }
}

#[test]
fn the_derived_public_key_matches() {
    let key = private_key();
    let sig = Signer::new(key.clone(), 1)
        .sign("POST", "/p", "c", "t", b"b")
        .unwrap();
    Verifier::new(key.public_key().unwrap())
        .verify("POST", "/p", "c", "t", b"b", &sig)
        .unwrap();
    Verifier::new(public_key())
        .verify("POST", "/p", "c", "t", b"b", &sig)
        .unwrap();
}

#[test]
fn wrong_forms_say_what_they_are() {
    let cases: Vec<(String, &str)> = vec![
        (read("test_public_spki.pem"), "public key"),
        (read("test_cert.pem"), "certificate"),
        (read("test_private_encrypted.pem"), "encrypted"),
        (read("test_ec_private.pem"), "not RSA"),
        (read("test_rsa1024.pem"), "RSA-1024"),
        (String::new(), "empty"),
        ("not a key at all!".into(), "neither PEM nor valid base64"),
        ("ssh-rsa AAAAB3NzaC1yc2E user@host".into(), "OpenSSH"),
        (
            "-----BEGIN PRIVATE KEY-----\nMIIB\n".into(),
            "END PRIVATE KEY",
        ),
        ("QUJD".into(), "no known key structure"),
    ];
    for (text, expect) in cases {
        let e = key_err(PrivateKey::parse(&text));
        assert!(
            e.message().contains(expect),
            "{expect}: got '{}'",
            e.message()
        );
        assert!(
            e.message().contains("accepted") || expect == "END PRIVATE KEY" || expect == "RSA-1024",
            "{}",
            e.message()
        );
    }
    for (text, expect) in [
        (read("test_private_pkcs8.pem"), "private key"),
        (read("test_private_pkcs1.pem"), "private key"),
        (read("test_private_encrypted.pem"), "encrypted"),
        ("@@@".to_string(), "neither PEM nor valid base64"),
    ] {
        let e = key_err(PublicKey::parse(&text));
        assert!(
            e.message().contains(expect),
            "{expect}: got '{}'",
            e.message()
        );
    }
    // A path is named by its file name only: the folders can say more than a log should.
    let e = key_err(PrivateKey::from_file("/nonexistent/key.pem"));
    assert!(e.message().contains("'…/key.pem'"), "{}", e.message());
    assert!(!e.message().contains("/nonexistent"), "{}", e.message());
}

#[test]
fn no_key_material_in_debug_display_or_errors() {
    let v = vectors();
    let secret_b64 = v["keys"]["private_pkcs8_base64"].as_str().unwrap();
    // Any 16-character window of the key text must not leak.
    let windows: Vec<&str> = (0..secret_b64.len() - 16)
        .step_by(8)
        .map(|i| &secret_b64[i..i + 16])
        .collect();
    let key = private_key();
    let antom_key = PublicKey::parse(&read("test_public_merchant_spki.pem")).unwrap();
    let config = Config::builder("SANDBOX_X", key.clone(), antom_key)
        .agent_token("tok-secret")
        .build()
        .unwrap();
    let client = antom::Client::new(config.clone()).unwrap();
    let mut texts = vec![
        format!("{key:?}"),
        format!("{:?}", Signer::new(key.clone(), 1)),
        format!("{config:?}"),
        format!("{client:?}"),
        format!("{:?}", antom::generate_key_pair().unwrap()),
    ];
    // Errors from keys that are almost right must not echo the input.
    let mut broken = secret_b64.to_string();
    broken.insert_str(100, "!!");
    texts.push(PrivateKey::parse(&broken).unwrap_err().to_string());
    texts.push(PublicKey::parse(secret_b64).unwrap_err().to_string());
    texts.push(
        PrivateKey::parse(&secret_b64[..400])
            .unwrap_err()
            .to_string(),
    );
    for t in &texts {
        assert!(!t.contains("tok-secret"), "{t}");
        for w in &windows {
            assert!(!t.contains(w), "key material leaked: {t}");
        }
    }
}

#[test]
fn error_kinds_have_stable_codes() {
    let codes: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        codes,
        [
            "INVALID_KEY",
            "INVALID_HEADER",
            "INVALID_INPUT",
            "TRANSPORT",
            "TIMEOUT",
            "OUTCOME_UNKNOWN",
            "HTTP_STATUS",
            "UNSIGNED_RESPONSE",
            "SIGNATURE_MISMATCH",
            "INVALID_RESPONSE"
        ]
    );
}

#[test]
fn public_keys_export_as_the_portal_form() {
    let v = vectors();
    let spki = v["keys"]["public_spki_base64"].as_str().unwrap();
    for (form, text) in public_forms() {
        let pem = PublicKey::parse(&text).unwrap().to_pem();
        let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        assert_eq!(b64, spki, "{form}");
    }
    assert_eq!(
        private_key().public_key().unwrap().to_pem(),
        read("test_public_spki.pem")
    );
}
