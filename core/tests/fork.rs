//! A child forked while the parent's threads sign can sign with the same `PrivateKey`.
//!
//! AWS-LC's RSA object keeps blinding values and a lock that a parent's thread may be using at
//! the instant of `fork()`; a child that signed with the parent's object aborted
//! (`rsa_blinding_get: blindings_inuse`) or hung. The key parses itself again in a child
//! (crypto.rs), and never waits on a lock the parent's threads may have held (crypto.rs's own
//! test holds that lock at the fork).
#![allow(clippy::unwrap_used)]

#[path = "common/fork.rs"]
mod fork;

use antom::PrivateKey;

#[test]
fn a_child_forked_while_threads_sign_signs_with_the_same_key() {
    let key =
        PrivateKey::parse(include_str!("../../tests/vectors/test_private_pkcs8.pem")).unwrap();
    let busy = key.clone();
    let failed = fork::failing_children(
        3,
        move || {
            busy.sign(b"parent").unwrap();
        },
        60,
        || key.sign(b"child").map(|s| s.len() == 256).unwrap_or(false),
    );
    assert!(
        failed.is_empty(),
        "{} children failed: {failed:?}",
        failed.len()
    );
}
