//! The functions a binding offers without a client (signing, verifying, amounts), each
//! described once, as [`crate::operations::OPERATIONS`] describes a client's: the generator
//! writes every binding's wrappers from [`FUNCTIONS`], and each binding keeps one native entry
//! point, `function(name, args)`, that converts arguments by their [`Kind`] and never names a
//! function itself.
//!
//! Adding a function: a row here, its arm in [`call`], `make codegen`.

use antom::{ErrorKind, Result};
use serde_json::Value as Json;

use crate::args::{arg, values_from_json, Arg, Args, Kind, Scrubbed, Value};
use crate::options::Naming;

/// What a function gives back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gives {
    /// Text.
    Text,
    /// Whether a signature verifies: `false` on a mismatch, an error on anything malformed.
    /// Over the C ABI a mismatch is an error of kind `SIGNATURE_MISMATCH`, so a C caller that
    /// only checks the status can never take a mismatch for a valid signature.
    Verdict,
}

/// One function.
#[derive(Debug)]
pub struct Function {
    /// In snake case (`sign_request`): the name in languages with free functions.
    pub name: &'static str,
    /// The class that holds it in languages without free functions (`Signature`).
    pub group: &'static str,
    /// Its name inside [`Function::group`], in snake case (`verify`).
    pub member: &'static str,
    /// One or two sentences for every language's documentation.
    pub doc: &'static str,
    pub args: &'static [Arg],
    pub gives: Gives,
    /// True when it does RSA work: Python releases the GIL for it, Node also offers it as an
    /// async twin run on the libuv pool.
    pub heavy: bool,
}

/// The signing content, then the body: the arguments signing and verifying share.
macro_rules! content {
    ($key:literal $(, $rest:expr)*) => {
        &[
            arg($key, Kind::Key),
            arg("method", Kind::Text),
            arg("path", Kind::Text),
            arg("client_id", Kind::Text),
            arg("request_time", Kind::Text),
            arg("body", Kind::Bytes),
            $($rest),*
        ]
    };
}

/// Each group (the class that holds its functions in C#, Java and PHP) and its doc.
pub static GROUPS: [(&str, &str); 2] = [
    ("Signature", "Request signing and signature verification (RSA-SHA256, Antom's content format), without a client."),
    ("Amounts", "Amounts by currency (ISO 4217 exponents): the decimal a person writes and the minor units of Amount.value."),
];

/// Every function.
pub static FUNCTIONS: [Function; 4] = [
    Function {
        name: "sign_request",
        group: "Signature",
        member: "sign_request",
        doc: "The whole Signature header value for a request (algorithm=RSA256,keyVersion=1,signature=...), signed over the body's exact bytes; the key is PEM or base64 text (PKCS#8 or PKCS#1); where the language takes bytes, also DER, and where it has a path type, a key file.",
        args: content!("private_key", arg("key_version", Kind::OptCount)),
        gives: Gives::Text,
        heavy: true,
    },
    Function {
        name: "verify_signature",
        group: "Signature",
        member: "verify",
        doc: "True when the signature (a whole Signature header value) verifies over the content with Antom's public key; false on a mismatch; a malformed key or header is an error.",
        args: content!("public_key", arg("signature", Kind::Text)),
        gives: Gives::Verdict,
        heavy: true,
    },
    Function {
        name: "to_minor_units",
        group: "Amounts",
        member: "to_minor_units",
        doc: "A decimal amount (\"19.99\") in the currency as minor units, the form of Amount.value (\"1999\"; JPY 1999 is \"1999\", KWD 1.999 is \"1999\"); more decimals than the currency has is an error, never rounded.",
        args: &[arg("currency", Kind::Text), arg("amount", Kind::Text)],
        gives: Gives::Text,
        heavy: false,
    },
    Function {
        name: "from_minor_units",
        group: "Amounts",
        member: "from_minor_units",
        doc: "Minor units (\"1999\") in the currency as the decimal a person reads (\"19.99\").",
        args: &[arg("currency", Kind::Text), arg("minor_units", Kind::Text)],
        gives: Gives::Text,
        heavy: false,
    },
];

/// The function named `name`.
pub fn find(name: &str) -> Result<&'static Function> {
    FUNCTIONS
        .iter()
        .find(|f| f.name == name)
        .ok_or_else(|| crate::input(format!("no function is named {name}")))
}

/// What a function gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Text(String),
    Verdict(bool),
}

/// Runs the function `name` (blocking: the caller releases its interpreter lock or runs it off
/// its event loop when the function is [`Function::heavy`]). `naming` spells argument names in
/// errors the caller's way.
///
/// ```
/// use antom_bridge::functions::{call, Answer};
/// use antom_bridge::operations::Value;
/// use antom_bridge::Naming;
///
/// let minor = call("to_minor_units", vec![Value::Text("USD".into()), Value::Text("19.99".into())], Naming::Snake)?;
/// assert_eq!(minor, Answer::Text("1999".into()));
/// # Ok::<(), antom::Error>(())
/// ```
pub fn call(name: &str, values: Vec<Value>, naming: Naming) -> Result<Answer> {
    let f = find(name)?;
    let mut a = Args::new(f.name, f.args, values)?;
    Ok(match f.name {
        "sign_request" => {
            let key = a.key()?.private()?;
            let c = [a.text()?, a.text()?, a.text()?, a.text()?];
            let body = a.bytes()?;
            let version = a.count(naming, 1, u32::MAX)?;
            let c = [&*c[0], &c[1], &c[2], &c[3]];
            Answer::Text(crate::sign_with(&key, c, &body, version)?)
        }
        "verify_signature" => {
            let key = a.key()?.public()?;
            let c = [a.text()?, a.text()?, a.text()?, a.text()?];
            let (body, signature) = (a.bytes()?, a.text()?);
            let c = [&*c[0], &c[1], &c[2], &c[3]];
            Answer::Verdict(crate::verify_with(&key, c, &body, &signature)?)
        }
        "to_minor_units" => Answer::Text(antom::amounts::to_minor_units(&a.text()?, &a.text()?)?),
        "from_minor_units" => {
            Answer::Text(antom::amounts::from_minor_units(&a.text()?, &a.text()?)?)
        }
        other => return Err(crate::input(format!("{other} has no implementation"))),
    })
}

/// [`call`] with its arguments as a JSON array (see
/// [`crate::operations::args_from_json`]) and its answer as JSON, for bindings over the C ABI.
/// A verdict is `true`, or an error of kind `SIGNATURE_MISMATCH` (fail closed).
pub fn call_json(name: &str, args: Json, naming: Naming) -> Result<Json> {
    let f = match find(name) {
        Ok(f) => f,
        Err(e) => {
            // The arguments may hold key text.
            drop(Scrubbed(args));
            return Err(e);
        }
    };
    match call(f.name, values_from_json(f.name, f.args, args)?, naming)? {
        Answer::Text(s) => Ok(Json::String(s)),
        Answer::Verdict(true) => Ok(Json::Bool(true)),
        Answer::Verdict(false) => Err(antom::Error::new(
            ErrorKind::SignatureMismatch,
            "the signature does not verify",
        )),
    }
}

/// Every row of the table has its arm in [`call`]: a row added alone fails here, not when a
/// merchant first calls it.
#[cfg(test)]
#[test]
fn every_function_has_its_implementation() {
    for f in &FUNCTIONS {
        let values = f.args.iter().map(|a| crate::args::sample(a.kind)).collect();
        if let Err(e) = call(f.name, values, Naming::Snake) {
            assert!(
                !e.message().contains("has no implementation"),
                "{}: {e}",
                f.name
            );
        }
    }
}
