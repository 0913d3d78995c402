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

/// The PHP argument `name` of this kind as the bridge's `Value`: plain values directly, the
/// rest by their converter in client.rs (with `?` where it can fail).
pub fn convert(k: Kind, name: &str) -> String {
    match k {
        Kind::Text => format!("Value::Text({name})"),
        Kind::OptText => format!("{name}.map_or(Value::None, Value::Text)"),
        Kind::Bytes => format!("Value::Bytes({name}.to_vec())"),
        Kind::Key => format!("Value::Key({name}.to_vec().into())"),
        Kind::Path => format!("Value::Path({name}.into())"),
        Kind::Seconds => format!("Value::Seconds({name})"),
        Kind::Body => format!("arg_body({name})?"),
        Kind::Headers => format!("arg_headers({name})?"),
        Kind::CallOptions => format!("arg_options({name})?"),
        Kind::OptCount => format!("arg_count({name})"),
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
