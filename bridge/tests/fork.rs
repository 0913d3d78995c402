//! A child forked while the parent's threads are inside the bridge (taking a client, a parsed
//! key, the runtime) can do the same: it never waits on a lock a parent thread held at the
//! instant of `fork()`, which in the child would stay held forever.
#![allow(clippy::unwrap_used)]

#[path = "../../core/tests/common/fork.rs"]
mod fork;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use antom_bridge::operations::Value;
use antom_bridge::process::PerProcess;
use antom_bridge::{events, keys, runtime, Handle, Naming, Options};
use serde_json::json;

const KEY: &str = include_str!("../../tests/vectors/test_private_merchant_pkcs8.pem");

fn handle() -> Handle {
    let options = Options::from_json(
        json!({
            "clientId": "SANDBOX_T",
            "privateKey": KEY,
            "antomPublicKey": include_str!("../../tests/vectors/test_public_spki.pem"),
            // Nothing listens there: an attempt fails at once, and is still reported.
            "gatewayUrl": "http://127.0.0.1:9",
            "maxRetries": 0,
        }),
        Naming::Camel,
    )
    .unwrap();
    Handle::new(&options, "rust").unwrap()
}

#[test]
fn a_child_forked_while_threads_use_the_bridge_can_use_it() {
    let handle = handle();
    let use_it = move || {
        handle.client().is_ok()
            && keys::private_key(KEY.as_bytes()).is_ok()
            && runtime::block_on(async { 1 }).is_ok_and(|one| one == 1)
    };
    let busy = use_it.clone();
    let failed = fork::failing_children(
        3,
        move || {
            busy();
        },
        100,
        use_it,
    );
    assert!(
        failed.is_empty(),
        "{} children failed: {failed:?}",
        failed.len()
    );
}

/// Deterministic: a parent thread holds the lock of a per-process value across the fork.
#[test]
fn a_child_never_waits_on_a_lock_a_parent_thread_held() {
    static COUNT: PerProcess<Mutex<u32>> = PerProcess::new(Mutex::default);
    let failed = fork::failing_child_while_held(
        |wait| {
            let _count = COUNT.get().lock();
            wait();
        },
        || COUNT.get().lock().map(|mut n| *n += 1).is_ok(),
    );
    assert!(failed.is_empty(), "{failed:?}");
}

/// The attempt listener a process registered still hears a forked child's calls.
#[test]
fn a_child_keeps_the_attempt_listener() {
    static HEARD: AtomicUsize = AtomicUsize::new(0);
    events::set_sink(|_| {
        HEARD.fetch_add(1, Ordering::SeqCst);
    });
    let handle = handle();
    let failed = fork::failing_children(
        0,
        || {},
        1,
        || {
            let before = HEARD.load(Ordering::SeqCst);
            let args = vec![
                Value::Text("payments.inquiryPayment".into()),
                Value::Text("{\"paymentRequestId\":\"fork-1\"}".into()),
            ];
            let _ = handle.invoke_blocking("call", args, Naming::Camel);
            HEARD.load(Ordering::SeqCst) == before + 1
        },
    );
    events::clear_sink();
    assert!(failed.is_empty(), "{failed:?}");
}
