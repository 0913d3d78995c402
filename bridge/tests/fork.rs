//! A child forked while the parent's threads are inside the bridge (taking a client, a parsed
//! key, the runtime) can do the same: it never waits on a lock a parent thread held at the
//! instant of `fork()`, which in the child would stay held forever.
#![allow(clippy::unwrap_used)]

#[path = "../../core/tests/common/fork.rs"]
mod fork;

use antom_bridge::{keys, runtime, Handle, Naming, Options};
use serde_json::json;

const KEY: &str = include_str!("../../tests/vectors/test_private_merchant_pkcs8.pem");

#[test]
fn a_child_forked_while_threads_use_the_bridge_can_use_it() {
    let options = Options::from_json(
        json!({
            "clientId": "SANDBOX_T",
            "privateKey": KEY,
            "antomPublicKey": include_str!("../../tests/vectors/test_public_spki.pem"),
            "gatewayUrl": "http://127.0.0.1:9",
        }),
        Naming::Camel,
    )
    .unwrap();
    let handle = Handle::new(&options, "rust").unwrap();
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
