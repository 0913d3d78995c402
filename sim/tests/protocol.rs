//! The simulator judges requests as Antom does, and never falls over on bad input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use antom::ResultStatus;
use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn requests_signed_with_the_wrong_key_get_an_unsigned_invalid_signature() {
    let sim = sim().await;
    let other = antom::PrivateKey::parse(&antom::generate_key_pair().unwrap().private_pem).unwrap();
    let cfg = antom::Config::builder(
        sim.info.client_id.clone(),
        other,
        antom::PublicKey::from_file(&sim.info.antom_public_key_file).unwrap(),
    )
    .gateway_url(sim.info.url.clone())
    .build()
    .unwrap();
    let r = antom::Client::new(cfg)
        .unwrap()
        .pay(pay_body("p1", "1000", None))
        .await
        .unwrap();
    assert_eq!(
        (r.result_status(), r.result_code(), r.verified()),
        (ResultStatus::Failure, "INVALID_SIGNATURE", false)
    );
}

#[tokio::test]
async fn unknown_clients_and_key_versions_are_refused() {
    let sim = sim().await;
    let i = &sim.info;
    let key = antom::PrivateKey::from_file(i.merchant_private_key_file.as_ref().unwrap()).unwrap();
    let antom_key = antom::PublicKey::from_file(&i.antom_public_key_file).unwrap();
    let stranger = antom::Config::builder("SANDBOX_STRANGER", key.clone(), antom_key.clone())
        .gateway_url(i.url.clone())
        .build()
        .unwrap();
    let r = antom::Client::new(stranger)
        .unwrap()
        .pay(pay_body("p2", "1000", None))
        .await
        .unwrap();
    assert_eq!(r.result_code(), "CLIENT_INVALID");
    let v2 = antom::Config::builder(i.client_id.clone(), key, antom_key)
        .gateway_url(i.url.clone())
        .key_version(2)
        .build()
        .unwrap();
    let r = antom::Client::new(v2)
        .unwrap()
        .pay(pay_body("p2", "1000", None))
        .await
        .unwrap();
    assert_eq!(r.result_code(), "KEY_NOT_FOUND");
}

#[tokio::test]
async fn missing_fields_are_named() {
    let sim = sim().await;
    let client = client(&sim);
    for (field, body) in [
        (
            "paymentRequestId",
            json!({"paymentAmount": {"currency": "USD", "value": "1"}}),
        ),
        (
            "paymentAmount.currency",
            json!({"paymentRequestId": "x", "paymentAmount": {"value": "1"}}),
        ),
        (
            "productCode",
            json!({"paymentRequestId": "x", "paymentAmount": {"currency": "USD", "value": "1"}}),
        ),
    ] {
        let r = client.pay(body).await.unwrap();
        assert_eq!(r.result_code(), "PARAM_ILLEGAL");
        assert!(r.result_message().contains(field), "{}", r.result_message());
        assert!(r.verified());
    }
    let r = client.pay(pay_body("x", "12.50", None)).await.unwrap();
    assert_eq!(r.result_code(), "PARAM_ILLEGAL");
}

/// Sends raw bytes signed by the merchant, bypassing the SDK's own input checks.
async fn raw_signed(sim: &antom_sim::Simulator, body: &[u8]) -> (u16, String, bool) {
    let key =
        antom::PrivateKey::from_file(sim.info.merchant_private_key_file.as_ref().unwrap()).unwrap();
    let path = "/ams/sandbox/api/v1/payments/pay";
    let sig = antom::Signer::new(key, 1)
        .sign("POST", path, &sim.info.client_id, "1", body)
        .unwrap();
    let r = reqwest::Client::new()
        .post(format!("{}{path}", sim.info.url))
        .header("client-id", &sim.info.client_id)
        .header("request-time", "1")
        .header("signature", sig)
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    let signed = r.headers().contains_key("signature");
    (r.status().as_u16(), r.text().await.unwrap(), signed)
}

#[tokio::test]
async fn malformed_json_and_oversize_bodies() {
    let sim = sim().await;
    let (status, body, signed) = raw_signed(&sim, b"{not json").await;
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (status, v["result"]["resultCode"].as_str(), signed),
        (200, Some("PARAM_ILLEGAL"), true)
    );
    let (status, _, _) = raw_signed(&sim, &vec![b' '; 2 * 1024 * 1024]).await;
    assert_eq!(status, 413);
    // Garbage of every kind: the simulator answers and keeps serving.
    for junk in [
        &b""[..],
        b"\xff\xfe\x00",
        b"[]",
        b"null",
        b"{\"paymentRequestId\":{}}",
    ] {
        let (status, _, _) = raw_signed(&sim, junk).await;
        assert_eq!(status, 200);
    }
    let r = reqwest::Client::new()
        .post(format!("{}/ams/api/v1/payments/pay", sim.info.url))
        .body("{}")
        .send()
        .await
        .unwrap();
    let v: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    assert_eq!(v["result"]["resultCode"], "CLIENT_INVALID");
    assert!(client(&sim)
        .pay(pay_body("still-up", "1", None))
        .await
        .unwrap()
        .verified());
}

#[tokio::test]
async fn merchants_can_bring_their_own_keys() {
    let dir = std::env::temp_dir().join(format!("antom-sim-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pair = antom::generate_key_pair().unwrap();
    std::fs::write(dir.join("pub.pem"), &pair.public_pem).unwrap();
    let sim = antom_sim::Simulator::start(antom_sim::Options {
        merchants: vec![("MERCHANT_A".into(), dir.join("pub.pem"))],
        state_dir: Some(dir.join("state")),
        ..Default::default()
    })
    .await
    .unwrap();
    assert!(sim.info.merchant_private_key_file.is_none());
    let cfg = antom::Config::builder(
        "MERCHANT_A",
        antom::PrivateKey::parse(&pair.private_pem).unwrap(),
        antom::PublicKey::from_file(&sim.info.antom_public_key_file).unwrap(),
    )
    .gateway_url(sim.info.url.clone())
    .build()
    .unwrap();
    let r = antom::Client::new(cfg)
        .unwrap()
        .pay(pay_body("own-1", "1000", None))
        .await
        .unwrap();
    assert_eq!(
        r.path(),
        "/ams/api/v1/payments/pay",
        "not a sandbox id: production paths"
    );
    assert!(r.verified());
    sim.shutdown().await;
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The simulator's actions refuse other sites (CSRF) and other host names (DNS rebinding); its
/// pages may not be framed; the request log masks the agent token.
#[tokio::test]
async fn actions_refuse_other_origins_pages_refuse_frames_and_tokens_are_masked() {
    let sim = sim().await;
    let url = format!("{}/sim/faults", sim.info.url);
    let arm = |extra: Vec<(&'static str, String)>| {
        let mut r = reqwest::Client::new()
            .post(url.clone())
            .header("content-type", "application/json")
            .body(r#"{"code": 9901, "path": "never/used"}"#);
        for (k, v) in extra {
            r = r.header(k, v);
        }
        async move { r.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(arm(vec![]).await, 200, "a program (no Origin) may act");
    let same = vec![
        ("origin", sim.info.url.clone()),
        ("sec-fetch-site", "same-origin".to_string()),
    ];
    assert_eq!(arm(same).await, 200);
    for (k, v) in [
        ("origin", "https://evil.example"),
        ("origin", "null"),
        ("sec-fetch-site", "cross-site"),
        ("host", "rebound.evil.example"),
    ] {
        let refused = vec![(k, v.to_string())];
        assert_eq!(arm(refused.clone()).await, 403, "{refused:?}");
    }
    // A name rebound to 127.0.0.1 cannot read the pages either.
    let rebound = reqwest::Client::new()
        .get(format!("{}/sim/requests", sim.info.url))
        .header("host", "rebound.evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(rebound.status().as_u16(), 403);
    // The buyer's Pay button cannot be clicked from a page that frames it.
    for path in ["/sim/", "/checkout/none"] {
        let r = reqwest::get(format!("{}{path}", sim.info.url))
            .await
            .unwrap();
        assert_eq!(r.headers()["x-frame-options"], "DENY", "{path}");
        let csp: Vec<_> = r
            .headers()
            .get_all("content-security-policy")
            .iter()
            .collect();
        assert!(
            csp.iter().any(|v| *v == "frame-ancestors 'none'"),
            "{path}: {csp:?}"
        );
    }
    // The agent token is a credential: /sim/requests shows only that it was there.
    let client = antom::Client::new(
        config(&sim)
            .agent_token("isv-secret-token")
            .build()
            .unwrap(),
    )
    .unwrap();
    client
        .inquiry_payment(json!({"paymentRequestId": "masked"}))
        .await
        .unwrap();
    let seen = get_json(&format!("{}/sim/requests", sim.info.url)).await;
    let last = seen["requests"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["headers"]["agent-token"], "(masked, 16 characters)");
    assert!(!seen.to_string().contains("isv-secret-token"));
}
