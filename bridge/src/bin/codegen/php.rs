//! PHP: the exception classes and the `Antom\Client` method table (Rust, included by the
//! extension's errors.rs and client.rs) and the whole IDE stub (`antom.stub.php`).

use std::path::Path;

use antom_bridge::families::{BASE, FAMILIES};
use antom_bridge::methods::methods;
use antom_bridge::options::{Naming, OptionKind, OPTIONS};
use antom_bridge::views::{Field, FieldType, NOTIFICATION_FIELDS, RESPONSE_FIELDS};

use crate::schema::Schema;
use crate::{banner, Output};

pub fn outputs(_root: &Path, schema: &Schema) -> Vec<Output> {
    vec![errors(), client(), views(), stub(schema)]
}

const VIEWS: [(&str, &str, &[Field], &str); 2] = [
    (
        "Response",
        "ResponseView",
        &RESPONSE_FIELDS,
        "A response from Antom.",
    ),
    (
        "Notification",
        "NotificationView",
        &NOTIFICATION_FIELDS,
        "A verified notification; ACK is the exact acknowledgement body.",
    ),
];

fn rust_type(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text | FieldType::Status => "String",
        FieldType::OptText | FieldType::OptStatus => "Option<String>",
        FieldType::Flag => "bool",
        FieldType::Count => "i64",
        FieldType::OptCount => "Option<i64>",
        FieldType::Json | FieldType::Headers => "serde_json::Value",
        FieldType::Lines => "Vec<String>",
    }
}

fn php_type(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text | FieldType::Status => "string",
        FieldType::OptText | FieldType::OptStatus => "?string",
        FieldType::Flag => "bool",
        FieldType::Count => "int",
        FieldType::OptCount => "?int",
        FieldType::Json | FieldType::Headers | FieldType::Lines => "array",
    }
}

/// Arrays are read through getters (the JSON is converted when asked for).
fn is_array(ty: FieldType) -> bool {
    matches!(ty, FieldType::Json | FieldType::Headers)
}

/// `Antom\Response` and `Antom\Notification` (Rust, included by client.rs).
fn views() -> Output {
    let mut s = banner("//");
    s.push_str("// Included by client.rs: the PHP value classes of the bridge's views.\n");
    for (class, view, fields, doc) in VIEWS {
        s.push_str(&format!("\n/// {doc}\n#[php_class]\n#[php(name = \"Antom\\\\{class}\")]\n#[derive(Default)]\npub struct {class} {{\n"));
        let mut getters = String::new();
        let mut from = String::new();
        for f in fields {
            if is_array(f.ty) {
                s.push_str(&format!("    {}: {},\n", f.name, rust_type(f.ty)));
                getters.push_str(&format!(
                    "\n    /// {}\n    #[php(getter)]\n    pub fn get_{n}(&self) -> PhpResult<Zval> {{\n        json_to_zval(&self.{n})\n    }}\n",
                    f.doc,
                    n = f.name
                ));
            } else {
                s.push_str(&format!(
                    "    /// {}\n    #[php(prop, name = \"{}\")]\n    {}: {},\n",
                    f.doc,
                    Naming::Camel.spell(f.name),
                    f.name,
                    rust_type(f.ty)
                ));
            }
            let value = match f.ty {
                FieldType::Count => format!("i64::from(v.{})", f.name),
                FieldType::Headers => format!("headers_object(v.{})", f.name),
                _ => format!("v.{}", f.name),
            };
            from.push_str(&format!("            {}: {value},\n", f.name));
        }
        let ack = if class == "Notification" {
            "    /// The exact body to answer a handled notification with (HTTP 200).\n    pub const ACK: &'static str = antom_core::NOTIFICATION_ACK;\n"
        } else {
            ""
        };
        s.push_str(&format!(
            "}}\n\n#[php_impl]\nimpl {class} {{\n{ack}{getters}}}\n\nimpl From<{view}> for {class} {{\n    fn from(v: {view}) -> Self {{\n        {class} {{\n{from}        }}\n    }}\n}}\n"
        ));
    }
    Output {
        path: "bindings-php/src/views_generated.rs",
        text: s,
    }
}

fn errors() -> Output {
    let mut s = banner("//");
    s.push_str("// Included by errors.rs.\n\nexception_classes! {\n");
    s.push_str(&format!(
        "    /// {}\n    {c} => \"Antom\\\\{c}\", extends(ce = ce::exception, stub = \"\\\\Exception\");\n",
        BASE.doc,
        c = BASE.php
    ));
    for f in &FAMILIES {
        s.push_str(&format!(
            "    /// {}\n    {c} => \"Antom\\\\{c}\", extends({b});\n",
            f.doc,
            c = f.php,
            b = BASE.php
        ));
    }
    s.push_str("}\n\n/// Raises the class of an error family (`ErrorView::family`).\npub fn raise(family: &str, message: String, detail: Detail) -> PhpException {\n    match family {\n");
    for f in &FAMILIES {
        s.push_str(&format!(
            "        \"{}\" => {}::raise(message, detail),\n",
            f.name, f.php
        ));
    }
    s.push_str(&format!(
        "        _ => {}::raise(message, detail),\n    }}\n}}\n\n/// Registers every exception class.\npub fn register(module: ModuleBuilder) -> ModuleBuilder {{\n    module\n        .class::<{}>()\n",
        BASE.php, BASE.php
    ));
    for f in &FAMILIES {
        s.push_str(&format!("        .class::<{}>()\n", f.php));
    }
    s.push_str("}\n");
    Output {
        path: "bindings-php/src/errors_generated.rs",
        text: s,
    }
}

fn client() -> Output {
    let mut s = banner("//");
    s.push_str(
        r#"// Included by client.rs: the PHP methods of `Antom\Client`, each a call into client.rs.

#[php_impl]
impl Client {
    /// See the stub for the accepted options.
    pub fn __construct(options: &ZendHashTable) -> PhpResult<Self> {
        Client::build(options)
    }

    /// Calls any endpoint by catalog name ("payments.pay", "pay") or path.
    /// `options` (headers, timeout in seconds, maxRetries) apply to this call only.
    pub fn call(
        &self,
        endpoint: String,
        body: &Zval,
        options: Option<&ZendHashTable>,
    ) -> PhpResult<Response> {
        self.run(&endpoint, body, options)
    }

    /// Polls inquiryPayment until paymentStatus is final or `timeout` seconds pass.
    pub fn inquire_payment_until_final(
        &self,
        payment_request_id: String,
        timeout: f64,
    ) -> PhpResult<Response> {
        self.until_final(payment_request_id, timeout)
    }

    /// Verifies a notification over its raw body, then parses it. Headers as getallheaders()
    /// returns them, any case.
    pub fn verify_notification(
        &self,
        path: String,
        headers: &ZendHashTable,
        body: ext_php_rs::binary_slice::BinarySlice<u8>,
    ) -> PhpResult<Notification> {
        self.verify(&path, headers, &body)
    }

    /// Sends usage events once, unsigned, over HTTP/2, in the session meterCreateSession opened.
    pub fn upload_meter_events(&self, session_id: String, events: &Zval) -> PhpResult<Response> {
        self.meter_events(session_id, events)
    }

    /// Uploads a product image (the bytes in `image`, at most 2 MiB) as signed multipart.
    pub fn upload_product_image(
        &self,
        product_id: String,
        image: ext_php_rs::binary::Binary<u8>,
        file_name: Option<String>,
    ) -> PhpResult<Response> {
        self.upload(product_id, Image::Bytes(image.into()), file_name)
    }

    /// Uploads the product image in the file at `path` (at most 2 MiB); the form announces the
    /// file's own name unless `file_name` is given.
    pub fn upload_product_image_file(
        &self,
        product_id: String,
        path: String,
        file_name: Option<String>,
    ) -> PhpResult<Response> {
        self.upload(product_id, Image::Path(path.into()), file_name)
    }

    /// Missed-webhook recovery: the notifications Antom recorded between two ISO 8601 times,
    /// each as verifyNotification gives a delivery.
    pub fn recover_notifications(&self, from: String, to: String) -> PhpResult<Vec<Notification>> {
        self.recover(&from, &to)
    }

    /// What var_dump/print_r show: the client id and gateway, never keys.
    pub fn __debug_info(&self) -> std::collections::HashMap<String, String> {
        self.debug_info()
    }
"#,
    );
    for m in methods() {
        s.push_str(&format!(
            "\n    /// `{e}`: {d}\n    pub fn {n}(&self, body: &Zval, options: Option<&ZendHashTable>) -> PhpResult<Response> {{\n        self.run(\"{e}\", body, options)\n    }}\n",
            e = m.endpoint,
            d = m.doc,
            n = m.snake()
        ));
    }
    s.push_str("}\n");
    Output {
        path: "bindings-php/src/client_generated.rs",
        text: s,
    }
}

fn stub(schema: &Schema) -> Output {
    let mut s = String::from("<?php\n\n");
    s.push_str(&banner("//"));
    s.push_str("// Stubs of the antom extension (antom.so) for IDEs and static analysers. A PHPUnit test\n// checks them against the loaded extension by reflection.\n\nnamespace Antom;\n");
    let accessors = "    public function __construct() {}\n    /** The core's stable error kind, e.g. \"SIGNATURE_MISMATCH\". */\n    public function getKind(): string {}\n    public function getHttpStatus(): ?int {}\n    public function getRaw(): ?string {}\n    public function getIdempotencyKey(): ?string {}\n    public function getResultCode(): ?string {}\n    public function getAttempts(): ?int {}\n    /** True when the request may have taken effect at Antom: never charge again, inquire. */\n    public function isOutcomeUnknown(): bool {}\n    /** What each attempt got, e.g. \"attempt 1: HTTP 503\". */\n    public function getAttemptHistory(): array {}\n";
    s.push_str(&format!(
        "\n/** {} */\nclass {} extends \\Exception\n{{\n{accessors}}}\n",
        BASE.doc, BASE.php
    ));
    for f in &FAMILIES {
        s.push_str(&format!(
            "\n/** {} */\nclass {} extends {}\n{{\n{accessors}}}\n",
            f.doc, f.php, BASE.php
        ));
    }
    s.push_str(&format!(
        r#"
/** Request signing and signature verification. */
class Signature
{{
    public function __construct() {{}}
    /** The whole Signature header value for a request. */
    public static function signRequest(string $privateKey, string $method, string $path, string $clientId, string $requestTime, string $body, int $keyVersion = 1): string {{}}
    /** True when the signature verifies; false on a mismatch; throws on malformed keys or headers. */
    public static function verify(string $publicKey, string $method, string $path, string $clientId, string $requestTime, string $body, string $signature): bool {{}}
}}

{views}/** Antom API client (blocking). Safe under PHP-FPM: one connection pool per process and options, rebuilt after a fork. */
class Client
{{
    /**
     * @param array{{{options}}} $options
     */
    public function __construct(array $options) {{}}
    /** Any endpoint by catalog name ("payments.pay", "pay") or path; the body is an array or JSON text. */
    public function call(string $endpoint, array|string $body, ?array $options = null): Response {{}}
    /** Sends usage events once, unsigned, over HTTP/2, in the session meterCreateSession opened ($r->data['sessionId']); the answer is never verified. */
    public function uploadMeterEvents(string $sessionId, array|string|\Antom\Models\MeterUploadEventRequest $events): Response {{}}
    /** Uploads a product image (its bytes, at most 2 MiB) as signed multipart. */
    public function uploadProductImage(string $productId, string $image, ?string $fileName = null): Response {{}}
    /** Uploads the product image in a file (at most 2 MiB); the file's own name unless $fileName is given. */
    public function uploadProductImageFile(string $productId, string $path, ?string $fileName = null): Response {{}}
    /**
     * Missed-webhook recovery: the notifications Antom recorded between two ISO 8601 times
     * ("2026-11-26T00:00:00Z"), each as verifyNotification gives a delivery.
     * @return list<Notification>
     */
    public function recoverNotifications(string $from, string $to): array {{}}
    /** Polls inquiryPayment until paymentStatus is final or $timeout seconds pass. */
    public function inquirePaymentUntilFinal(string $paymentRequestId, float $timeout): Response {{}}
    /** Verifies a notification over its raw body, then parses it; headers as getallheaders() returns them. */
    public function verifyNotification(string $path, array $headers, string $body): Notification {{}}
    public function __debugInfo(): array {{}}
"#,
        views = stub_views(),
        options = OPTIONS
            .iter()
            .map(|o| format!(
                "{}{}: {}",
                Naming::Camel.spell(o.name),
                if o.required { "" } else { "?" },
                match o.kind {
                    OptionKind::Count => "int",
                    OptionKind::Seconds => "float",
                    _ => "string",
                }
            ))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    for m in methods() {
        let (req, resp) = crate::python::method_models(schema, m.endpoint);
        s.push_str(&format!(
            "    /** `{}`: {} Returns the response; `\\Antom\\Models\\{resp}::fromArray($r->data)` is the typed body. */\n    public function {}(array|string|\\Antom\\Models\\{req} $body, ?array $options = null): Response {{}}\n",
            m.endpoint,
            m.doc,
            m.camel(),
        ));
    }
    s.push_str("}\n");
    Output {
        path: "bindings-php/antom.stub.php",
        text: s,
    }
}
fn stub_views() -> String {
    let mut s = String::new();
    for (class, _, fields, doc) in VIEWS {
        s.push_str(&format!("/** {doc} */\nclass {class}\n{{\n"));
        if class == "Notification" {
            s.push_str(&format!(
                "    public const ACK = '{}';\n",
                antom::NOTIFICATION_ACK
            ));
        }
        for f in fields {
            s.push_str(&format!(
                "    /** {} */\n    public {} ${};\n",
                f.doc,
                php_type(f.ty),
                Naming::Camel.spell(f.name)
            ));
        }
        s.push_str("    public function __construct() {}\n}\n\n");
    }
    s
}
