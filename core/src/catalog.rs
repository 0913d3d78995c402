//! Every Antom endpoint as data: name, path, idempotency key, sandbox rule, transport.
//!
//! The table is written by the generator (`codegen/src/catalog.rs`) into `data/catalog.tsv` and embedded, so the SDK knows
//! all 169 endpoints (every path of Antom's schema and of the official SDKs) without a code path per endpoint.

use std::sync::LazyLock;

use crate::error::{Error, Result};

const DATA: &str = include_str!("../data/catalog.tsv");

/// How an endpoint's request travels on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireFormat {
    /// A signed JSON POST (almost every endpoint).
    Json,
    /// Multipart upload where only the JSON part is signed (`billing/product/uploadImage`).
    Multipart,
    /// Unsigned HTTP/2 meter event upload with `X-Session-Id` (`meter/uploadEvent`).
    MeterEvent,
}

/// How a list endpoint pages, read from its schema by the generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// `limit` and `startingAfter`, while the answer says `hasMore`.
    Cursor {
        /// The response field that lists the objects.
        items: &'static str,
        /// Where the next page starts.
        next: Next,
    },
    /// A page number (`pageNum`, `pageNumber` or `currentPage`, from 1) and `pageSize`.
    Number {
        /// The response field that lists the objects.
        items: &'static str,
        /// The request field that numbers the page.
        number: &'static str,
    },
}

/// Where a cursor-paged list's next page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// The answer's own cursor field (`nextCursor`, `nextStartingAfter`).
    Field(&'static str),
    /// The id field of the page's last object (`holdId`), where the answer has no cursor.
    LastItemId(&'static str),
}

impl Paging {
    /// The response field that lists the objects.
    pub fn items(self) -> &'static str {
        match self {
            Paging::Cursor { items, .. } | Paging::Number { items, .. } => items,
        }
    }

    /// From the catalog's cell: `cursor:<items>:<next field or @item id>` or
    /// `page:<items>:<number field>`.
    fn parse(cell: &'static str) -> Option<Paging> {
        let mut parts = cell.split(':');
        let (style, items, third) = (parts.next()?, parts.next()?, parts.next()?);
        match style {
            "cursor" => Some(Paging::Cursor {
                items,
                next: match third.strip_prefix('@') {
                    Some(id) => Next::LastItemId(id),
                    None => Next::Field(third),
                },
            }),
            "page" => Some(Paging::Number {
                items,
                number: third,
            }),
            _ => None,
        }
    }
}

/// One Antom endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// Stable name: the path after `v1/`, dotted, e.g. `payments.inquiryPayment`.
    pub name: &'static str,
    /// Short name when unambiguous (payments endpoints win ties), e.g. `inquiryPayment`.
    pub alias: Option<&'static str>,
    /// The documented production path, e.g. `/ams/api/v1/payments/pay`.
    pub path: &'static str,
    /// The product group, as Antom's documentation groups them.
    pub group: &'static str,
    /// The body field that makes a retry safe (`paymentRequestId`, ...), if any.
    pub idempotency_field: Option<&'static str>,
    /// True for inquiries and other calls without side effects.
    pub read_only: bool,
    /// Whether `SANDBOX_` client ids rewrite `/ams/api` to `/ams/sandbox/api` for this endpoint.
    pub sandbox_rewrite: bool,
    /// How the request travels.
    pub wire_format: WireFormat,
    /// Request model names in Antom's schema.
    pub request_models: Vec<&'static str>,
    /// Response model names in Antom's schema.
    pub response_models: Vec<&'static str>,
    /// How a list endpoint pages (`None` for the rest).
    pub paging: Option<Paging>,
    shipped_path: &'static str,
}

impl Endpoint {
    /// Whether a request that may have reached Antom can be sent again safely: inquiries, and
    /// requests that carry their idempotency key.
    pub fn retry_safe(&self) -> bool {
        self.read_only || self.idempotency_field.is_some()
    }
}

static CATALOG: LazyLock<Vec<Endpoint>> = LazyLock::new(|| {
    DATA.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .filter_map(parse_line)
        .collect()
});

fn parse_line(line: &'static str) -> Option<Endpoint> {
    let f: Vec<&'static str> = line.split('\t').collect();
    let opt = |s: &'static str| (!s.is_empty()).then_some(s);
    let list = |s: &'static str| s.split(',').filter(|x| !x.is_empty()).collect();
    Some(Endpoint {
        name: f.first()?,
        alias: opt(f.get(1)?),
        path: f.get(2)?,
        shipped_path: f.get(3)?,
        group: f.get(4)?,
        idempotency_field: opt(f.get(5)?),
        read_only: *f.get(6)? == "1",
        sandbox_rewrite: *f.get(7)? == "1",
        wire_format: match *f.get(8)? {
            "multipart" => WireFormat::Multipart,
            "meter-event" => WireFormat::MeterEvent,
            _ => WireFormat::Json,
        },
        request_models: list(f.get(9)?),
        response_models: list(f.get(10)?),
        paging: Paging::parse(f.get(11).copied().unwrap_or_default()),
    })
}

/// All known endpoints, sorted by name.
///
/// ```
/// assert_eq!(antom::catalog::all().len(), 169);
/// ```
pub fn all() -> &'static [Endpoint] {
    &CATALOG
}

/// Looks up an endpoint by name (`payments.pay`), alias (`pay`) or path (production or
/// sandbox form; the official SDKs' known wrong paths resolve to the documented ones).
///
/// ```
/// let e = antom::catalog::find("inquiryPayment").unwrap();
/// assert_eq!(e.path, "/ams/api/v1/payments/inquiryPayment");
/// assert_eq!(antom::catalog::find("/ams/sandbox/api/v1/payments/pay").unwrap().name, "payments.pay");
/// ```
pub fn find(name_or_path: &str) -> Option<&'static Endpoint> {
    if name_or_path.starts_with('/') {
        let prod = name_or_path.replacen("/ams/sandbox/api/", "/ams/api/", 1);
        CATALOG
            .iter()
            .find(|e| e.path == prod || e.shipped_path == name_or_path)
    } else {
        CATALOG
            .iter()
            .find(|e| e.name == name_or_path || e.alias == Some(name_or_path))
    }
}

/// Resolves what a caller passed to `call`: a catalog name, or a path. Unknown paths are
/// allowed (Antom adds endpoints faster than SDKs) but must be well formed.
pub(crate) fn resolve(name_or_path: &str) -> Result<Resolved> {
    if let Some(e) = find(name_or_path) {
        // A multipart upload or a metered event sent as a signed JSON POST would be malformed
        // at Antom: refuse it until its own wire format is implemented.
        let format = match e.wire_format {
            WireFormat::Json => return Ok(Resolved::Known(e)),
            WireFormat::Multipart => "a multipart upload",
            WireFormat::MeterEvent => "an unsigned HTTP/2 metered event",
        };
        return Err(Error::input(format!(
            "{} is {format}, which this SDK cannot send yet; it is never sent as signed JSON",
            e.name
        )));
    }
    if !name_or_path.starts_with('/') {
        return Err(Error::input(format!(
            "unknown endpoint '{}': pass a catalog name such as 'payments.pay' or a path starting with '/'",
            name_or_path.chars().take(80).collect::<String>()
        )));
    }
    validate_path(name_or_path)?;
    Ok(Resolved::Path(name_or_path.to_string()))
}

/// Rejects paths that could smuggle a query, fragment, host change or control characters
/// into what is signed and sent.
pub(crate) fn validate_path(path: &str) -> Result<()> {
    let ok_char = |c: char| c.is_ascii_alphanumeric() || "/-_.~".contains(c);
    if path.len() > 512
        || !path.starts_with('/')
        || path.starts_with("//")
        || path.contains("//")
        || path.contains("/../")
        || path.ends_with("/..")
        || !path.chars().all(ok_char)
    {
        return Err(Error::input(format!(
            "invalid endpoint path '{}': expected an absolute path of letters, digits and / - _ . ~",
            path.escape_default().take(80).collect::<String>()
        )));
    }
    Ok(())
}

/// An endpoint from the catalog, or a raw path the catalog does not know.
#[derive(Debug, Clone)]
pub(crate) enum Resolved {
    Known(&'static Endpoint),
    Path(String),
}

impl Resolved {
    pub(crate) fn path(&self) -> &str {
        match self {
            Resolved::Known(e) => e.path,
            Resolved::Path(p) => p,
        }
    }
    pub(crate) fn endpoint(&self) -> Option<&'static Endpoint> {
        match self {
            Resolved::Known(e) => Some(e),
            Resolved::Path(_) => None,
        }
    }
    /// Unknown paths are rewritten for the sandbox unless they are risk endpoints, like known ones.
    pub(crate) fn sandbox_rewrite(&self) -> bool {
        match self {
            Resolved::Known(e) => e.sandbox_rewrite,
            Resolved::Path(p) => !p.starts_with("/ams/api/v1/risk/"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_is_complete_and_unique() {
        assert_eq!(all().len(), 169);
        let mut names: Vec<_> = all().iter().map(|e| e.name).collect();
        names.dedup();
        assert_eq!(names.len(), 169);
        let mut paths: Vec<_> = all().iter().map(|e| e.path).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), 169);
        assert!(all().iter().all(|e| e.path.starts_with("/ams/api/")));
    }

    #[test]
    fn known_path_bugs_are_fixed() {
        let e = find("/ams/api//v1/payments/retrievePaymentSession").unwrap();
        assert_eq!(e.path, "/ams/api/v1/payments/retrievePaymentSession");
        let e = find("/ams/v1/aba/funds/createExchange").unwrap();
        assert_eq!(e.path, "/ams/api/v1/aba/funds/createExchange");
    }

    #[test]
    fn payments_core_is_named_and_idempotent() {
        for (alias, key) in [
            ("pay", Some("paymentRequestId")),
            ("refund", Some("refundRequestId")),
            ("capture", Some("captureRequestId")),
            ("cancel", Some("paymentRequestId")),
            ("inquiryRefund", Some("refundRequestId")),
            ("createPaymentSession", Some("paymentRequestId")),
        ] {
            let e = find(alias).unwrap();
            assert_eq!(e.idempotency_field, key, "{alias}");
            assert!(e.name.starts_with("payments."), "{alias}");
            assert!(e.retry_safe());
        }
        assert!(find("inquiryPayment").unwrap().read_only);
        assert!(!find("pay").unwrap().read_only);
    }

    #[test]
    fn special_endpoints_are_marked() {
        assert_eq!(
            find("meter.uploadEvent").unwrap().wire_format,
            WireFormat::MeterEvent
        );
        assert_eq!(
            find("billing.product.uploadImage").unwrap().wire_format,
            WireFormat::Multipart
        );
        assert!(!find("risk.payments.decide").unwrap().sandbox_rewrite);
        assert!(find("pay").unwrap().sandbox_rewrite);
    }

    #[test]
    fn endpoints_of_other_wire_formats_are_refused_not_sent_as_json() {
        for name in [
            "meter.uploadEvent",
            "billing.product.uploadImage",
            "/ams/api/v1/meter/uploadEvent",
        ] {
            let e = resolve(name)
                .err()
                .unwrap_or_else(|| panic!("{name} resolved"));
            assert_eq!(e.kind(), crate::ErrorKind::InvalidInput, "{name}");
            assert!(e.message().contains("never sent as signed JSON"), "{e}");
        }
        assert!(resolve("payments.pay").is_ok());
    }

    #[test]
    fn paths_are_validated() {
        for bad in [
            "/a?b=1",
            "/a#x",
            "/a b",
            "//evil.com/x",
            "/a/../b",
            "/a\n",
            "relative",
        ] {
            assert!(resolve(bad).is_err(), "{bad:?}");
        }
        assert!(matches!(
            resolve("/ams/api/v2/new/thing").unwrap(),
            Resolved::Path(_)
        ));
    }
}
