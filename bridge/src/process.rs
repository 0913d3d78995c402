//! State that belongs to one process: the runtime, the clients, the parsed keys.
//!
//! After `fork()` a child has only the thread that forked. Every lock a parent thread held at
//! that instant stays held in the child forever, and every runtime thread, connection and
//! timer the parent made is not the child's to run or drop. So a child never touches its
//! parent's state, not even its locks: it builds its own and swaps it in with one atomic
//! compare-and-swap, and the parent's is leaked (what it inherited, copied on write, once per
//! fork; never new memory). Servers that fork (gunicorn, php-fpm, Python's `multiprocessing`)
//! then just work, even when the parent's threads were busy with antom at the fork.

use std::marker::PhantomData;
use std::ptr;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, Ordering};

struct Slot<T> {
    owner: Owner,
    value: T,
}

/// Which process a slot belongs to: its pid, and how many forks deep it is. The pid alone
/// could mislead a grandchild that inherited the slot of a dead ancestor and was given that
/// ancestor's pid again (pid wrap-around); the fork count never repeats along a line.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Owner {
    pid: u32,
    forks: u64,
}

/// Forks since this program started, counted in each child by a `pthread_atfork` handler.
static FORKS: AtomicU64 = AtomicU64::new(0);
static COUNTING: AtomicBool = AtomicBool::new(false);

extern "C" fn forked() {
    FORKS.fetch_add(1, Ordering::Relaxed);
}

fn this_process() -> Owner {
    // Registered before this process makes its first slot, and marked only once registered: a
    // thread that finds the mark unset registers too (a second handler counts each fork
    // twice, which still only grows along a line). glibc's fork holds the lock that
    // pthread_atfork takes and resets it in the child, so no child is left waiting on it.
    if !COUNTING.load(Ordering::Acquire) {
        // SAFETY: registers a child handler that only increments an atomic, which is
        // async-signal-safe as a fork handler must be; it stays valid for the program's life.
        #[allow(unsafe_code)]
        unsafe {
            libc::pthread_atfork(None, None, Some(forked));
        }
        COUNTING.store(true, Ordering::Release);
    }
    Owner {
        pid: std::process::id(),
        forks: FORKS.load(Ordering::Relaxed),
    }
}

/// A value built once per process, on first use in that process.
///
/// ```
/// use std::sync::Mutex;
/// use antom_bridge::process::PerProcess;
///
/// static SEEN: PerProcess<Mutex<Vec<String>>> = PerProcess::new(Mutex::default);
/// SEEN.get().lock().unwrap().push("a".into());
/// assert_eq!(SEEN.get().lock().unwrap().len(), 1); // the same in this process
/// ```
pub struct PerProcess<T> {
    current: AtomicPtr<Slot<T>>,
    init: Init<T>,
    // Shared between threads as `&T`: Sync only when T is.
    _value: PhantomData<T>,
}

enum Init<T> {
    Fresh(fn() -> T),
    /// Given the value of the process this one was forked from, if it had one.
    Inherit(fn(Option<&T>) -> T),
}

impl<T> std::fmt::Debug for PerProcess<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the value: it may hold keys.
        f.write_str("PerProcess")
    }
}

impl<T: Send + Sync> PerProcess<T> {
    /// Empty until first used; `init` builds each process's value and must be cheap and
    /// infallible (an empty map, an empty slot), as it may run and be dropped when two threads
    /// race to build it.
    pub const fn new(init: fn() -> T) -> Self {
        PerProcess {
            current: AtomicPtr::new(ptr::null_mut()),
            init: Init::Fresh(init),
            _value: PhantomData,
        }
    }

    /// Like [`PerProcess::new`], but a forked child's value is built from its parent's (for
    /// what a child should keep, such as a registered listener). `init` must not wait on a
    /// lock inside the parent's value: only try it (a parent thread may have held it at the
    /// fork).
    pub const fn inheriting(init: fn(Option<&T>) -> T) -> Self {
        PerProcess {
            current: AtomicPtr::new(ptr::null_mut()),
            init: Init::Inherit(init),
            _value: PhantomData,
        }
    }

    /// This process's value.
    #[allow(unsafe_code)]
    pub fn get(&self) -> &T {
        let me = this_process();
        loop {
            let seen = self.current.load(Ordering::Acquire);
            // SAFETY: `current` only ever holds null or a pointer from `Box::into_raw` below
            // whose slot is never freed (a replaced slot is leaked), so it is valid for as
            // long as `self` is; its fields are never written after it is published.
            let inherited = unsafe { seen.as_ref() };
            if let Some(slot) = inherited {
                if slot.owner == me {
                    return &slot.value;
                }
            }
            let value = match self.init {
                Init::Fresh(init) => init(),
                Init::Inherit(init) => init(inherited.map(|slot| &slot.value)),
            };
            let mine = Box::into_raw(Box::new(Slot { owner: me, value }));
            match self
                .current
                .compare_exchange(seen, mine, Ordering::AcqRel, Ordering::Acquire)
            {
                // SAFETY: just published; it lives as long as `self` (see above). The
                // parent's slot (`seen`) is leaked: it is not this process's to drop.
                Ok(_) => return &unsafe { &*mine }.value,
                // Another thread of this process published its slot first: ours was never
                // shared, so it is dropped here, and the loop returns theirs.
                // SAFETY: `mine` came from Box::into_raw above and was never published.
                Err(_) => drop(unsafe { Box::from_raw(mine) }),
            }
        }
    }
}

/// A child counts more forks than its parent (one per registered handler), so its slots are
/// its own even under a pid an ancestor once had.
#[cfg(test)]
#[test]
fn a_child_counts_more_forks_than_its_parent() {
    let parent = this_process();
    let child = || {
        let me = this_process();
        me.forks > parent.forks && me.pid != parent.pid
    };
    let failed = crate::fork_harness::failing_children(0, || {}, 1, child);
    assert!(failed.is_empty(), "{failed:?}");
}
