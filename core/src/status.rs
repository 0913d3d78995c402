//! Antom's `resultStatus`: the one three-way answer every response and notification carries.
//! A leaf module: the error, retry and response modules all read it.

/// Antom's `resultStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResultStatus {
    /// `S`: succeeded.
    Success,
    /// `F`: failed; final.
    Failure,
    /// `U`: unknown; inquire or wait for the notification, never charge again.
    Unknown,
}

impl ResultStatus {
    /// `"S"`, `"F"` or `"U"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ResultStatus::Success => "S",
            ResultStatus::Failure => "F",
            ResultStatus::Unknown => "U",
        }
    }
    /// Parses `S`/`F`/`U`; anything else is treated as unknown, never as failure.
    pub fn from_wire(s: &str) -> Self {
        match s {
            "S" => ResultStatus::Success,
            "F" => ResultStatus::Failure,
            _ => ResultStatus::Unknown,
        }
    }
}
