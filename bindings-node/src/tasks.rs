//! Work run on the libuv thread pool so the event loop stays free (`signRequestAsync`,
//! `verifySignatureAsync`): one task type over owned inputs.

use napi::bindgen_prelude::{ToNapiValue, TypeName};
use napi::{Env, Task};

use crate::to_napi;

type Job<T> = Box<dyn FnOnce() -> antom::Result<T> + Send>;

/// A job computed off the event loop, resolved to its value.
pub struct Work<T>(Option<Job<T>>);

impl<T> Work<T> {
    pub fn new(job: impl FnOnce() -> antom::Result<T> + Send + 'static) -> Self {
        Work(Some(Box::new(job)))
    }
}

impl<T: ToNapiValue + TypeName + Send + 'static> Task for Work<T> {
    type Output = T;
    type JsValue = T;

    fn compute(&mut self) -> napi::Result<T> {
        match self.0.take() {
            Some(job) => job().map_err(to_napi),
            None => Err(napi::Error::from_reason("antom: a task ran twice")),
        }
    }

    fn resolve(&mut self, _env: Env, output: T) -> napi::Result<T> {
        Ok(output)
    }
}
