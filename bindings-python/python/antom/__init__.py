"""Antom (Ant International) Open API server SDK on a Rust core.

Sign requests, verify responses and webhooks, and call every Antom API with safe retries and
typed S/F/U results. Private keys never appear in reprs, errors or logs.
"""
from __future__ import annotations

import logging as _logging

from antom._antom import (
    CRYPTO_BACKEND,
    NOTIFICATION_ACK,
    Notification,
    Response,
    __version__,
)
from antom import webhooks
from antom._client import AsyncClient, Client, RequestOptions
from antom._functions import *  # noqa: F403 (the bridge's functions table, generated)
from antom import _functions
from antom._errors import *  # noqa: F403 (one class per error family, generated)
from antom import _errors

# A library logs and the application decides where it goes: without a handler of its own, the
# logger "antom" (one record per attempt, webhook refusals) prints nothing.
_logging.getLogger("antom").addHandler(_logging.NullHandler())

__all__ = [
    "CRYPTO_BACKEND",
    "NOTIFICATION_ACK",
    "AsyncClient",
    "Client",
    "Notification",
    "RequestOptions",
    "Response",
    "__version__",
    "webhooks",
]
__all__ += _errors.__all__
__all__ += _functions.__all__
