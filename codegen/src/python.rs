//! Python: the exception classes (`antom/_errors.py`) and the endpoint methods of `Client` and
//! `AsyncClient` (`antom/_client.py`), both pure Python over the native module.

use std::path::Path;

use antom_bridge::call_options::{CallKind, CALL_OPTIONS};
use antom_bridge::families::{BASE, FAMILIES};
use antom_bridge::methods::methods;
use antom_bridge::operations::{Kind, Operation, Returns, OPERATIONS};
use antom_bridge::options::{Naming, OptionKind, OPTIONS};
use antom_bridge::views::{FieldType, ERROR_FIELDS, NOTIFICATION_FIELDS, RESPONSE_FIELDS};

use crate::schema::Schema;
use crate::{banner, region, Output};

pub fn outputs(root: &Path, schema: &Schema) -> Vec<Output> {
    let mut out = vec![errors(), client(schema), replies(), crate::sim::python()];
    let mut functions = banner("#");
    functions.push_str(&crate::functions::python());
    out.push(Output {
        path: "bindings-python/python/antom/_functions.py".into(),
        text: functions,
    });
    out.extend(views(root));
    out
}

fn errors() -> Output {
    let mut s = banner("#");
    s.push_str(
        r#""""Exceptions raised by the antom SDK. `kind` is the core's stable error code."""
from __future__ import annotations

import builtins
from typing import Any, Dict, Optional, Sequence, Type


class AntomError(Exception):
    """Every SDK error: a stable `kind` and whatever context there was.

    `outcome_unknown` is True on any error after which the request may have taken effect at
    Antom (most are `OutcomeUnknownError`; a signature error on a pay can be too): never ask the
    buyer to pay again, inquire with `idempotency_key`. `attempt_history` says what each
    attempt got, e.g. ``("attempt 1: HTTP 503", "attempt 2: HTTP 429")``.
    """

"#,
    );
    s.push_str(&error_init());
    s.push_str(
        r#"    def __repr__(self) -> str:
        return f"{type(self).__name__}(kind={self.kind!r}, message={self.message!r})"
"#,
    );
    let names: Vec<String> = std::iter::once(BASE.python)
        .chain(FAMILIES.iter().map(|f| f.python))
        .map(|n| format!("\"{n}\""))
        .collect();
    s.push_str(&format!("\n\n__all__ = [{}]\n", names.join(", ")));
    for f in &FAMILIES {
        let bases = match f.python_builtin {
            Some(b) => format!("{}, {b}", BASE.python),
            None => BASE.python.to_string(),
        };
        s.push_str(&format!(
            "\n\nclass {}({bases}):\n    \"\"\"{}\"\"\"\n",
            f.python, f.doc
        ));
    }
    s.push_str("\n\n#: The class of each error family (`ErrorView.family`).\nFAMILIES: Dict[str, Type[AntomError]] = {\n");
    for f in &FAMILIES {
        s.push_str(&format!("    \"{}\": {},\n", f.name, f.python));
    }
    s.push_str("}\n\n\ndef _from_view(view: Dict[str, Any]) -> AntomError:\n    \"\"\"The exception of the view's family (any family added later is an AntomError).\"\"\"\n    return FAMILIES.get(view.get(\"family\", \"\"), AntomError)._from_view(view)\n");
    Output {
        path: "bindings-python/python/antom/_errors.py".into(),
        text: s,
    }
}

/// `antom/_replies.py`: the answers a webhook gives Antom (the core's `WebhookReply` table).
fn replies() -> Output {
    let mut s = banner("#");
    s.push_str("\"\"\"What a webhook answers Antom: the core's table (`antom.webhooks` answers from it).\"\"\"\nfrom typing import Dict, NamedTuple\n\n\nclass WebhookReply(NamedTuple):\n    \"\"\"One HTTP answer to a notification delivery.\"\"\"\n\n    name: str\n    status: int\n    content_type: str\n    body: str\n\n");
    for r in antom::WebhookReply::ALL {
        s.push_str(&format!(
            "\n#: {}\n{} = WebhookReply({}, {}, {}, {})\n",
            r.doc,
            r.name,
            crate::c_string(r.name),
            r.status,
            crate::c_string(r.content_type),
            crate::c_string(r.body)
        ));
    }
    s.push_str(&format!("\n#: The largest notification body the core verifies; a webhook never needs to read more.\nMAX_NOTIFICATION_BYTES = {}\n", antom::MAX_NOTIFICATION_BYTES));
    s.push_str("\n#: The answer to a delivery whose verification failed, by the error's kind.\nREPLY_FOR_KIND: Dict[str, WebhookReply] = {\n");
    s.push_str(&crate::reply_for_kind(|k, r| {
        format!("    \"{k}\": {r},\n")
    }));
    s.push_str("}\n");
    Output {
        path: "bindings-python/python/antom/_replies.py".into(),
        text: s,
    }
}

/// `AntomError.__init__` and `_from_view` from the error view's fields: the native module hands
/// over the view as a dict and never names a field.
fn error_init() -> String {
    let mut params = String::new();
    let mut sets = String::new();
    let mut reads = String::new();
    for f in ERROR_FIELDS.iter().filter(|f| f.name != "message") {
        let (ty, default, stored) = match f.ty {
            FieldType::Text => ("str", "\"\"", f.name.to_string()),
            FieldType::Flag => ("bool", "False", f.name.to_string()),
            FieldType::OptCount | FieldType::Count => ("Optional[int]", "None", f.name.to_string()),
            FieldType::Lines => ("Sequence[str]", "()", format!("tuple({})", f.name)),
            _ => ("Optional[str]", "None", f.name.to_string()),
        };
        params.push_str(&format!("        {}: {ty} = {default},\n", f.name));
        sets.push_str(&format!(
            "        #: {}\n        self.{} = {stored}\n",
            f.doc, f.name
        ));
        reads.push_str(&format!(
            "            {}=view.get(\"{}\", {default}),\n",
            f.name,
            Naming::Camel.spell(f.name)
        ));
    }
    format!(
        "    def __init__(\n        self,\n        message: str,\n{params}    ) -> None:\n        super().__init__(message)\n        self.message = message\n{sets}\n    @classmethod\n    def _from_view(cls, view: Dict[str, Any]) -> \"AntomError\":\n        \"\"\"The exception the native module describes (the bridge's error view).\"\"\"\n        return cls(\n            view.get(\"message\", \"\"),\n{reads}        )\n\n"
    )
}

/// The request and response model names of an endpoint method, from the catalog.
pub fn method_models(schema: &Schema, endpoint: &str) -> (String, String) {
    let e = antom::catalog::find(endpoint);
    let name = |official: Option<&&str>, fallback: &str| {
        official
            .and_then(|o| schema.antom_name(o))
            .unwrap_or(fallback)
            .to_string()
    };
    (
        name(e.and_then(|e| e.request_models.first()), "BaseRequest"),
        name(e.and_then(|e| e.response_models.first()), "BaseResponse"),
    )
}

fn client(schema: &Schema) -> Output {
    let mut s = banner("#");
    s.push_str(
        r#""""`Client` and `AsyncClient`: the native clients plus one typed method per Antom endpoint.
A method takes its request model (or a dict, str or bytes, or keyword arguments) and returns a
`Response` whose `data` is the endpoint's response model."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, AsyncIterator, Dict, Iterator, List, Mapping, Optional, TypedDict, Union

from antom import _antom, models
from antom._model import Model, wire

if TYPE_CHECKING:
    from antom._antom import Notification, Response, _Body
"#,
    );
    s.push_str("\n\nclass RequestOptions(TypedDict, total=False):\n    \"\"\"Options for one call: `client.pay(req, request_options={\"timeout\": 5})`.\n");
    for o in &CALL_OPTIONS {
        s.push_str(&format!("\n    - `{}`: {}", o.name, o.doc));
    }
    s.push_str("\n    \"\"\"\n\n");
    for o in &CALL_OPTIONS {
        let ty = match o.kind {
            CallKind::Headers => "Mapping[str, str]",
            CallKind::Seconds(_) => "float",
            CallKind::Count(..) => "int",
        };
        s.push_str(&format!("    {}: {ty}\n", o.name));
    }
    for (class, is_async, doc) in [
        ("Client", false, "Antom API client. Blocking; the GIL is released during network and crypto work. Safe\n    to share across threads; survives `os.fork()`."),
        ("AsyncClient", true, "The same client for asyncio: every network method returns an awaitable."),
    ] {
        s.push_str(&format!("\n\nclass {class}(_antom.{class}):\n    \"\"\"{doc}\"\"\"\n\n    __slots__ = ()\n"));
        for m in methods() {
            let (req, resp) = method_models(schema, m.endpoint);
            let (def, wait) = if is_async { ("async def", "await ") } else { ("def", "") };
            s.push_str(&format!(
                "\n    {def} {}(self, body: Union[models.{req}, _Body, None] = None, *, request_options: Optional[RequestOptions] = None, **kwargs: Any) -> Response[models.{resp}]:\n        \"\"\"`{}`: {}\"\"\"\n        return ({wait}self.call(\"{}\", wire(body), request_options=request_options, **kwargs)).typed(models.{resp})\n",
                m.snake(),
                m.endpoint,
                m.doc,
                m.endpoint
            ));
        }
        for op in OPERATIONS.iter() {
            s.push_str(&operation(schema, op, is_async));
            s.push_str(&iterator(schema, op, is_async));
        }
    }
    Output {
        path: "bindings-python/python/antom/_client.py".into(),
        text: s,
    }
}

/// The Python type of an argument of this kind; `model` is the request model of a body.
fn arg_type(k: Kind, model: Option<&str>) -> String {
    match k {
        Kind::Text => "str".into(),
        Kind::OptText => "Optional[str]".into(),
        Kind::Body => model.map_or("Union[Model, _Body]".into(), |m| {
            format!("Union[models.{m}, _Body]")
        }),
        Kind::Bytes => "bytes".into(),
        Kind::Path => "Union[str, os.PathLike[str]]".into(),
        Kind::Headers => "Any".into(),
        Kind::Seconds => "float".into(),
        Kind::CallOptions => "Optional[RequestOptions]".into(),
        Kind::Key => "Union[str, bytes, os.PathLike[str]]".into(),
        Kind::OptCount => "Optional[int]".into(),
    }
}

/// One method of the operations table on `antom.Client` (or `AsyncClient`: an `async def`
/// when it waits on the network), over the native `_invoke`. Python spellings: the per-call
/// options are the keyword-only `request_options`; an operation that takes them takes its body
/// as keyword arguments too (as the endpoint methods do); an optional text defaults to None.
fn operation(schema: &Schema, op: &Operation, is_async: bool) -> String {
    let models = op.model_of.map(|e| method_models(schema, e));
    let takes_options = op.args.iter().any(|a| a.kind == Kind::CallOptions);
    let (mut params, mut passed) = (String::new(), Vec::new());
    for a in op.args {
        let ty = arg_type(a.kind, models.as_ref().map(|m| m.0.as_str()));
        match a.kind {
            Kind::CallOptions => {
                params.push_str(&format!(", *, request_options: {ty} = None"));
                passed.push("request_options".to_string());
                continue;
            }
            Kind::Body if takes_options => {
                params.push_str(&format!(", {}: Optional[{ty}] = None", a.name))
            }
            Kind::OptText => params.push_str(&format!(", {}: {ty} = None", a.name)),
            _ => params.push_str(&format!(", {}: {ty}", a.name)),
        }
        passed.push(if a.kind == Kind::Body {
            format!("wire({})", a.name)
        } else {
            a.name.to_string()
        });
    }
    if takes_options {
        params.push_str(", **kwargs: Any");
    }
    let kwargs = if takes_options { ", kwargs" } else { "" };
    let is_async = is_async && op.network;
    let (def, wait) = if is_async {
        ("async def", "await ")
    } else {
        ("def", "")
    };
    let args = format!(
        "({}{})",
        passed.join(", "),
        if passed.len() == 1 { "," } else { "" }
    );
    // `_invoke` is untyped (one entry point for every shape): the result is named with its
    // native type first, so mypy --strict checks what each method returns.
    let call = format!("{wait}self._invoke(\"{}\", {args}{kwargs})", op.name);
    let (ret, body) = match op.returns {
        Returns::Response => {
            let got = format!("r: Response[Dict[str, Any]] = {call}");
            match &models {
                Some((_, resp)) => (format!("Response[models.{resp}]"), format!("{got}\n        return r.typed(models.{resp})")),
                None => ("Response[Dict[str, Any]]".to_string(), format!("{got}\n        return r")),
            }
        }
        Returns::Notification => (
            "Notification[Model]".to_string(),
            format!("n: Notification[Dict[str, Any]] = {call}\n        return n.typed(getattr(models, n.model, models.BaseNotify))"),
        ),
        Returns::Notifications => (
            "List[Notification[Model]]".to_string(),
            format!("found: List[Notification[Dict[str, Any]]] = {call}\n        return [n.typed(getattr(models, n.model, models.BaseNotify)) for n in found]"),
        ),
    };
    format!(
        "\n    {def} {}(self{params}) -> {ret}:\n        \"\"\"{}\"\"\"\n        {body}\n",
        op.name, op.doc
    )
}

/// The iterator over a paged operation (a generator; an async generator on `AsyncClient`): the
/// operation's parameters but the token, which it passes from page to page.
fn iterator(schema: &Schema, op: &Operation, is_async: bool) -> String {
    let Some(it) = &op.iterate else {
        return String::new();
    };
    let method = operation(schema, op, is_async);
    // The operation's own signature and call, with the token made a local.
    let Some(params) = method
        .split_once(&format!("def {}(self", op.name))
        .and_then(|(_, rest)| rest.split_once(") -> "))
        .map(|(params, _)| params.replace(&format!(", {}: Optional[str] = None", it.token), ""))
    else {
        return String::new();
    };
    let passed: Vec<String> = op
        .args
        .iter()
        .map(|a| match a.kind {
            Kind::CallOptions => "request_options=request_options".to_string(),
            _ => a.name.to_string(),
        })
        .collect();
    let kwargs = if op.args.iter().any(|a| a.kind == Kind::CallOptions) {
        ", **kwargs"
    } else {
        ""
    };
    let (def, ret, wait, item) = if is_async {
        (
            "async def",
            "AsyncIterator[Dict[str, Any]]",
            "await ",
            "for item in answer.items:\n                yield item",
        )
    } else {
        (
            "def",
            "Iterator[Dict[str, Any]]",
            "",
            "yield from answer.items",
        )
    };
    format!(
        "\n    {def} {name}(self{params}) -> {ret}:\n        \"\"\"{doc}\"\"\"\n        {token}: Optional[str] = None\n        while True:\n            answer = {wait}self.{op}({passed}{kwargs})\n            {item}\n            {token} = answer.next_page\n            if {token} is None:\n                return\n",
        name = it.name,
        doc = it.doc,
        token = it.token,
        op = op.name,
        passed = passed.join(", "),
    )
}

fn rust_type(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text | FieldType::Status => "String",
        FieldType::OptText | FieldType::OptStatus => "Option<String>",
        FieldType::Flag => "bool",
        FieldType::OptFlag => "Option<bool>",
        FieldType::Count => "u32",
        FieldType::OptCount => "Option<u32>",
        FieldType::Json => "Py<PyAny>",
        FieldType::Headers => "Py<PyDict>",
        FieldType::Lines => "Vec<String>",
    }
}

fn py_type(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text => "str",
        FieldType::Status => "_ResultStatus",
        FieldType::OptText => "Optional[str]",
        FieldType::OptStatus => "Optional[_ResultStatus]",
        FieldType::Flag => "bool",
        FieldType::OptFlag => "Optional[bool]",
        FieldType::Count => "int",
        FieldType::OptCount => "Optional[int]",
        FieldType::Json => "Dict[str, Any]",
        FieldType::Headers => "Dict[str, str]",
        FieldType::Lines => "Tuple[str, ...]",
    }
}

/// The `Response` and `Notification` classes (Rust, included by client.rs) and their stubs.
fn views(root: &Path) -> Vec<Output> {
    let mut rs = banner("//");
    rs.push_str("// Included by client.rs: the Python value classes of the bridge's views.\n");
    let mut pyi = String::new();
    for (class, view, fields, doc) in [
        (
            "Response",
            "ResponseView",
            &RESPONSE_FIELDS[..],
            "A response from Antom: typed result, verification flag, raw body, HTTP details.",
        ),
        (
            "Notification",
            "NotificationView",
            &NOTIFICATION_FIELDS[..],
            "A verified notification.",
        ),
    ] {
        rs.push_str(&format!("\n/// {doc}\n#[pyclass(frozen, get_all, module = \"antom\")]\n#[derive(Debug)]\npub struct {class} {{\n"));
        pyi.push_str(&format!(
            "@final\nclass {class}(Generic[_D]):\n    \"\"\"{doc} Generic in the type of `data`: a model class from `antom.models` on the typed endpoint methods, a dict otherwise.\"\"\"\n\n    def typed(self, model: Type[_M]) -> {class}[_M]:\n        \"\"\"The same value with `data` parsed into `model`.\"\"\"\n    def __class_getitem__(cls, item: Any) -> Any: ...\n"
        ));
        for f in fields {
            rs.push_str(&format!(
                "    /// {}\n    {}: {},\n",
                f.doc,
                f.name,
                rust_type(f.ty)
            ));
            pyi.push_str(&format!(
                "    @property\n    def {}(self) -> {}:\n        \"\"\"{}\"\"\"\n",
                f.name,
                if f.ty == FieldType::Json && f.name == "data" {
                    "_D"
                } else if f.ty == FieldType::Json {
                    "Any"
                } else {
                    py_type(f.ty)
                },
                f.doc.replace('"', "'")
            ));
        }
        pyi.push('\n');
        rs.push_str(&format!("}}\n\nfn {}_of(py: Python<'_>, v: {view}) -> PyResult<{class}> {{\n    Ok({class} {{\n", class.to_lowercase()));
        for f in fields {
            let value = match f.ty {
                FieldType::Json => format!("convert::to_py(py, &v.{})?.unbind()", f.name),
                FieldType::Headers => format!("convert::header_dict(py, &v.{})?", f.name),
                _ => format!("v.{}", f.name),
            };
            rs.push_str(&format!("        {}: {value},\n", f.name));
        }
        let parts: Vec<String> = fields
            .iter()
            .filter(|f| f.shown)
            .map(|f| {
                let n = f.name;
                match f.ty {
                    FieldType::Flag => format!("format!(\"{n}={{}}\", if self.{n} {{ \"True\" }} else {{ \"False\" }})"),
                    FieldType::Count => format!("format!(\"{n}={{}}\", self.{n})"),
                    FieldType::OptText | FieldType::OptStatus => format!("format!(\"{n}={{}}\", self.{n}.as_deref().map_or(\"None\".to_string(), |s| format!(\"'{{s}}'\")))"),
                    _ => format!("format!(\"{n}='{{}}'\", self.{n})"),
                }
            })
            .collect();
        rs.push_str(&format!(
            "    }})\n}}\n\n#[pymethods]\nimpl {class} {{\n    fn __repr__(&self) -> String {{\n        let parts = [\n            {}\n        ];\n        format!(\"{class}({{}})\", parts.join(\", \"))\n    }}\n\n    /// The same value with `data` parsed by `model.from_wire` (the typed endpoint methods).\n    fn typed(&self, py: Python<'_>, model: &Bound<'_, PyAny>) -> PyResult<Self> {{\n        Ok(Self {{\n{}        }})\n    }}\n\n    /// `Response[PayResponse]` in annotations evaluated at run time.\n    #[classmethod]\n    fn __class_getitem__(cls: &Bound<'_, pyo3::types::PyType>, item: &Bound<'_, PyAny>) -> Py<pyo3::types::PyType> {{\n        let _ = item;\n        cls.clone().unbind()\n    }}\n}}\n",
            parts.join(",\n            "),
            fields
                .iter()
                .map(|f| match f.ty {
                    FieldType::Json if f.name == "data" => format!("            {}: model.call_method1(\"from_wire\", (self.{}.bind(py),))?.unbind(),\n", f.name, f.name),
                    FieldType::Headers | FieldType::Json => format!("            {}: self.{}.clone_ref(py),\n", f.name, f.name),
                    FieldType::Flag | FieldType::Count => format!("            {}: self.{},\n", f.name, f.name),
                    _ => format!("            {}: self.{}.clone(),\n", f.name, f.name),
                })
                .collect::<String>()
        ));
    }
    pyi.push_str(&clients_stub());
    vec![
        Output {
            path: "bindings-python/src/views_generated.rs".into(),
            text: rs,
        },
        region(root, "bindings-python/python/antom/_antom.pyi", "#", &pyi),
    ]
}

/// The native clients' stubs, their options from the bridge's option table.
fn clients_stub() -> String {
    let mut params = String::new();
    for (i, o) in OPTIONS.iter().enumerate() {
        let ty = match o.kind {
            OptionKind::Text => "str",
            OptionKind::Key => "_Key",
            OptionKind::Seconds => "float",
            OptionKind::Count => "int",
        };
        if o.required {
            params.push_str(&format!("        {}: {ty},\n", o.name));
        } else {
            if OPTIONS[i - 1].required {
                params.push_str("        *,\n");
            }
            params.push_str(&format!("        {}: Optional[{ty}] = None,\n", o.name));
        }
    }
    let mut s = String::new();
    for (class, ret, doc) in [
        ("Client", "Any", "Antom API client (the endpoint methods are added by antom.Client). Unset options take the core's defaults."),
        ("AsyncClient", "Any", "The asyncio client (the endpoint methods are added by antom.AsyncClient)."),
    ] {
        s.push_str(&format!(
            "@disjoint_base\nclass {class}:\n    \"\"\"{doc}\"\"\"\n\n    def __new__(\n        cls,\n{params}    ) -> Self: ...\n    def _invoke(self, name: str, args: Tuple[Any, ...], kwargs: Optional[Dict[str, Any]] = None) -> {ret}: ...\n\n"
        ));
    }
    s
}
