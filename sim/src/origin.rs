//! The simulator's own pages and actions, guarded as a local web app must be: its POST actions
//! (play the buyer, arm a fault, resend a notification) change its state, so a page on another
//! site must not trigger them through the developer's browser (CSRF), nor a name that an
//! attacker resolves to 127.0.0.1 (DNS rebinding); and no other site may frame its pages
//! (clickjacking the Pay button); its pages and lists answer only to its loopback names.
//! Programs (SDK tests, curl) send no Origin and pass.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Refuses cross-site state changes outside the API, and forbids framing of every page.
pub async fn guard(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/ams/");
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !api {
        // HTTP/2 names the host in the `:authority` of the URI, not in a Host header.
        let authority = req.uri().authority().map(|a| a.as_str().to_string());
        let checked = if changes {
            same_origin(req.headers(), authority.as_deref())
        } else {
            // Pages and lists are read only on the loopback name: a rebound name cannot.
            loopback_host(req.headers(), authority.as_deref()).map(drop)
        };
        if let Err(why) = checked {
            return (StatusCode::FORBIDDEN, why).into_response();
        }
    }
    let mut resp = next.run(req).await;
    if !api {
        let h = resp.headers_mut();
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        h.append(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("frame-ancestors 'none'"),
        );
    }
    resp
}

fn loopback_host<'a>(
    headers: &'a HeaderMap,
    authority: Option<&'a str>,
) -> Result<&'a str, &'static str> {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or(authority)
        .ok_or("no Host header")?;
    if !is_loopback(host) {
        return Err("the simulator answers only on its loopback address");
    }
    Ok(host)
}

fn same_origin(headers: &HeaderMap, authority: Option<&str>) -> Result<(), &'static str> {
    let value = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let host = loopback_host(headers, authority)?;
    if let Some(site) = value(header::HeaderName::from_static("sec-fetch-site")) {
        if !matches!(site, "same-origin" | "none") {
            return Err("a cross-site request may not act on the simulator");
        }
    }
    if let Some(origin) = value(header::ORIGIN) {
        let ours = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            .is_some_and(|rest| rest == host);
        if !ours {
            return Err("a request from another origin may not act on the simulator");
        }
    }
    Ok(())
}

/// `127.x.x.x`, `localhost` or `[::1]`, with or without a port.
fn is_loopback(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(
                *k,
                HeaderValue::from_str(v).unwrap_or(HeaderValue::from_static("")),
            );
        }
        h
    }

    #[test]
    fn only_the_simulators_own_origin_may_act() {
        let ok = [
            vec![("host", "127.0.0.1:8080")],
            vec![("host", "localhost:1"), ("origin", "http://localhost:1")],
            vec![("host", "[::1]:9"), ("sec-fetch-site", "same-origin")],
            vec![("host", "127.0.0.1:5"), ("sec-fetch-site", "none")],
        ];
        for h in ok {
            assert!(same_origin(&headers(&h), None).is_ok(), "{h:?}");
        }
        assert!(same_origin(&HeaderMap::new(), Some("127.0.0.1:8443")).is_ok());
        assert!(same_origin(&HeaderMap::new(), Some("evil.example:8443")).is_err());
        let refused = [
            vec![("host", "evil.example:8080")],
            vec![
                ("host", "127.0.0.1:8080"),
                ("origin", "http://evil.example"),
            ],
            vec![("host", "127.0.0.1:8080"), ("origin", "null")],
            vec![
                ("host", "127.0.0.1:8080"),
                ("origin", "http://127.0.0.1:9999"),
            ],
            vec![("host", "127.0.0.1:8080"), ("sec-fetch-site", "cross-site")],
            vec![("host", "127.0.0.1:8080"), ("sec-fetch-site", "same-site")],
            vec![],
        ];
        for h in refused {
            assert!(same_origin(&headers(&h), None).is_err(), "{h:?}");
        }
    }
}
