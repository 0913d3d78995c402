//! The content Antom signs, the `Signature` header format, and a tolerant header parser.

use std::fmt;

use base64::Engine as _;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::error::{Error, Result};
use crate::keys::PrivateKey;

/// The only algorithm Antom uses.
pub const ALGORITHM: &str = "RSA256";

/// Characters escaped in the signature value: everything but unreserved URL characters, so
/// `+ / =` become `%2B %2F %3D` (uppercase, as Antom's documentation shows).
const ESCAPE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The exact bytes that are signed: `<METHOD> <path>\n<client-id>.<time>.<body>`.
///
/// ```
/// let c = antom::sign_content("POST", "/ams/api/v1/payments/pay", "C1", "1700000000000", b"{}");
/// assert_eq!(c, b"POST /ams/api/v1/payments/pay\nC1.1700000000000.{}");
/// ```
pub fn sign_content(
    method: &str,
    path: &str,
    client_id: &str,
    request_time: &str,
    body: &[u8],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        method.len() + path.len() + client_id.len() + request_time.len() + body.len() + 4,
    );
    out.extend_from_slice(method.as_bytes());
    out.push(b' ');
    out.extend_from_slice(path.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(client_id.as_bytes());
    out.push(b'.');
    out.extend_from_slice(request_time.as_bytes());
    out.push(b'.');
    out.extend_from_slice(body);
    out
}

/// Formats a `Signature` header value from raw signature bytes.
pub fn format_header(key_version: u32, signature: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(signature);
    format!(
        "algorithm={ALGORITHM},keyVersion={key_version},signature={}",
        utf8_percent_encode(&b64, ESCAPE)
    )
}

/// A parsed `Signature` header.
#[derive(Clone, PartialEq, Eq)]
pub struct SignatureHeader {
    /// `algorithm` (always `RSA256` once parsed).
    pub algorithm: String,
    /// `keyVersion`, `"1"` when absent.
    pub key_version: String,
    /// The decoded signature bytes.
    pub signature: Vec<u8>,
}

impl fmt::Debug for SignatureHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignatureHeader")
            .field("algorithm", &self.algorithm)
            .field("key_version", &self.key_version)
            .field("signature_len", &self.signature.len())
            .finish()
    }
}

/// The longest `Signature` header accepted: an RSA-4096 signature, URL-encoded, with its
/// fields is under 1.2 KB, so 8 KiB leaves room and refuses a megabyte before decoding it.
const MAX_HEADER_BYTES: usize = 8 * 1024;
/// An RSA-4096 signature, the largest key accepted: anything longer can never verify. (Found
/// by the signature_header fuzz target: a long bare signature parsed, but its own formatted
/// header was then over the header limit.)
const MAX_SIGNATURE_BYTES: usize = 512;

impl SignatureHeader {
    /// Parses a header value. Tolerant of what the official SDKs send: fields in any order,
    /// spaces after commas, any case of field names, the signature URL-encoded in either case
    /// or as plain base64. A bare signature (no `key=value` fields) is accepted too.
    ///
    /// ```
    /// let h = antom::SignatureHeader::parse("algorithm=RSA256, keyVersion=2, signature=AAEC")?;
    /// assert_eq!((h.key_version.as_str(), h.signature.as_slice()), ("2", &[0u8, 1, 2][..]));
    /// # Ok::<(), antom::Error>(())
    /// ```
    pub fn parse(value: &str) -> Result<Self> {
        let value = value.trim();
        if value.len() > MAX_HEADER_BYTES {
            return Err(Error::header(format!(
                "the Signature header is {} bytes, over the {MAX_HEADER_BYTES} byte limit",
                value.len()
            )));
        }
        if value.is_empty() {
            return Err(Error::header(
                "empty header: the Signature header has no value",
            ));
        }
        let (mut algorithm, mut key_version, mut signature) = (None, None, None);
        let has_fields = value
            .split(',')
            .any(|part| part.trim().to_ascii_lowercase().starts_with("signature="));
        if has_fields || value.contains("algorithm=") || value.contains("keyVersion=") {
            for part in value.split(',') {
                let part = part.trim();
                if part.is_empty() {
                    continue;
                }
                // Split at the first '=' only: base64 padding may end the value with '='.
                let (name, field) = part.split_once('=').ok_or_else(|| {
                    Error::header(format!(
                        "malformed Signature header field '{}'",
                        crate::text::excerpt(part)
                    ))
                })?;
                match name.trim().to_ascii_lowercase().as_str() {
                    "algorithm" => algorithm = Some(field.trim().to_string()),
                    "keyversion" => key_version = Some(field.trim().to_string()),
                    "signature" => signature = Some(field.trim().to_string()),
                    _ => {} // Unknown fields are ignored for forward compatibility.
                }
            }
        } else {
            signature = Some(value.to_string());
        }
        let algorithm = algorithm.unwrap_or_else(|| ALGORITHM.to_string());
        if !algorithm.eq_ignore_ascii_case(ALGORITHM) {
            return Err(Error::header(format!(
                "unsupported algorithm '{}': Antom signs with {ALGORITHM}",
                crate::text::excerpt(&algorithm)
            )));
        }
        let signature = signature.ok_or_else(|| {
            Error::header("missing signature: the Signature header has no signature field")
        })?;
        if signature.is_empty() {
            return Err(Error::header("empty signature in the Signature header"));
        }
        Ok(SignatureHeader {
            algorithm: ALGORITHM.to_string(),
            key_version: key_version.unwrap_or_else(|| "1".to_string()),
            signature: decode_signature(&signature)?,
        })
    }
}

/// URL-decodes (any case) when escapes are present, then base64-decodes.
fn decode_signature(value: &str) -> Result<Vec<u8>> {
    let decoded = if value.contains('%') {
        percent_decode_str(value)
            .decode_utf8()
            .map_err(|_| Error::header("the signature is not valid URL-encoded text"))?
            .into_owned()
    } else {
        value.to_string()
    };
    // A `+` that arrived URL-decoded as a space by an intermediary is still a `+`.
    let decoded = decoded.replace(' ', "+");
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let bytes = engine
        .decode(decoded.as_bytes())
        .map_err(|_| Error::header("bad base64: the signature is not valid base64"))?;
    if bytes.len() > MAX_SIGNATURE_BYTES {
        return Err(Error::header(format!(
            "the signature is {} bytes; an RSA signature of an accepted key is at most {MAX_SIGNATURE_BYTES}",
            bytes.len()
        )));
    }
    Ok(bytes)
}

/// Signs requests with the merchant private key: produces the `Signature` header value.
///
/// ```
/// # let pem = include_str!("../../tests/vectors/test_private_pkcs8.pem");
/// let signer = antom::Signer::new(antom::PrivateKey::parse(pem)?, 1);
/// let header = signer.sign("POST", "/ams/api/v1/payments/pay", "C1", "1700000000000", b"{}")?;
/// assert!(header.starts_with("algorithm=RSA256,keyVersion=1,signature="));
/// # Ok::<(), antom::Error>(())
/// ```
#[derive(Clone)]
pub struct Signer {
    key: PrivateKey,
    key_version: u32,
}

impl Signer {
    /// A signer for `key`, announcing `key_version` in the header.
    pub fn new(key: PrivateKey, key_version: u32) -> Self {
        Signer { key, key_version }
    }

    /// The whole `Signature` header value for this content.
    pub fn sign(
        &self,
        method: &str,
        path: &str,
        client_id: &str,
        request_time: &str,
        body: &[u8],
    ) -> Result<String> {
        let content = sign_content(method, path, client_id, request_time, body);
        Ok(format_header(self.key_version, &self.key.sign(&content)?))
    }

    /// The key version announced in headers.
    pub fn key_version(&self) -> u32 {
        self.key_version
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signer({:?}, keyVersion={})", self.key, self.key_version)
    }
}
