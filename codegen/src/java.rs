//! Java: the exception classes (from the families), `AntomResponse` and `AntomNotification`
//! (from the views), and `AntomClient` (its builder from the option table, its operations from
//! the operations table, a typed method and an async twin per endpoint), over the hand-written
//! `ClientBase`, which names none of them.

use antom_bridge::call_options::{CallKind, CALL_OPTIONS};
use antom_bridge::events::EVENT_FIELDS;
use antom_bridge::families::{Family, BASE, FAMILIES};
use antom_bridge::methods::methods;
use antom_bridge::operations::{Kind, Returns, OPERATIONS};
use antom_bridge::options::{Naming, OptionKind, OPTIONS};
use antom_bridge::views::{Field, FieldType, ERROR_FIELDS, NOTIFICATION_FIELDS, RESPONSE_FIELDS};

use crate::java_models::pascal;
use crate::schema::Schema;
use crate::{banner, Output};

const DIR: &str = "bindings-java/src/main/java/com/antom";

fn file(name: &str, text: String) -> Output {
    let mut s = banner("//");
    s.push_str("package com.antom;\n\n");
    s.push_str(&text);
    Output {
        path: format!("{DIR}/{name}.java").into(),
        text: s,
    }
}

pub fn outputs(schema: &Schema) -> Vec<Output> {
    let mut out = vec![base_exception()];
    out.extend(FAMILIES.iter().map(family));
    out.push(view(
        "AntomResponse<T>",
        "A response from Antom: the verdict the core decided, the typed body and the raw one.",
        &RESPONSE_FIELDS,
    ));
    out.push(view(
        "AntomNotification",
        "A verified notification: its kind, its data as the model it is, and the raw body.",
        &NOTIFICATION_FIELDS,
    ));
    out.push(attempt_event());
    out.push(request_options());
    out.push(client(schema));
    out.extend(crate::sim::java());
    out.push(webhook_reply());
    for (name, text) in crate::functions::java() {
        let imports = "import com.antom.internal.Json;\nimport com.antom.internal.NativeLib;\n\n";
        out.push(file(&name, format!("{imports}{text}")));
    }
    out
}

/// A getter of a view field, reading the view map `v`.
fn getter(f: &Field, map: &str) -> String {
    let camel = Naming::Camel.spell(f.name);
    let p = pascal(&camel);
    let get = format!("{map}.get(\"{camel}\")");
    let (ty, name, body) = match f.ty {
        FieldType::Text | FieldType::Status => {
            ("String", format!("get{p}"), format!("(String) {get}"))
        }
        FieldType::OptText | FieldType::OptStatus => {
            ("String", format!("get{p}"), format!("(String) {get}"))
        }
        FieldType::Flag => {
            let name = if camel.starts_with("is") {
                camel.clone()
            } else {
                format!("is{p}")
            };
            ("boolean", name, format!("Boolean.TRUE.equals({get})"))
        }
        FieldType::OptFlag => ("Boolean", format!("get{p}"), format!("(Boolean) {get}")),
        FieldType::Count => (
            "int",
            format!("get{p}"),
            format!("((Number) {get}).intValue()"),
        ),
        FieldType::OptCount => (
            "Integer",
            format!("get{p}"),
            format!("{get} == null ? null : ((Number) {get}).intValue()"),
        ),
        FieldType::Headers => (
            "java.util.Map<String, String>",
            format!("get{p}"),
            format!("com.antom.internal.Views.headers({get})"),
        ),
        FieldType::Lines => (
            "java.util.List<String>",
            format!("get{p}"),
            format!("com.antom.internal.Views.lines({get})"),
        ),
        FieldType::Json => ("Object", format!("get{p}"), get),
    };
    format!(
        "    /** {} */\n    public {ty} {name}() {{\n        return {body};\n    }}\n\n",
        f.doc
    )
}

fn view(class: &str, doc: &str, fields: &[Field]) -> Output {
    let name = class.split('<').next().unwrap_or(class);
    let response = name == "AntomResponse";
    let mut s = format!("/** {doc} */\npublic final class {class} {{\n    private final java.util.Map<String, Object> view;\n");
    if response {
        s.push_str("    private final T data;\n\n    AntomResponse(java.util.Map<String, Object> view, java.util.function.Function<java.util.Map<String, Object>, T> parse) {\n        this.view = view;\n        this.data = parse.apply(com.antom.internal.Views.object(view.get(\"data\")));\n    }\n\n");
    } else {
        s.push_str(&format!("    /** The exact body to answer a handled notification with (HTTP 200). */\n    public static final String ACK = {};\n\n    private final com.antom.models.Model data;\n\n    AntomNotification(java.util.Map<String, Object> view) {{\n        this.view = view;\n        this.data = com.antom.models.Notifications.read(getModel(), com.antom.internal.Views.object(view.get(\"data\")));\n    }}\n\n", crate::c_string(antom::NOTIFICATION_ACK)));
    }
    for f in fields {
        if f.name == "data" {
            if response {
                s.push_str("    /** The typed body (the endpoint's response model; a Map from {@code call}). */\n    public T getData() {\n        return data;\n    }\n\n");
            } else {
                s.push_str("    /** The data as the model {@link #getModel()} names (test it with {@code instanceof}). */\n    public com.antom.models.Model getData() {\n        return data;\n    }\n\n    /** The data as {@code type}; throws when the notification is another model. */\n    public <M extends com.antom.models.Model> M getData(Class<M> type) {\n        return type.cast(data);\n    }\n\n");
            }
            s.push_str("    /** The parsed JSON body as a Map (the wire names). */\n    public java.util.Map<String, Object> getDataMap() {\n        return com.antom.internal.Views.object(view.get(\"data\"));\n    }\n\n");
            continue;
        }
        s.push_str(&getter(f, "view"));
    }
    s.push_str(&format!("\n    @Override\n    public String toString() {{\n        return \"{name}(\" + view.get(\"resultStatus\") + \" \" + view.get(\"resultCode\") + \")\";\n    }}\n}}\n"));
    file(name, s)
}

/// `AttemptEvent`, what `AntomDiagnostics.onAttempt` listeners get (the bridge's EVENT_FIELDS).
fn attempt_event() -> Output {
    let mut s = String::from("/** What one attempt of a call did (the core's AttemptEvent): never a body, a header value, a\n * signature or a key. */\npublic final class AttemptEvent {\n    private final java.util.Map<String, Object> fields;\n\n    AttemptEvent(java.util.Map<String, Object> fields) {\n        this.fields = java.util.Collections.unmodifiableMap(fields);\n    }\n\n");
    for f in &EVENT_FIELDS {
        s.push_str(&getter(f, "fields"));
    }
    s.push_str("    /** Every field, as the core named it (camelCase). */\n    public java.util.Map<String, Object> asMap() {\n        return fields;\n    }\n\n    @Override\n    public String toString() {\n        return \"antom \" + fields.get(\"method\") + \" \" + fields.get(\"path\") + \" attempt \" + fields.get(\"attempt\") + \": \" + fields.get(\"outcome\") + \" (\" + fields.get(\"latencyMs\") + \" ms)\";\n    }\n}\n");
    file("AttemptEvent", s)
}

fn base_exception() -> Output {
    let mut s = format!("/** {} */\npublic class {} extends RuntimeException {{\n    private static final long serialVersionUID = 1L;\n    private final java.util.Map<String, Object> view;\n\n    {}(java.util.Map<String, Object> view) {{\n        super(String.valueOf(view.get(\"message\")));\n        this.view = view;\n    }}\n\n", BASE.doc, BASE.dotnet, BASE.dotnet);
    for f in ERROR_FIELDS.iter().filter(|f| f.name != "message") {
        s.push_str(&getter(f, "view"));
    }
    s.push_str(&format!("    /** The error the core described (its error view as JSON), as its family's class. */\n    public static {b} fromJson(String json) {{\n        java.util.Map<String, Object> v = com.antom.internal.Json.parseObject(json);\n        switch (String.valueOf(v.get(\"family\"))) {{\n", b = BASE.dotnet));
    for f in &FAMILIES {
        s.push_str(&format!(
            "            case \"{}\":\n                return new {}(v);\n",
            f.name, f.dotnet
        ));
    }
    s.push_str(&format!(
        "            default:\n                return new {}(v);\n        }}\n    }}\n\n",
        BASE.dotnet
    ));
    s.push_str("}\n");
    file(BASE.dotnet, s)
}

fn family(f: &Family) -> Output {
    // Java's class names follow .NET's (both end in Exception).
    file(
        f.dotnet,
        format!(
            "/** {} */\npublic class {c} extends {b} {{\n    private static final long serialVersionUID = 1L;\n\n    {c}(java.util.Map<String, Object> view) {{\n        super(view);\n    }}\n}}\n",
            f.doc,
            c = f.dotnet,
            b = BASE.dotnet
        ),
    )
}

fn arg_type(k: Kind) -> &'static str {
    match k {
        Kind::Text | Kind::OptText | Kind::Key => "String",
        Kind::OptCount => "Integer",
        Kind::Body => "Object",
        Kind::Bytes => "byte[]",
        Kind::Path => "java.nio.file.Path",
        Kind::Headers => "java.util.Map<String, String>",
        Kind::Seconds => "java.time.Duration",
        Kind::CallOptions => "RequestOptions",
    }
}

fn arg_value(k: Kind, name: &str) -> String {
    match k {
        Kind::Text | Kind::Key => format!("text({name}, \"{name}\")"),
        Kind::OptText | Kind::OptCount => name.to_string(),
        Kind::Body => format!("body({name}, \"{name}\")"),
        Kind::Bytes => format!("bytes({name}, \"{name}\")"),
        Kind::Path => format!("path({name}, \"{name}\")"),
        Kind::Headers => format!("headers({name}, \"{name}\")"),
        Kind::Seconds => format!("seconds({name}, \"{name}\")"),
        Kind::CallOptions => format!("options({name})"),
    }
}

/// A method and its async twin (when it waits on the network).
/// The iterator over a paged operation: an `Iterable` whose iterator calls the operation page
/// after page (the token passed from each answer's `getNextPage`) as the objects are used up.
fn iterator(
    op: &antom_bridge::operations::Operation,
    it: &antom_bridge::operations::Iterate,
    params: &[(String, String)],
) -> String {
    let token = Naming::Camel.spell(it.token);
    let name = Naming::Camel.spell(it.name);
    let without: Vec<&(String, String)> = params.iter().filter(|(_, n)| *n != token).collect();
    let (decl, _) = param_list(without.iter().copied(), "final ");
    let (_, pass) = param_list(params, "");
    let (short, short_pass) = param_list(without[..without.len() - 1].iter().copied(), "");
    let short_pass = if short_pass.is_empty() {
        "null".to_string()
    } else {
        format!("{short_pass}, null")
    };
    format!(
        "    /** {doc} Each object is a map, as Antom sent it. */\n    public Iterable<java.util.Map<String, Object>> {name}({decl}) {{\n        return () -> new java.util.Iterator<java.util.Map<String, Object>>() {{\n            private java.util.Iterator<?> objects = java.util.Collections.emptyIterator();\n            private String {token};\n            private boolean started;\n\n            @Override\n            public boolean hasNext() {{\n                while (!objects.hasNext() && (!started || {token} != null)) {{\n                    AntomResponse<java.util.Map<String, Object>> r = {op}({pass});\n                    started = true;\n                    Object items = r.getItems();\n                    objects = items instanceof java.util.List ? ((java.util.List<?>) items).iterator() : java.util.Collections.emptyIterator();\n                    {token} = r.getNextPage();\n                }}\n                return objects.hasNext();\n            }}\n\n            @Override\n            @SuppressWarnings(\"unchecked\")\n            public java.util.Map<String, Object> next() {{\n                if (!hasNext()) {{\n                    throw new java.util.NoSuchElementException();\n                }}\n                return (java.util.Map<String, Object>) objects.next();\n            }}\n        }};\n    }}\n\n    /** {doc} */\n    public Iterable<java.util.Map<String, Object>> {name}({short}) {{\n        return {name}({short_pass});\n    }}\n\n",
        doc = it.doc,
        op = Naming::Camel.spell(op.name),
    )
}

/// A parameter list (`T a, U b`, each after `prefix`) and the arguments passing it on (`a, b`).
fn param_list<'a>(
    params: impl IntoIterator<Item = &'a (String, String)>,
    prefix: &str,
) -> (String, String) {
    let (decl, pass): (Vec<String>, Vec<&str>) = params
        .into_iter()
        .map(|(t, n)| (format!("{prefix}{t} {n}"), n.as_str()))
        .unzip();
    (decl.join(", "), pass.join(", "))
}

fn method(
    doc: &str,
    ret: &str,
    name: &str,
    params: &[(String, String)],
    body: &str,
    network: bool,
) -> String {
    let (decl, pass) = param_list(params, "");
    let mut s = format!(
        "    /** {doc} */\n    public {ret} {name}({decl}) {{\n        return {body};\n    }}\n\n"
    );
    if network {
        s.push_str(&format!("    /** {{@link #{name}}} on a daemon thread. */\n    public java.util.concurrent.CompletableFuture<{ret}> {name}Async({decl}) {{\n        return async(() -> {name}({pass}));\n    }}\n\n"));
    }
    s
}

/// `RequestOptions`, the per-call options (the bridge's CALL_OPTIONS, each typed by its kind).
fn request_options() -> Output {
    let mut s = String::from("/**\n * Options for one call, over the client's own.\n * {@code RequestOptions.builder().header(\"X-Trace-Id\", \"t-1\").timeout(Duration.ofSeconds(5)).maxRetries(0).build()}\n */\npublic final class RequestOptions {\n    private final java.util.Map<String, Object> wire;\n\n    private RequestOptions(java.util.Map<String, Object> wire) {\n        this.wire = wire;\n    }\n\n    public static Builder builder() {\n        return new Builder();\n    }\n\n    /** The options as the core reads them. */\n    java.util.Map<String, Object> toWire() {\n        return wire;\n    }\n\n    /** Builds {@link RequestOptions}; the core checks the values. */\n    public static final class Builder {\n        private final java.util.Map<String, Object> wire = new java.util.LinkedHashMap<String, Object>();\n\n        private Builder() {\n        }\n\n");
    for o in &CALL_OPTIONS {
        let (camel, doc) = (Naming::Camel.spell(o.name), o.doc);
        match o.kind {
            // The call's extra headers, one at a time.
            CallKind::Headers => s.push_str(&format!("        /** {doc} One header; call again for more. */\n        @SuppressWarnings(\"unchecked\")\n        public Builder header(String name, String value) {{\n            java.util.Map<String, Object> headers = (java.util.Map<String, Object>) wire.computeIfAbsent(\"{camel}\", k -> new java.util.LinkedHashMap<String, Object>());\n            headers.put(ClientBase.text(name, \"name\"), ClientBase.text(value, \"value\"));\n            return this;\n        }}\n\n")),
            CallKind::Seconds(_) => s.push_str(&format!("        /** {doc} */\n        public Builder {camel}(java.time.Duration value) {{\n            if (value == null) {{\n                throw new NullPointerException(\"{camel}\");\n            }}\n            wire.put(\"{camel}\", seconds(value));\n            return this;\n        }}\n\n")),
            CallKind::Count(..) => s.push_str(&format!("        /** {doc} */\n        public Builder {camel}(int value) {{\n            wire.put(\"{camel}\", (long) value);\n            return this;\n        }}\n\n")),
        }
    }
    s.push_str("        /** The options; the builder can go on without changing them. */\n        @SuppressWarnings(\"unchecked\")\n        public RequestOptions build() {\n            java.util.Map<String, Object> out = new java.util.LinkedHashMap<String, Object>();\n            for (java.util.Map.Entry<String, Object> e : wire.entrySet()) {\n                Object v = e.getValue();\n                out.put(e.getKey(), v instanceof java.util.Map ? new java.util.LinkedHashMap<String, Object>((java.util.Map<String, Object>) v) : v);\n            }\n            return new RequestOptions(out);\n        }\n    }\n\n    static java.math.BigDecimal seconds(java.time.Duration d) {\n        return java.math.BigDecimal.valueOf(d.getSeconds()).add(java.math.BigDecimal.valueOf(d.getNano(), 9));\n    }\n}\n");
    file("RequestOptions", s)
}

fn client(schema: &Schema) -> Output {
    let mut s = String::from("/**\n * Antom API client over the Rust core: every endpoint as a typed method, each with an async\n * twin, signed requests and verified answers. Thread-safe; close it when done.\n * {@code AntomClient.builder().clientId(\"...\").privateKey(pem).antomPublicKey(pem).region(\"asia\").build()}\n */\npublic final class AntomClient extends ClientBase {\n    private AntomClient(java.util.Map<String, Object> options) {\n        super(options);\n    }\n\n    public static Builder builder() {\n        return new Builder();\n    }\n\n    /** The client's options; the core checks them all when {@link #build()} runs. */\n    public static final class Builder {\n        private final java.util.Map<String, Object> options = new java.util.LinkedHashMap<String, Object>();\n\n        private Builder() {\n        }\n\n");
    for o in &OPTIONS {
        let camel = Naming::Camel.spell(o.name);
        let (ty, value) = match o.kind {
            OptionKind::Text | OptionKind::Key => ("String", "value".to_string()),
            OptionKind::Seconds => (
                "java.time.Duration",
                "RequestOptions.seconds(value)".to_string(),
            ),
            OptionKind::Count => ("int", "(long) value".to_string()),
        };
        let required = if o.required { " Required." } else { "" };
        s.push_str(&format!("        /** {}{required} */\n        public Builder {camel}({ty} value) {{\n            options.put(\"{camel}\", {value});\n            return this;\n        }}\n\n", o.doc));
    }
    s.push_str("        /** Validates the options and builds the client (a bad key or proxy fails here). */\n        public AntomClient build() {\n            return new AntomClient(options);\n        }\n    }\n\n");
    for op in &OPERATIONS {
        let name = Naming::Camel.spell(op.name);
        let ret = match op.returns {
            Returns::Response => match op.model_of {
                Some(e) => format!(
                    "AntomResponse<com.antom.models.{}>",
                    crate::python::method_models(schema, e).1
                ),
                None => "AntomResponse<java.util.Map<String, Object>>".to_string(),
            },
            Returns::Notification => "AntomNotification".to_string(),
            Returns::Notifications => "java.util.List<AntomNotification>".to_string(),
        };
        let params: Vec<(String, String)> = op
            .args
            .iter()
            .map(|a| (arg_type(a.kind).to_string(), Naming::Camel.spell(a.name)))
            .collect();
        let values = op
            .args
            .iter()
            .map(|a| arg_value(a.kind, &Naming::Camel.spell(a.name)))
            .collect::<Vec<_>>()
            .join(", ");
        let invoke = format!("invoke(\"{}\", {values})", op.name);
        let body = match op.returns {
            Returns::Response => match op.model_of {
                Some(e) => format!(
                    "response({invoke}, com.antom.models.{}::fromMap)",
                    crate::python::method_models(schema, e).1
                ),
                None => format!("response({invoke}, m -> m)"),
            },
            Returns::Notification => format!("notification({invoke})"),
            Returns::Notifications => format!("notifications({invoke})"),
        };
        s.push_str(&method(op.doc, &ret, &name, &params, &body, op.network));
        if let Some(it) = &op.iterate {
            s.push_str(&iterator(op, it, &params));
        }
        // A trailing optional argument may be left out.
        if let Some(last) = op.args.last() {
            if matches!(last.kind, Kind::OptText | Kind::CallOptions) {
                let short: Vec<(String, String)> = params[..params.len() - 1].to_vec();
                let pass = short
                    .iter()
                    .map(|(_, n)| n.as_str())
                    .chain(["null"])
                    .collect::<Vec<_>>()
                    .join(", ");
                s.push_str(&method(
                    op.doc,
                    &ret,
                    &name,
                    &short,
                    &format!("{name}({pass})"),
                    op.network,
                ));
            }
        }
    }
    for m in methods() {
        let (req, resp) = crate::python::method_models(schema, m.endpoint);
        let ret = format!("AntomResponse<com.antom.models.{resp}>");
        let doc = format!("{{@code {}}}: {}", m.endpoint, m.doc);
        let params = vec![
            (format!("com.antom.models.{req}"), "request".to_string()),
            ("RequestOptions".to_string(), "options".to_string()),
        ];
        let body = format!(
            "response(invoke(\"call\", \"{}\", body(request, \"request\"), options(options)), com.antom.models.{resp}::fromMap)",
            m.endpoint
        );
        s.push_str(&method(&doc, &ret, m.camel(), &params, &body, true));
        s.push_str(&method(
            &doc,
            &ret,
            m.camel(),
            &params[..1],
            &format!("{}(request, null)", m.camel()),
            true,
        ));
    }
    s.push_str("}\n");
    file("AntomClient", s)
}

/// `WebhookReply`: what a webhook answers Antom (the core's table), and the answer to each
/// verification error by its kind.
fn webhook_reply() -> Output {
    let mut s = String::from("/** One HTTP answer to a notification delivery (the core's table); {@link Webhooks} picks it. */\npublic final class WebhookReply {\n    private final String name;\n    private final int status;\n    private final String contentType;\n    private final String body;\n\n    private WebhookReply(String name, int status, String contentType, String body) {\n        this.name = name;\n        this.status = status;\n        this.contentType = contentType;\n        this.body = body;\n    }\n\n    /** ACKED, REFUSED, MALFORMED or FAILED. */\n    public String getName() {\n        return name;\n    }\n\n    /** The HTTP status. */\n    public int getStatus() {\n        return status;\n    }\n\n    /** The Content-Type header. */\n    public String getContentType() {\n        return contentType;\n    }\n\n    /** The body, exactly. */\n    public String getBody() {\n        return body;\n    }\n\n    @Override\n    public String toString() {\n        return \"WebhookReply(\" + name + \", \" + status + \")\";\n    }\n");
    for r in antom::WebhookReply::ALL {
        s.push_str(&format!(
            "\n    /** {} */\n    public static final WebhookReply {} = new WebhookReply(\"{}\", {}, {}, {});\n",
            r.doc,
            r.name,
            r.name,
            r.status,
            crate::c_string(r.content_type),
            crate::c_string(r.body)
        ));
    }
    s.push_str(&format!("\n    /** The largest notification body the core verifies; a webhook never needs to read more. */\n    public static final int MAX_NOTIFICATION_BYTES = {};\n", antom::MAX_NOTIFICATION_BYTES));
    s.push_str("\n    /** The answer to a delivery whose verification failed with this error kind. */\n    public static WebhookReply forKind(String kind) {\n        switch (kind == null ? \"\" : kind) {\n");
    s.push_str(&crate::reply_for_kind(|k, r| {
        format!("            case \"{k}\":\n                return {r};\n")
    }));
    s.push_str("            default:\n                return FAILED;\n        }\n    }\n}\n");
    file("WebhookReply", s)
}
