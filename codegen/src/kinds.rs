//! How each language takes each argument kind of the bridge's tables (operations and
//! functions): the types its wrappers declare and the converters they call.

use antom_bridge::operations::Kind;

/// C#: the type of a parameter.
pub fn cs_param(k: Kind) -> &'static str {
    match k {
        Kind::Text | Kind::OptText | Kind::Path | Kind::Key => "string",
        Kind::OptCount => "int?",
        Kind::Body => "object",
        Kind::Bytes => "byte[]",
        Kind::Headers => "IEnumerable<KeyValuePair<string, string>>",
        Kind::Seconds => "TimeSpan",
        Kind::CallOptions => "RequestOptions",
    }
}

/// The JSON value of an argument, by the hand-written `Arg` converters (Args.cs).
pub fn cs_arg(k: Kind, name: &str) -> String {
    match k {
        Kind::Text | Kind::Path => format!("Arg.Text({name}, \"{name}\")"),
        Kind::Key => format!("Arg.Key({name}, \"{name}\")"),
        Kind::OptText => format!("Arg.OptText({name})"),
        Kind::OptCount => format!("Arg.OptCount({name})"),
        Kind::Body => format!("Arg.Body({name}, \"{name}\")"),
        Kind::Bytes => format!("Arg.Bytes({name}, \"{name}\")"),
        Kind::Headers => format!("Arg.Headers({name}, \"{name}\")"),
        Kind::Seconds => format!("Arg.Seconds({name}, \"{name}\")"),
        Kind::CallOptions => format!("Arg.Options({name})"),
    }
}

/// The Rust type a PHP method takes for an argument of this kind.
pub fn rust_param(k: Kind) -> &'static str {
    match k {
        Kind::Text | Kind::Path => "String",
        Kind::OptText => "Option<String>",
        Kind::Body => "&Zval",
        Kind::Bytes => "ext_php_rs::binary_slice::BinarySlice<u8>",
        Kind::Headers => "&ZendHashTable",
        Kind::Seconds => "f64",
        Kind::CallOptions => "Option<&ZendHashTable>",
        Kind::Key => "ext_php_rs::binary_slice::BinarySlice<u8>",
        Kind::OptCount => "Option<i64>",
    }
}

/// The converter in client.rs for an argument of this kind.
pub fn convert(k: Kind) -> &'static str {
    match k {
        Kind::Text => "arg_text",
        Kind::OptText => "arg_opt_text",
        Kind::Body => "arg_body",
        Kind::Bytes => "arg_bytes",
        Kind::Path => "arg_path",
        Kind::Headers => "arg_headers",
        Kind::Seconds => "arg_seconds",
        Kind::CallOptions => "arg_options",
        Kind::Key => "arg_key",
        Kind::OptCount => "arg_count",
    }
}

/// The PHP type of an argument of this kind, for the stub.
pub fn php_param(k: Kind) -> &'static str {
    match k {
        Kind::Text | Kind::Path | Kind::Bytes | Kind::Key => "string",
        Kind::OptText => "?string",
        Kind::OptCount => "?int",
        Kind::Body => "array|string|\\Antom\\Models\\Model",
        Kind::Headers => "array",
        Kind::Seconds => "float",
        Kind::CallOptions => "?array",
    }
}

/// The kind's name in generated.js, which index.js converts by.
pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::OptText => "optText",
        Kind::Body => "body",
        Kind::Bytes => "bytes",
        Kind::Path => "path",
        Kind::Headers => "headers",
        Kind::Seconds => "seconds",
        Kind::CallOptions => "callOptions",
        Kind::Key => "key",
        Kind::OptCount => "optCount",
    }
}
