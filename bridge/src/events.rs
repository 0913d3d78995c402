//! The per-attempt events of every client a binding makes ([`antom::AttemptEvent`]), handed to
//! the one sink the binding registers at load: Python's `logging` logger `antom`, for example.
//! Every client's configuration points at [`emit`], so a sink registered later still applies.

use std::sync::{Arc, RwLock};

use antom::AttemptEvent;

type Sink = Arc<dyn Fn(&AttemptEvent) + Send + Sync>;

static SINK: RwLock<Option<Sink>> = RwLock::new(None);

/// Registers the process's sink (replacing any earlier one).
pub fn set_sink(sink: impl Fn(&AttemptEvent) + Send + Sync + 'static) {
    *SINK.write().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(sink));
}

/// Removes the sink: events are dropped again.
pub fn clear_sink() {
    *SINK.write().unwrap_or_else(|p| p.into_inner()) = None;
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
    let sink = SINK.read().unwrap_or_else(|p| p.into_inner()).clone();
    if let Some(sink) = sink {
        sink(event);
    }
}
