//! RSA keys in every form merchants hold: bare base64 or PEM, PKCS#8 or PKCS#1 private keys;
//! SubjectPublicKeyInfo, PKCS#1 or X.509 certificate public keys. Parsed once, shared, zeroized.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use base64::Engine as _;
use zeroize::Zeroizing;

use crate::crypto::{SigningKey, VerifyingKey};
use crate::der;

mod generate;
mod private;
mod public;

use crate::error::{Error, Result};
pub use generate::{generate_key_pair, GeneratedKeyPair};
pub use private::PrivateKey;
pub use public::PublicKey;

const MIN_BITS: usize = 2048;
const MAX_BITS: usize = 4096;
/// The largest key input read: an RSA-4096 certificate is about 2 KB, so 64 KiB leaves room
/// for chains and comments, and refuses a wrong file at once instead of decoding megabytes.
const MAX_KEY_BYTES: usize = 64 * 1024;

/// Refuses the most common misconfiguration the official SDKs' trackers report: the merchant's
/// own public key given where Antom's belongs. Every response would then fail its signature check
/// with no hint why; this names the mistake, and where Antom's key is.
///
/// ```
/// # let pem = include_str!("../../../tests/vectors/test_private_pkcs8.pem");
/// # let own = include_str!("../../../tests/vectors/test_public_spki.pem");
/// let private = antom::PrivateKey::parse(pem)?;
/// let err = antom::check_antom_public_key(&private, &antom::PublicKey::parse(own)?).unwrap_err();
/// assert_eq!(err.kind(), antom::ErrorKind::InvalidKey);
/// # Ok::<(), antom::Error>(())
/// ```
pub fn check_antom_public_key(
    merchant_private: &PrivateKey,
    antom_public: &PublicKey,
) -> Result<()> {
    if merchant_private.pairs_with(antom_public) {
        return Err(Error::key(
            "the Antom public key given is the public half of the merchant's own private key: \
             that is your public key, which Antom uses to verify you. Antom signs with its own key: \
             copy the \"Antom public key\" from Antom Dashboard > Developer > Key configuration \
             (a different key for test mode and live mode)",
        ));
    }
    Ok(())
}

fn too_big(len: usize, kind: &str) -> Error {
    Error::key(format!(
        "the {kind} key input is {len} bytes, over the {MAX_KEY_BYTES} byte limit: not a key"
    ))
}
const PRIVATE_FORMS: &str =
    "accepted private key forms: base64 or PEM PKCS#8 (PEM label PRIVATE KEY), \
base64 or PEM PKCS#1 (PEM label RSA PRIVATE KEY)";
const PUBLIC_FORMS: &str = "accepted public key forms: base64 or PEM SubjectPublicKeyInfo \
(PEM label PUBLIC KEY), base64 or PEM PKCS#1 (PEM label RSA PUBLIC KEY), PEM certificate";

/// What a decoded DER blob turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Pkcs8Private,
    Pkcs1Private,
    SpkiPublic,
    Pkcs1Public,
    Certificate,
    EncryptedPkcs8,
    NotRsa,
    Unknown,
}

impl Form {
    fn describe(self) -> &'static str {
        match self {
            Form::Pkcs8Private => "a PKCS#8 private key",
            Form::Pkcs1Private => "a PKCS#1 private key",
            Form::SpkiPublic | Form::Pkcs1Public => "a public key",
            Form::Certificate => "an X.509 certificate",
            Form::EncryptedPkcs8 => "an encrypted private key (not supported: decrypt it first)",
            Form::NotRsa => "a key that is not RSA (only RSA keys are used by Antom)",
            Form::Unknown => "data that is no known key structure",
        }
    }
}

fn classify(der_bytes: &[u8]) -> Form {
    let Some(content) = der::read_all(der_bytes, der::SEQUENCE) else {
        return Form::Unknown;
    };
    let Some(items) = der::elements(content) else {
        return Form::Unknown;
    };
    fn alg_oid<'a>(tlv: &der::Tlv<'a>) -> Option<&'a [u8]> {
        der::elements(tlv.content)
            .and_then(|a| a.first().copied())
            .filter(|o| o.tag == der::OID)
            .map(|o| o.content)
    }
    let tags: Vec<u8> = items.iter().map(|t| t.tag).collect();
    match tags.as_slice() {
        [der::INTEGER, der::SEQUENCE, der::OCTET_STRING, ..] => match alg_oid(&items[1]) {
            Some(der::RSA_ENCRYPTION) => Form::Pkcs8Private,
            Some(_) => Form::NotRsa,
            None => Form::Unknown,
        },
        [der::INTEGER, der::INTEGER, der::INTEGER, der::INTEGER, der::INTEGER, der::INTEGER, der::INTEGER, der::INTEGER, der::INTEGER, ..] => {
            Form::Pkcs1Private
        }
        [der::SEQUENCE, der::BIT_STRING] => match alg_oid(&items[0]) {
            Some(der::RSA_ENCRYPTION) => Form::SpkiPublic,
            Some(_) => Form::NotRsa,
            None => Form::Unknown,
        },
        [der::SEQUENCE, der::OCTET_STRING] => match alg_oid(&items[0]) {
            Some(der::PBES2) => Form::EncryptedPkcs8,
            _ => Form::Unknown,
        },
        [der::INTEGER, der::INTEGER] => Form::Pkcs1Public,
        [der::SEQUENCE, der::SEQUENCE, der::BIT_STRING] => Form::Certificate,
        _ => Form::Unknown,
    }
}

/// Decodes key text (PEM or bare base64) into DER, reporting what the PEM label claimed.
fn decode_text(
    text: &str,
    kind: &str,
    forms: &str,
) -> Result<(Zeroizing<Vec<u8>>, Option<String>)> {
    if text.len() > MAX_KEY_BYTES {
        return Err(too_big(text.len(), kind));
    }
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err(Error::key(format!("the {kind} key is empty; {forms}")));
    }
    let (body, label) = if text.starts_with("-----BEGIN") {
        let (label, body) = pem_body(text, kind, forms)?;
        (body, Some(label.to_string()))
    } else if text.starts_with("-----") {
        return Err(Error::key(format!(
            "the {kind} key starts like PEM but has no '-----BEGIN <label>-----' line; {forms}"
        )));
    } else {
        (Zeroizing::new(text.to_string()), None)
    };
    let compact: Zeroizing<String> =
        Zeroizing::new(body.chars().filter(|c| !c.is_whitespace()).collect());
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let der_bytes = engine.decode(compact.as_bytes()).map_err(|_| {
        let hint = if compact.starts_with("ssh-rsa") || text.starts_with("-----BEGIN OPENSSH") {
            "it looks like an OpenSSH key, which Antom does not use"
        } else {
            "it is neither PEM nor valid base64"
        };
        Error::key(format!(
            "the {kind} key could not be decoded: {hint}; {forms}"
        ))
    })?;
    Ok((Zeroizing::new(der_bytes), label))
}

/// The PEM labels an error may name. Anything else on a BEGIN line is never quoted: a
/// malformed line may run on into the key itself.
const KNOWN_LABELS: [&str; 10] = [
    "PRIVATE KEY",
    "RSA PRIVATE KEY",
    "PUBLIC KEY",
    "RSA PUBLIC KEY",
    "CERTIFICATE",
    "ENCRYPTED PRIVATE KEY",
    "EC PRIVATE KEY",
    "OPENSSH PRIVATE KEY",
    "DSA PRIVATE KEY",
    "X509 CRL",
];

/// Splits PEM text into its label and the lines between BEGIN and END. Errors name the
/// label only when it is a known one, and never quote anything else of the input.
fn pem_body(text: &str, kind: &str, forms: &str) -> Result<(&'static str, Zeroizing<String>)> {
    let malformed = || {
        Error::key(format!(
            "the {kind} key's PEM BEGIN line is malformed or has an unknown label \
             (expected '-----BEGIN <label>-----'); {forms}"
        ))
    };
    let rest = text.strip_prefix("-----BEGIN ").ok_or_else(malformed)?;
    let label = KNOWN_LABELS
        .iter()
        .copied()
        .find(|l| rest.strip_prefix(l).is_some_and(|r| r.starts_with("-----")))
        .ok_or_else(malformed)?;
    let after = &rest[label.len() + 5..];
    let end_marker = format!("-----END {label}-----");
    let Some(end) = after.find(end_marker.as_str()) else {
        return Err(Error::key(if after.contains("-----END") {
            format!("the {kind} key's PEM END line does not match '{end_marker}'")
        } else {
            format!("the {kind} key's PEM has no '{end_marker}' line")
        }));
    };
    let inner = &after[..end];
    if label.contains("ENCRYPTED") || inner.contains("ENCRYPTED") {
        return Err(Error::key(format!(
            "the {kind} key is an encrypted PEM, which is not supported: decrypt it first; {forms}"
        )));
    }
    // RFC 1421 headers (`Name: value` lines) that some tools still write are skipped.
    let body: String = inner.lines().filter(|l| !l.contains(':')).collect();
    Ok((label, Zeroizing::new(body)))
}

fn check_bits(bits: usize, kind: &str) -> Result<()> {
    if (MIN_BITS..=MAX_BITS).contains(&bits) {
        Ok(())
    } else {
        Err(Error::key(format!(
            "the {kind} key is RSA-{bits}; Antom keys are RSA-{MIN_BITS} to RSA-{MAX_BITS}"
        )))
    }
}

/// Modulus bits of a PKCS#1 private or public key (the modulus is the first or second INTEGER).
fn modulus_bits(pkcs1: &[u8], private: bool) -> Option<usize> {
    let items = der::elements(der::read_all(pkcs1, der::SEQUENCE)?)?;
    let n = items.get(usize::from(private))?;
    (n.tag == der::INTEGER).then(|| der::integer_bits(n.content))
}

/// Reads a key file, for `kind` ("private", "Antom public", ...) named in errors. Where the
/// "path" is really key content (`--private-key "$ANTOM_PRIVATE_KEY"`), the error names that
/// mistake and shows none of it; otherwise it names the file by [`describe_key_path`].
///
/// ```
/// let key_text = include_str!("../../../tests/vectors/test_private_pkcs8.pem");
/// let err = antom::read_key_file(key_text, "private").unwrap_err();
/// assert!(err.message().contains("key content, not a file path"));
/// assert!(!err.message().contains("MII"));
/// ```
pub fn read_key_file(path: impl AsRef<Path>, kind: &str) -> Result<Zeroizing<Vec<u8>>> {
    let path = path.as_ref();
    // Read first: a real path may look like key text (a 64-hex-digit container folder).
    std::fs::read(path).map(Zeroizing::new).map_err(|e| {
        if looks_like_key_content(path) {
            Error::key(format!(
                "the {kind} key path is key content, not a file path (not shown): pass the key \
                 file's path, or the key text where text is taken"
            ))
        } else {
            Error::key(format!(
                "cannot read the {kind} key file {}: {}",
                describe_key_path(path),
                e.kind()
            ))
        }
    })
}

/// A key file's path as it may be shown: its file name only (a folder can say more than the
/// merchant wants in a log), or a placeholder where the path is key content.
///
/// ```
/// assert_eq!(antom::describe_key_path("/etc/antom/merchant.pem".as_ref()), "'…/merchant.pem'");
/// assert_eq!(antom::describe_key_path("line one\nline two".as_ref()), "(key content, not shown)");
/// ```
pub fn describe_key_path(path: &Path) -> String {
    if looks_like_key_content(path) {
        return "(key content, not shown)".to_string();
    }
    let name = path
        .file_name()
        .map(|n| crate::text::excerpt(&n.to_string_lossy()))
        .unwrap_or_default();
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => format!("'…/{name}'"),
        _ => format!("'{name}'"),
    }
}

/// True for text that is a key rather than a path: PEM armour, several lines, or a run of
/// base64 longer than any file name (a key's base64 holds a `/` every 64 characters or so, so
/// splitting it into "folders" still leaves long runs).
fn looks_like_key_content(path: &Path) -> bool {
    let text = path.to_string_lossy();
    if text.contains("-----") || text.contains('\n') || text.contains('\r') || text.len() > 1024 {
        return true;
    }
    text.split('/').any(|part| {
        part.len() >= 40
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '='))
    })
}

fn push_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

/// Wraps DER in PEM armour with 64-character lines.
pub(crate) fn pem_encode(label: &str, der_bytes: &[u8]) -> Zeroizing<String> {
    let b64 = Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(der_bytes));
    let mut out = Zeroizing::new(format!("-----BEGIN {label}-----\n"));
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}
