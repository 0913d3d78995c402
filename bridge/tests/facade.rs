//! The facade every binding maps: its tables agree with the core and the shared error table,
//! options are validated once with typed errors, and the client honours every option.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use antom::ErrorKind;
use antom_bridge::families::{family_of, BASE, FAMILIES};
use antom_bridge::keys::KeySource;
use antom_bridge::methods::methods;
use antom_bridge::options::{Naming, OPTIONS};
use antom_bridge::{ErrorView, Handle, Options};
use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/vectors").join(name)).unwrap()
}

fn options(extra: Value) -> Options {
    let mut o = json!({
        "clientId": "SANDBOX_T",
        // The test pair plays Antom: the merchant has a key of its own.
        "privateKey": read("test_private_merchant_pkcs8.pem"),
        "antomPublicKey": read("test_public_spki.pem"),
        "gatewayUrl": "http://127.0.0.1:9",
    });
    o.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    Options::from_json(o, Naming::Camel).unwrap()
}

fn err(r: antom::Result<impl std::fmt::Debug>) -> antom::Error {
    r.expect_err("an error")
}

#[test]
fn every_kind_of_the_core_has_exactly_one_family() {
    for kind in ErrorKind::ALL {
        let holding: Vec<_> = FAMILIES
            .iter()
            .filter(|f| f.kinds.contains(&kind))
            .collect();
        assert_eq!(holding.len(), 1, "{kind} must be in exactly one family");
        assert_ne!(family_of(kind).name, BASE.name);
    }
    assert_eq!(ErrorView::panic().family, BASE.name);
}

#[test]
fn the_shared_error_table_names_the_same_families_and_classes() {
    let table: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/errors.json")).unwrap())
            .unwrap();
    for kind in ErrorKind::ALL {
        assert_eq!(
            table["families"][kind.as_str()],
            family_of(kind).name,
            "{kind}"
        );
    }
    for f in &FAMILIES {
        let classes = &table["classes"];
        assert_eq!(classes["python"][f.name], f.python);
        assert_eq!(classes["dotnet"][f.name], f.dotnet);
        assert_eq!(classes["php"][f.name], format!("Antom\\{}", f.php));
    }
}

#[test]
fn every_json_catalog_endpoint_is_a_method_with_a_distinct_name() {
    let mut names = std::collections::HashSet::new();
    for m in methods() {
        assert!(antom::catalog::find(m.endpoint).is_some(), "{}", m.endpoint);
        assert!(names.insert(m.snake()), "{} twice", m.snake());
        assert!(
            !antom_bridge::methods::RESERVED.contains(&m.camel()),
            "{} is a client member",
            m.camel()
        );
    }
    // Every endpoint but the two of other wire formats (image upload, meter events).
    assert_eq!(methods().len(), antom::catalog::all().len() - 2);
    assert_eq!(methods()[2].snake(), "inquiry_payment");
    assert_eq!(methods()[2].pascal(), "InquiryPayment");
    let name = antom_bridge::methods::method_name;
    assert_eq!(name("payments.pay"), "pay");
    assert_eq!(name("payments.reserve.createHold"), "reserveCreateHold");
    assert_eq!(name("billing.customer.create"), "billingCustomerCreate");
    assert_eq!(
        name("notification.inquireNotification"),
        "notificationInquireNotification"
    );
    let hold = methods()
        .iter()
        .find(|m| m.camel() == "reserveCreateHold")
        .unwrap();
    assert!(
        hold.doc.contains("Idempotent on holdRequestId"),
        "{}",
        hold.doc
    );
}

#[test]
fn option_names_are_spelled_in_each_language() {
    assert_eq!(Naming::Snake.spell("max_retries"), "max_retries");
    assert_eq!(Naming::Camel.spell("max_retries"), "maxRetries");
    assert_eq!(Naming::Pascal.spell("max_retries"), "MaxRetries");
    assert_eq!(OPTIONS.len(), 14);
}

#[test]
fn bad_options_are_typed_errors_naming_the_option() {
    let cases = [
        (json!({"maxRetries": 1.5}), "maxRetries"),
        (json!({"maxRetries": -1}), "maxRetries"),
        (json!({"maxRetries": 11}), "maxRetries"),
        (json!({"keyVersion": 4294967296.0}), "keyVersion"),
        (json!({"keyVersion": 2.7}), "keyVersion"),
        (json!({"timeout": 0}), "timeout"),
        (json!({"timeout": 7200}), "timeout"),
        (json!({"connectTimeout": -1}), "connectTimeout"),
        (json!({"notificationMaxAge": 0}), "notificationMaxAge"),
        (json!({"region": "asia"}), "gatewayUrl"),
        (json!({"region": "mars", "gatewayUrl": null}), "region"),
    ];
    for (extra, name) in cases {
        let e = err(options(extra.clone()).to_config());
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{extra}");
        assert!(e.to_string().contains(name), "{extra}: {e}");
    }
    let e = err(Options::from_json(json!({"bogus": 1}), Naming::Camel));
    assert!(e.to_string().contains("unknown option 'bogus'"), "{e}");
    let e = err(Options::from_json(json!({"timeout": "5"}), Naming::Camel));
    assert!(e.to_string().contains("timeout must be a number"), "{e}");
    let e = err(Options::from_json(json!({"privateKey": 5}), Naming::Pascal));
    assert!(e.to_string().contains("PrivateKey"), "{e}");
    let e = err(Options::from_json(json!([]), Naming::Camel));
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    let e = err(Options::from_json(json!({}), Naming::Snake)
        .unwrap()
        .to_config());
    assert!(e.to_string().contains("client_id is required"), "{e}");
}

#[test]
fn argument_mistakes_are_reported_before_a_bad_key() {
    let o =
        json!({"clientId": "C", "privateKey": "garbage", "antomPublicKey": "x", "maxRetries": 99});
    let e = err(Options::from_json(o, Naming::Camel).unwrap().to_config());
    assert!(e.to_string().contains("maxRetries"), "{e}");
}

#[test]
fn keys_are_read_from_text_bytes_or_a_file() {
    let dir = std::env::temp_dir().join(format!("antom-bridge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("k.pem");
    std::fs::write(&file, read("test_private_merchant_pkcs8.pem")).unwrap();
    let from_file = options(json!({"privateKey": {"path": file.to_str().unwrap()}}));
    assert!(from_file.to_config().is_ok());
    assert!(matches!(
        from_file.get("private_key"),
        Some(antom_bridge::options::OptionValue::Key(KeySource::Path(_)))
    ));
    let missing = options(json!({"privateKey": {"path": dir.join("nope.pem").to_str().unwrap()}}));
    let e = err(missing.to_config());
    assert_eq!(e.kind(), ErrorKind::InvalidKey);
    assert!(
        e.message().contains("'…/nope.pem'") && !e.message().contains(dir.to_str().unwrap()),
        "{e}"
    );
    // Key text given as a path is named as that mistake, never echoed.
    let pem = read("test_private_merchant_pkcs8.pem");
    let e = err(options(json!({"privateKey": {"path": pem}})).to_config());
    assert!(e.message().contains("key content, not a file path"), "{e}");
    assert!(!format!("{e} {e:?}").contains(&pem.lines().nth(1).unwrap()[..16]));
    // The merchant's own public key where Antom's belongs.
    let own = options(json!({"antomPublicKey": read("test_public_merchant_spki.pem")}));
    let e = err(own.to_config());
    assert_eq!(e.kind(), ErrorKind::InvalidKey);
    assert!(
        e.message()
            .contains("public half of the merchant's own private key"),
        "{e}"
    );
    let bytes = KeySource::from(
        std::fs::read(root().join("tests/vectors/test_private_pkcs8.der")).unwrap(),
    );
    assert_eq!(bytes.private().unwrap().bits(), 2048);
    assert_eq!(format!("{bytes:?}"), "KeySource(redacted)");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn no_key_text_in_any_options_error() {
    let pem = read("test_private_pkcs8.pem");
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    for cut in [10, 200, 800, body.len() - 5] {
        let broken = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
            &body[..cut]
        );
        let e = err(options(json!({"privateKey": broken})).to_config());
        let text = format!("{e} {e:?}");
        for w in body.as_bytes().windows(16).step_by(7) {
            assert!(
                !text.contains(std::str::from_utf8(w).unwrap()),
                "key text in an error"
            );
        }
    }
}

#[test]
fn clients_with_the_same_options_share_one_core_client() {
    let a = Handle::new(&options(json!({})), "test").unwrap();
    let b = Handle::new(&options(json!({})), "test").unwrap();
    let c = Handle::new(&options(json!({"maxRetries": 0})), "test").unwrap();
    let (ca, cb, cc) = (
        a.client().unwrap(),
        b.client().unwrap(),
        c.client().unwrap(),
    );
    assert!(std::ptr::eq(ca.config(), cb.config()));
    assert!(!std::ptr::eq(ca.config(), cc.config()));
    assert!(!a.describe("Client").contains("MII"));
}

/// A notification signed now for `/n`, verified through a handle with `max_age`.
#[test]
fn notification_max_age_reaches_the_core() {
    let key = antom::PrivateKey::parse(&read("test_private_pkcs8.pem")).unwrap();
    let body = br#"{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"ok"}}"#;
    let old = "1600000000000";
    let sig = antom::Signer::new(key, 1)
        .sign("POST", "/n", "SANDBOX_T", old, body)
        .unwrap();
    let headers = [
        ("client-id", "SANDBOX_T"),
        ("request-time", old),
        ("signature", sig.as_str()),
    ];
    let lenient = Handle::new(&options(json!({})), "test").unwrap();
    assert!(lenient.verify_notification("/n", headers, body).is_ok());
    let strict = Handle::new(&options(json!({"notificationMaxAge": 300})), "test").unwrap();
    assert!(strict.verify_notification("/n", headers, body).is_err());
}

#[test]
fn an_extra_ca_certificate_must_be_a_certificate() {
    let ok = options(json!({"caCertificate": read("test_cert.pem")}));
    assert!(ok.to_config().is_ok());
    let bad = options(json!({"caCertificate": "not a certificate"}));
    assert!(Handle::new(&bad, "test").is_err());
}

#[test]
fn sign_and_verify_with_a_mismatch_as_false() {
    let c = ["POST", "/p", "C", "1"];
    let header =
        antom_bridge::sign(read("test_private_pkcs8.pem").as_bytes(), c, b"{}", 1).unwrap();
    let public = read("test_public_spki.pem");
    assert!(antom_bridge::verify(public.as_bytes(), c, b"{}", &header).unwrap());
    assert!(!antom_bridge::verify(public.as_bytes(), c, b"{ }", &header).unwrap());
    let e = err(antom_bridge::verify(
        public.as_bytes(),
        c,
        b"{}",
        "algorithm=RSA512,signature=x",
    ));
    assert_eq!(e.kind(), ErrorKind::InvalidHeader);
}

#[test]
fn the_view_field_tables_match_what_the_views_serialize() {
    use antom_bridge::views::{Field, ERROR_FIELDS, NOTIFICATION_FIELDS, RESPONSE_FIELDS};
    let names = |fields: &[Field]| -> Vec<String> {
        fields.iter().map(|f| Naming::Camel.spell(f.name)).collect()
    };
    let keys = |v: Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let e = antom::Error::new(ErrorKind::Timeout, "t");
    assert_eq!(
        keys(serde_json::to_value(ErrorView::from(&e)).unwrap()),
        names(&ERROR_FIELDS)
    );
    let n = antom_bridge::NotificationView {
        kind: String::new(),
        model: String::new(),
        result_status: None,
        result_code: None,
        data: Value::Null,
        raw: String::new(),
        client_id: String::new(),
        request_time: String::new(),
    };
    assert_eq!(
        keys(serde_json::to_value(n).unwrap()),
        names(&NOTIFICATION_FIELDS)
    );
    let r = antom_bridge::ResponseView {
        result_status: String::new(),
        result_code: String::new(),
        result_message: String::new(),
        verified: false,
        http_status: 200,
        attempts: 1,
        idempotency_key: None,
        is_success: false,
        is_failure: false,
        is_unknown: true,
        data: Value::Null,
        raw: String::new(),
        headers: Vec::new(),
        items: Value::Null,
        next_page: None,
    };
    assert_eq!(
        keys(serde_json::to_value(r).unwrap()),
        names(&RESPONSE_FIELDS)
    );
}

#[test]
fn the_event_table_lists_what_the_core_reports() {
    // A real attempt: to a port nothing listens on, with no retries.
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = seen.clone();
    antom_bridge::events::set_sink(move |e| {
        sink.lock()
            .unwrap()
            .push(antom_bridge::events::to_json(e, Naming::Snake))
    });
    let handle = Handle::new(&options(json!({"maxRetries": 0})), "rust").unwrap();
    let args = vec![
        antom_bridge::operations::Value::Text("payments.inquiryPayment".into()),
        antom_bridge::operations::Value::Text("{\"paymentRequestId\":\"e-1\"}".into()),
    ];
    let _ = handle.invoke_blocking("call", args, Naming::Camel);
    antom_bridge::events::clear_sink();
    let seen = seen.lock().unwrap();
    let event = seen.first().expect("one event");
    let keys: Vec<&String> = event.as_object().unwrap().keys().collect();
    let names: Vec<&str> = antom_bridge::events::EVENT_FIELDS
        .iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(keys, names);
}
