//! Amounts and payment states, on the generated models: an [`Amount`]'s `value` is a string of
//! the currency's minor units, exactly as on the wire (`"1999"` is USD 19.99, JPY 1999 or
//! KWD 1.999), and a [`TransactionStatusType`] says whether a payment can still change.

use crate::models::{Amount, TransactionStatusType};

impl Amount {
    /// `Amount::new("USD", "1000")`: 10.00 USD.
    pub fn new(currency: impl Into<String>, value: impl Into<String>) -> Self {
        Amount {
            currency: Some(currency.into()),
            value: Some(value.into()),
            ..Default::default()
        }
    }

    /// The amount as people read it, by the currency's minor units (ISO 4217): `None` when a
    /// part is missing, `value` is not a string of digits, or the currency is not one with a
    /// minor unit. The same conversion as [`crate::amounts::from_minor_units`].
    ///
    /// ```
    /// use antom::models::Amount;
    /// assert_eq!(Amount::new("USD", "1999").display().as_deref(), Some("USD 19.99"));
    /// assert_eq!(Amount::new("JPY", "1999").display().as_deref(), Some("JPY 1999"));
    /// assert_eq!(Amount::new("KWD", "1999").display().as_deref(), Some("KWD 1.999"));
    /// assert_eq!(Amount::new("USD", "5").display().as_deref(), Some("USD 0.05"));
    /// assert_eq!(Amount::new("USD", "0005").display().as_deref(), Some("USD 0.05"));
    /// assert_eq!(Amount::new("JYP", "1999").display(), None);
    /// ```
    pub fn display(&self) -> Option<String> {
        let (currency, value) = (self.currency.as_deref()?, self.value.as_deref()?);
        let decimal = crate::amounts::from_minor_units(currency, value).ok()?;
        Some(format!("{currency} {decimal}"))
    }
}

impl TransactionStatusType {
    /// SUCCESS, FAIL and CANCELLED are final; everything else (PROCESSING, PENDING, a value this
    /// version does not know) may still change: keep waiting, never charge again.
    ///
    /// ```
    /// use antom::models::TransactionStatusType;
    /// assert!(TransactionStatusType::Success.is_final());
    /// assert!(!TransactionStatusType::from("SOMETHING_NEW").is_final());
    /// ```
    pub fn is_final(&self) -> bool {
        matches!(self, Self::Success | Self::Fail | Self::Cancelled)
    }
}

/// How many decimal places a currency's minor unit has (ISO 4217): 0 for JPY or KRW, 3 for
/// KWD or BHD, 4 for CLF, 2 for the rest. A code that is not a currency with a minor unit also
/// reads as 2 here, for display only; [`crate::amounts`] refuses such a code instead.
pub fn minor_unit_digits(currency: &str) -> usize {
    crate::currencies::exponent(&currency.to_ascii_uppercase()).unwrap_or(2)
}

#[cfg(test)]
mod tests {
    use crate::models::{PayQueryResponse, TransactionStatusType};

    #[test]
    fn unknown_fields_and_enum_values_survive() {
        let json = serde_json::json!({
            "paymentStatus": "SOMETHING_NEW",
            "paymentAmount": {"currency": "USD", "value": "1000"},
            "brandNewField": {"a": 1}
        });
        let r: PayQueryResponse = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(
            r.payment_status,
            Some(TransactionStatusType::Unknown("SOMETHING_NEW".into()))
        );
        assert!(!r.payment_status.as_ref().unwrap().is_final());
        assert_eq!(r.extra["brandNewField"]["a"], 1);
        assert_eq!(serde_json::to_value(&r).unwrap(), json);
    }
}
