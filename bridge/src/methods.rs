//! The endpoint methods every binding's client has, by catalog endpoint. The generator writes
//! each language's methods from this list.

/// One endpoint method.
#[derive(Debug)]
pub struct Method {
    /// The catalog endpoint, e.g. `payments.inquiryPayment`.
    pub endpoint: &'static str,
    /// One sentence for the method's documentation.
    pub doc: &'static str,
}

impl Method {
    /// `inquiryPayment`.
    pub fn camel(&self) -> &'static str {
        self.endpoint.rsplit('.').next().unwrap_or(self.endpoint)
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

/// Every endpoint method, in the order the bindings list them.
pub const METHODS: [Method; 8] = [
    Method {
        endpoint: "payments.pay",
        doc: "Starts a payment (idempotent on paymentRequestId).",
    },
    Method {
        endpoint: "payments.consult",
        doc: "Lists the payment methods available for an order.",
    },
    Method {
        endpoint: "payments.inquiryPayment",
        doc: "A payment's status by paymentRequestId or paymentId.",
    },
    Method {
        endpoint: "payments.cancel",
        doc: "Cancels a payment that has not completed.",
    },
    Method {
        endpoint: "payments.capture",
        doc: "Captures an authorized payment (idempotent on captureRequestId).",
    },
    Method {
        endpoint: "payments.refund",
        doc: "Refunds a payment (idempotent on refundRequestId).",
    },
    Method {
        endpoint: "payments.inquiryRefund",
        doc: "A refund's status.",
    },
    Method {
        endpoint: "payments.createPaymentSession",
        doc: "Creates a session for Antom's client-side SDKs.",
    },
];
