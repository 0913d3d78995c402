// A build script makes cargo resolve the [build-dependencies] above for this crate.
fn main() {}
