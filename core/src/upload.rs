//! The product image upload (`billing.product.uploadImage`), as PROTOCOL.md section 8 and all
//! five official SDKs send it: multipart/form-data where only the JSON part `body`
//! (`{"productId", "fileSha256"}`) is signed, the file bound to that signature by its SHA-256 and
//! sent twice (`file` and `imageFile`), to the upload's own gateway. The answer goes through the
//! same strict response policy as every call: an unsigned or half-signed `S` is never a success.

use bytes::{BufMut, Bytes, BytesMut};
use reqwest::header::HeaderValue;
use reqwest::Url;
use serde_json::json;

use crate::catalog::{self, Resolved};
use crate::client::Wire;
use crate::error::{Error, Result};
use crate::request;
use crate::{Client, Region, Response};

/// The largest image Antom accepts.
pub const MAX_IMAGE_BYTES: usize = 2 * 1024 * 1024;

const ENDPOINT: &str = "billing.product.uploadImage";

/// The upload gateway of each of Antom's regional gateways (none is known for the US one).
fn upload_gateway(base: &str) -> Option<&'static str> {
    [
        (Region::Asia, "https://open-big-sea.alipay.com"),
        (Region::NorthAmerica, "https://open-big-na.alipay.com"),
        (Region::Europe, "https://open-big-de-global.alipay.com"),
    ]
    .into_iter()
    .find(|(r, _)| r.base_url() == base)
    .map(|(_, u)| u)
}

/// Lowercase hex SHA-256 of the file: what the signed JSON binds it by.
pub fn file_sha256(file: &[u8]) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, file);
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

impl Client {
    /// Uploads a product image (at most 2 MiB) for `product_id`. `file_name` is what the form
    /// parts announce (no quotes or control characters). Not retried once it may have arrived:
    /// the endpoint has no idempotency key.
    ///
    /// ```no_run
    /// # async fn f(client: antom::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let image = std::fs::read("tea.png")?;
    /// let r = client.upload_product_image("prod-1", "tea.png", &image).await?;
    /// assert!(r.verified());
    /// # Ok(()) }
    /// ```
    pub async fn upload_product_image(
        &self,
        product_id: &str,
        file_name: &str,
        image: &[u8],
    ) -> Result<Response> {
        if image.is_empty() || image.len() > MAX_IMAGE_BYTES {
            return Err(Error::input(format!(
                "the image is {} bytes; it must be 1 byte to 2 MiB ({MAX_IMAGE_BYTES} bytes)",
                image.len()
            )));
        }
        if product_id.is_empty() {
            return Err(Error::input("product_id is required"));
        }
        if file_name.is_empty()
            || file_name.len() > 255
            || file_name
                .chars()
                .any(|c| c.is_control() || c == '"' || c == '\\')
        {
            return Err(Error::input(
                "the file name must be 1 to 255 characters without quotes, backslashes or control characters",
            ));
        }
        let endpoint = catalog::find(ENDPOINT)
            .ok_or_else(|| Error::input("the catalog has no image upload endpoint"))?;
        let resolved = Resolved::Known(endpoint);
        let config = self.config();
        let base = match (&config.upload_url, upload_gateway(config.base_url())) {
            (Some(explicit), _) => explicit.clone(),
            (None, Some(known)) => known.to_string(),
            (None, None) => {
                return Err(Error::input(
                    "no upload gateway is known for this gateway: set upload_url",
                ))
            }
        };
        let base =
            Url::parse(&base).map_err(|e| Error::input(format!("invalid upload URL: {e}")))?;
        let signed =
            serde_json::to_vec(&json!({"productId": product_id, "fileSha256": file_sha256(image)}))
                .map_err(|e| Error::input(format!("the upload body cannot be serialized: {e}")))?;
        let wire = multipart(&signed, file_name, image)?;
        let path = request::effective_path(config, &resolved);
        let body = request::Body {
            bytes: Bytes::from(signed),
            idempotency_key: None,
            request_ids: vec![("productId".to_string(), product_id.to_string())],
        };
        self.send_with_retries(&resolved, &path, body, &base, Some(&wire))
            .await
    }
}

/// The form: the signed JSON as `body`, then the image as `file` and as `imageFile`.
fn multipart(json: &[u8], file_name: &str, image: &[u8]) -> Result<Wire> {
    // A boundary that occurs in neither part (a random one nearly always is the first).
    let boundary = loop {
        let b = format!("antom-{:032x}", rand_u128());
        let needle = b.as_bytes();
        let inside = |hay: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
        if !inside(json) && !inside(image) {
            break b;
        }
    };
    let mut out = BytesMut::with_capacity(json.len() + 2 * image.len() + 512);
    let part = |out: &mut BytesMut, head: String, content: &[u8]| {
        out.put_slice(format!("--{boundary}\r\n{head}\r\n\r\n").as_bytes());
        out.put_slice(content);
        out.put_slice(b"\r\n");
    };
    part(
        &mut out,
        "Content-Disposition: form-data; name=\"body\"\r\nContent-Type: application/json".into(),
        json,
    );
    for name in ["file", "imageFile"] {
        part(
            &mut out,
            format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream"),
            image,
        );
    }
    out.put_slice(format!("--{boundary}--\r\n").as_bytes());
    let content_type = HeaderValue::from_str(&format!("multipart/form-data; boundary={boundary}"))
        .map_err(|_| Error::input("cannot build the multipart content type"))?;
    Ok(Wire {
        bytes: out.freeze(),
        content_type,
    })
}

fn rand_u128() -> u128 {
    let mut b = [0u8; 16];
    // The system RNG cannot fail on supported platforms; a zero boundary is still checked above.
    let _ = aws_lc_rs::rand::fill(&mut b);
    u128::from_le_bytes(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_has_the_signed_json_and_the_file_twice() {
        let w = multipart(br#"{"productId":"p"}"#, "a.png", b"\x89PNG").unwrap();
        let ct = w.content_type.to_str().unwrap().to_string();
        let boundary = ct.strip_prefix("multipart/form-data; boundary=").unwrap();
        let text = String::from_utf8_lossy(&w.bytes);
        assert_eq!(text.matches(&format!("--{boundary}\r\n")).count(), 3);
        assert!(text.ends_with(&format!("--{boundary}--\r\n")));
        assert!(text.contains(
            "name=\"body\"\r\nContent-Type: application/json\r\n\r\n{\"productId\":\"p\"}\r\n"
        ));
        assert_eq!(text.matches("\u{fffd}PNG").count(), 2);
        assert!(text.contains("name=\"imageFile\"; filename=\"a.png\""));
    }

    #[test]
    fn sha256_is_lowercase_hex() {
        assert_eq!(
            file_sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn regional_gateways_have_upload_gateways() {
        assert_eq!(
            upload_gateway(Region::Europe.base_url()),
            Some("https://open-big-de-global.alipay.com")
        );
        assert_eq!(upload_gateway(Region::Us.base_url()), None);
        assert_eq!(upload_gateway("https://example.com"), None);
    }
}
