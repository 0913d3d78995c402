//! Forks this process many times while threads are busy and reports every child that did not
//! exit 0 in time (a hung child is killed and reaped). A child must work whatever lock or
//! object a parent thread was using at the instant of `fork()`. Forking needs `unsafe`: each
//! child runs only `child` and leaves with `_exit`, never the parent's destructors or harness.
#![allow(unsafe_code, clippy::unwrap_used, dead_code)]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The failures of `forks` children, each forked while `threads` threads run `busy` in a loop
/// (at most 3: a hung child costs 20 s).
pub fn failing_children(
    threads: usize,
    busy: impl Fn() + Send + Sync + 'static,
    forks: usize,
    child: impl Fn() -> bool,
) -> Vec<String> {
    // Once here first: what a process builds once on first use (lazy tables, a library's
    // one-time init) is outside what a fork may interrupt (docs/architecture.md, "Fork"), so
    // the forks below land in the steady state the tests are about. Without this, the first
    // child could fork inside a worker's first call and wait on that init forever.
    busy();
    let busy = Arc::new(busy);
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (busy, stop) = (busy.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    busy();
                }
            })
        })
        .collect();
    let mut failed = Vec::new();
    for i in 0..forks {
        if failed.len() == 3 {
            break;
        }
        // SAFETY: the child runs `child` and leaves with _exit (see the module's doc).
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0, "fork failed");
        if pid == 0 {
            let ok = child();
            // SAFETY: ends the child without running the parent's destructors or test harness.
            unsafe { libc::_exit(if ok { 0 } else { 1 }) };
        }
        match wait(pid, Duration::from_secs(20)) {
            Some(s) if libc::WIFEXITED(s) && libc::WEXITSTATUS(s) == 0 => {}
            Some(s) => failed.push(format!("child {i}: status {s:#x}")),
            None => {
                // SAFETY: the child is ours and still running; it is killed and reaped.
                unsafe {
                    libc::kill(pid, libc::SIGKILL);
                    libc::waitpid(pid, std::ptr::null_mut(), 0);
                }
                failed.push(format!("child {i}: hung"));
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().unwrap();
    }
    failed
}

/// The failure of one child forked while another thread holds something (a lock): `hold`
/// takes it, then calls the `wait` it is given, which returns once the child has been reaped.
pub fn failing_child_while_held(
    hold: impl FnOnce(&dyn Fn()) + Send,
    child: impl Fn() -> bool,
) -> Vec<String> {
    let (held, holding) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    std::thread::scope(|s| {
        s.spawn(move || {
            hold(&|| {
                held.send(()).unwrap();
                let _ = released.recv();
            })
        });
        holding.recv().unwrap();
        let failed = failing_children(0, || {}, 1, child);
        release.send(()).unwrap();
        failed
    })
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
