//! The RSA work of `signRequestAsync`, `verifySignatureAsync` and `verifyNotificationAsync`,
//! run on the libuv thread pool so the event loop stays free. Inputs are owned copies.

use napi::{Env, Task};

use crate::{to_napi, Notification};

/// `[method, path, client id, request time]`.
type Content<'a> = [&'a str; 4];

/// The RSA work of `signRequest` and `signRequestAsync`, on borrowed inputs.
pub fn sign(key: &[u8], c: Content<'_>, body: &[u8], key_version: u32) -> napi::Result<String> {
    let key = antom::key_cache::private_key(key).map_err(to_napi)?;
    antom::Signer::new(key, key_version)
        .sign(c[0], c[1], c[2], c[3], body)
        .map_err(to_napi)
}

/// The RSA work of `verifySignature` and `verifySignatureAsync`: a mismatch is `false`.
pub fn verify(key: &[u8], c: Content<'_>, body: &[u8], signature: &str) -> napi::Result<bool> {
    let key = antom::key_cache::public_key(key).map_err(to_napi)?;
    match antom::Verifier::new(key).verify(c[0], c[1], c[2], c[3], body, signature) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == antom::ErrorKind::SignatureMismatch => Ok(false),
        Err(e) => Err(to_napi(e)),
    }
}

pub struct Sign {
    pub key: zeroize::Zeroizing<Vec<u8>>,
    pub method: String,
    pub path: String,
    pub client_id: String,
    pub request_time: String,
    pub body: Vec<u8>,
    pub key_version: u32,
}

impl Task for Sign {
    type Output = String;
    type JsValue = String;

    fn compute(&mut self) -> napi::Result<String> {
        sign(
            &self.key,
            [
                &self.method,
                &self.path,
                &self.client_id,
                &self.request_time,
            ],
            &self.body,
            self.key_version,
        )
    }

    fn resolve(&mut self, _env: Env, output: String) -> napi::Result<String> {
        Ok(output)
    }
}

pub struct Verify {
    pub key: Vec<u8>,
    pub method: String,
    pub path: String,
    pub client_id: String,
    pub request_time: String,
    pub body: Vec<u8>,
    pub signature: String,
}

impl Task for Verify {
    type Output = bool;
    type JsValue = bool;

    fn compute(&mut self) -> napi::Result<bool> {
        verify(
            &self.key,
            [
                &self.method,
                &self.path,
                &self.client_id,
                &self.request_time,
            ],
            &self.body,
            &self.signature,
        )
    }

    fn resolve(&mut self, _env: Env, output: bool) -> napi::Result<bool> {
        Ok(output)
    }
}

pub struct VerifyNotification {
    pub client: antom::Client,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Task for VerifyNotification {
    type Output = antom::Notification;
    type JsValue = Notification;

    fn compute(&mut self) -> napi::Result<antom::Notification> {
        self.client
            .verify_notification(&self.path, self.headers.clone(), &self.body)
            .map_err(to_napi)
    }

    fn resolve(&mut self, _env: Env, output: antom::Notification) -> napi::Result<Notification> {
        Ok(Notification::from(output))
    }
}
