//! The bodies of the fuzz targets, shared by the libFuzzer binaries in `fuzz_targets/` and by
//! `sim/tests/fuzz_corpus.rs`, which replays the committed corpus in `make test`.
//!
//! Inputs are split at 0xFF bytes (never valid in UTF-8, so a natural separator): e.g. a
//! notification input is `flags 0xFF path 0xFF header lines 0xFF body`. A set low bit in the
//! flags makes the target sign the input correctly, so the fuzzer also explores what lies past
//! signature verification.
//!
//! Each target asserts what must hold for any input, beyond "no panic": a header that parses
//! round-trips; a key error never echoes key text; a verified notification is exactly the bytes
//! received; an `S` response is never reported unless verified; the simulator answers every
//! signed request, and signs what it answers.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::OnceLock;
use std::time::Duration;

const PRIVATE_PEM: &str = include_str!("../../tests/vectors/test_private_pkcs8.pem");
const PUBLIC_PEM: &str = include_str!("../../tests/vectors/test_public_spki.pem");
const CLIENT_ID: &str = "FUZZ_CLIENT";
const TIME: &str = "2026-11-26T10:00:00+08:00";

struct Keys {
    private: antom::PrivateKey,
    public: antom::PublicKey,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys {
        private: antom::PrivateKey::parse(PRIVATE_PEM).unwrap(),
        public: antom::PublicKey::parse(PUBLIC_PEM).unwrap(),
    })
}

/// The input cut at its first `N - 1` 0xFF bytes; missing parts are empty.
fn parts<const N: usize>(data: &[u8]) -> [&[u8]; N] {
    let mut out = [&[][..]; N];
    let mut rest = data;
    for slot in out.iter_mut().take(N - 1) {
        match rest.iter().position(|b| *b == 0xFF) {
            Some(i) => {
                *slot = &rest[..i];
                rest = &rest[i + 1..];
            }
            None => {
                *slot = rest;
                rest = &[];
            }
        }
    }
    out[N - 1] = rest;
    out
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `name: value` lines.
fn header_lines(b: &[u8]) -> Vec<(String, String)> {
    text(b)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn sign(path: &str, body: &[u8]) -> String {
    let content = antom::sign_content("POST", path, CLIENT_ID, TIME, body);
    antom::format_header(1, &keys().private.sign(&content).unwrap())
}

/// The `Signature` header parser.
pub fn signature_header(data: &[u8]) {
    let Ok(value) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(h) = antom::SignatureHeader::parse(value) {
        let again = antom::SignatureHeader::parse(&antom::format_header(1, &h.signature)).unwrap();
        assert_eq!(
            again.signature, h.signature,
            "a parsed signature formats back"
        );
    }
}

/// Keys in every form: PEM or base64 text, DER, certificates; private and public. The first
/// byte picks the form.
pub fn keys_any_form(data: &[u8]) {
    let Some((which, input)) = data.split_first() else {
        return;
    };
    let err = match which % 4 {
        0 => antom::PrivateKey::from_bytes(input).map(|k| {
            // A key that parses signs, and its public half verifies that signature.
            let sig = k.sign(b"fuzz").unwrap();
            let public = k.public_key().unwrap();
            antom::Verifier::new(public)
                .verify("POST", "/", "c", "t", b"", &antom::format_header(1, &sig))
                .ok();
        }),
        1 => antom::PublicKey::from_bytes(input).map(drop),
        2 => antom::PrivateKey::from_der(input).map(drop),
        _ => antom::PublicKey::from_der(input).map(drop),
    }
    .err();
    if let Some(e) = err {
        // An error names what is wrong (known PEM labels included), never the key text it was
        // given: no base64 line of the input appears in it.
        let message = format!("{e} {e:?}");
        let base64 = |l: &&str| {
            l.len() >= 24
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        };
        for line in text(input).lines().map(str::trim).filter(base64) {
            assert!(!message.contains(line), "key text in an error: {message}");
        }
    }
}

/// Notification verification: `flags 0xFF path 0xFF headers 0xFF body`.
pub fn notification(data: &[u8]) {
    let [flags, path, headers, body] = parts::<4>(data);
    let path = text(path);
    let mut headers = header_lines(headers);
    if flags.first().is_some_and(|f| f & 1 == 1) {
        headers.push(("Client-Id".into(), CLIENT_ID.into()));
        headers.push(("Request-Time".into(), TIME.into()));
        headers.push(("Signature".into(), sign(&path, body)));
    }
    let verifier = antom::NotificationVerifier::new(keys().public.clone(), CLIENT_ID);
    if let Ok(n) = verifier.verify(&path, headers, body) {
        assert_eq!(
            n.raw.as_bytes(),
            body,
            "what was verified is what is returned"
        );
        assert!(n.data.is_object(), "a notification is a JSON object");
    }
}

/// The strict response policy: `status(2) flags 0xFF headers 0xFF body`.
pub fn response(data: &[u8]) {
    let [head, headers, body] = parts::<3>(data);
    let status = match head {
        [a, b, ..] => u16::from_be_bytes([*a, *b]) % 600,
        _ => 200,
    };
    let path = "/ams/api/v1/payments/pay";
    let mut headers = header_lines(headers);
    if head.get(2).is_some_and(|f| f & 1 == 1) {
        headers.push(("response-time".into(), TIME.into()));
        headers.push(("signature".into(), sign(path, body)));
    }
    let verifier = antom::Verifier::new(keys().public.clone());
    let r =
        antom::fuzz::evaluate_response(status, headers, body.to_vec(), path, CLIENT_ID, &verifier);
    if let Ok(r) = r {
        assert!((200..300).contains(&r.http_status()));
        if r.result_status() == antom::ResultStatus::Success {
            assert!(r.verified(), "an S is never reported unverified");
        }
    }
}

struct Sim {
    rt: tokio::runtime::Runtime,
    sim: antom_sim::Simulator,
    merchant: antom::PrivateKey,
    antom: antom::Verifier,
    http: reqwest::Client,
}

fn sim() -> &'static Sim {
    static SIM: OnceLock<Sim> = OnceLock::new();
    SIM.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let sim = rt
            .block_on(antom_sim::Simulator::start(antom_sim::Options {
                slow: Duration::from_millis(1),
                ..Default::default()
            }))
            .unwrap();
        let merchant =
            antom::PrivateKey::from_file(sim.info.merchant_private_key_file.as_ref().unwrap())
                .unwrap();
        let antom = antom::Verifier::new(
            antom::PublicKey::from_file(&sim.info.antom_public_key_file).unwrap(),
        );
        // The simulator only wrote its key files for its users; this static one is never
        // dropped, so its folder goes now, once they are read.
        if let Some(dir) = sim.info.antom_public_key_file.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        Sim {
            rt,
            sim,
            merchant,
            antom,
            http,
        }
    })
}

/// The simulator's request handling: `endpoint flags 0xFF body`, sent over HTTP to a simulator
/// in this process, signed by its merchant unless the flags say otherwise.
pub fn sim_request(data: &[u8]) {
    let [head, body] = parts::<2>(data);
    let endpoints = antom::catalog::all();
    let endpoint = &endpoints[head.first().copied().unwrap_or(0) as usize % endpoints.len()];
    let s = sim();
    let client_id = s.sim.info.client_id.clone();
    let signed = head.get(1).is_none_or(|f| f & 1 == 0);
    let mut req = s
        .http
        .post(format!("{}{}", s.sim.info.url, endpoint.path))
        .header("content-type", "application/json; charset=UTF-8")
        .header("client-id", &client_id)
        .header("request-time", TIME)
        .timeout(Duration::from_secs(10))
        .body(body.to_vec());
    if signed {
        let content = antom::sign_content("POST", endpoint.path, &client_id, TIME, body);
        let sig = s.merchant.sign(&content).unwrap();
        req = req.header("signature", antom::format_header(1, &sig));
    }
    let (status, headers, answer) = s.rt.block_on(async {
        let r = req
            .send()
            .await
            .expect("the simulator answers every request");
        let status = r.status().as_u16();
        let headers: Vec<(String, String)> = r
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), text(v.as_bytes())))
            .collect();
        (status, headers, r.bytes().await.unwrap().to_vec())
    });
    // Fault amounts (99xx) break the answer on purpose: 500s, bad or missing signatures. Usage
    // events refuse HTTP/1.1 with 505 by design (they travel over HTTP/2 only).
    let faulted = text(body).contains("99");
    if faulted || endpoint.wire_format == antom::catalog::WireFormat::MeterEvent {
        return;
    }
    assert!(
        status < 500,
        "{status} for {}: {}",
        endpoint.name,
        text(&answer)
    );
    if signed && status == 200 && endpoint.wire_format == antom::catalog::WireFormat::Json {
        let r = antom::fuzz::evaluate_response(
            status,
            headers,
            answer,
            endpoint.path,
            &client_id,
            &s.antom,
        );
        if let Ok(r) = &r {
            assert!(
                r.verified(),
                "the simulator signs every answer: {}",
                r.raw()
            );
        }
    }
}
