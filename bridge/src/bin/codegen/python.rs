//! Python: the exception classes (`antom/_errors.py`) and the endpoint methods of `Client` and
//! `AsyncClient` (`antom/_client.py`), both pure Python over the native module.

use antom_bridge::families::{BASE, FAMILIES};
use antom_bridge::methods::METHODS;

use crate::{banner, Output};

pub fn outputs() -> Vec<Output> {
    vec![errors(), client()]
}

fn errors() -> Output {
    let mut s = banner("#");
    s.push_str(
        r#""""Exceptions raised by the antom SDK. `kind` is the core's stable error code."""
from __future__ import annotations

import builtins
from typing import Dict, Optional, Sequence, Type


class AntomError(Exception):
    """Every SDK error: a stable `kind` and whatever context there was.

    `outcome_unknown` is True on any error after which the request may have taken effect at
    Antom (most are `OutcomeUnknownError`; a signature error on a pay can be too): never ask the
    buyer to pay again, inquire with `idempotency_key`. `attempt_history` says what each
    attempt got, e.g. ``("attempt 1: HTTP 503", "attempt 2: HTTP 429")``.
    """

    def __init__(
        self,
        message: str,
        kind: str = "ANTOM_ERROR",
        http_status: Optional[int] = None,
        raw: Optional[str] = None,
        result_code: Optional[str] = None,
        idempotency_key: Optional[str] = None,
        attempts: Optional[int] = None,
        outcome_unknown: bool = False,
        attempt_history: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.http_status = http_status
        self.raw = raw
        self.result_code = result_code
        self.idempotency_key = idempotency_key
        self.attempts = attempts
        self.outcome_unknown = outcome_unknown
        self.attempt_history = tuple(attempt_history)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(kind={self.kind!r}, message={self.message!r})"
"#,
    );
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
    s.push_str("}\n");
    Output {
        path: "bindings-python/python/antom/_errors.py",
        text: s,
    }
}

fn client() -> Output {
    let mut s = banner("#");
    s.push_str(
        r#""""`Client` and `AsyncClient`: the native clients plus one method per Antom endpoint."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Awaitable, Optional

from antom import _antom

if TYPE_CHECKING:
    from antom._antom import Response, _Body
"#,
    );
    for (class, ret, doc) in [
        ("Client", "Response", "Antom API client. Blocking; the GIL is released during network and crypto work. Safe\n    to share across threads; survives `os.fork()`."),
        ("AsyncClient", "Awaitable[Response]", "The same client for asyncio: every network method returns an awaitable."),
    ] {
        s.push_str(&format!("\n\nclass {class}(_antom.{class}):\n    \"\"\"{doc}\"\"\"\n\n    __slots__ = ()\n"));
        for m in &METHODS {
            s.push_str(&format!(
                "\n    def {}(self, body: Optional[_Body] = None, **kwargs: Any) -> {ret}:\n        \"\"\"`{}`: {}\"\"\"\n        return self.call(\"{}\", body, **kwargs)\n",
                m.snake(),
                m.endpoint,
                m.doc,
                m.endpoint
            ));
        }
    }
    Output {
        path: "bindings-python/python/antom/_client.py",
        text: s,
    }
}
