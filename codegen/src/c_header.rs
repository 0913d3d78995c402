//! The C ABI's header (`bindings-c/include/antom.h`), written by cbindgen from the
//! ABI crate's source at build time (build.rs), so that it has the one generator and the one
//! staleness check of every other generated file; C# and Java are held to it by
//! `tools/check_abi.py`.

use crate::Output;

/// The header, or the error cbindgen gave at build time.
pub fn output() -> Result<Output, String> {
    let text = include_str!(concat!(env!("OUT_DIR"), "/antom.h"));
    if text.starts_with("cbindgen failed") {
        return Err(text.trim().to_string());
    }
    Ok(Output {
        path: "bindings-c/include/antom.h".into(),
        text: text.to_string(),
    })
}
