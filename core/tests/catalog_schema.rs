//! The endpoint catalog is Antom's schema: every schema path is a catalog endpoint with the
//! schema's request and response models, and retry safety follows the request's own fields.
//! The schema is the repo's copy (tools/schema.json); the catalog is what the crate embeds.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeSet;

use antom::catalog;
use serde_json::Value;

fn schema() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tools/schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_schema_path_is_in_the_catalog_with_its_models() {
    let schema = schema();
    let endpoints = schema["endpoints"].as_object().unwrap();
    let mut missing = Vec::new();
    for (path, spec) in endpoints {
        let Some(e) = catalog::find(path) else {
            missing.push(path.clone());
            continue;
        };
        assert_eq!(e.request_models, names(&spec["requests"]), "{path}");
        assert_eq!(e.response_models, names(&spec["responses"]), "{path}");
    }
    assert!(
        missing.is_empty(),
        "schema paths not in the catalog: {missing:?}"
    );
}

#[test]
fn catalog_endpoints_with_models_are_schema_paths() {
    let schema = schema();
    let paths: BTreeSet<&str> = schema["endpoints"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for e in catalog::all() {
        if e.request_models.is_empty() {
            continue;
        }
        // An endpoint the official SDKs ship under a wrong path is in the schema by either.
        assert!(
            paths.contains(e.path) || paths.iter().any(|p| catalog::find(p) == Some(e)),
            "{} has models but is not a schema path",
            e.name
        );
    }
}

#[test]
fn endpoints_with_side_effects_carry_their_request_id_as_idempotency_key() {
    let schema = schema();
    for e in catalog::all().iter().filter(|e| !e.read_only) {
        let fields: BTreeSet<String> = e
            .request_models
            .iter()
            .flat_map(|m| {
                schema["requests"][*m]["fields"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .collect();
        let ids: Vec<_> = fields.iter().filter(|f| f.ends_with("RequestId")).collect();
        match e.idempotency_field {
            Some(key) => assert!(
                fields.is_empty() || fields.contains(key),
                "{}: key {key} not a request field",
                e.name
            ),
            None => assert!(ids.is_empty(), "{}: has {ids:?} but no key", e.name),
        }
    }
}

#[test]
fn the_hold_release_notification_and_agentic_paths_are_typed_endpoints() {
    for (name, key, read_only) in [
        ("payments.reserve.createHold", Some("holdRequestId"), false),
        (
            "payments.reserve.createRelease",
            Some("releaseRequestId"),
            false,
        ),
        (
            "payments.reserve.inquireHoldList",
            Some("holdRequestId"),
            true,
        ),
        ("payments.createMandate", Some("mandateRequestId"), false),
        ("notification.inquireNotification", None, true),
        ("notification.inquireNotificationList", None, true),
        (
            "agenticPayment.createBindingSession",
            Some("bindingRequestId"),
            false,
        ),
    ] {
        let e = catalog::find(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(e.idempotency_field, key, "{name}");
        assert_eq!(e.read_only, read_only, "{name}");
        assert!(!e.request_models.is_empty(), "{name}");
    }
    // Without a request id, a hold update is not safe to resend after an unknown outcome.
    assert!(!catalog::find("payments.reserve.updateHold")
        .unwrap()
        .retry_safe());
}

#[test]
fn every_list_endpoint_knows_how_it_pages() {
    use antom::catalog::{Next, Paging};
    let lists: Vec<_> = antom::catalog::all()
        .iter()
        .filter(|e| e.paging.is_some())
        .collect();
    // 12 by cursor (9 billing, 2 reserve, notifications), 11 by page number (5 ABA, 2 meter,
    // 2 subscriptions, 2 tax).
    assert_eq!(lists.len(), 23);
    let holds = antom::catalog::find("payments.reserve.inquireHoldList").unwrap();
    assert_eq!(
        holds.paging,
        Some(Paging::Cursor {
            items: "holdDetails",
            next: Next::LastItemId("holdId")
        })
    );
    let meters = antom::catalog::find("meter.inquireList").unwrap();
    assert_eq!(
        meters.paging,
        Some(Paging::Number {
            items: "meters",
            number: "pageNum"
        })
    );
    assert!(lists.iter().all(|e| e.read_only), "a list is an inquiry");
}
