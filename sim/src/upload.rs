//! The product image upload as Antom receives it: a multipart form whose JSON part `body` is
//! what the merchant signed, binding the image by its SHA-256; the same image in `file` and
//! `imageFile`, at most 2 MiB.

use serde_json::{json, Value};

use crate::reply::{fail, success, Reply};

pub const PATH_SUFFIX: &str = "/v1/billing/product/uploadImage";

/// The form's parts by name.
pub struct Form {
    pub json: Vec<u8>,
    pub files: Vec<(String, Vec<u8>)>,
}

/// Splits a `multipart/form-data` body; `None` when it is not one.
pub fn parse(content_type: &str, body: &[u8]) -> Option<Form> {
    let boundary = content_type
        .strip_prefix("multipart/form-data")?
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))?
        .trim_matches('"');
    let delimiter = format!("--{boundary}");
    let mut form = Form {
        json: Vec::new(),
        files: Vec::new(),
    };
    let mut rest = body;
    loop {
        let start = find(rest, delimiter.as_bytes())?;
        rest = &rest[start + delimiter.len()..];
        if rest.starts_with(b"--") {
            return Some(form);
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let head_end = find(rest, b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&rest[..head_end]).to_string();
        rest = &rest[head_end + 4..];
        let end = find(rest, format!("\r\n{delimiter}").as_bytes())?;
        let content = rest[..end].to_vec();
        rest = &rest[end + 2..];
        let name = head
            .split(';')
            .find_map(|p| p.trim().strip_prefix("name="))
            .map(|n| {
                n.split('\r')
                    .next()
                    .unwrap_or(n)
                    .trim_matches('"')
                    .to_string()
            })?;
        if name == "body" {
            form.json = content;
        } else {
            form.files.push((name, content));
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Checks the signed JSON's binding to the image and answers (the signature was checked by the
/// caller over `form.json`).
pub fn handle(form: &Form, req: &Value) -> Reply {
    let file = |name: &str| form.files.iter().find(|(n, _)| n == name).map(|(_, c)| c);
    let (Some(file), Some(image_file)) = (file("file"), file("imageFile")) else {
        return fail(
            "PARAM_ILLEGAL",
            "the form needs both file and imageFile parts",
        );
    };
    if file != image_file {
        return fail("PARAM_ILLEGAL", "file and imageFile differ");
    }
    if file.is_empty() || file.len() > antom::MAX_IMAGE_BYTES {
        return fail(
            "FILE_SIZE_EXCEED_LIMIT",
            "the image must be 1 byte to 2 MiB",
        );
    }
    let Some(product) = req.get("productId").and_then(Value::as_str) else {
        return fail("PARAM_ILLEGAL", "productId is required");
    };
    let sha = antom::file_sha256(file);
    if req.get("fileSha256").and_then(Value::as_str) != Some(sha.as_str()) {
        return fail(
            "INVALID_SIGNATURE",
            "fileSha256 does not match the uploaded image: the image is not the signed one",
        );
    }
    Reply::ok(success(json!({
        "productId": product,
        "fileSha256": sha,
        "imageUrl": format!("https://sim.antom.invalid/images/{sha}"),
    })))
}
