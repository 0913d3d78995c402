"""Delivers the outcome of a native call to its asyncio future, on the loop's own thread."""
from __future__ import annotations

import asyncio
from typing import Any


def resolve(future: "asyncio.Future[Any]", ok: bool, value: Any) -> None:
    # The awaiting task may have been cancelled meanwhile: a done future takes nothing.
    if future.done():
        return
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)
