//! What kind of notification a verified body is, and which typed model it parses into. Antom
//! tells kinds apart by several fields, not only `notifyType`: authorization notifications carry
//! `authorizationNotifyType` (and no `notifyType`), disputes `disputeNotificationType`, and so on.

use serde_json::Value;

/// The discriminator fields, in the order they are looked for, and the model of each family
/// (`None`: the model depends on the value, see [`by_value`]).
const DISCRIMINATORS: [(&str, Option<&str>); 6] = [
    ("notifyType", None),
    ("authorizationNotifyType", Some("AuthNotify")),
    ("disputeNotificationType", Some("DisputeNotify")),
    ("subscriptionNotificationType", Some("SubscriptionNotify")),
    ("creditNoteNotificationType", Some("CreditNoteNotify")),
    ("notificationType", None),
];

/// The model of a `notifyType` value.
fn by_value(kind: &str) -> &'static str {
    match kind {
        "PAYMENT_RESULT" | "PAYMENT_PENDING" => "PayResultNotify",
        "CAPTURE_RESULT" => "CaptureResultNotify",
        "REFUND_RESULT" => "RefundNotify",
        "AUTHCODE_CREATED" | "TOKEN_CANCELED" => "AuthNotify",
        "VAULTING_RESULT" => "VaultingNotify",
        "DIRECT_REFUND_RESULT" => "DirectRefundNotify",
        "SUBSCRIPTION_PAY" | "SUBSCRIPTION_PAYMENT" => "SubscriptionPayNotify",
        "SUBSCRIPTION_CANCEL" | "SUBSCRIPTION_CANCELED" => "SubscriptionCancelNotify",
        "CARD_STATUS_CHANGE" => "CardStatusChangeNotify",
        "ABA_TRANSFER" | "TRANSFER_RESULT" => "AbaTransferNotify",
        "INVOICE" | "INVOICE_STATUS" => "InvoiceNotify",
        "BILL" => "BillNotify",
        "METER_EVENT" => "MeterEventNotify",
        "DEFENSE_DOCUMENT" => "DefenseDocumentNotify",
        "DEFENSE_STRATEGY_SUGGESTION" => "DefenseStrategySuggestionNotify",
        k if k.starts_with("DISPUTE") => "DisputeNotify",
        k if k.starts_with("SUBSCRIPTION") => "SubscriptionNotify",
        k if k.starts_with("BILLING_SUBSCRIPTION") => "BillingSubscriptionNotify",
        _ => "BaseNotify",
    }
}

/// `(kind, model)`: the discriminator's value and the name of the [`crate::models`] type it
/// parses into. A body with no discriminator is `UNKNOWN`: its fields may look like a payment's
/// or a refund's, but a merchant who acts on a kind must act on what Antom said, not a guess.
pub(crate) fn classify(data: &Value) -> (String, &'static str) {
    for (field, model) in DISCRIMINATORS {
        if let Some(kind) = data.get(field).and_then(Value::as_str) {
            return (kind.to_string(), model.unwrap_or_else(|| by_value(kind)));
        }
    }
    ("UNKNOWN".to_string(), by_value("UNKNOWN"))
}

#[cfg(test)]
mod tests {
    use super::classify;
    use serde_json::json;

    #[test]
    fn every_discriminator_tells_the_kind_and_the_model() {
        let cases = [
            (
                json!({"notifyType": "PAYMENT_PENDING"}),
                "PAYMENT_PENDING",
                "PayResultNotify",
            ),
            (
                json!({"notifyType": "CAPTURE_RESULT"}),
                "CAPTURE_RESULT",
                "CaptureResultNotify",
            ),
            (
                json!({"authorizationNotifyType": "AUTHCODE_CREATED"}),
                "AUTHCODE_CREATED",
                "AuthNotify",
            ),
            (
                json!({"authorizationNotifyType": "TOKEN_CANCELED"}),
                "TOKEN_CANCELED",
                "AuthNotify",
            ),
            (
                json!({"disputeNotificationType": "DISPUTE_CREATED"}),
                "DISPUTE_CREATED",
                "DisputeNotify",
            ),
            (
                json!({"refundId": "r", "paymentId": "p"}),
                "UNKNOWN",
                "BaseNotify",
            ),
            (
                json!({"paymentId": "p", "paymentRequestId": "o", "paymentAmount": {}}),
                "UNKNOWN",
                "BaseNotify",
            ),
            (
                json!({"notifyType": "SOMETHING_NEW"}),
                "SOMETHING_NEW",
                "BaseNotify",
            ),
            (json!({}), "UNKNOWN", "BaseNotify"),
        ];
        for (body, kind, model) in cases {
            assert_eq!(classify(&body), (kind.to_string(), model), "{body}");
        }
    }

    #[test]
    fn every_model_named_is_a_generated_notification_type() {
        let names = include_str!("models.rs");
        for (_, model) in super::DISCRIMINATORS {
            if let Some(m) = model {
                assert!(names.contains(&format!("pub struct {m} ")), "{m}");
            }
        }
        for k in [
            "PAYMENT_RESULT",
            "CAPTURE_RESULT",
            "REFUND_RESULT",
            "AUTHCODE_CREATED",
            "VAULTING_RESULT",
            "X",
        ] {
            let m = super::by_value(k);
            assert!(names.contains(&format!("pub struct {m} ")), "{m}");
        }
    }
}
