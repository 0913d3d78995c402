//! The tools `antom mcp` offers, described once: name, what it does, its arguments (a JSON
//! Schema the assistant sees) and what runs it. The simulator's tools come from the bridge's
//! `SIM_CONTROLS`, so they are the same buyer and fault controls every language's `Simulator`
//! has.

use antom_bridge::testing::{SimArgType, SimControl, SIM_CONTROLS};
use serde_json::{json, Map, Value};

/// What runs a tool.
#[derive(Clone, Copy)]
pub enum Run {
    /// The catalog, filtered.
    ListEndpoints,
    /// One endpoint's fields, types and enums.
    DescribeEndpoint,
    /// Any endpoint by name, its body checked against the schema first.
    CallEndpoint,
    /// This endpoint, with the tool's `body`.
    Body(&'static str),
    /// This endpoint, with one id as its whole body: (endpoint, field).
    ById(&'static str, &'static str),
    /// Verify a delivery over its raw body, then parse it.
    VerifyNotification,
    /// A simulator control.
    Sim(&'static SimControl),
    /// Play Antom (the simulator's key) against the merchant's webhook.
    CheckWebhook,
    /// What this server's own webhook received (with the simulator).
    Notifications,
    /// From a merchant's words to candidate products, with questions back.
    Guide,
    /// A product's API sequence, notifications, red lines and starters.
    GuideProduct,
}

/// One tool.
pub struct ToolSpec {
    pub name: String,
    pub doc: String,
    pub schema: Map<String, Value>,
    pub run: Run,
}

fn schema(props: Value, required: &[&str]) -> Map<String, Value> {
    let mut s = Map::new();
    s.insert("type".into(), json!("object"));
    s.insert("properties".into(), props);
    s.insert("required".into(), json!(required));
    s.insert("additionalProperties".into(), json!(false));
    s
}

fn tool(name: &str, doc: &str, schema: Map<String, Value>, run: Run) -> ToolSpec {
    ToolSpec {
        name: name.into(),
        doc: doc.into(),
        schema,
        run,
    }
}

const ANSWER: &str = " The answer says whether it is final (a verified S or F) and what to do next; an unverified or U answer is never final.";

/// Every tool; the simulator's only when `antom mcp` runs one.
pub fn tools(with_sim: bool) -> Vec<ToolSpec> {
    let body = || {
        schema(
            json!({"body": {"type": "object", "description": "The request body as Antom's wire JSON (camelCase); describe_endpoint lists its fields."}}),
            &["body"],
        )
    };
    let id = |field: &str| {
        schema(
            json!({ field: {"type": "string", "description": format!("The {field} the earlier request used.")} }),
            &[field],
        )
    };
    let mut t = vec![
        tool(
            "guide",
            "Start here. From the merchant's own words (what they sell, where, which payment methods, how buyers pay) to the Antom products that fit, the payment methods named (values of Antom's schema) and the region. status clarify: ask the merchant the questions, word for word, before choosing; never guess between products.",
            schema(json!({"description": {"type": "string", "description": "The merchant's words."}}), &["description"]),
            Run::Guide,
        ),
        tool(
            "guide_product",
            "The chosen product's API sequence (which call when), the notifications to handle, the red lines that apply, its facts with their sources, and starter programs (python, node, dotnet, java, php). With the simulator, `environment` holds the variables that point a starter at it (key file paths, never key text); play the buyer between the halves with sim_complete.",
            schema(
                json!({
                    "product": {"type": "string", "description": "A product id from guide."},
                    "method": {"type": "string", "description": "The payment method value, e.g. GCASH."},
                    "language": {"type": "string", "description": "Only this language's starter."}
                }),
                &["product"],
            ),
            Run::GuideProduct,
        ),
        tool(
            "list_endpoints",
            "Antom's endpoints (name, path, group, whether read-only or paged), optionally only those whose name, path or group contains a word.",
            schema(json!({"contains": {"type": "string"}}), &[]),
            Run::ListEndpoints,
        ),
        tool(
            "describe_endpoint",
            "An endpoint's request and response fields with their types, and every model and enum they use, from Antom's schema.",
            schema(json!({"endpoint": {"type": "string", "description": "A catalog name (payments.pay) or alias (pay)."}}), &["endpoint"]),
            Run::DescribeEndpoint,
        ),
        tool(
            "call_endpoint",
            &format!("Calls any endpoint, signed; the body is checked against Antom's schema before it is signed (an unknown field, a wrong type or an unknown enum value is refused).{ANSWER}"),
            schema(
                json!({"endpoint": {"type": "string"}, "body": {"type": "object"}}),
                &["endpoint", "body"],
            ),
            Run::CallEndpoint,
        ),
        tool("pay", &format!("payments.pay. Refused while an earlier pay for the same order (paymentRequestId or order.referenceOrderId) has an unknown outcome.{ANSWER}"), body(), Run::Body("payments.pay")),
        tool("create_payment_session", &format!("payments.createPaymentSession, for the embedded payment element. Guarded like pay.{ANSWER}"), body(), Run::Body("payments.createPaymentSession")),
        tool("inquire_payment", &format!("payments.inquiryPayment: the payment's status. A final paymentStatus (SUCCESS, FAIL, CANCELLED) settles an unknown pay.{ANSWER}"), id("paymentRequestId"), Run::ById("payments.inquiryPayment", "paymentRequestId")),
        tool("cancel", &format!("payments.cancel: cancels a payment that is not final.{ANSWER}"), id("paymentRequestId"), Run::ById("payments.cancel", "paymentRequestId")),
        tool("capture", &format!("payments.capture: captures an authorized payment.{ANSWER}"), body(), Run::Body("payments.capture")),
        tool("refund", &format!("payments.refund.{ANSWER}"), body(), Run::Body("payments.refund")),
        tool("inquire_refund", &format!("payments.inquiryRefund: the refund's status.{ANSWER}"), id("refundRequestId"), Run::ById("payments.inquiryRefund", "refundRequestId")),
        tool(
            "verify_notification",
            "Verifies a notification Antom delivered, over its exact raw body and headers, then parses it; a verified payment result settles an unknown pay. Unverified: an error, never parsed.",
            schema(
                json!({
                    "path": {"type": "string", "description": "The webhook's request path."},
                    "headers": {"type": "object", "description": "The request headers as received (Signature, Client-Id, Request-Time)."},
                    "body": {"type": "string", "description": "The raw body, exactly as received."}
                }),
                &["path", "headers", "body"],
            ),
            Run::VerifyNotification,
        ),
    ];
    if with_sim {
        t.push(tool(
            "notifications",
            "The webhook this server runs beside the simulator: its url (put it in paymentNotifyUrl) and every delivery it received, each verified over its raw bytes before it was read (a verified payment result settles its pay).",
            schema(json!({}), &[]),
            Run::Notifications,
        ));
        t.push(tool(
            "check_webhook",
            "Plays Antom against the merchant's notification handler, signing with the simulator's key (the handler's test setup must trust the simulator's public key): a genuine notification of each family, a repeat and an unknown kind must get HTTP 200 and the exact ack; a forgery, a tampered body, a missing signature and one signed for another path must be refused. One line per check, with why.",
            schema(json!({"url": {"type": "string", "description": "The handler's URL, e.g. http://127.0.0.1:8000/antom/notify."}}), &["url"]),
            Run::CheckWebhook,
        ));
        for c in SIM_CONTROLS {
            let mut props = Map::new();
            let mut required = Vec::new();
            for a in c.args {
                let ty = match a.ty {
                    SimArgType::Text => "string",
                    SimArgType::Int => "integer",
                };
                props.insert(a.name.into(), json!({ "type": ty }));
                if a.default.is_none() {
                    required.push(a.name);
                }
            }
            t.push(tool(
                &format!("sim_{}", c.name),
                &format!("Simulator: {}", c.doc),
                schema(Value::Object(props), &required),
                Run::Sim(c),
            ));
        }
    }
    t
}
