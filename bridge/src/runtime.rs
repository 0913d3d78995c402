//! One lazily built tokio runtime per process for every binding. A forked child (gunicorn,
//! php-fpm, a C# host that forks) builds its own: the parent's worker threads do not exist in
//! a child, so its runtime can neither run nor be joined, and is leaked (process.rs).

use std::future::Future;
use std::sync::{Arc, Mutex};

use crate::process::PerProcess;

use antom::{Error, ErrorKind, Result};
use tokio::runtime::Runtime;

static RUNTIME: PerProcess<Mutex<Option<Arc<Runtime>>>> = PerProcess::new(Mutex::default);

/// This process's runtime.
pub fn get() -> Result<Arc<Runtime>> {
    let mut slot = RUNTIME.get().lock().unwrap_or_else(|p| p.into_inner());
    if let Some(rt) = slot.as_ref() {
        return Ok(rt.clone());
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("antom-io")
        .enable_all()
        .build()
        .map(Arc::new)
        .map_err(|e| {
            Error::new(
                ErrorKind::Transport,
                format!("cannot start the antom I/O runtime: {e}"),
            )
        })?;
    *slot = Some(rt.clone());
    Ok(rt)
}

/// Runs `future` to completion on this process's runtime, blocking the calling thread (which
/// must not be one of the runtime's own).
pub fn block_on<F: Future>(future: F) -> Result<F::Output> {
    Ok(get()?.block_on(future))
}

/// Runs `future` on this process's runtime and awaits it from any executor (napi's, asyncio's
/// callback thread): the connections live where they were made.
pub async fn spawn<T, F>(future: F) -> Result<T>
where
    F: Future<Output = Result<T>> + Send + 'static,
    T: Send + 'static,
{
    get()?.spawn(future).await.map_err(stopped)?
}

/// The error for a task that stopped (a panic inside it): it may have sent its request, so the
/// outcome is unknown, never a transport failure that "never reached Antom".
pub fn stopped(e: tokio::task::JoinError) -> Error {
    Error::new(
        ErrorKind::OutcomeUnknown,
        format!("the antom I/O task stopped ({e}); the request may have been sent: inquire before retrying"),
    )
}

/// Runs `future` on this process's runtime and always hands its outcome to `done` there, a
/// stopped task included (an asyncio future must never be left pending).
pub fn spawn_then<T, F>(future: F, done: impl FnOnce(Result<T>) + Send + 'static) -> Result<()>
where
    F: Future<Output = Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let rt = get()?;
    let task = rt.spawn(future);
    rt.spawn(async move { done(task.await.unwrap_or_else(|e| Err(stopped(e)))) });
    Ok(())
}
