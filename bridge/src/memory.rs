//! The allocator of every library and program we ship: each buffer is wiped before it is freed.
//!
//! Key text is held in `Zeroizing` buffers wherever our code holds it, but it also passes
//! through buffers we do not own: serde_json's scratch buffer (a PEM in JSON has escaped line
//! breaks, so it is always copied there), `String` growth when a language's string is taken,
//! reqwest's and hyper's bodies. Zeroizing at the allocator covers all of them at once, the
//! way Bitwarden's SDK and 1Password do (the crate is 1Password's `zeroizing-alloc`).
//! A cdylib's allocator serves only its own Rust code: the host language's heap is its own.
//!
//! Each crate that ships a `cdylib` or a binary declares it at its root with
//! `antom_bridge::wipe_freed_memory!();`.
//!
//! `tools/check_allocator.py` checks that each does (`bindings-c/tests/test_wipe.c` that
//! it works). Rust users of the core choose their own
//! allocator; the core's documentation recommends this one.

/// The system allocator, wiping every block it frees (and the old block of every `realloc`,
/// which moves through alloc, copy, free).
pub type Wiping = zeroizing_alloc::ZeroAlloc<std::alloc::System>;

/// The value to declare as `#[global_allocator]`.
pub const WIPING: Wiping = zeroizing_alloc::ZeroAlloc(std::alloc::System);

/// Declares [`WIPING`] the global allocator of the crate it is written in (at its root, once).
#[macro_export]
macro_rules! wipe_freed_memory {
    () => {
        #[global_allocator]
        static ALLOCATOR: $crate::memory::Wiping = $crate::memory::WIPING;
    };
}
