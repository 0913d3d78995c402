//! Entry points for the fuzz targets in `fuzz/` and their corpus replay test. Not part of the
//! API and without a stability promise: they reach code the public API reaches only through a
//! network connection, so the fuzzer can feed it bytes directly.

use crate::response::{evaluate, RawResponse};
use crate::{Response, Result, Verifier};

/// The strict response policy over a raw HTTP answer: status, headers and body as received.
pub fn evaluate_response(
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    path: &str,
    client_id: &str,
    verifier: &Verifier,
) -> Result<Response> {
    let raw = RawResponse {
        status,
        headers,
        body,
    };
    evaluate(raw, path, client_id, verifier, None)
}
