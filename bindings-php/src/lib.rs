//! `antom.so`: the PHP extension of the antom core (ext-php-rs). Classes and exceptions live
//! under `Antom\`. It maps the shared binding facade (antom-bridge) to PHP: conversions only;
//! no defaults, validation or protocol rules live here.

#![allow(clippy::needless_pass_by_value, missing_debug_implementations)] // ext-php-rs passes owned values; objects hold keys and must not print.
#![cfg_attr(windows, feature(abi_vectorcall))]

// Every block this library frees is zeroed first (bridge/src/memory.rs).
antom_bridge::wipe_freed_memory!();

mod client;
mod convert;
mod diagnostics;
mod errors;
mod models;
mod pages;
#[cfg(feature = "testing")]
mod testing;
mod trace;
mod webhook;

use ext_php_rs::prelude::*;

/// Every request: the exception traces' marks (trace.rs).
pub extern "C" fn request_startup(_ty: i32, _module: i32) -> i32 {
    trace::request_startup();
    0
}

/// Request end: the attempt listener, a value of this request, is forgotten.
pub extern "C" fn request_shutdown(_ty: i32, _module: i32) -> i32 {
    diagnostics::forget();
    0
}

/// Module start: the models' autoload hook (models.rs).
pub extern "C" fn module_startup(_ty: i32, _module: i32) -> i32 {
    models::install();
    0
}

/// Module shutdown: the engine's autoload hook put back.
pub extern "C" fn module_shutdown(_ty: i32, _module: i32) -> i32 {
    models::uninstall();
    0
}

#[php_module]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    let module = client::register_functions(errors::register(module.name("antom")))
        .startup_function(module_startup)
        .shutdown_function(module_shutdown)
        .request_startup_function(request_startup)
        .request_shutdown_function(request_shutdown)
        .class::<diagnostics::Diagnostics>()
        .class::<client::Notification>()
        .class::<client::Response>()
        .class::<client::Client>()
        .class::<pages::Pages>()
        .class::<webhook::Webhook>();
    #[cfg(feature = "testing")]
    let module = module.class::<testing::Simulator>();
    module
}
