//! The red lines audit mode checks, and what a breach of one records.

use serde::Serialize;

/// The red lines the audit checks, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    PayAgainBeforeOutcome,
    AckedForgedNotification,
    PrivateKeyInRequest,
    FulfilledUnconfirmedPayment,
}

impl Rule {
    pub const ALL: [Rule; 4] = [
        Rule::PayAgainBeforeOutcome,
        Rule::AckedForgedNotification,
        Rule::PrivateKeyInRequest,
        Rule::FulfilledUnconfirmedPayment,
    ];

    /// A stable identifier, for tools that read the report.
    pub fn id(self) -> &'static str {
        match self {
            Rule::PayAgainBeforeOutcome => "PAY_AGAIN_BEFORE_OUTCOME",
            Rule::AckedForgedNotification => "ACKED_FORGED_NOTIFICATION",
            Rule::PrivateKeyInRequest => "PRIVATE_KEY_IN_REQUEST",
            Rule::FulfilledUnconfirmedPayment => "FULFILLED_UNCONFIRMED_PAYMENT",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Rule::PayAgainBeforeOutcome => {
                "asked the buyer to pay again before the outcome was confirmed"
            }
            Rule::AckedForgedNotification => "acted on an unverified notification",
            Rule::PrivateKeyInRequest => "sent private key material in a request",
            Rule::FulfilledUnconfirmedPayment => {
                "captured or refunded a payment whose success was never confirmed"
            }
        }
    }

    /// What a flow must do for the rule to be exercised at all.
    pub fn exercise(self) -> &'static str {
        match self {
            Rule::PayAgainBeforeOutcome => {
                "pay with a fault amount (9901 U, 9902 slow, 9905 HTTP 500) and finish the order"
            }
            Rule::AckedForgedNotification => {
                "give a paymentNotifyUrl: each notification is preceded by a forged copy"
            }
            Rule::PrivateKeyInRequest => "send any request",
            Rule::FulfilledUnconfirmedPayment => "capture or refund a payment",
        }
    }
}

/// One breach: the rule, the simulator's request ids involved, and when.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub rule: &'static str,
    pub title: &'static str,
    pub time: String,
    pub request_ids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification_id: Option<String>,
    pub detail: String,
}
