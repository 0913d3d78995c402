//! Entry points for the fuzz targets in `fuzz/` and their corpus replay test. Not part of the
//! API and without a stability promise: they reach code the public API reaches only through a
//! network connection, so the fuzzer can feed it bytes directly.

use crate::response::{evaluate, Expect, RawResponse, Signing};
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
    let expect = Expect {
        path,
        client_id,
        verifier,
        idempotency_key: None,
        request_ids: &[],
        signing: Signing::SuccessMustBeSigned,
    };
    evaluate(raw, &expect)
}
