//! The per-attempt events of every client a binding makes ([`antom::AttemptEvent`]), handed to
//! the one sink the binding registers at load: Python's `logging` logger `antom`, for example.
//! Every client's configuration points at [`emit`], so a sink registered later still applies.

use std::sync::{Arc, RwLock};

use antom::AttemptEvent;

use crate::process::PerProcess;
use crate::views::{Field, FieldType::*};

/// The fields of an event as every binding hands it over (snake_case; each language spells
/// them in its own case), in the order the core serializes them (a test keeps the two in step).
/// The generator writes each language's event type from it.
pub const EVENT_FIELDS: [Field; 11] = [
    Field::new(
        "method",
        Text,
        "Always POST (Antom's API takes nothing else).",
        true,
    ),
    Field::new(
        "path",
        Text,
        "The path called (after any sandbox rewrite).",
        true,
    ),
    Field::new("attempt", Count, "1 for the first attempt.", true),
    Field::new(
        "http_status",
        OptCount,
        "The answer's HTTP status, if one came.",
        false,
    ),
    Field::new(
        "result_status",
        OptStatus,
        "S, F or U, if the answer had a result.",
        false,
    ),
    Field::new(
        "result_code",
        OptText,
        "Antom's resultCode, if the answer had a result.",
        false,
    ),
    Field::new(
        "verified",
        OptFlag,
        "Whether the answer's signature verified, if it had a result.",
        false,
    ),
    Field::new(
        "outcome",
        Text,
        "What the attempt got, e.g. HTTP 503, sent, timed out, or U UNKNOWN_EXCEPTION (verified).",
        true,
    ),
    Field::new(
        "latency_ms",
        Count,
        "Send to answer (or to failure), in milliseconds.",
        true,
    ),
    Field::new(
        "idempotency_key",
        OptText,
        "The request's idempotency key (paymentRequestId, ...), if it has one.",
        false,
    ),
    Field::new(
        "will_retry",
        Flag,
        "Whether another attempt follows.",
        false,
    ),
];

type Sink = Arc<dyn Fn(&AttemptEvent) + Send + Sync>;

/// Per process, and kept by a forked child (Python's logger stays wired), unless a parent
/// thread was replacing it at the instant of the fork: its lock may then be held for good in
/// the child, which starts without a sink rather than wait on it.
static SINK: PerProcess<RwLock<Option<Sink>>> = PerProcess::inheriting(|parent| {
    let kept = parent.and_then(|lock| lock.try_read().ok().and_then(|sink| sink.clone()));
    RwLock::new(kept)
});

/// Registers the process's sink (replacing any earlier one).
pub fn set_sink(sink: impl Fn(&AttemptEvent) + Send + Sync + 'static) {
    *SINK.get().write().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(sink));
}

/// Removes the sink: events are dropped again.
pub fn clear_sink() {
    *SINK.get().write().unwrap_or_else(|p| p.into_inner()) = None;
}

/// The event as a JSON object, its keys spelled for the language (`latency_ms`, `latencyMs`).
pub fn to_json(event: &AttemptEvent, naming: crate::Naming) -> serde_json::Value {
    match serde_json::to_value(event) {
        Ok(serde_json::Value::Object(m)) => m
            .into_iter()
            .map(|(k, v)| (naming.spell(&k), v))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        _ => serde_json::Value::Null,
    }
}

/// Hands one event to the sink, if there is one (the core contains a sink that panics).
pub fn emit(event: &AttemptEvent) {
    let sink = SINK.get().read().unwrap_or_else(|p| p.into_inner()).clone();
    if let Some(sink) = sink {
        sink(event);
    }
}

/// Deterministic: a parent thread holds the listener's lock across the fork; the child starts
/// without a listener and can register one (it used to wait forever).
#[cfg(test)]
#[test]
#[allow(clippy::unwrap_used)]
fn a_child_never_waits_on_the_listeners_lock() {
    set_sink(|_| {});
    let child = || {
        let started_without = SINK.get().read().is_ok_and(|sink| sink.is_none());
        set_sink(|_| {});
        clear_sink();
        started_without
    };
    let held = |wait: &dyn Fn()| {
        let _sink = SINK.get().write();
        wait();
    };
    let failed = crate::fork_harness::failing_child_while_held(held, child);
    clear_sink();
    assert!(failed.is_empty(), "{failed:?}");
}
