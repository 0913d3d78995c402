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
    vec![errors(), client(schema), views(), stub(schema)]
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
            if f.name == "data" {
                // The body: its model object, built once (see models.rs).
                s.push_str("    data: serde_json::Value,\n    model_class: String,\n    data_cache: std::cell::RefCell<Option<Zval>>,\n");
                getters.push_str(&format!(
                    "\n    /// {} As an object of `Antom\\\\Models` where the model is known (reads in array style too).\n    #[php(getter)]\n    pub fn get_data(&self) -> PhpResult<Zval> {{\n        crate::models::typed(&self.data, &self.model_class, &self.data_cache)\n    }}\n",
                    f.doc
                ));
            } else if is_array(f.ty) {
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
        // A notification names its model; a response's is set by the typed method that made it.
        let model_class = if class == "Notification" {
            "v.model.clone()"
        } else {
            "String::new()"
        };
        let from = format!("            model_class: {model_class},\n            data_cache: Default::default(),\n{from}");
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
        path: "bindings-php/src/views_generated.rs".into(),
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
        path: "bindings-php/src/errors_generated.rs".into(),
        text: s,
    }
}

fn client(schema: &Schema) -> Output {
    let model = |endpoint| crate::python::method_models(schema, endpoint).1;
    let mut s = banner("//");
    s.push_str(
        &r#"// Included by client.rs: the PHP methods of `Antom\Client`, each a call into client.rs.

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
        self.run(&endpoint, "", body, options)
    }

    /// Polls inquiryPayment until paymentStatus is final or `timeout` seconds pass.
    pub fn inquire_payment_until_final(
        &self,
        payment_request_id: String,
        timeout: f64,
    ) -> PhpResult<Response> {
        self.until_final("{inquiry}", payment_request_id, timeout)
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
        self.meter_events("{meter}", session_id, events)
    }

    /// Uploads a product image (the bytes in `image`, at most 2 MiB) as signed multipart.
    pub fn upload_product_image(
        &self,
        product_id: String,
        image: ext_php_rs::binary::Binary<u8>,
        file_name: Option<String>,
    ) -> PhpResult<Response> {
        self.upload("{image}", product_id, Image::Bytes(image.into()), file_name)
    }

    /// Uploads the product image in the file at `path` (at most 2 MiB); the form announces the
    /// file's own name unless `file_name` is given.
    pub fn upload_product_image_file(
        &self,
        product_id: String,
        path: String,
        file_name: Option<String>,
    ) -> PhpResult<Response> {
        self.upload("{image}", product_id, Image::Path(path.into()), file_name)
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
"#
        .replace("{inquiry}", &model("payments.inquiryPayment"))
        .replace("{meter}", &model("meter.uploadEvent"))
        .replace("{image}", &model("billing.product.uploadImage")),
    );
    for m in methods() {
        s.push_str(&format!(
            "\n    /// `{e}`: {d}\n    pub fn {n}(&self, body: &Zval, options: Option<&ZendHashTable>) -> PhpResult<Response> {{\n        self.run(\"{e}\", \"{r}\", body, options)\n    }}\n",
            e = m.endpoint,
            d = m.doc,
            n = m.snake(),
            r = model(m.endpoint)
        ));
    }
    s.push_str("}\n");
    Output {
        path: "bindings-php/src/client_generated.rs".into(),
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
    /**
     * Any endpoint by catalog name ("payments.pay", "pay") or path; the body is an array, JSON
     * text or a model. `$r->data` is the array (the typed methods give the model).
     * @return Response<\Antom\Models\Model>
     */
    public function call(string $endpoint, array|string $body, ?array $options = null): Response {{}}
    /**
     * Sends usage events once, unsigned, over HTTP/2, in the session meterCreateSession opened ($r->data->sessionId); the answer is never verified.
     * @return Response<\Antom\Models\{meter}>
     */
    public function uploadMeterEvents(string $sessionId, array|string|\Antom\Models\MeterUploadEventRequest $events): Response {{}}
    /**
     * Uploads a product image (its bytes, at most 2 MiB) as signed multipart.
     * @return Response<\Antom\Models\{image}>
     */
    public function uploadProductImage(string $productId, string $image, ?string $fileName = null): Response {{}}
    /**
     * Uploads the product image in a file (at most 2 MiB); the file's own name unless $fileName is given.
     * @return Response<\Antom\Models\{image}>
     */
    public function uploadProductImageFile(string $productId, string $path, ?string $fileName = null): Response {{}}
    /**
     * Missed-webhook recovery: the notifications Antom recorded between two ISO 8601 times
     * ("2026-11-26T00:00:00Z"), each as verifyNotification gives a delivery.
     * @return list<Notification>
     */
    public function recoverNotifications(string $from, string $to): array {{}}
    /**
     * Polls inquiryPayment until paymentStatus is final or $timeout seconds pass.
     * @return Response<\Antom\Models\{inquiry}>
     */
    public function inquirePaymentUntilFinal(string $paymentRequestId, float $timeout): Response {{}}
    /** Verifies a notification over its raw body, then parses it; headers as getallheaders() returns them. */
    public function verifyNotification(string $path, array $headers, string $body): Notification {{}}
    public function __debugInfo(): array {{}}
"#,
        views = stub_views(),
        meter = crate::python::method_models(schema, "meter.uploadEvent").1,
        image = crate::python::method_models(schema, "billing.product.uploadImage").1,
        inquiry = crate::python::method_models(schema, "payments.inquiryPayment").1,
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
            "    /**\n     * `{}`: {}\n     * @return Response<\\Antom\\Models\\{resp}>\n     */\n    public function {}(array|string|\\Antom\\Models\\{req} $body, ?array $options = null): Response {{}}\n",
            m.endpoint,
            m.doc,
            m.camel(),
        ));
    }
    s.push_str("}\n");
    Output {
        path: "bindings-php/antom.stub.php".into(),
        text: s,
    }
}
fn stub_views() -> String {
    let mut s = String::new();
    for (class, _, fields, doc) in VIEWS {
        // Response is generic in its model, so an IDE completes `$r->data->paymentId` after a
        // typed method; a notification's model is known once verified (`instanceof` narrows it).
        let (template, data) = if class == "Response" {
            (
                "\n * @template T of \\Antom\\Models\\Model",
                "T|array The typed body (a model of `Antom\\Models`; an array from `call()` by name), readable in array style too.",
            )
        } else {
            (
                "",
                "\\Antom\\Models\\Model The typed body: the model `$model` names (`$n->data instanceof \\Antom\\Models\\PayResultNotify`), readable in array style too.",
            )
        };
        s.push_str(&format!(
            "/**\n * {doc}{template}\n */\nclass {class}\n{{\n"
        ));
        if class == "Notification" {
            s.push_str(&format!(
                "    public const ACK = '{}';\n",
                antom::NOTIFICATION_ACK
            ));
        }
        for f in fields {
            if f.name == "data" {
                s.push_str(&format!(
                    "    /** @var {data} */\n    public \\Antom\\Models\\Model|array $data;\n"
                ));
                continue;
            }
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
