#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| antom_fuzz::sim_request(data));
