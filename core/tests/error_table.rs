//! tests/errors.json, the error table every binding runs, covers every kind of the core, and
//! names a class for each family in every language.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use antom::ErrorKind;

fn table() -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/errors.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_kind_has_a_family_and_a_triggering_case() {
    let t = table();
    let core: BTreeSet<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
    let families: BTreeSet<&str> = t["families"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        families, core,
        "tests/errors.json families vs antom::ErrorKind::ALL"
    );
    let cases: BTreeSet<&str> = t["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(cases, core, "every kind needs a case that triggers it");
}

#[test]
fn every_family_has_a_class_in_every_language() {
    let t = table();
    let families: BTreeSet<&str> = t["families"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_str().unwrap())
        .collect();
    for lang in ["python", "node", "dotnet", "php"] {
        let classes = t["classes"][lang].as_object().unwrap();
        for family in &families {
            assert!(
                classes.contains_key(*family),
                "{lang} has no class for {family}"
            );
        }
    }
}
