//! `antom check webhook` against real webhook servers: a correct handler passes every line; a
//! handler that acks everything, one that refuses redeliveries and one that answers a wrong ack
//! each fail exactly the lines they should.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;
use std::process::Command;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::IntoResponse as _;

#[derive(Clone, Copy)]
enum Handler {
    Correct,
    AcksEverything,
    RefusesRepeats,
    WrongAck,
    /// Answers a forgery with HTTP 500 (it parsed, or acted, before it verified).
    ErrorsOnForgery,
    /// Never answers a forgery.
    HangsOnForgery,
    /// Acks with the ack's meaning but not its bytes.
    ReformattedAck,
    /// Streams a body without end after the ack's status.
    EndlessAnswer,
}

async fn serve(handler: Handler, verifier: antom::NotificationVerifier) -> String {
    let seen = Arc::new(Mutex::new(HashSet::new()));
    let verifier = Arc::new(verifier);
    let app = axum::Router::new().route(
        "/hooks/antom",
        axum::routing::post(move |uri: Uri, headers: HeaderMap, body: Bytes| {
            let (seen, verifier) = (seen.clone(), verifier.clone());
            async move {
                let ack = (StatusCode::OK, antom::NOTIFICATION_ACK.to_string());
                if let Handler::AcksEverything = handler {
                    return ack.into_response();
                }
                let headers = headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()));
                let Ok(n) = verifier.verify(&uri.to_string(), headers, &body) else {
                    return match handler {
                        Handler::ErrorsOnForgery => (StatusCode::INTERNAL_SERVER_ERROR, "boom").into_response(),
                        Handler::HangsOnForgery => {
                            tokio::time::sleep(std::time::Duration::from_secs(30)).await;
                            (StatusCode::UNAUTHORIZED, "late").into_response()
                        }
                        _ => (StatusCode::UNAUTHORIZED, "unverified").into_response(),
                    };
                };
                let first = seen.lock().unwrap().insert(n.raw.clone());
                match handler {
                    Handler::RefusesRepeats if !first => (StatusCode::CONFLICT, "seen").into_response(),
                    Handler::WrongAck => (StatusCode::OK, "OK").into_response(),
                    Handler::ReformattedAck => (
                        StatusCode::OK,
                        r#"{"result": {"resultStatus": "S", "resultCode": "SUCCESS", "resultMessage": "success"}}"#,
                    )
                        .into_response(),
                    Handler::EndlessAnswer => {
                        let chunks = futures_util::stream::repeat_with(|| {
                            Ok::<_, std::convert::Infallible>(Bytes::from(vec![b' '; 64 * 1024]))
                        });
                        (StatusCode::OK, axum::body::Body::from_stream(chunks)).into_response()
                    }
                    _ => ack.into_response(),
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/hooks/antom?shop=1",
        listener.local_addr().unwrap()
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

/// Runs `antom check webhook` and returns (exit code, failed line names).
fn check(url: &str, key_file: &std::path::Path) -> (i32, Vec<String>) {
    let out = Command::new(env!("CARGO_BIN_EXE_antom"))
        .args([
            "check",
            "webhook",
            url,
            "--client-id",
            "C1",
            "--timeout",
            "2",
            "--antom-private-key",
        ])
        .arg(key_file)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let failed = text
        .lines()
        .filter_map(|l| l.strip_prefix("FAIL  "))
        .map(|l| l.split(':').next().unwrap().to_string())
        .collect();
    assert!(text.contains("checks passed"), "{text}");
    (out.status.code().unwrap(), failed)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_webhook_passes_a_correct_handler_and_names_what_each_wrong_one_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let pair = antom::generate_key_pair().unwrap();
    let key_file = dir.path().join("antom_private_key.pem");
    std::fs::write(&key_file, pair.private_pem.as_bytes()).unwrap();
    let verifier = || {
        antom::NotificationVerifier::new(antom::PublicKey::parse(&pair.public_pem).unwrap(), "C1")
    };

    let url = serve(Handler::Correct, verifier()).await;
    let (code, failed) = tokio::task::spawn_blocking(move || check(&url, &key_file.clone()))
        .await
        .unwrap();
    assert_eq!((code, failed), (0, vec![]));

    let key_file = dir.path().join("antom_private_key.pem");
    let url = serve(Handler::AcksEverything, verifier()).await;
    let k = key_file.clone();
    let (code, failed) = tokio::task::spawn_blocking(move || check(&url, &k))
        .await
        .unwrap();
    assert_eq!(code, 1);
    assert_eq!(
        failed,
        [
            "forged signature (another key)",
            "tampered body (amount changed after signing)",
            "missing Signature header",
            "signed for another path (/other/notify)",
        ]
    );

    let url = serve(Handler::RefusesRepeats, verifier()).await;
    let k = key_file.clone();
    let (code, failed) = tokio::task::spawn_blocking(move || check(&url, &k))
        .await
        .unwrap();
    assert_eq!(
        (code, failed),
        (
            1,
            vec!["the same PAYMENT_RESULT again (a redelivery)".to_string()]
        )
    );

    let url = serve(Handler::WrongAck, verifier()).await;
    let k = key_file.clone();
    let (code, failed) = tokio::task::spawn_blocking(move || check(&url, &k))
        .await
        .unwrap();
    assert_eq!(code, 1);
    assert_eq!(failed.len(), 8, "every genuine notification: {failed:?}");
    assert!(failed
        .iter()
        .all(|f| f.starts_with("valid ") || f.contains("again") || f.contains("does not know")));

    // The ack's meaning in other bytes, and an answer without end: neither is the exact ack
    // (the endless one is read only so far).
    for handler in [Handler::ReformattedAck, Handler::EndlessAnswer] {
        let url = serve(handler, verifier()).await;
        let k = key_file.clone();
        let (code, failed) = tokio::task::spawn_blocking(move || check(&url, &k))
            .await
            .unwrap();
        assert_eq!((code, failed.len()), (1, 8), "{failed:?}");
    }
    // A handler that errors or hangs on a forgery fails every forgery line.
    let forgeries = [
        "forged signature (another key)",
        "tampered body (amount changed after signing)",
        "missing Signature header",
        "signed for another path (/other/notify)",
    ];
    for handler in [Handler::ErrorsOnForgery, Handler::HangsOnForgery] {
        let url = serve(handler, verifier()).await;
        let k = key_file.clone();
        let (code, failed) = tokio::task::spawn_blocking(move || check(&url, &k))
            .await
            .unwrap();
        assert_eq!((code, failed), (1, forgeries.map(String::from).to_vec()));
    }
}
