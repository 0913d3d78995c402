//! Work run on the libuv thread pool so the event loop stays free (`signRequestAsync`,
//! `verifySignatureAsync`, `verifyNotificationAsync`): one task type over owned inputs.

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

/// A JSON value resolved as a plain object (napi gives `serde_json::Value` no type name).
pub struct Json(pub serde_json::Value);

impl TypeName for Json {
    fn type_name() -> &'static str {
        "Object"
    }
    fn value_type() -> napi::ValueType {
        napi::ValueType::Object
    }
}

impl ToNapiValue for Json {
    // Delegates to napi's own conversion of the value; same contract.
    #[allow(unsafe_code)]
    unsafe fn to_napi_value(
        env: napi::sys::napi_env,
        val: Self,
    ) -> napi::Result<napi::sys::napi_value> {
        // SAFETY: the caller's contract (a live env on the JS thread) is passed on unchanged.
        unsafe { serde_json::Value::to_napi_value(env, val.0) }
    }
}
