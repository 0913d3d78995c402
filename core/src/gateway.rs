//! Which gateway URLs a client may talk to: `https://` anywhere, plain `http://` only to this
//! machine (the simulator), never with credentials, a query or a fragment in the URL.

use std::net::IpAddr;

use url::{Host, Url};

use crate::error::{Error, Result};

/// Validates a gateway base URL. The URL itself is never quoted in an error: it may carry
/// credentials.
pub(crate) fn check(base: &str) -> Result<Url> {
    let url = Url::parse(base).map_err(|e| Error::input(format!("invalid gateway URL: {e}")))?;
    if url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(Error::input(
            "the gateway URL must not carry a query, fragment or credentials",
        ));
    }
    let host = url.host_str().unwrap_or_default();
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(host) => Ok(url),
        "http" => Err(Error::input(format!(
            "refusing plain http:// to '{host}': only loopback hosts (the simulator) may use http; use https"
        ))),
        other => Err(Error::input(format!("unsupported gateway URL scheme '{other}'"))),
    }
}

/// True when `host` (a URL's host, IPv6 in brackets or not) names this machine: `localhost`,
/// 127.0.0.0/8 or `::1`. The only hosts plain http may reach, and the only ones the simulator
/// delivers notifications to.
///
/// ```
/// assert!(antom::gateway::is_loopback("127.0.0.2"));
/// assert!(antom::gateway::is_loopback("[::1]"));
/// assert!(antom::gateway::is_loopback("LOCALHOST"));
/// assert!(!antom::gateway::is_loopback("10.0.0.1"));
/// assert!(!antom::gateway::is_loopback("localhost.example.com"));
/// ```
pub fn is_loopback(host: &str) -> bool {
    match Host::parse(host.trim_start_matches('[').trim_end_matches(']')) {
        Ok(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Ok(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Ok(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Err(_) => host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback()),
    }
}
