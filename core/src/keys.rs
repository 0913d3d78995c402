//! RSA keys in every form merchants hold: bare base64 or PEM, PKCS#8 or PKCS#1 private keys;
//! SubjectPublicKeyInfo, PKCS#1 or X.509 certificate public keys. Parsed once, shared, zeroized.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use base64::Engine as _;
use zeroize::Zeroizing;

use crate::crypto::{SigningKey, VerifyingKey};
use crate::der;
use crate::error::{Error, Result};

const MIN_BITS: usize = 2048;
const MAX_BITS: usize = 4096;
/// The largest key input read: an RSA-4096 certificate is about 2 KB, so 64 KiB leaves room
/// for chains and comments, and refuses a wrong file at once instead of decoding megabytes.
const MAX_KEY_BYTES: usize = 64 * 1024;

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

fn read_key_file(path: &Path, kind: &str) -> Result<Zeroizing<Vec<u8>>> {
    std::fs::read(path).map(Zeroizing::new).map_err(|e| {
        Error::key(format!(
            "cannot read the {kind} key file {}: {e}",
            path.display()
        ))
    })
}

/// The merchant's RSA private key, used to sign requests.
///
/// Accepts base64 or PEM, PKCS#8 or PKCS#1, with any whitespace and line breaks. Parsed once;
/// cloning shares the parsed key. Never printed: `Debug` shows only the size.
///
/// ```
/// # let pem = include_str!("../../tests/vectors/test_private_pkcs8.pem");
/// let key = antom::PrivateKey::parse(pem)?;
/// assert_eq!(key.bits(), 2048);
/// assert!(!format!("{key:?}").contains("MII"));
/// # Ok::<(), antom::Error>(())
/// ```
#[derive(Clone)]
pub struct PrivateKey {
    inner: Arc<SigningKey>,
    bits: usize,
    public_pkcs1: Arc<[u8]>,
}

impl PrivateKey {
    /// Parses a private key from its text (PEM or bare base64).
    pub fn parse(text: &str) -> Result<Self> {
        let (der_bytes, label) = decode_text(text, "private", PRIVATE_FORMS)?;
        Self::from_der_labelled(&der_bytes, label.as_deref())
    }

    /// Parses a private key from DER bytes (PKCS#8 or PKCS#1).
    pub fn from_der(der_bytes: &[u8]) -> Result<Self> {
        Self::from_der_labelled(der_bytes, None)
    }

    /// Reads a private key file in any accepted form (text or binary DER).
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self> {
        Self::from_bytes(&read_key_file(path.as_ref(), "private")?)
    }

    /// Parses key bytes: UTF-8 text (PEM or base64) or binary DER.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Self::parse(text),
            Err(_) => Self::from_der(bytes),
        }
    }

    fn from_der_labelled(der_bytes: &[u8], label: Option<&str>) -> Result<Self> {
        if der_bytes.len() > MAX_KEY_BYTES {
            return Err(too_big(der_bytes.len(), "private"));
        }
        let form = classify(der_bytes);
        let pkcs1: &[u8] = match form {
            Form::Pkcs8Private => pkcs8_inner(der_bytes)
                .ok_or_else(|| Error::key("the PKCS#8 private key is malformed"))?,
            Form::Pkcs1Private => der_bytes,
            Form::SpkiPublic | Form::Pkcs1Public | Form::Certificate => {
                return Err(Error::key(format!(
                    "this looks like {}, not a private key: sign with the merchant private key; {PRIVATE_FORMS}",
                    form.describe()
                )))
            }
            _ => {
                let claimed = label.map(|l| format!(" (PEM label '{l}')")).unwrap_or_default();
                return Err(Error::key(format!(
                    "the private key is {}{claimed}; {PRIVATE_FORMS}",
                    form.describe()
                )));
            }
        };
        let bits = modulus_bits(pkcs1, true)
            .ok_or_else(|| Error::key("the RSA private key is malformed"))?;
        check_bits(bits, "private")?;
        let public_pkcs1 = public_from_private_pkcs1(pkcs1)
            .ok_or_else(|| Error::key("the RSA private key is malformed"))?;
        let inner = match form {
            Form::Pkcs8Private => SigningKey::from_pkcs8(der_bytes)?,
            _ => SigningKey::from_pkcs1(der_bytes)?,
        };
        Ok(PrivateKey {
            inner: Arc::new(inner),
            bits,
            public_pkcs1: public_pkcs1.into(),
        })
    }

    /// Modulus size in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// The matching public key (useful to check a key pair, and for tests and the simulator).
    pub fn public_key(&self) -> Result<PublicKey> {
        PublicKey::from_pkcs1_der(&self.public_pkcs1)
    }

    /// RSASSA-PKCS1-v1_5 + SHA-256 signature of `message`.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        self.inner.sign(message)
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey(RSA-{}, redacted)", self.bits)
    }
}

/// Extracts the PKCS#1 key inside a PKCS#8 PrivateKeyInfo.
fn pkcs8_inner(der_bytes: &[u8]) -> Option<&[u8]> {
    let items = der::elements(der::read_all(der_bytes, der::SEQUENCE)?)?;
    let inner = items.get(2)?;
    (inner.tag == der::OCTET_STRING).then_some(inner.content)
}

/// Builds the DER of `RSAPublicKey { n, e }` from a PKCS#1 private key.
fn public_from_private_pkcs1(pkcs1: &[u8]) -> Option<Vec<u8>> {
    let items = der::elements(der::read_all(pkcs1, der::SEQUENCE)?)?;
    let (n, e) = (items.get(1)?, items.get(2)?);
    let mut content = Vec::new();
    for int in [n, e] {
        content.push(der::INTEGER);
        push_len(&mut content, int.content.len());
        content.extend_from_slice(int.content);
    }
    let mut out = vec![der::SEQUENCE];
    push_len(&mut out, content.len());
    out.extend_from_slice(&content);
    Some(out)
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

/// The Antom public key (or any RSA public key), used to verify responses and notifications.
///
/// ```
/// # let text = include_str!("../../tests/vectors/test_public_spki.pem");
/// let key = antom::PublicKey::parse(text)?;
/// assert_eq!(key.bits(), 2048);
/// # Ok::<(), antom::Error>(())
/// ```
#[derive(Clone)]
pub struct PublicKey {
    inner: Arc<VerifyingKey>,
    bits: usize,
    pkcs1: Arc<[u8]>,
}

impl PublicKey {
    /// Parses a public key from its text (PEM or bare base64).
    pub fn parse(text: &str) -> Result<Self> {
        let (der_bytes, label) = decode_text(text, "public", PUBLIC_FORMS)?;
        Self::from_der_labelled(&der_bytes, label.as_deref())
    }

    /// Parses a public key from DER (SPKI, PKCS#1 or an X.509 certificate).
    pub fn from_der(der_bytes: &[u8]) -> Result<Self> {
        Self::from_der_labelled(der_bytes, None)
    }

    /// Reads a public key file in any accepted form.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self> {
        Self::from_bytes(&read_key_file(path.as_ref(), "public")?)
    }

    /// Parses key bytes: UTF-8 text (PEM or base64) or binary DER.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Self::parse(text),
            Err(_) => Self::from_der(bytes),
        }
    }

    fn from_der_labelled(der_bytes: &[u8], label: Option<&str>) -> Result<Self> {
        if der_bytes.len() > MAX_KEY_BYTES {
            return Err(too_big(der_bytes.len(), "public"));
        }
        match classify(der_bytes) {
            Form::SpkiPublic => {
                let pkcs1 = spki_inner(der_bytes)
                    .ok_or_else(|| Error::key("the SubjectPublicKeyInfo is malformed"))?;
                Self::from_pkcs1_der(pkcs1)
            }
            Form::Pkcs1Public => Self::from_pkcs1_der(der_bytes),
            Form::Certificate => {
                let spki = certificate_spki(der_bytes)
                    .ok_or_else(|| Error::key("the certificate holds no RSA public key"))?;
                Self::from_der(spki)
            }
            Form::Pkcs8Private | Form::Pkcs1Private | Form::EncryptedPkcs8 => Err(Error::key(format!(
                "this looks like a private key, not a public key: verify with the Antom public key; {PUBLIC_FORMS}"
            ))),
            form => {
                let claimed = label.map(|l| format!(" (PEM label '{l}')")).unwrap_or_default();
                Err(Error::key(format!(
                    "the public key is {}{claimed}; {PUBLIC_FORMS}",
                    form.describe()
                )))
            }
        }
    }

    fn from_pkcs1_der(pkcs1: &[u8]) -> Result<Self> {
        let bits = modulus_bits(pkcs1, false)
            .ok_or_else(|| Error::key("the RSA public key is malformed"))?;
        check_bits(bits, "public")?;
        Ok(PublicKey {
            inner: Arc::new(VerifyingKey::from_pkcs1(pkcs1)?),
            bits,
            pkcs1: pkcs1.into(),
        })
    }

    /// Modulus size in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// The key as SubjectPublicKeyInfo DER (the form the Antom portal shows, base64-encoded).
    pub fn to_spki_der(&self) -> Vec<u8> {
        let mut alg = vec![der::OID, der::RSA_ENCRYPTION.len() as u8];
        alg.extend_from_slice(der::RSA_ENCRYPTION);
        alg.extend_from_slice(&[0x05, 0x00]);
        let mut bits = vec![0u8];
        bits.extend_from_slice(&self.pkcs1);
        let mut content = Vec::new();
        for (tag, inner) in [(der::SEQUENCE, alg), (der::BIT_STRING, bits)] {
            content.push(tag);
            push_len(&mut content, inner.len());
            content.extend_from_slice(&inner);
        }
        let mut out = vec![der::SEQUENCE];
        push_len(&mut out, content.len());
        out.extend_from_slice(&content);
        out
    }

    /// The key as `-----BEGIN PUBLIC KEY-----` PEM.
    pub fn to_pem(&self) -> String {
        pem_encode("PUBLIC KEY", &self.to_spki_der()).to_string()
    }

    /// True when `signature` is a valid RSASSA-PKCS1-v1_5 + SHA-256 signature of `message`.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        self.inner.verify(message, signature)
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey(RSA-{})", self.bits)
    }
}

fn spki_inner(der_bytes: &[u8]) -> Option<&[u8]> {
    let items = der::elements(der::read_all(der_bytes, der::SEQUENCE)?)?;
    let bits = items.get(1)?;
    // The first content byte of a BIT STRING counts unused bits; a key has none.
    match bits.content.split_first()? {
        (0, rest) if bits.tag == der::BIT_STRING => Some(rest),
        _ => None,
    }
}

fn certificate_spki(der_bytes: &[u8]) -> Option<&[u8]> {
    let cert = der::elements(der::read_all(der_bytes, der::SEQUENCE)?)?;
    let tbs = cert.first()?;
    let mut rest = tbs.content;
    // TBSCertificate: [0] version?, serial, signature, issuer, validity, subject, spki.
    let mut index = 0;
    while !rest.is_empty() {
        let start = rest;
        let (tlv, next) = der::read(rest)?;
        if index == 0 && tlv.tag == 0xa0 {
            rest = next;
            continue;
        }
        if index == 5 {
            return Some(&start[..start.len() - next.len()]);
        }
        index += 1;
        rest = next;
    }
    None
}

/// A freshly generated RSA-2048 key pair as PEM text (PKCS#8 private, SPKI public).
pub struct GeneratedKeyPair {
    /// PKCS#8 PEM (label `PRIVATE KEY`); zeroized on drop.
    pub private_pem: Zeroizing<String>,
    /// `-----BEGIN PUBLIC KEY-----` PEM.
    pub public_pem: String,
}

impl fmt::Debug for GeneratedKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("GeneratedKeyPair(RSA-2048, redacted)")
    }
}

/// Generates an RSA-2048 key pair (for `antom keygen`, the simulator and tests).
pub fn generate_key_pair() -> Result<GeneratedKeyPair> {
    use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der, PublicKeyX509Der};
    use aws_lc_rs::rsa::{KeyPair, KeySize};
    use aws_lc_rs::signature::KeyPair as _;
    let pair =
        KeyPair::generate(KeySize::Rsa2048).map_err(|_| Error::key("key generation failed"))?;
    let pkcs8: Pkcs8V1Der<'static> = pair
        .as_der()
        .map_err(|_| Error::key("key encoding failed"))?;
    let spki: PublicKeyX509Der<'static> = pair
        .public_key()
        .as_der()
        .map_err(|_| Error::key("key encoding failed"))?;
    Ok(GeneratedKeyPair {
        private_pem: pem_encode("PRIVATE KEY", pkcs8.as_ref()),
        public_pem: pem_encode("PUBLIC KEY", spki.as_ref()).to_string(),
    })
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
