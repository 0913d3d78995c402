//! A child forked while the parent's threads sign can sign with the same `PrivateKey`.
//!
//! AWS-LC's RSA object keeps blinding values and a lock that a parent's thread may be using at
//! the instant of `fork()`; a child that signed with the parent's object aborted
//! (`rsa_blinding_get: blindings_inuse`) or hung. The key parses itself again in a child
//! (crypto.rs). Forking from a test needs `unsafe`: the child only signs, then `_exit`s.
#![allow(unsafe_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use antom::PrivateKey;

const FORKS: usize = 60;

#[test]
fn a_child_forked_while_threads_sign_signs_with_the_same_key() {
    let key =
        PrivateKey::parse(include_str!("../../tests/vectors/test_private_pkcs8.pem")).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let signers: Vec<_> = (0..3)
        .map(|_| {
            let (key, stop) = (key.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    key.sign(b"parent").unwrap();
                }
            })
        })
        .collect();
    let mut failed = Vec::new();
    for i in 0..FORKS {
        // SAFETY: the child signs (malloc, which glibc keeps usable after fork, and AWS-LC)
        // and leaves with _exit; it touches no lock the parent's threads hold.
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0, "fork failed");
        if pid == 0 {
            let ok = key.sign(b"child").map(|s| s.len() == 256).unwrap_or(false);
            // SAFETY: ends the child without running the parent's destructors or test harness.
            unsafe { libc::_exit(if ok { 0 } else { 1 }) };
        }
        if let Some(status) = wait(pid, Duration::from_secs(20)) {
            if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
                failed.push(format!("child {i}: status {status:#x}"));
            }
        } else {
            // SAFETY: the child is ours and still running; it is killed and reaped.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::waitpid(pid, std::ptr::null_mut(), 0);
            }
            failed.push(format!("child {i}: hung"));
        }
    }
    stop.store(true, Ordering::Relaxed);
    for s in signers {
        s.join().unwrap();
    }
    assert!(
        failed.is_empty(),
        "{} of {FORKS} children failed: {failed:?}",
        failed.len()
    );
}

/// The child's wait status, or None when it has not ended within `limit`.
fn wait(pid: libc::pid_t, limit: Duration) -> Option<i32> {
    let start = Instant::now();
    loop {
        let mut status = 0;
        // SAFETY: waits for our own child without blocking.
        let done = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if done == pid {
            return Some(status);
        }
        if start.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}
