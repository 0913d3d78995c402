//! Every case of the shared vectors, for every key form, on the compiled-in backend
//! (`make test` runs this file with and without `pure-rust-crypto`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use antom::{ErrorKind, PrivateKey, PublicKey, SignatureHeader, Signer, Verifier};
use base64::Engine as _;
use common::*;

fn s<'a>(v: &'a serde_json::Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or_else(|| panic!("missing {k}"))
}

#[test]
fn sign_cases_are_reproduced_byte_for_byte_from_every_key_form() {
    let v = vectors();
    for (form, text) in private_forms() {
        let key = PrivateKey::parse(&text).unwrap_or_else(|e| panic!("{form}: {e}"));
        let signer = Signer::new(key.clone(), 1);
        for case in v["sign_cases"].as_array().unwrap() {
            let name = s(case, "name");
            let content = antom::sign_content(
                s(case, "method"),
                s(case, "path"),
                s(case, "client_id"),
                s(case, "time"),
                s(case, "body").as_bytes(),
            );
            assert_eq!(content, s(case, "content_to_sign").as_bytes(), "{name}");
            let sig = key.sign(&content).unwrap();
            let b64 = base64::engine::general_purpose::STANDARD.encode(&sig);
            assert_eq!(b64, s(case, "signature_base64"), "{form}: {name}");
            let header = signer
                .sign(
                    s(case, "method"),
                    s(case, "path"),
                    s(case, "client_id"),
                    s(case, "time"),
                    s(case, "body").as_bytes(),
                )
                .unwrap();
            assert_eq!(header, s(case, "signature_header"), "{form}: {name}");
            assert!(header.ends_with(s(case, "signature_urlencoded")));
        }
    }
}

#[test]
fn sign_cases_verify_from_every_public_form_and_every_encoding() {
    let v = vectors();
    for (form, text) in public_forms() {
        let verifier =
            Verifier::new(PublicKey::parse(&text).unwrap_or_else(|e| panic!("{form}: {e}")));
        for case in v["sign_cases"].as_array().unwrap() {
            for field in [
                "signature_header",
                "signature_urlencoded",
                "signature_urlencoded_dotnet_lowercase",
                "signature_base64",
            ] {
                verifier
                    .verify(
                        s(case, "method"),
                        s(case, "path"),
                        s(case, "client_id"),
                        s(case, "time"),
                        s(case, "body").as_bytes(),
                        s(case, field),
                    )
                    .unwrap_or_else(|e| panic!("{form} {field} {}: {e}", s(case, "name")));
            }
        }
    }
}

#[test]
fn verify_must_fail_cases_are_rejected_as_mismatch() {
    let v = vectors();
    let verifier = Verifier::new(public_key());
    for case in v["verify_must_fail"].as_array().unwrap() {
        let name = s(case, "name");
        let err = match case.get("content_override").and_then(|c| c.as_str()) {
            Some(content) => {
                let header = SignatureHeader::parse(s(case, "signature_urlencoded")).unwrap();
                assert!(
                    !verifier
                        .public_key()
                        .verify(content.as_bytes(), &header.signature),
                    "{name}"
                );
                continue;
            }
            None => verifier
                .verify(
                    s(case, "method"),
                    s(case, "path"),
                    s(case, "client_id"),
                    s(case, "time"),
                    s(case, "body").as_bytes(),
                    s(case, "signature_urlencoded"),
                )
                .expect_err(name),
        };
        assert_eq!(err.kind(), ErrorKind::SignatureMismatch, "{name}");
    }
}

#[test]
fn header_parse_cases() {
    let v = vectors();
    for case in v["header_parse_cases"].as_array().unwrap() {
        let header = s(case, "header");
        match case.get("error").and_then(|e| e.as_str()) {
            Some(expected) => {
                let err = SignatureHeader::parse(header).expect_err(header);
                assert_eq!(err.kind(), ErrorKind::InvalidHeader);
                assert!(
                    err.message().contains(expected),
                    "{header}: {} lacks {expected}",
                    err.message()
                );
            }
            None => {
                let h = SignatureHeader::parse(header).unwrap();
                assert_eq!(h.algorithm, s(case, "algorithm"));
                assert_eq!(h.key_version, s(case, "keyVersion"));
                let b64 = base64::engine::general_purpose::STANDARD.encode(&h.signature);
                assert_eq!(b64, s(case, "signature_base64"), "{header}");
            }
        }
    }
}

#[test]
fn tampering_any_signed_part_is_rejected() {
    let key = private_key();
    let verifier = Verifier::new(public_key());
    let (m, p, c, t, b) = (
        "POST",
        "/ams/api/v1/payments/pay",
        "C1",
        "2024-01-01T00:00:00Z",
        br#"{"paymentRequestId":"x"}"#,
    );
    let header = Signer::new(key, 1).sign(m, p, c, t, b).unwrap();
    verifier.verify(m, p, c, t, b, &header).unwrap();
    let mut flipped = b.to_vec();
    flipped[5] ^= 1;
    for (m2, p2, c2, t2, b2) in [
        ("GET", p, c, t, &b[..]),
        (m, "/ams/sandbox/api/v1/payments/pay", c, t, &b[..]),
        (m, p, "C2", t, &b[..]),
        (m, p, c, "2024-01-01T00:00:01Z", &b[..]),
        (m, p, c, t, &flipped[..]),
    ] {
        let err = verifier.verify(m2, p2, c2, t2, b2, &header).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::SignatureMismatch);
    }
    // A signature by another key never verifies.
    let other = antom::generate_key_pair().unwrap();
    let other_sig = Signer::new(PrivateKey::parse(&other.private_pem).unwrap(), 1)
        .sign(m, p, c, t, b)
        .unwrap();
    assert_eq!(
        verifier
            .verify(m, p, c, t, b, &other_sig)
            .unwrap_err()
            .kind(),
        ErrorKind::SignatureMismatch
    );
}
