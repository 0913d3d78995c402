//! The operations a client has beside its endpoint methods, each described once: its name,
//! arguments, result and whether it waits on the network. The generator writes every
//! binding's wrappers from [`OPERATIONS`]; each binding keeps one native entry point,
//! `invoke(name, args)`, that converts arguments by their [`Kind`] and results by their
//! [`Returns`] and never names an operation itself.
//!
//! Adding an operation: a row here, its arm in `Handle::plan` (and, if it calls Antom, an
//! [`Op`] and its arm in the client's `execute`), `make codegen`.

use antom::Result;
use serde_json::Value as Json;

use crate::args::{arg, values_from_json, Args};
pub use crate::args::{Arg, Kind, Value};
use crate::client::{poll_timeout, Handle, Image, Op};
use crate::options::Naming;
use crate::views::{NotificationView, ResponseView};

/// What an operation gives back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Returns {
    /// A response view.
    Response,
    /// A verified notification.
    Notification,
    /// A list of verified notifications.
    Notifications,
}

/// One operation.
#[derive(Debug)]
pub struct Operation {
    /// In snake case (`inquire_payment_until_final`).
    pub name: &'static str,
    /// One or two sentences for every language's documentation.
    pub doc: &'static str,
    pub args: &'static [Arg],
    pub returns: Returns,
    /// The endpoint whose response model types the answer's data, if any.
    pub model_of: Option<&'static str>,
    /// False when it never waits on the network (it has no async twin).
    pub network: bool,
    /// The iterator the generator also writes over this operation, if it answers in pages.
    pub iterate: Option<Iterate>,
}

/// An iterator over a paged operation: it takes the operation's arguments but the token, calls
/// the operation page after page with the previous answer's `next_page` as the token, and
/// yields each page's `items` (in each language's usual form: a Python generator and async
/// generator, a Node async iterable, a C# `IEnumerable`, a PHP `Iterator`, a Java `Iterable`).
#[derive(Debug)]
pub struct Iterate {
    /// In snake case (`list_all`).
    pub name: &'static str,
    /// One or two sentences for every language's documentation.
    pub doc: &'static str,
    /// The operation's argument that takes the token.
    pub token: &'static str,
}

/// Every operation that is not a plain endpoint method.
pub static OPERATIONS: [Operation; 8] = [
    Operation {
        name: "call",
        doc: "Calls any endpoint by catalog name (\"payments.pay\", \"pay\") or path; the options apply to this call only.",
        args: &[arg("endpoint", Kind::Text), arg("body", Kind::Body), arg("options", Kind::CallOptions)],
        returns: Returns::Response,
        model_of: None,
        network: true,
        iterate: None,
    },
    Operation {
        name: "list_page",
        doc: "One page of a list endpoint (\"payments.reserve.inquireHoldList\", any of the 23 the catalog pages): the answer's items are the page's objects and its next_page the token that asks for the next page (null on the last). A page that is not a verified S is an error carrying its code, never an empty list.",
        args: &[arg("endpoint", Kind::Text), arg("body", Kind::Body), arg("page", Kind::OptText), arg("options", Kind::CallOptions)],
        returns: Returns::Response,
        model_of: None,
        network: true,
        iterate: Some(Iterate {
            name: "list_all",
            doc: "Every object of a list endpoint, page after page, each page fetched when the one before is used up and verified like any answer; the first page that is not a verified S raises its error.",
            token: "page",
        }),
    },
    Operation {
        name: "inquire_payment_until_final",
        doc: "Polls inquiryPayment until paymentStatus is final or the timeout (seconds) passes. An inquiry that cannot tell (timeout, unverified answer, or the inquiry's own verified F such as ORDER_NOT_EXIST or ACCESS_DENIED, whose code the error carries) is an outcome-unknown error, never the payment's failure.",
        args: &[arg("payment_request_id", Kind::Text), arg("timeout", Kind::Seconds)],
        returns: Returns::Response,
        model_of: Some("payments.inquiryPayment"),
        network: true,
        iterate: None,
    },
    Operation {
        name: "upload_meter_events",
        doc: "Sends usage events once, unsigned, over HTTP/2, in the session meterCreateSession opened; the answer is unsigned by Antom's design, so never verified.",
        args: &[arg("session_id", Kind::Text), arg("events", Kind::Body)],
        returns: Returns::Response,
        model_of: Some("meter.uploadEvent"),
        network: true,
        iterate: None,
    },
    Operation {
        name: "upload_product_image",
        doc: "Uploads a product image (its bytes, at most 2 MiB) as signed multipart.",
        args: &[arg("product_id", Kind::Text), arg("image", Kind::Bytes), arg("file_name", Kind::OptText)],
        returns: Returns::Response,
        model_of: Some("billing.product.uploadImage"),
        network: true,
        iterate: None,
    },
    Operation {
        name: "upload_product_image_file",
        doc: "Uploads the product image in a file (at most 2 MiB); the form announces the file's own name unless a file name is given.",
        args: &[arg("product_id", Kind::Text), arg("path", Kind::Path), arg("file_name", Kind::OptText)],
        returns: Returns::Response,
        model_of: Some("billing.product.uploadImage"),
        network: true,
        iterate: None,
    },
    Operation {
        name: "recover_notifications",
        doc: "Missed-webhook recovery: the notifications Antom recorded between two ISO 8601 times (2026-11-26T00:00:00Z), each typed exactly as verify_notification gives a delivery, so the webhook's handler takes them as they are; every inquiry page is a verified response.",
        args: &[arg("from_time", Kind::Text), arg("to_time", Kind::Text)],
        returns: Returns::Notifications,
        model_of: None,
        network: true,
        iterate: None,
    },
    Operation {
        name: "verify_notification",
        doc: "Verifies a notification over its raw body (the exact bytes received), then parses it into its typed model (PayResultNotify, AuthNotify, ...; BaseNotify when the kind is unknown); headers as the web framework gives them, names in any case.",
        args: &[arg("path", Kind::Text), arg("headers", Kind::Headers), arg("body", Kind::Bytes)],
        returns: Returns::Notification,
        model_of: None,
        network: false,
        iterate: None,
    },
];

/// The operation named `name`.
pub fn find(name: &str) -> Result<&'static Operation> {
    OPERATIONS
        .iter()
        .find(|o| o.name == name)
        .ok_or_else(|| crate::input(format!("no operation is named {name}")))
}

/// What an operation gave.
#[derive(Debug)]
pub enum Outcome {
    Response(ResponseView),
    Notification(NotificationView),
    Notifications(Vec<NotificationView>),
}

impl Outcome {
    /// As JSON: a view, or an array of views (the C ABI's result).
    pub fn to_json(&self) -> Json {
        let json = match self {
            Outcome::Response(r) => serde_json::to_value(r),
            Outcome::Notification(n) => serde_json::to_value(n),
            Outcome::Notifications(ns) => serde_json::to_value(ns),
        };
        // The views are plain data: serializing them cannot fail.
        json.unwrap_or(Json::Null)
    }
}

/// What to run: a request (on the runtime) or work done here and now.
enum Plan {
    Op(Op),
    Recover(String, String),
    Done(Outcome),
}

impl Handle {
    fn plan(&self, name: &str, values: Vec<Value>, naming: Naming) -> Result<Plan> {
        let op = find(name)?;
        let mut a = Args::new(op.name, op.args, values)?;
        Ok(match op.name {
            "call" => Plan::Op(Op::Call(a.text()?, a.body()?, a.options()?)),
            "list_page" => Plan::Op(Op::ListPage(
                a.text()?,
                a.body()?,
                a.opt_text()?,
                a.options()?,
            )),
            "inquire_payment_until_final" => {
                let id = a.text()?;
                Plan::Op(Op::UntilFinal(id, poll_timeout(naming, a.seconds()?)?))
            }
            "upload_meter_events" => Plan::Op(Op::MeterEvents(a.text()?, a.body()?)),
            "upload_product_image" | "upload_product_image_file" => {
                let product_id = a.text()?;
                let image = if op.name == "upload_product_image" {
                    Image::Bytes(a.bytes()?)
                } else {
                    Image::Path(a.path()?)
                };
                Plan::Op(Op::UploadImage {
                    product_id,
                    image,
                    file_name: a.opt_text()?,
                })
            }
            "recover_notifications" => Plan::Recover(a.text()?, a.text()?),
            "verify_notification" => {
                let (path, headers, body) = (a.text()?, a.headers()?, a.bytes()?);
                let n = self.verify_notification(&path, headers, &body)?;
                Plan::Done(Outcome::Notification(n))
            }
            other => return Err(crate::input(format!("{other} has no implementation"))),
        })
    }

    /// Runs the operation `name` on the shared runtime and awaits it from any executor.
    pub async fn invoke(&self, name: &str, args: Vec<Value>, naming: Naming) -> Result<Outcome> {
        match self.plan(name, args, naming)? {
            Plan::Op(op) => self.run(op).await.map(Outcome::Response),
            Plan::Recover(from, to) => self.recover(from, to).await.map(Outcome::Notifications),
            Plan::Done(outcome) => Ok(outcome),
        }
    }

    /// [`Handle::invoke`], blocking the calling thread.
    pub fn invoke_blocking(&self, name: &str, args: Vec<Value>, naming: Naming) -> Result<Outcome> {
        match self.plan(name, args, naming)? {
            Plan::Op(op) => self.run_blocking(op).map(Outcome::Response),
            Plan::Recover(from, to) => self
                .recover_blocking(&from, &to)
                .map(Outcome::Notifications),
            Plan::Done(outcome) => Ok(outcome),
        }
    }

    /// [`Handle::invoke`], handing the outcome to `done` on the runtime (for event loops that
    /// resolve their own futures, such as asyncio).
    pub fn spawn_invoke(
        &self,
        name: &str,
        args: Vec<Value>,
        naming: Naming,
        done: impl FnOnce(Result<Outcome>) + Send + 'static,
    ) -> Result<()> {
        match self.plan(name, args, naming)? {
            Plan::Op(op) => self.spawn(op, move |r| done(r.map(Outcome::Response))),
            Plan::Recover(from, to) => {
                self.spawn_recover(from, to, move |r| done(r.map(Outcome::Notifications)))
            }
            Plan::Done(outcome) => {
                done(Ok(outcome));
                Ok(())
            }
        }
    }
}

/// The arguments of `name` from a JSON array, for bindings over the C ABI: text as strings,
/// a body as a JSON string (its text) or any other JSON value (sent as that JSON), bytes as
/// base64, headers as an object or `[{"name", "value"}]`, seconds and counts as numbers, keys as
/// their text, options as `{"headers", "timeout", "maxRetries"}`; null for an absent optional
/// argument.
pub fn args_from_json(name: &str, args: Json) -> Result<Vec<Value>> {
    let op = find(name)?;
    values_from_json(op.name, op.args, args)
}

/// Every row of the table has its arm in `Handle::plan`: a row added alone fails here, not
/// when a merchant first calls it.
#[cfg(test)]
#[test]
#[allow(clippy::unwrap_used)]
fn every_operation_has_its_implementation() {
    let options = crate::Options::from_json(
        serde_json::json!({
            "clientId": "SANDBOX_T",
            "privateKey": include_str!("../../tests/vectors/test_private_merchant_pkcs8.pem"),
            "antomPublicKey": include_str!("../../tests/vectors/test_public_spki.pem"),
            "gatewayUrl": "http://127.0.0.1:9",
        }),
        Naming::Camel,
    )
    .unwrap();
    let handle = Handle::new(&options, "rust").unwrap();
    for op in &OPERATIONS {
        let values = op
            .args
            .iter()
            .map(|a| crate::args::sample(a.kind))
            .collect();
        if let Err(e) = handle.plan(op.name, values, Naming::Snake) {
            assert!(
                !e.message().contains("has no implementation"),
                "{}: {e}",
                op.name
            );
        }
    }
}
