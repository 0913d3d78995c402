//! HTTPS transport: reqwest on rustls, certificates always verified, pooled keep-alive
//! connections, HTTP/2 when offered, proxies, timeouts, bounded bodies, no redirects.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::Url;

use crate::config::Config;
use crate::error::{Error, ErrorKind, Result};
use crate::response::RawResponse;

/// Builds the shared HTTP client for a configuration.
pub(crate) fn build_http(config: &Config, language: &str) -> Result<reqwest::Client> {
    builder(config, language)?.build().map_err(cannot_build)
}

/// The metered-usage client: HTTP/2 only (prior knowledge, so also over the loopback
/// simulator's cleartext), connect 15 s and request 30 s, as the official SDKs send events.
pub(crate) fn build_meter_http(config: &Config, language: &str) -> Result<reqwest::Client> {
    builder(config, language)?
        .http2_prior_knowledge()
        .connect_timeout(Duration::from_secs(15))
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(cannot_build)
}

fn cannot_build(e: reqwest::Error) -> Error {
    Error::new(
        ErrorKind::Transport,
        format!("cannot build the HTTP client: {e}"),
    )
}

fn builder(config: &Config, language: &str) -> Result<reqwest::ClientBuilder> {
    let mut ua = format!("antom/{} ({language})", env!("CARGO_PKG_VERSION"));
    if let Some(suffix) = &config.user_agent_suffix {
        ua.push(' ');
        ua.push_str(suffix);
    }
    let mut builder = reqwest::Client::builder()
        .user_agent(ua)
        .connect_timeout(config.connect_timeout)
        .timeout(config.timeout)
        .pool_idle_timeout(Duration::from_secs(60))
        .pool_max_idle_per_host(32)
        .tcp_keepalive(Duration::from_secs(30))
        // A redirect would change the signed path: never follow one.
        .redirect(reqwest::redirect::Policy::none());
    for pem in &config.extra_ca_pem {
        let certs = reqwest::Certificate::from_pem_bundle(pem)
            .map_err(|e| Error::input(format!("the extra CA certificate is not valid PEM: {e}")))?;
        if certs.is_empty() {
            return Err(Error::input("the extra CA bundle holds no certificate"));
        }
        builder = builder.tls_certs_merge(certs);
    }
    if let Some(proxy) = &config.proxy {
        let proxy = reqwest::Proxy::all(proxy.as_str())
            .map_err(|e| Error::input(format!("invalid proxy URL: {e}")))?;
        builder = builder.proxy(proxy);
    }
    Ok(builder)
}

/// What went wrong on the wire, classified by whether the request could have reached Antom.
#[derive(Debug)]
pub(crate) enum SendError {
    /// Never connected (DNS, refused, TLS handshake, connect timeout): not delivered.
    NotSent { timeout: bool, message: String },
    /// Connected and sent (or possibly sent), then failed or timed out: outcome unknown.
    Lost { timeout: bool, message: String },
    /// The response body exceeded the limit.
    TooLarge,
}

/// The largest response body read: eight times the request limit, at least 8 MiB.
pub(crate) fn response_limit(max_request_body: usize) -> usize {
    max_request_body.max(1024 * 1024) * 8
}

/// Sends one attempt and reads the whole (bounded) response.
pub(crate) async fn send(
    http: &reqwest::Client,
    url: Url,
    headers: HeaderMap,
    body: bytes::Bytes,
    max_body: usize,
    timeout: Option<Duration>,
) -> std::result::Result<RawResponse, SendError> {
    let mut request = http.post(url).headers(headers).body(body);
    if let Some(t) = timeout {
        request = request.timeout(t);
    }
    let mut response = request.send().await.map_err(classify)?;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(classify)? {
        if body.len() + chunk.len() > max_body {
            return Err(SendError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(RawResponse {
        status,
        headers,
        body,
    })
}

fn classify(e: reqwest::Error) -> SendError {
    let e = e.without_url();
    let message = describe(&e);
    if e.is_connect() {
        SendError::NotSent {
            timeout: e.is_timeout(),
            message,
        }
    } else {
        SendError::Lost {
            timeout: e.is_timeout(),
            message,
        }
    }
}

/// The error chain as one line (reqwest's top message alone hides the cause).
fn describe(e: &reqwest::Error) -> String {
    let mut out = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// Builds one header, rejecting values that cannot travel in HTTP.
pub(crate) fn header(map: &mut HeaderMap, name: &'static str, value: &str) -> Result<()> {
    let value = HeaderValue::from_str(value).map_err(|_| {
        Error::input(format!(
            "the {name} header value contains invalid characters"
        ))
    })?;
    map.insert(HeaderName::from_static(name), value);
    Ok(())
}
