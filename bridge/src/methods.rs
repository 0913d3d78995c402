//! The endpoint methods every binding's client has: one per catalog endpoint that travels as
//! signed JSON. The generator writes each language's methods from this list.
//!
//! The naming rule, the same in every language: the catalog name with the leading `payments.`
//! dropped, its segments joined in camelCase (`payments.pay` → `pay`,
//! `payments.reserve.createHold` → `reserveCreateHold`, `billing.customer.create` →
//! `billingCustomerCreate`), then spelled in the language's case (`reserve_create_hold`,
//! `ReserveCreateHoldAsync`). It keeps every name distinct and says which product a call belongs
//! to, where the bare last segment (`create`, `inquire`, `delete`) would not.

use std::sync::LazyLock;

use antom::catalog::{self, WireFormat};

/// One endpoint method.
#[derive(Debug)]
pub struct Method {
    /// The catalog endpoint, e.g. `payments.inquiryPayment`.
    pub endpoint: &'static str,
    /// One sentence for the method's documentation.
    pub doc: String,
    camel: String,
}

/// Sentences for the endpoints merchants call most; the others are described from the catalog.
const DOCS: [(&str, &str); 8] = [
    (
        "payments.pay",
        "Starts a payment (idempotent on paymentRequestId).",
    ),
    (
        "payments.consult",
        "Lists the payment methods available for an order.",
    ),
    (
        "payments.inquiryPayment",
        "A payment's status by paymentRequestId or paymentId.",
    ),
    (
        "payments.cancel",
        "Cancels a payment that has not completed.",
    ),
    (
        "payments.capture",
        "Captures an authorized payment (idempotent on captureRequestId).",
    ),
    (
        "payments.refund",
        "Refunds a payment (idempotent on refundRequestId).",
    ),
    ("payments.inquiryRefund", "A refund's status."),
    (
        "payments.createPaymentSession",
        "Creates a session for Antom's client-side SDKs.",
    ),
];

/// Names the clients already use for something else, in any language.
pub const RESERVED: [&str; 8] = [
    "call",
    "close",
    "verify",
    "verifyNotification",
    "sign",
    "options",
    "typed",
    "dispose",
];

impl Method {
    /// `inquiryPayment`, `reserveCreateHold`.
    pub fn camel(&self) -> &str {
        &self.camel
    }
    /// One of the eight payment calls the simulator runs as a lifecycle (the rest it answers
    /// from the response model).
    pub fn lifecycle(&self) -> bool {
        DOCS.iter().any(|(name, _)| *name == self.endpoint)
    }
    /// `inquiry_payment`.
    pub fn snake(&self) -> String {
        let mut out = String::new();
        for ch in self.camel().chars() {
            if ch.is_ascii_uppercase() {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        }
        out
    }
    /// `InquiryPayment`.
    pub fn pascal(&self) -> String {
        let camel = self.camel();
        let mut chars = camel.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    }
}

/// The method name of a catalog endpoint name, by the module's rule.
pub fn method_name(endpoint: &str) -> String {
    let rest = endpoint.strip_prefix("payments.").unwrap_or(endpoint);
    let mut out = String::new();
    for (i, part) in rest.split('.').enumerate() {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            if i == 0 {
                out.push(first);
            } else {
                out.push(first.to_ascii_uppercase());
            }
            out.push_str(chars.as_str());
        }
    }
    out
}

fn describe(e: &catalog::Endpoint) -> String {
    if let Some((_, doc)) = DOCS.iter().find(|(name, _)| *name == e.name) {
        return (*doc).to_string();
    }
    let safety = match (e.read_only, e.idempotency_field) {
        (true, _) => " Read-only: retried freely.".to_string(),
        (false, Some(key)) => format!(" Idempotent on {key}: retried with the same key."),
        (false, None) => " Not idempotent: never retried once it may have arrived.".to_string(),
    };
    format!("POST {} ({}).{safety}", e.path, e.group)
}

static METHODS: LazyLock<Vec<Method>> = LazyLock::new(|| {
    let mut methods: Vec<Method> = catalog::all()
        .iter()
        .filter(|e| e.wire_format == WireFormat::Json)
        .map(|e| Method {
            endpoint: e.name,
            doc: describe(e),
            camel: method_name(e.name),
        })
        .collect();
    // The most used first (in DOCS order), then the rest by name.
    let rank = |m: &Method| {
        DOCS.iter()
            .position(|(name, _)| *name == m.endpoint)
            .unwrap_or(DOCS.len())
    };
    methods.sort_by(|a, b| (rank(a), a.endpoint).cmp(&(rank(b), b.endpoint)));
    methods
});

/// Every endpoint method, in the order the bindings list them: the eight payment calls first.
pub fn methods() -> &'static [Method] {
    &METHODS
}
