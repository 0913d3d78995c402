//! Sign, verify, header parse and request build on a 1 KB body. `make bench` runs these next
//! to `openssl speed rsa2048` and writes docs/benchmarks.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

fn key() -> antom::PrivateKey {
    let pem = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/test_private_pkcs8.pem"
    ))
    .unwrap();
    antom::PrivateKey::parse(&pem).unwrap()
}

fn body_1k() -> Vec<u8> {
    let filler = "x".repeat(1024 - 120);
    let body = format!(
        r#"{{"paymentRequestId":"order-123456","paymentAmount":{{"currency":"USD","value":"1000"}},"productCode":"CASHIER_PAYMENT","note":"{filler}"}}"#
    );
    body.into_bytes()
}

fn benches(c: &mut Criterion) {
    let key = key();
    let body = body_1k();
    let signer = antom::Signer::new(key.clone(), 1);
    let verifier = antom::Verifier::new(key.public_key().unwrap());
    let path = "/ams/api/v1/payments/pay";
    let time = "1700000000000";
    let header = signer.sign("POST", path, "C1", time, &body).unwrap();
    let content = antom::sign_content("POST", path, "C1", time, &body);
    let raw_sig = antom::SignatureHeader::parse(&header).unwrap().signature;

    c.bench_function("sign_1k", |b| {
        b.iter(|| {
            signer
                .sign("POST", path, "C1", black_box(time), black_box(&body))
                .unwrap()
        })
    });
    c.bench_function("rsa_sign_only_1k", |b| {
        b.iter(|| key.sign(black_box(&content)).unwrap())
    });
    c.bench_function("verify_1k", |b| {
        b.iter(|| {
            verifier
                .verify(
                    "POST",
                    path,
                    "C1",
                    time,
                    black_box(&body),
                    black_box(&header),
                )
                .unwrap()
        })
    });
    c.bench_function("rsa_verify_only_1k", |b| {
        b.iter(|| {
            verifier
                .public_key()
                .verify(black_box(&content), black_box(&raw_sig))
        })
    });
    c.bench_function("header_parse", |b| {
        b.iter(|| antom::SignatureHeader::parse(black_box(&header)).unwrap())
    });

    let config = antom::Config::builder("SANDBOX_C1", key.clone(), key.public_key().unwrap())
        .build()
        .unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let client = rt.block_on(async { antom::Client::new(config).unwrap() });
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    c.bench_function("request_build_1k", |b| {
        b.iter(|| client.prepare("payments.pay", black_box(&json)).unwrap())
    });
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = benches
}
criterion_main!(group);
