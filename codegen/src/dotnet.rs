//! .NET: the exception classes, the family-to-class factory and the endpoint methods of
//! `AntomClient` (`Generated.cs`).

use std::path::Path;

use crate::kinds::{cs_arg, cs_param};
use antom_bridge::events::EVENT_FIELDS;
use antom_bridge::families::{BASE, FAMILIES};
use antom_bridge::methods::methods;
use antom_bridge::operations::{Kind, Returns, OPERATIONS};

use crate::schema::Schema;
use antom_bridge::options::{Naming, OptionKind, OPTIONS};
use antom_bridge::views::{Field, FieldType, ERROR_FIELDS, NOTIFICATION_FIELDS, RESPONSE_FIELDS};

use antom_bridge::call_options::{CallKind, CALL_OPTIONS};

use crate::{banner, Output};

/// `AntomClient`'s operation methods (and their async twins), each one `Invoke` of the
/// bridge's operations table.
fn operations(schema: &Schema) -> String {
    let mut s = String::new();
    for op in &OPERATIONS {
        let name = Naming::Pascal.spell(op.name);
        let params: Vec<(String, String)> = op
            .args
            .iter()
            .map(|a| (cs_param(a.kind).to_string(), Naming::Camel.spell(a.name)))
            .collect();
        let decl = |bytes_as_text: bool| {
            op.args
                .iter()
                .zip(&params)
                .map(|(a, (t, n))| {
                    let t = if bytes_as_text && a.kind == Kind::Bytes {
                        "string"
                    } else {
                        t
                    };
                    let default = if matches!(a.kind, Kind::OptText | Kind::CallOptions) {
                        " = null"
                    } else {
                        ""
                    };
                    format!("{t} {n}{default}")
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let pass = params
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let values: String = op
            .args
            .iter()
            .zip(&params)
            .map(|(a, (_, n))| format!(", {}", cs_arg(a.kind, n)))
            .collect();
        let invoke = format!("Invoke(\"{}\"{values})", op.name);
        let (ret, body) = match op.returns {
            Returns::Response => match op.model_of {
                Some(e) => {
                    let m = crate::python::method_models(schema, e).1;
                    (
                        format!("AntomResponse<Antom.Models.{m}>"),
                        format!("new AntomResponse<Antom.Models.{m}>(AntomResponse.FromNative({invoke}))"),
                    )
                }
                None => (
                    "AntomResponse".to_string(),
                    format!("AntomResponse.FromNative({invoke})"),
                ),
            },
            Returns::Notification => (
                "AntomNotification".to_string(),
                format!("AntomNotification.FromNative({invoke})"),
            ),
            Returns::Notifications => (
                "AntomNotification[]".to_string(),
                format!("Array.ConvertAll(Json.Read<NotificationView[]>({invoke}), AntomNotification.FromView)"),
            ),
        };
        s.push_str(&format!("        /// <summary>{}</summary>\n        public {ret} {name}({}) {{ return {body}; }}\n", op.doc, decl(false)));
        if op.network {
            s.push_str(&format!("        /// <summary><c>{name}</c> on a thread of its own (a long poll never holds a pool thread).</summary>\n        public Task<{ret}> {name}Async({}) {{ return Task.Factory.StartNew(() => {name}({pass}), System.Threading.CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default); }}\n", decl(false)));
        }
        if let Some(it) = &op.iterate {
            let token = Naming::Camel.spell(it.token);
            let without = decl(false)
                .split(", ")
                .filter(|p| *p != format!("string {token} = null"))
                .collect::<Vec<_>>()
                .join(", ");
            s.push_str(&format!(
                "        /// <summary>{doc} Each object is read into <typeparamref name=\"T\"/>, the list's item model (<c>Antom.Models.ReserveHoldDetail</c> for <c>payments.reserve.inquireHoldList</c>); the pages are fetched as the enumeration goes.</summary>\n        public IEnumerable<T> {it_name}<T>({without}) where T : class\n        {{\n            string {token} = null;\n            do\n            {{\n                var json = {invoke};\n                foreach (var item in ModelJson.Read<PageItems<T>>(json).Items ?? new List<T>()) yield return item;\n                {token} = AntomResponse.FromNative(json).NextPage;\n            }}\n            while ({token} != null);\n        }}\n",
                doc = it.doc,
                it_name = Naming::Pascal.spell(it.name),
            ));
        }
        // Bytes also as text (UTF-8), for bodies a framework hands over as a string.
        if op.args.iter().any(|a| a.kind == Kind::Bytes) {
            let conv = op
                .args
                .iter()
                .zip(&params)
                .map(|(a, (_, n))| {
                    if a.kind == Kind::Bytes {
                        format!("{n} == null ? null : Encoding.UTF8.GetBytes({n})")
                    } else {
                        n.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(", ");
            s.push_str(&format!("        /// <summary><c>{name}</c> with the bytes given as text (UTF-8).</summary>\n        public {ret} {name}({}) {{ return {name}({conv}); }}\n", decl(true)));
        }
    }
    s
}

pub fn outputs(_root: &Path, schema: &Schema) -> Vec<Output> {
    let mut s = banner("//");
    s.push_str("// <auto-generated/>\nusing System;\nusing System.Collections.Generic;\nusing System.Text;\nusing System.Threading.Tasks;\n\nnamespace Antom\n{\n");
    s.push_str("    public sealed partial class AntomClient\n    {\n");
    s.push_str(&operations(schema));
    for m in methods() {
        let p = m.pascal();
        s.push_str(&format!(
            "        /// <summary><c>{e}</c>: {d}</summary>\n        public AntomResponse {p}(string jsonBody, RequestOptions options = null) {{ return Call(\"{e}\", jsonBody, options); }}\n        /// <summary><c>{e}</c> on the thread pool.</summary>\n        public Task<AntomResponse> {p}Async(string jsonBody, RequestOptions options = null) {{ return CallAsync(\"{e}\", jsonBody, options); }}\n",
            e = m.endpoint,
            d = m.doc
        ));
    }
    s.push_str("    }\n\n");
    s.push_str("    /// <summary>The objects of a page (a list operation's <c>items</c>), each read into its model.</summary>\n    [System.Runtime.Serialization.DataContract]\n    internal sealed class PageItems<T> : System.Runtime.Serialization.IExtensibleDataObject\n    {\n        [System.Runtime.Serialization.DataMember(Name = \"items\")] public List<T> Items;\n        public System.Runtime.Serialization.ExtensionDataObject ExtensionData { get; set; }\n    }\n\n");
    s.push_str(&attempt_event());
    s.push_str(&request_options());
    s.push_str(&replies());
    s.push_str(&crate::sim::dotnet());
    s.push_str(&exception());
    s.push_str("        /// <summary>The class of an error family (<c>ErrorView.family</c>).</summary>\n        internal static AntomException Create(string family, string kind, string message)\n        {\n            switch (family)\n            {\n");
    for f in &FAMILIES {
        s.push_str(&format!(
            "                case \"{}\": return new {}(kind, message);\n",
            f.name, f.dotnet
        ));
    }
    s.push_str(&format!(
        "                default: return new {}(kind, message);\n            }}\n        }}\n    }}\n",
        BASE.dotnet
    ));
    for f in &FAMILIES {
        s.push_str(&format!(
            "\n    /// <summary>{}</summary>\n    public class {c} : {b}\n    {{\n        public {c}(string kind, string message) : base(kind, message) {{ }}\n    }}\n",
            f.doc,
            c = f.dotnet,
            b = BASE.dotnet
        ));
    }
    s.push_str(&format!(
        "\n    /// <summary>Notification constants.</summary>\n    public static class Notification\n    {{\n        /// <summary>The exact body to answer a handled notification with (HTTP 200).</summary>\n        public const string Ack = {};\n    }}\n\n    /// <summary>The SDK's version.</summary>\n    public static class AntomVersion\n    {{\n        /// <summary>The version of this package and of its native library.</summary>\n        public const string Value = \"{}\";\n    }}\n",
        crate::c_string(antom::NOTIFICATION_ACK),
        antom::VERSION
    ));
    s.push_str(&views());
    s.push_str("\n    /// <summary>A response whose JSON body is parsed into the endpoint's response model.</summary>\n    public sealed class AntomResponse<T> : AntomResponse where T : class\n    {\n        private T data;\n\n        internal AntomResponse(AntomResponse response) : base(response)\n        {\n        }\n\n        /// <summary>The body as the endpoint's response model, parsed when first read (a field of another form than the schema's is left out of it, never failing the body nor hiding the verified result; Raw keeps the exact text).</summary>\n        public T Data { get { return data ?? (data = ModelJson.Read<T>(Raw)); } }\n    }\n");
    s.push_str(&options());
    s.push_str(&crate::functions::dotnet());
    s.push_str("}\n");
    vec![Output {
        path: "bindings-dotnet/src/Antom/Generated.cs".into(),
        text: s,
    }]
}

/// `WebhookReply`: what a webhook answers Antom (the core's table), and the answer to each
/// verification error by its kind.
fn replies() -> String {
    let mut s = String::from("\n    /// <summary>One HTTP answer to a notification delivery (the core's table).</summary>\n    public sealed class WebhookReply\n    {\n        private WebhookReply(string name, int status, string contentType, string body)\n        {\n            Name = name;\n            Status = status;\n            ContentType = contentType;\n            Body = body;\n        }\n\n        /// <summary>ACKED, REFUSED, MALFORMED or FAILED.</summary>\n        public string Name { get; private set; }\n        /// <summary>The HTTP status.</summary>\n        public int Status { get; private set; }\n        /// <summary>The Content-Type header.</summary>\n        public string ContentType { get; private set; }\n        /// <summary>The body, exactly.</summary>\n        public string Body { get; private set; }\n");
    for r in antom::WebhookReply::ALL {
        s.push_str(&format!(
            "\n        /// <summary>{}</summary>\n        public static readonly WebhookReply {} = new WebhookReply(\"{}\", {}, {}, {});\n",
            r.doc,
            Naming::Pascal.spell(&r.name.to_lowercase()),
            r.name,
            r.status,
            crate::c_string(r.content_type),
            crate::c_string(r.body)
        ));
    }
    s.push_str(&format!("\n        /// <summary>The largest notification body the core verifies; a webhook never needs to read more.</summary>\n        public const int MaxNotificationBytes = {};\n", antom::MAX_NOTIFICATION_BYTES));
    s.push_str("\n        /// <summary>The answer to a delivery whose verification failed with this error kind.</summary>\n        public static WebhookReply ForKind(string kind)\n        {\n            switch (kind)\n            {\n");
    s.push_str(&crate::reply_for_kind(|k, r| {
        let r = Naming::Pascal.spell(&r.to_lowercase());
        format!("                case \"{k}\": return {r};\n")
    }));
    s.push_str("                default: return Failed;\n            }\n        }\n    }\n");
    s
}

/// `AntomException`: one property per field of the error view, and the exception the C ABI's
/// error JSON describes (a detail that is not that JSON is a caught panic's, kept as text).
fn exception() -> String {
    let mut s = format!("\n    /// <summary>{} <see cref=\"Kind\"/> is the core's stable error code.</summary>\n    public partial class {b} : Exception\n    {{\n        public {b}(string kind, string message) : base(message)\n        {{\n            Kind = kind;\n", BASE.doc, b = BASE.dotnet);
    let fields: Vec<_> = ERROR_FIELDS
        .iter()
        .filter(|f| f.name != "message" && f.name != "kind")
        .collect();
    for f in fields.iter().filter(|f| f.ty == FieldType::Lines) {
        s.push_str(&format!(
            "            {} = new string[0];\n",
            Naming::Pascal.spell(f.name)
        ));
    }
    s.push_str("        }\n\n");
    let mut fill = String::new();
    for f in ERROR_FIELDS.iter().filter(|f| f.name != "message") {
        let p = Naming::Pascal.spell(f.name);
        s.push_str(&format!(
            "        /// <summary>{}</summary>\n        public {} {p} {{ get; internal set; }}\n",
            f.doc.replace('&', "&amp;").replace('<', "&lt;"),
            public_type(f.ty).unwrap_or("object")
        ));
        if f.name == "kind" {
            continue;
        }
        let value = match f.ty {
            FieldType::Lines => format!("d.{p} ?? new string[0]"),
            FieldType::Text => format!("d.{p} ?? \"\""),
            _ => format!("d.{p}"),
        };
        fill.push_str(&format!("            e.{p} = {value};\n"));
    }
    s.push_str(&format!("\n        internal static {b} FromDetail(string detail)\n        {{\n            ErrorView d;\n            try\n            {{\n                d = Json.Read<ErrorView>(detail ?? \"{{}}\");\n            }}\n            catch (InvalidResponseException)\n            {{\n                return new {b}(\"PANIC\", detail ?? \"unknown native error\");\n            }}\n            var kind = d.Kind ?? \"PANIC\";\n            var e = Create(d.Family ?? \"\", kind, d.Message ?? kind);\n{fill}            return e;\n        }}\n\n", b = BASE.dotnet));
    s
}

fn contract_type(ty: FieldType) -> Option<&'static str> {
    match ty {
        FieldType::Text | FieldType::Status | FieldType::OptText | FieldType::OptStatus => {
            Some("string")
        }
        FieldType::Flag => Some("bool"),
        FieldType::OptFlag => Some("bool?"),
        FieldType::Count => Some("int"),
        FieldType::OptCount => Some("int?"),
        FieldType::Headers => Some("HeaderView[]"),
        FieldType::Lines => Some("string[]"),
        // Parsed JSON stays in Raw for C# (typed models parse it).
        FieldType::Json => None,
    }
}

fn public_type(ty: FieldType) -> Option<&'static str> {
    match ty {
        FieldType::Status => Some("ResultStatus"),
        FieldType::OptStatus => Some("ResultStatus?"),
        FieldType::Headers => Some("IDictionary<string, string>"),
        FieldType::Lines => Some("IList<string>"),
        other => contract_type(other),
    }
}

/// `AttemptEvent`, what `AntomDiagnostics.OnAttempt` listeners get (the bridge's EVENT_FIELDS).
fn attempt_event() -> String {
    let mut s = String::from("    /// <summary>What one attempt of a call did: never a body, a header value, a signature or a key.</summary>\n    [System.Runtime.Serialization.DataContract]\n    public sealed class AttemptEvent\n    {\n");
    for f in &EVENT_FIELDS {
        let ty = contract_type(f.ty).unwrap_or("string");
        s.push_str(&format!(
            "        /// <summary>{}</summary>\n        [System.Runtime.Serialization.DataMember(Name = \"{}\")] public {ty} {} {{ get; private set; }}\n",
            f.doc,
            Naming::Camel.spell(f.name),
            Naming::Pascal.spell(f.name)
        ));
    }
    s.push_str("\n        /// <inheritdoc/>\n        public override string ToString()\n        {\n            return \"antom \" + Method + \" \" + Path + \" attempt \" + Attempt + \": \" + Outcome + \" (\" + LatencyMs + \" ms)\";\n        }\n    }\n\n");
    s
}

/// The DataContract views the C ABI's JSON is read into, and the public value classes.
fn views() -> String {
    let mut s = String::new();
    for (name, fields) in [
        ("ResponseView", &RESPONSE_FIELDS[..]),
        ("NotificationView", &NOTIFICATION_FIELDS[..]),
        ("ErrorView", &ERROR_FIELDS[..]),
    ] {
        s.push_str(&format!("\n    [System.Runtime.Serialization.DataContract]\n    internal sealed class {name}\n    {{\n"));
        for f in fields {
            if let Some(t) = contract_type(f.ty) {
                s.push_str(&format!(
                    "        [System.Runtime.Serialization.DataMember(Name = \"{}\")] public {t} {};\n",
                    Naming::Camel.spell(f.name),
                    Naming::Pascal.spell(f.name)
                ));
            }
        }
        s.push_str("    }\n");
    }
    for (class, view, fields, doc) in [
        (
            "AntomResponse",
            "ResponseView",
            &RESPONSE_FIELDS[..],
            "A response from Antom. Raw is the JSON body, exactly as received and verified.",
        ),
        (
            "AntomNotification",
            "NotificationView",
            &NOTIFICATION_FIELDS[..],
            "A verified notification. Raw is the JSON body.",
        ),
    ] {
        let sealed = if class == "AntomResponse" {
            ""
        } else {
            "sealed "
        };
        s.push_str(&format!(
            "\n    /// <summary>{doc}</summary>\n    public {sealed}class {class}\n    {{\n"
        ));
        let mut assign = String::new();
        for f in fields.iter().filter(|f| public_type(f.ty).is_some()) {
            let p = Naming::Pascal.spell(f.name);
            s.push_str(&format!(
                "        /// <summary>{}</summary>\n        public {} {p} {{ get; private set; }}\n",
                f.doc.replace('&', "&amp;").replace('<', "&lt;"),
                public_type(f.ty).unwrap_or("object")
            ));
            let value = match f.ty {
                FieldType::Status => format!("Views.Status(d.{p})"),
                FieldType::OptStatus => {
                    format!("d.{p} == null ? (ResultStatus?)null : Views.Status(d.{p})")
                }
                FieldType::Headers => format!("Views.Headers(d.{p})"),
                FieldType::Lines => format!("d.{p} ?? new string[0]"),
                _ => format!("d.{p}"),
            };
            assign.push_str(&format!("                {p} = {value},\n"));
        }
        let shown: Vec<&Field> = fields.iter().filter(|f| f.shown).collect();
        let format = shown
            .iter()
            .enumerate()
            .map(|(i, f)| format!("{}={{{i}}}", Naming::Pascal.spell(f.name)))
            .collect::<Vec<_>>()
            .join(", ");
        let args = shown
            .iter()
            .map(|f| Naming::Pascal.spell(f.name))
            .collect::<Vec<_>>()
            .join(", ");
        let copy = if class == "AntomResponse" {
            copy_ctor(fields)
        } else {
            "\n        /// <summary>The body as its typed notification (<see cref=\"Model\"/> names it, e.g. <c>PayResultNotify</c>); parsed when asked.</summary>\n        public T As<T>() where T : class\n        {\n            return ModelJson.Read<T>(Raw);\n        }\n\n        private object data;\n\n        /// <summary>The body as the model <see cref=\"Model\"/> names (<c>if (n.Data is Antom.Models.PayResultNotify p) ...</c>), parsed on first use.</summary>\n        public object Data { get { return data ?? (data = Antom.Models.Notifications.Read(Model, Raw)); } }\n".to_string()
        };
        s.push_str(&format!(
            "{copy}\n        internal static {class} FromNative(string json)\n        {{\n            return FromView(Json.Read<{view}>(json));\n        }}\n\n        internal static {class} FromView({view} d)\n        {{\n            return new {class}\n            {{\n{assign}            }};\n        }}\n\n        public override string ToString()\n        {{\n            return string.Format(\"{class}({format})\", {args});\n        }}\n    }}\n"
        ));
    }
    s
}

/// `AntomOptions` and the JSON view the C ABI reads, from the bridge's option table.
fn options() -> String {
    let mut public = String::new();
    let mut view = String::new();
    let mut assign = Vec::new();
    for o in &OPTIONS {
        let p = Naming::Pascal.spell(o.name);
        let (ty, view_ty, value) = match o.kind {
            OptionKind::Text | OptionKind::Key => ("string", "string", p.clone()),
            OptionKind::Count => ("int?", "double?", p.clone()),
            OptionKind::Seconds => (
                "TimeSpan?",
                "double?",
                format!("{p}.HasValue ? {p}.Value.TotalSeconds : (double?)null"),
            ),
        };
        public.push_str(&format!(
            "        /// <summary>{}</summary>\n        public {ty} {p} {{ get; set; }}\n",
            o.doc
        ));
        view.push_str(&format!(
            "        [System.Runtime.Serialization.DataMember(Name = \"{}\", EmitDefaultValue = false)] public {view_ty} {p};\n",
            Naming::Camel.spell(o.name)
        ));
        assign.push(format!("                {p} = {value},\n"));
    }
    format!(
        "\n    /// <summary>Options of <see cref=\"AntomClient\"/>; unset options take the core's defaults. ToString never shows keys or the agent token.</summary>\n    public sealed class AntomOptions\n    {{\n{public}\n        internal OptionsView ToView()\n        {{\n            return new OptionsView\n            {{\n{}            }};\n        }}\n\n        public override string ToString()\n        {{\n            return string.Format(\"AntomOptions(ClientId={{0}}, Gateway={{1}}, PrivateKey=<redacted>)\", ClientId, GatewayUrl ?? Region ?? \"asia\");\n        }}\n    }}\n\n    [System.Runtime.Serialization.DataContract]\n    internal sealed class OptionsView\n    {{\n{view}    }}\n",
        assign.concat()
    )
}

/// `AntomResponse` can be copied into `AntomResponse<T>`, which adds the typed `Data`.
fn copy_ctor(fields: &[Field]) -> String {
    let mut s = String::from("\n        internal AntomResponse() { }\n\n        /// <summary>A copy of <paramref name=\"other\"/> (the typed response extends it).</summary>\n        protected AntomResponse(AntomResponse other)\n        {\n");
    for f in fields.iter().filter(|f| public_type(f.ty).is_some()) {
        let p = Naming::Pascal.spell(f.name);
        s.push_str(&format!("            {p} = other.{p};\n"));
    }
    s.push_str("        }\n");
    s
}

/// `RequestOptions` (per-call options) and the JSON view the C ABI reads, from the bridge's table:
/// each option's property, view field and conversion by its kind.
fn request_options() -> String {
    let (mut props, mut to_view, mut view) = (String::new(), String::new(), String::new());
    for o in &CALL_OPTIONS {
        let p = Naming::Pascal.spell(o.name);
        let (public, wire, convert) = match o.kind {
            CallKind::Headers => (
                "IDictionary<string, string>",
                "Dictionary<string, string>",
                format!("{p} == null ? null : new Dictionary<string, string>({p})"),
            ),
            CallKind::Seconds(_) => (
                "TimeSpan?",
                "double?",
                format!("{p}.HasValue ? {p}.Value.TotalSeconds : (double?)null"),
            ),
            CallKind::Count(..) => ("int?", "int?", p.clone()),
        };
        props.push_str(&format!(
            "        /// <summary>{}</summary>\n        public {public} {p} {{ get; set; }}\n",
            o.doc
        ));
        to_view.push_str(&format!("                {p} = {convert},\n"));
        view.push_str(&format!("        [System.Runtime.Serialization.DataMember(Name = \"{}\", EmitDefaultValue = false)] public {wire} {p};\n", Naming::Camel.spell(o.name)));
    }
    format!(
        "    /// <summary>Options for one call: <c>client.Pay(request, new RequestOptions {{ Timeout = TimeSpan.FromSeconds(5) }})</c>.</summary>\n    public sealed class RequestOptions\n    {{\n{props}\n        internal RequestOptionsView ToView()\n        {{\n            return new RequestOptionsView\n            {{\n{to_view}            }};\n        }}\n    }}\n\n    [System.Runtime.Serialization.DataContract]\n    internal sealed class RequestOptionsView\n    {{\n{view}    }}\n"
    )
}
