//! Runs cbindgen over the C ABI crate (`bindings-dotnet/native`) into OUT_DIR, for
//! `c_header.rs` to hand out as one more generated file. A failure is the header's text, so
//! that `antom-codegen --check` reports it rather than the build stopping here.
fn main() {
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let ffi = format!("{dir}/../bindings-dotnet/native");
    println!("cargo:rerun-if-changed={ffi}/src");
    println!("cargo:rerun-if-changed={ffi}/cbindgen.toml");
    let out = std::env::var("OUT_DIR").unwrap_or_default();
    let header = cbindgen::Config::from_file(format!("{ffi}/cbindgen.toml"))
        .map_err(|e| e.to_string())
        .and_then(|config| cbindgen::generate_with_config(&ffi, config).map_err(|e| e.to_string()))
        .map(|bindings| {
            let mut bytes = Vec::new();
            bindings.write(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
        .unwrap_or_else(|e| format!("cbindgen failed: {e}\n"));
    if let Err(e) = std::fs::write(format!("{out}/antom.h"), header) {
        println!("cargo:warning=cannot write antom.h: {e}");
    }
}
