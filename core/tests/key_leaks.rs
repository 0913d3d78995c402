//! No error ever echoes key input. Mutated key files (every byte changed or dropped, lines cut,
//! dashes dropped from the armour) go through every parse path; no error text or Debug output
//! may hold 16 or more consecutive characters of the key.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::collections::HashSet;

use antom::{PrivateKey, PublicKey};
use common::*;

const WINDOW: usize = 16;

/// Every 16-character run of the key's base64 body, across line breaks too.
fn secret_windows(pem: &str) -> HashSet<String> {
    let body: String = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let chars: Vec<char> = body.chars().collect();
    chars
        .windows(WINDOW)
        .map(|w| w.iter().collect::<String>())
        .collect()
}

fn leaks(text: &str, secrets: &HashSet<String>) -> Option<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    (0..compact.len().saturating_sub(WINDOW - 1))
        .filter(|&i| compact.is_char_boundary(i) && compact.is_char_boundary(i + WINDOW))
        .map(|i| &compact[i..i + WINDOW])
        .find(|w| secrets.contains(*w))
        .map(str::to_string)
}

/// Every way the SDK reads key text or bytes (files only for `with_files`: they read through
/// the same text parser, so the per-byte mutations skip the disk).
fn parse_all(input: &str, dir: &std::path::Path, with_files: bool) -> Vec<String> {
    let mut errors = Vec::new();
    let mut keep = |r: Result<(), antom::Error>| {
        if let Err(e) = r {
            errors.push(format!("{e} | {e:?}"));
        }
    };
    keep(PrivateKey::parse(input).map(drop));
    keep(PublicKey::parse(input).map(drop));
    if !with_files {
        return errors;
    }
    keep(PrivateKey::from_bytes(input.as_bytes()).map(drop));
    keep(PublicKey::from_bytes(input.as_bytes()).map(drop));
    let file = dir.join("key.pem");
    std::fs::write(&file, input).unwrap();
    keep(PrivateKey::from_file(&file).map(drop));
    keep(PublicKey::from_file(&file).map(drop));
    errors
}

fn mutations(pem: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = pem.as_bytes();
    for i in 0..bytes.len() {
        // Change the byte (to '-' inside the armour, to '!' elsewhere), and drop it.
        let mut changed = bytes.to_vec();
        changed[i] = if changed[i] == b'-' { b'!' } else { b'-' };
        out.push(String::from_utf8_lossy(&changed).into_owned());
        let mut dropped = bytes.to_vec();
        dropped.remove(i);
        out.push(String::from_utf8_lossy(&dropped).into_owned());
    }
    // Cut after every line, and drop each line.
    let lines: Vec<&str> = pem.lines().collect();
    for n in 0..lines.len() {
        out.push(lines[..n].join("\n"));
        let mut without = lines.clone();
        without.remove(n);
        out.push(without.join("\n"));
    }
    // The armour without one, some or all of its dashes; on one line; labels run on.
    for (from, to) in [
        ("-----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY----"),
        ("-----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY"),
        ("-----BEGIN PRIVATE KEY-----\n", "-----BEGIN PRIVATE KEY "),
        ("-----END PRIVATE KEY-----", "-----END PRIVATE KEY----"),
        ("-----END PRIVATE KEY-----", "-----END PRIVATE KEY"),
        ("-----END PRIVATE KEY-----", ""),
        ("-----BEGIN PRIVATE KEY-----", "----BEGIN PRIVATE KEY-----"),
        (
            "-----BEGIN PRIVATE KEY-----",
            "-----BEGIN RSA PRIVATE KEY-----",
        ),
        ("\n", ""),
    ] {
        out.push(pem.replace(from, to));
    }
    out
}

#[test]
fn no_error_from_a_mutated_key_file_holds_key_text() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["test_private_pkcs8.pem", "test_private_pkcs1.pem"] {
        let pem = read(name);
        let secrets = secret_windows(&pem);
        assert!(secrets.len() > 1000, "{name}: the key body was not found");
        let mut checked = 0;
        let inputs = mutations(&pem);
        let per_byte = 2 * pem.len();
        for (i, input) in inputs.iter().enumerate() {
            for error in parse_all(input, dir.path(), i >= per_byte) {
                // The failure message itself must not print key text: say where, not what.
                if leaks(&error, &secrets).is_some() {
                    panic!("{name}: the error for mutation {i} quotes the key");
                }
                checked += 1;
            }
        }
        assert!(checked > 5000, "{name}: only {checked} errors were checked");
    }
}

#[test]
fn the_reviewed_reproductions_name_no_key_text() {
    let pem = read("test_private_pkcs8.pem");
    let secrets = secret_windows(&pem);
    for broken in [
        pem.replace("-----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY----"),
        pem.replace("-----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY"),
    ] {
        let e = PrivateKey::parse(&broken).unwrap_err();
        assert_eq!(e.kind(), antom::ErrorKind::InvalidKey);
        assert!(
            leaks(&e.to_string(), &secrets).is_none(),
            "the error quotes the key"
        );
        assert!(e.message().contains("BEGIN"), "says what is wrong: {e}");
    }
    // PEM on one line (keys kept in environment variables) still parses.
    let one_line = pem.replace('\n', "");
    assert_eq!(PrivateKey::parse(&one_line).unwrap().bits(), 2048);
}

/// Key content given where a path is expected (`--private-key "$ANTOM_PRIVATE_KEY"` in CI, a
/// secret mounted as an environment variable and passed as a file name) is named as that
/// mistake, and no error shows any of it.
#[test]
fn key_content_passed_as_a_path_is_named_and_never_echoed() {
    let v = vectors();
    let pem = read("test_private_pkcs8.pem");
    let secrets = secret_windows(&pem);
    let bare = v["keys"]["private_pkcs8_base64"]
        .as_str()
        .unwrap()
        .to_string();
    let one_line: String = pem.lines().collect::<Vec<_>>().join(" ");
    for (form, text) in [
        ("pem", pem.clone()),
        ("base64", bare),
        ("pem on one line", one_line),
    ] {
        for e in [
            PrivateKey::from_file(&text).map(drop).unwrap_err(),
            PublicKey::from_file(&text).map(drop).unwrap_err(),
            antom::read_key_file(&text, "private")
                .map(drop)
                .unwrap_err(),
        ] {
            assert_eq!(e.kind(), antom::ErrorKind::InvalidKey, "{form}");
            assert!(
                e.message().contains("key content, not a file path"),
                "{form}: {e}"
            );
            let shown = format!("{e} | {e:?}");
            assert!(
                leaks(&shown, &secrets).is_none(),
                "{form}: the error quotes the key"
            );
        }
        let shown = antom::describe_key_path(std::path::Path::new(&text));
        assert!(leaks(&shown, &secrets).is_none(), "{form}: {shown}");
    }
    // A real path is read, even where a folder's name looks like key text (a container layer).
    let dir = tempfile::tempdir().unwrap();
    let layer = dir.path().join("0123456789abcdef".repeat(4));
    std::fs::create_dir(&layer).unwrap();
    std::fs::write(layer.join("key.pem"), &pem).unwrap();
    assert_eq!(
        PrivateKey::from_file(layer.join("key.pem")).unwrap().bits(),
        2048
    );
    // A real path that does not exist is named by its file name only.
    let e = PrivateKey::from_file("/run/secrets/antom/merchant.pem").unwrap_err();
    assert!(
        e.message().contains("'…/merchant.pem'") && !e.message().contains("/run/secrets"),
        "{e}"
    );
}
