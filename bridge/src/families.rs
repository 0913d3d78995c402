//! Which error kinds share a class, and that class's name in every language. The generator
//! writes each language's classes from this table; each binding's tests run the shared error
//! table (tests/errors.json), which a test here keeps in step with this one.

use antom::ErrorKind;

/// One error family: one class per language.
#[derive(Debug)]
pub struct Family {
    /// Stable name (`InvalidKey`); the views carry it.
    pub name: &'static str,
    /// The core's kinds in this family.
    pub kinds: &'static [ErrorKind],
    /// One sentence for the class's documentation.
    pub doc: &'static str,
    /// Python class, and the builtin exception it also derives from.
    pub python: &'static str,
    pub python_builtin: Option<&'static str>,
    /// .NET class.
    pub dotnet: &'static str,
    /// PHP class, without the `Antom\` namespace.
    pub php: &'static str,
}

/// The base class of every error (and the class of a kind no family names).
pub const BASE: Family = Family {
    name: "Antom",
    kinds: &[],
    doc: "Every SDK error: a stable kind and whatever context there was.",
    python: "AntomError",
    python_builtin: None,
    dotnet: "AntomException",
    php: "AntomException",
};

/// Every family but the base.
pub const FAMILIES: [Family; 8] = [
    Family {
        name: "InvalidKey",
        kinds: &[ErrorKind::InvalidKey],
        doc: "A key is unreadable or not an accepted RSA key form (the message says which).",
        python: "InvalidKeyError",
        python_builtin: None,
        dotnet: "InvalidKeyException",
        php: "InvalidKeyException",
    },
    Family {
        name: "InvalidInput",
        kinds: &[ErrorKind::InvalidHeader, ErrorKind::InvalidInput],
        doc: "A malformed argument, header, body or option.",
        python: "InvalidInputError",
        python_builtin: Some("ValueError"),
        dotnet: "InvalidInputException",
        php: "InvalidInputException",
    },
    Family {
        name: "Signature",
        kinds: &[ErrorKind::SignatureMismatch, ErrorKind::UnsignedResponse],
        doc: "A signature does not verify, or a success arrived unsigned.",
        python: "SignatureError",
        python_builtin: None,
        dotnet: "SignatureException",
        php: "SignatureException",
    },
    Family {
        name: "Transport",
        kinds: &[ErrorKind::Transport],
        doc: "The request could not be delivered (DNS, connect, TLS): it never reached Antom.",
        python: "TransportError",
        python_builtin: None,
        dotnet: "TransportException",
        php: "TransportException",
    },
    Family {
        name: "Timeout",
        kinds: &[ErrorKind::Timeout],
        doc: "Timed out before the request could have had an effect.",
        python: "TimeoutError",
        python_builtin: Some("builtins.TimeoutError"),
        dotnet: "AntomTimeoutException",
        php: "TimeoutException",
    },
    Family {
        name: "OutcomeUnknown",
        kinds: &[ErrorKind::OutcomeUnknown],
        doc: "The request may have reached Antom: inquire with the idempotency key, never charge again.",
        python: "OutcomeUnknownError",
        python_builtin: None,
        dotnet: "OutcomeUnknownException",
        php: "OutcomeUnknownException",
    },
    Family {
        name: "HttpStatus",
        kinds: &[ErrorKind::HttpStatus],
        doc: "Antom answered with a non-2xx HTTP status.",
        python: "HttpStatusError",
        python_builtin: None,
        dotnet: "HttpStatusException",
        php: "HttpStatusException",
    },
    Family {
        name: "InvalidResponse",
        kinds: &[ErrorKind::InvalidResponse],
        doc: "The response body is not the JSON Antom sends.",
        python: "InvalidResponseError",
        python_builtin: None,
        dotnet: "InvalidResponseException",
        php: "InvalidResponseException",
    },
];

/// The family of a kind; the base for a kind no family lists (a test keeps that from
/// happening for every kind the core has).
pub fn family_of(kind: ErrorKind) -> &'static Family {
    FAMILIES
        .iter()
        .find(|f| f.kinds.contains(&kind))
        .unwrap_or(&BASE)
}
