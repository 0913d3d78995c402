//! The merchant's private key: signs, never shows itself, zeroized when the last clone drops.

use super::*;

/// The merchant's RSA private key, used to sign requests.
///
/// Accepts base64 or PEM, PKCS#8 or PKCS#1, with any whitespace and line breaks. Parsed once;
/// cloning shares the parsed key. Never printed: `Debug` shows only the size.
///
/// ```
/// # let pem = include_str!("../../../tests/vectors/test_private_pkcs8.pem");
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

    /// True when `public` is this key's own public half. The most common signature failure
    /// merchants report is configuring their own public key where Antom's belongs: the client
    /// refuses that configuration (see [`crate::Config`]).
    ///
    /// ```
    /// # let pem = include_str!("../../../tests/vectors/test_private_pkcs8.pem");
    /// # let public = include_str!("../../../tests/vectors/test_public_spki.pem");
    /// let key = antom::PrivateKey::parse(pem)?;
    /// assert!(key.pairs_with(&antom::PublicKey::parse(public)?));
    /// # Ok::<(), antom::Error>(())
    /// ```
    pub fn pairs_with(&self, public: &PublicKey) -> bool {
        same_rsa_public(&self.public_pkcs1, public.pkcs1())
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

/// True when two PKCS#1 `RSAPublicKey` encodings hold the same modulus and exponent (leading
/// zero octets aside, so a non-minimal encoding of the same key still matches).
fn same_rsa_public(a: &[u8], b: &[u8]) -> bool {
    fn ints(pkcs1: &[u8]) -> Option<Vec<&[u8]>> {
        let items = der::elements(der::read_all(pkcs1, der::SEQUENCE)?)?;
        Some(
            items
                .iter()
                .take(2)
                .map(|t| {
                    let skip = t.content.iter().take_while(|&&b| b == 0).count();
                    &t.content[skip..]
                })
                .collect(),
        )
    }
    matches!((ints(a), ints(b)), (Some(x), Some(y)) if x.len() == 2 && x == y)
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
