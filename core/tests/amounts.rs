//! The shared amounts table (tests/amounts.json) that every binding also runs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use antom::amounts::{from_minor_units, to_minor_units};
use antom::ErrorKind;
use serde_json::Value;

fn table() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/amounts.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("tests/amounts.json")).expect("JSON")
}

fn rows<'a>(t: &'a Value, name: &str) -> Vec<Vec<&'a str>> {
    t[name]
        .as_array()
        .expect(name)
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect()
        })
        .collect()
}

#[test]
fn every_row_of_the_shared_table() {
    let t = table();
    let mut n = 0;
    for r in rows(&t, "round_trip") {
        assert_eq!(to_minor_units(r[0], r[1]).unwrap(), r[2], "{r:?}");
        assert_eq!(from_minor_units(r[0], r[2]).unwrap(), r[1], "{r:?}");
        n += 1;
    }
    for r in rows(&t, "to_minor") {
        assert_eq!(to_minor_units(r[0], r[1]).unwrap(), r[2], "{r:?}");
        n += 1;
    }
    for r in rows(&t, "from_minor") {
        assert_eq!(from_minor_units(r[0], r[1]).unwrap(), r[2], "{r:?}");
        n += 1;
    }
    for r in rows(&t, "to_minor_refused") {
        let e = to_minor_units(r[0], r[1]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{r:?}");
        n += 1;
    }
    for r in rows(&t, "from_minor_refused") {
        let e = from_minor_units(r[0], r[1]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{r:?}");
        n += 1;
    }
    assert!(n >= 30, "the table has its rows ({n})");
}
