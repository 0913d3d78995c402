//! The in-process simulator's start options, described once in [`SIM_OPTIONS`]: the one reader
//! below and every language's `Simulator` constructor (generated) follow the table, so an
//! option is added here and nowhere else.

use std::time::Duration;

use antom::Result;
use antom_sim::Options;
use serde_json::Value;

use crate::{input, Naming};

/// What one start option holds, and how it sets the simulator's [`Options`].
#[derive(Debug, Clone, Copy)]
pub enum SimOptionKind {
    /// A number >= 0.
    Scale(fn(&mut Options, f64)),
    /// A whole number of milliseconds.
    Millis(fn(&mut Options, Duration)),
    /// On or off.
    Flag(fn(&mut Options, bool)),
}

/// One start option; every one is optional (null or absent keeps the default).
#[derive(Debug, Clone, Copy)]
pub struct SimOption {
    /// snake_case; the JSON key the reader takes is its camelCase.
    pub name: &'static str,
    pub doc: &'static str,
    pub kind: SimOptionKind,
}

/// The start options, in the order every constructor lists them.
pub const SIM_OPTIONS: &[SimOption] = &[
    SimOption {
        name: "time_scale",
        doc: "Antom's redelivery delays multiplied by this (default 0.001: redeliveries in milliseconds).",
        kind: SimOptionKind::Scale(|o, v| o.time_scale = v),
    },
    SimOption {
        name: "slow_ms",
        doc: "How long fault 9902 holds its answer, in milliseconds (default 1500).",
        kind: SimOptionKind::Millis(|o, v| o.slow = v),
    },
    SimOption {
        name: "audit",
        doc: "Watch the integration for red-line breaches, read by the audit control (default off).",
        kind: SimOptionKind::Flag(|o, v| o.audit = v),
    },
];

/// The start options from a JSON object keyed by [`SIM_OPTIONS`]' camelCase names (empty text
/// is none); the defaults suit a test: redeliveries in milliseconds, fault 9902 held 1.5 s.
pub fn sim_options(json: &str) -> Result<Options> {
    let v: Value = serde_json::from_str(if json.trim().is_empty() { "{}" } else { json })
        .map_err(|e| input(format!("simulator options are not JSON: {e}")))?;
    let Value::Object(m) = v else {
        return Err(input("simulator options must be an object"));
    };
    let mut o = Options {
        time_scale: 0.001,
        slow: Duration::from_millis(1500),
        ..Options::default()
    };
    for (key, v) in m.into_iter().filter(|(_, v)| !v.is_null()) {
        let spec = SIM_OPTIONS
            .iter()
            .find(|s| Naming::Camel.spell(s.name) == key)
            .ok_or_else(|| {
                let names: Vec<String> = SIM_OPTIONS
                    .iter()
                    .map(|s| Naming::Camel.spell(s.name))
                    .collect();
                input(format!(
                    "unknown simulator option `{key}`; accepted: {}",
                    names.join(", ")
                ))
            })?;
        match spec.kind {
            SimOptionKind::Scale(set) => set(
                &mut o,
                v.as_f64()
                    .filter(|f| *f >= 0.0 && f.is_finite())
                    .ok_or_else(|| input(format!("{key} must be a number >= 0")))?,
            ),
            SimOptionKind::Millis(set) => set(
                &mut o,
                Duration::from_millis(
                    v.as_u64()
                        .ok_or_else(|| input(format!("{key} must be a whole number >= 0")))?,
                ),
            ),
            SimOptionKind::Flag(set) => set(
                &mut o,
                v.as_bool()
                    .ok_or_else(|| input(format!("{key} must be true or false")))?,
            ),
        }
    }
    Ok(o)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use antom::ErrorKind;

    #[test]
    fn every_option_is_read_by_its_camel_case_name() {
        let o = sim_options(r#"{"timeScale": 2.5, "slowMs": 20, "audit": true}"#).unwrap();
        assert_eq!(o.time_scale, 2.5);
        assert_eq!(o.slow, Duration::from_millis(20));
        assert!(o.audit);
        let d = sim_options("").unwrap();
        assert_eq!(
            (d.time_scale, d.slow, d.audit),
            (0.001, Duration::from_millis(1500), false)
        );
        let d = sim_options(r#"{"timeScale": null}"#).unwrap();
        assert_eq!(d.time_scale, 0.001);
    }

    #[test]
    fn a_wrong_name_or_kind_is_a_typed_error() {
        for (json, says) in [
            (
                r#"{"time_scale": 1}"#,
                "unknown simulator option `time_scale`",
            ),
            (r#"{"timeScale": -1}"#, "timeScale must be a number >= 0"),
            (r#"{"slowMs": 1.5}"#, "slowMs must be a whole number"),
            (r#"{"audit": "yes"}"#, "audit must be true or false"),
            ("[]", "must be an object"),
            ("{", "not JSON"),
        ] {
            let e = sim_options(json).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidInput, "{json}");
            assert!(e.to_string().contains(says), "{json}: {e}");
        }
    }
}
