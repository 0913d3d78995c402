//! TLS: a server with a self-signed certificate is refused by default and accepted only when
//! its CA is added explicitly. There is no switch to skip verification.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;
use crate::server;

use std::sync::Arc;

use antom::{Client, Config, ErrorKind};
use common::*;
use server::{Reply, Server};
use tokio_rustls::rustls;

const S_BODY: &str =
    r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#;

async fn tls_server() -> (Server, String) {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let cert_pem = cert.cert.pem();
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![cert.cert.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(cert.signing_key.serialize_der().into()),
        )
        .unwrap();
    let key = private_key();
    let server = Server::start_with(
        move |req, _| Reply::signed(req, &key, S_BODY),
        Some(tokio_rustls::TlsAcceptor::from(Arc::new(config))),
    )
    .await;
    (server, cert_pem)
}

#[tokio::test]
async fn self_signed_certificates_are_refused_by_default() {
    let (server, _) = tls_server().await;
    let config = Config::builder("C1", merchant_private_key(), public_key())
        .gateway_url(format!("https://localhost:{}", server.port))
        .max_retries(0)
        .build()
        .unwrap();
    let err = Client::new(config)
        .unwrap()
        .pay(serde_json::json!({"paymentRequestId": "o"}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
    assert!(
        err.message().to_lowercase().contains("certificate"),
        "{err}"
    );
    assert!(
        server.requests().is_empty(),
        "nothing may be sent over an unverified connection"
    );
}

#[tokio::test]
async fn an_explicitly_added_ca_is_trusted() {
    let (server, cert_pem) = tls_server().await;
    let config = Config::builder("C1", merchant_private_key(), public_key())
        .gateway_url(format!("https://localhost:{}", server.port))
        .add_root_certificate_pem(cert_pem)
        .build()
        .unwrap();
    let r = Client::new(config)
        .unwrap()
        .pay(serde_json::json!({"paymentRequestId": "o"}))
        .await
        .unwrap();
    assert!(r.verified() && r.is_success());
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_bad_extra_ca_is_an_input_error() {
    let config = Config::builder("C1", merchant_private_key(), public_key())
        .add_root_certificate_pem("not pem")
        .build()
        .unwrap();
    assert_eq!(
        Client::new(config).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
}
