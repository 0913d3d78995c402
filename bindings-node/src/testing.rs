//! `Simulator`: the bridge's in-process simulator (feature `testing`) for `require('antom/testing')`;
//! its controls run by name with JSON arguments on the libuv pool (the merchant's webhook may
//! be served by this same event loop while the simulator delivers to it).

use std::sync::{Arc, RwLock};

use antom_bridge::testing::SimHandle;
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

use crate::tasks::Work;
use crate::to_napi;

#[napi(js_name = "Simulator")]
pub struct NativeSimulator(Arc<RwLock<SimHandle>>);

#[napi]
impl NativeSimulator {
    /// Starts one on a free 127.0.0.1 port (options as JSON text).
    #[napi(constructor)]
    pub fn new(options: String) -> napi::Result<Self> {
        SimHandle::start(&options)
            .map(|h| NativeSimulator(Arc::new(RwLock::new(h))))
            .map_err(to_napi)
    }

    /// What `antom sim` prints, as JSON text.
    #[napi(getter)]
    pub fn info(&self) -> String {
        self.0
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .info()
            .to_string()
    }

    /// Runs one control; resolves to its JSON answer as text.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn control(&self, name: String, args: String) -> AsyncTask<Work<String>> {
        let h = self.0.clone();
        AsyncTask::new(Work::new(move || {
            h.read()
                .unwrap_or_else(|p| p.into_inner())
                .control(&name, &args)
        }))
    }

    /// Stops the server and removes its key files.
    #[napi]
    pub fn stop(&self) {
        self.0.write().unwrap_or_else(|p| p.into_inner()).stop();
    }
}
