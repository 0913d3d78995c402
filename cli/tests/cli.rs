//! The `antom` binary, run as a user would: every vector from every key form, exit codes,
//! stdin bodies, keygen, and one-line errors without key material.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn antom(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_antom"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn cases() -> Vec<serde_json::Value> {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(vectors_dir().join("vectors.json")).unwrap())
            .unwrap();
    v["sign_cases"].as_array().unwrap().clone()
}

#[test]
fn sign_reproduces_every_vector_from_every_key_file() {
    let dir = tempfile::tempdir().unwrap();
    for key_file in [
        "test_private_pkcs8.pem",
        "test_private_pkcs1.pem",
        "test_private_pkcs8.b64",
        "test_private_pkcs1.b64",
        "test_private_pkcs8.der",
    ] {
        let key = vectors_dir().join(key_file);
        for (i, case) in cases().iter().enumerate() {
            let body = dir.path().join(format!("body{i}"));
            std::fs::write(&body, case["body"].as_str().unwrap()).unwrap();
            let out = antom(
                &[
                    "sign",
                    "--private-key",
                    key.to_str().unwrap(),
                    "--client-id",
                    case["client_id"].as_str().unwrap(),
                    "--path",
                    case["path"].as_str().unwrap(),
                    "--time",
                    case["time"].as_str().unwrap(),
                    "--body-file",
                    body.to_str().unwrap(),
                ],
                None,
            );
            assert!(out.status.success(), "{key_file}: {}", text(&out.stderr));
            assert_eq!(
                text(&out.stdout),
                format!("{}\n", case["signature_header"].as_str().unwrap()),
                "{key_file} {}",
                case["name"]
            );
        }
    }
}

#[test]
fn verify_exit_codes_mean_valid_invalid_malformed() {
    let case = &cases()[0];
    let public = vectors_dir().join("test_public_spki.pem");
    let args = |sig: &str| -> Vec<String> {
        [
            "verify",
            "--public-key",
            public.to_str().unwrap(),
            "--client-id",
            case["client_id"].as_str().unwrap(),
            "--path",
            case["path"].as_str().unwrap(),
            "--time",
            case["time"].as_str().unwrap(),
            "--body-file",
            "-",
            "--signature",
            sig,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let run = |sig: &str, body: &str| {
        let a = args(sig);
        antom(
            &a.iter().map(String::as_str).collect::<Vec<_>>(),
            Some(body.as_bytes()),
        )
    };
    let body = case["body"].as_str().unwrap();
    for field in [
        "signature_header",
        "signature_urlencoded",
        "signature_urlencoded_dotnet_lowercase",
        "signature_base64",
    ] {
        let out = run(case[field].as_str().unwrap(), body);
        assert_eq!(
            (out.status.code(), text(&out.stdout)),
            (Some(0), "valid\n".into()),
            "{field}"
        );
    }
    let out = run(
        case["signature_header"].as_str().unwrap(),
        &body.replace("value1", "value2"),
    );
    assert_eq!(
        (out.status.code(), text(&out.stdout)),
        (Some(1), "invalid signature\n".into())
    );
    let out = run("algorithm=RSA512,signature=abc", body);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("error: INVALID_HEADER") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn keygen_writes_a_working_pair_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = antom(&["keygen", "--out-dir", dir.path().to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let private = dir.path().join("private_key.pem");
    let public = dir.path().join("public_key.pem");
    assert!(std::fs::read_to_string(&private)
        .unwrap()
        .starts_with("-----BEGIN PRIVATE KEY-----"));
    assert!(
        !text(&out.stdout).contains("BEGIN"),
        "keygen must not print the key"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(
            std::fs::metadata(&private).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let body = dir.path().join("b.json");
    std::fs::write(&body, "{}").unwrap();
    let common = [
        "--client-id",
        "C",
        "--path",
        "/p",
        "--time",
        "1",
        "--body-file",
        body.to_str().unwrap(),
    ];
    let mut sign = vec!["sign", "--private-key", private.to_str().unwrap()];
    sign.extend(common);
    let sig = text(&antom(&sign, None).stdout).trim().to_string();
    let mut verify = vec![
        "verify",
        "--public-key",
        public.to_str().unwrap(),
        "--signature",
        &sig,
    ];
    verify.extend(common);
    assert_eq!(antom(&verify, None).status.code(), Some(0));
    let again = antom(&["keygen", "--out-dir", dir.path().to_str().unwrap()], None);
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn wrong_key_files_get_one_line_errors_without_key_material() {
    let body = vectors_dir().join("vectors.json");
    let public = vectors_dir().join("test_public_spki.pem");
    let out = antom(
        &[
            "sign",
            "--private-key",
            public.to_str().unwrap(),
            "--client-id",
            "C",
            "--path",
            "/p",
            "--time",
            "1",
            "--body-file",
            body.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("INVALID_KEY") && err.contains("public key"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    assert!(!err.contains("MII"));
}

#[test]
fn call_reports_transport_errors_by_kind() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = vectors_dir();
    let body = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(body.path(), r#"{"paymentRequestId":"o1"}"#).unwrap();
    let out = antom(
        &[
            "call",
            "--client-id",
            "SANDBOX_X",
            "--private-key",
            dir.join("test_private_merchant_pkcs8.pem")
                .to_str()
                .unwrap(),
            "--antom-public-key",
            dir.join("test_public_spki.pem").to_str().unwrap(),
            "--gateway",
            &format!("http://127.0.0.1:{port}"),
            "--max-retries",
            "0",
            "inquiryPayment",
            "--body-file",
            body.path().to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("error: TRANSPORT"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn doctor_checks_keys() {
    let dir = vectors_dir();
    let out = antom(
        &[
            "doctor",
            "--private-key",
            dir.join("test_private_merchant_pkcs8.pem")
                .to_str()
                .unwrap(),
            "--antom-public-key",
            dir.join("test_cert.pem").to_str().unwrap(),
            "--client-id",
            "SANDBOX_1",
        ],
        None,
    );
    assert!(out.status.success());
    let s = text(&out.stdout);
    assert!(s.contains("RSA-2048 ok") && s.contains("sandbox"), "{s}");
    let out = antom(
        &[
            "doctor",
            "--antom-public-key",
            dir.join("test_private_pkcs8.pem").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    // The merchant's own public key where Antom's belongs: the most common signature failure.
    let out = antom(
        &[
            "doctor",
            "--private-key",
            dir.join("test_private_pkcs8.pem").to_str().unwrap(),
            "--antom-public-key",
            dir.join("test_public_spki.pem").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let s = text(&out.stdout);
    assert!(
        s.contains("public half of the merchant's own private key")
            && s.contains("Developer > Key configuration"),
        "{s}"
    );
    // Paths are named by their file name only.
    assert!(
        s.contains("'…/test_public_spki.pem'") && !s.contains("tests/vectors"),
        "{s}"
    );
}

#[test]
fn key_content_passed_as_a_path_is_named_as_that_mistake_and_never_echoed() {
    let pem = std::fs::read_to_string(vectors_dir().join("test_private_pkcs8.pem")).unwrap();
    let body = vectors_dir().join("vectors.json");
    for args in [
        vec!["doctor", "--private-key", pem.as_str()],
        vec![
            "sign",
            "--private-key",
            pem.as_str(),
            "--client-id",
            "C",
            "--path",
            "/p",
            "--time",
            "1",
            "--body-file",
            body.to_str().unwrap(),
        ],
    ] {
        let out = antom(&args, None);
        assert_eq!(out.status.code(), Some(2));
        let all = text(&out.stdout) + &text(&out.stderr);
        assert!(
            all.contains("key content, not a file path") || all.contains("key content, not shown"),
            "{all}"
        );
        for line in pem.lines().filter(|l| !l.starts_with("-----")) {
            assert!(!all.contains(&line[..16]), "a key line was echoed: {all}");
        }
    }
}
