//! Typed models for the payments core (pay, inquiry, capture, refund), written from Antom's
//! schema. Unknown fields are kept in `extra`, unknown enum values are tolerated, and amounts
//! stay strings of minor units, exactly as on the wire.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::request::RequestBody;

/// An amount: `value` is a string of minor units (`"1000"` is 10.00 USD).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amount {
    /// ISO-4217 currency code.
    pub currency: String,
    /// Minor units, as a string.
    pub value: String,
}

impl Amount {
    /// `Amount::new("USD", "1000")`.
    pub fn new(currency: impl Into<String>, value: impl Into<String>) -> Self {
        Amount {
            currency: currency.into(),
            value: value.into(),
        }
    }

    /// The amount as people read it, by the currency's minor units (ISO 4217): `None` when
    /// `value` is not a string of digits.
    ///
    /// ```
    /// use antom::payments::Amount;
    /// assert_eq!(Amount::new("USD", "1999").display().as_deref(), Some("USD 19.99"));
    /// assert_eq!(Amount::new("JPY", "1999").display().as_deref(), Some("JPY 1999"));
    /// assert_eq!(Amount::new("KWD", "1999").display().as_deref(), Some("KWD 1.999"));
    /// assert_eq!(Amount::new("USD", "5").display().as_deref(), Some("USD 0.05"));
    /// ```
    pub fn display(&self) -> Option<String> {
        if self.value.is_empty() || !self.value.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits = minor_unit_digits(&self.currency);
        if digits == 0 {
            return Some(format!("{} {}", self.currency, self.value));
        }
        let padded = format!("{:0>width$}", self.value, width = digits + 1);
        let (major, minor) = padded.split_at(padded.len() - digits);
        Some(format!("{} {major}.{minor}", self.currency))
    }
}

/// How many decimal places a currency's minor unit has (ISO 4217): 0 for JPY or KRW, 3 for
/// KWD or BHD, 4 for CLF, 2 for the rest.
pub fn minor_unit_digits(currency: &str) -> usize {
    const ZERO: [&str; 17] = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
        "VUV", "XAF", "XOF", "XPF",
    ];
    const THREE: [&str; 7] = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    const FOUR: [&str; 2] = ["CLF", "UYW"];
    let c = currency.to_ascii_uppercase();
    if ZERO.contains(&c.as_str()) {
        0
    } else if THREE.contains(&c.as_str()) {
        3
    } else if FOUR.contains(&c.as_str()) {
        4
    } else {
        2
    }
}

/// `paymentStatus` and relatives (`refundStatus`, `captureStatus`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TransactionStatus {
    /// Final: succeeded.
    Success,
    /// Final: failed.
    Fail,
    /// Not final yet.
    Processing,
    /// Final: cancelled.
    Cancelled,
    /// Not final yet (waiting for the buyer).
    Pending,
    /// A value this SDK version does not know; treat as not final.
    #[serde(untagged)]
    Other(String),
}

impl TransactionStatus {
    /// SUCCESS, FAIL and CANCELLED are final; everything else may still change.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            TransactionStatus::Success | TransactionStatus::Fail | TransactionStatus::Cancelled
        )
    }
}

macro_rules! model {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            $($(#[$fdoc])* #[serde(default, skip_serializing_if = "Option::is_none")] pub $field: $ty,)*
            /// Every other field, kept as JSON.
            #[serde(flatten)]
            pub extra: Map<String, Value>,
        }

        impl From<$name> for RequestBody {
            fn from(model: $name) -> Self {
                RequestBody::Json(serde_json::to_value(model).unwrap_or_default())
            }
        }
        impl From<&$name> for RequestBody {
            fn from(model: &$name) -> Self {
                RequestBody::Json(serde_json::to_value(model).unwrap_or_default())
            }
        }
    };
}

model! {
    /// `payments.pay` request. Set what your product needs; anything else goes in `extra`.
    ///
    /// ```
    /// let req = antom::payments::PayRequest {
    ///     payment_request_id: Some("order-1".into()),
    ///     payment_amount: Some(antom::payments::Amount::new("USD", "1000")),
    ///     product_code: Some("CASHIER_PAYMENT".into()),
    ///     ..Default::default()
    /// };
    /// let json = serde_json::to_value(&req).unwrap();
    /// assert_eq!(json["paymentAmount"]["value"], "1000");
    /// ```
    PayRequest {
        /// Idempotency key, at most 64 characters.
        payment_request_id: Option<String>,
        /// What the buyer pays.
        payment_amount: Option<Amount>,
        /// `CASHIER_PAYMENT`, `AGREEMENT_PAYMENT`, ...
        product_code: Option<String>,
        /// `{"paymentMethodType": ..., "paymentMethodId": ...}`.
        payment_method: Option<Value>,
        /// Order details.
        order: Option<Value>,
        /// Where the buyer returns after paying.
        payment_redirect_url: Option<String>,
        /// Where Antom POSTs the payment notification.
        payment_notify_url: Option<String>,
        /// Settlement currency and the like.
        settlement_strategy: Option<Value>,
        /// Terminal and device information.
        env: Option<Value>,
    }
}

model! {
    /// `payments.pay` response.
    PayResponse {
        /// The `result` object.
        result: Option<Value>,
        /// Echo of the idempotency key.
        payment_request_id: Option<String>,
        /// Antom's payment id.
        payment_id: Option<String>,
        /// The amount.
        payment_amount: Option<Amount>,
        /// Where to send the buyer (cashier payments).
        normal_url: Option<String>,
        /// When the payment was created.
        payment_create_time: Option<String>,
    }
}

model! {
    /// `payments.inquiryPayment` response.
    InquiryPaymentResponse {
        /// The `result` object.
        result: Option<Value>,
        /// The payment's state.
        payment_status: Option<TransactionStatus>,
        /// Echo of the idempotency key.
        payment_request_id: Option<String>,
        /// Antom's payment id.
        payment_id: Option<String>,
        /// The amount.
        payment_amount: Option<Amount>,
        /// When the payment completed.
        payment_time: Option<String>,
    }
}

model! {
    /// `payments.capture` request.
    CaptureRequest {
        /// Idempotency key.
        capture_request_id: Option<String>,
        /// The payment to capture.
        payment_id: Option<String>,
        /// How much to capture.
        capture_amount: Option<Amount>,
    }
}

model! {
    /// `payments.refund` request.
    RefundRequest {
        /// Idempotency key.
        refund_request_id: Option<String>,
        /// The payment to refund.
        payment_id: Option<String>,
        /// How much to refund (at most what was paid, in total).
        refund_amount: Option<Amount>,
        /// Shown to the buyer.
        refund_reason: Option<String>,
        /// Where Antom POSTs the refund notification.
        refund_notify_url: Option<String>,
    }
}

model! {
    /// `payments.refund` / `payments.inquiryRefund` response.
    RefundResponse {
        /// The `result` object.
        result: Option<Value>,
        /// Echo of the idempotency key.
        refund_request_id: Option<String>,
        /// Antom's refund id.
        refund_id: Option<String>,
        /// The refund's state (inquiryRefund).
        refund_status: Option<TransactionStatus>,
        /// The amount.
        refund_amount: Option<Amount>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_and_enum_values_survive() {
        let json = serde_json::json!({
            "paymentStatus": "SOMETHING_NEW",
            "paymentAmount": {"currency": "USD", "value": "1000"},
            "brandNewField": {"a": 1}
        });
        let r: InquiryPaymentResponse = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(
            r.payment_status,
            Some(TransactionStatus::Other("SOMETHING_NEW".into()))
        );
        assert!(!r.payment_status.as_ref().unwrap().is_final());
        assert_eq!(r.extra["brandNewField"]["a"], 1);
        assert_eq!(serde_json::to_value(&r).unwrap(), json);
        let ok: TransactionStatus = serde_json::from_str("\"SUCCESS\"").unwrap();
        assert!(ok.is_final());
    }
}
