//! Antom's (or a merchant's) public key, from SubjectPublicKeyInfo, PKCS#1 or a certificate.

use super::*;

/// The Antom public key (or any RSA public key), used to verify responses and notifications.
///
/// ```
/// # let text = include_str!("../../../tests/vectors/test_public_spki.pem");
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

    pub(super) fn from_pkcs1_der(pkcs1: &[u8]) -> Result<Self> {
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

    /// The PKCS#1 `RSAPublicKey` DER.
    pub(super) fn pkcs1(&self) -> &[u8] {
        &self.pkcs1
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
