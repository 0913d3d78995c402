"""Exceptions raised by the antom SDK. `kind` is the core's stable error code."""
from __future__ import annotations

import builtins
from typing import Optional, Sequence


class AntomError(Exception):
    """Base class: every SDK error carries a stable `kind` and whatever context there was.

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


class InvalidKeyError(AntomError):
    """A key is unreadable or not an accepted RSA key form (the message says which)."""


class InvalidInputError(AntomError, ValueError):
    """A malformed argument, header, body or configuration."""


class SignatureError(AntomError):
    """A signature does not verify, or a success response arrived unsigned."""


class TransportError(AntomError):
    """The request could not be delivered (DNS, connect, TLS): it never reached Antom."""


class TimeoutError(AntomError, builtins.TimeoutError):
    """Timed out before the request could have had an effect."""


class OutcomeUnknownError(AntomError):
    """The request may have reached Antom: inquire with `idempotency_key`, never charge again."""


class HttpStatusError(AntomError):
    """Antom answered with a non-2xx HTTP status (`http_status`, `raw`)."""


class InvalidResponseError(AntomError):
    """The response body is not the JSON Antom sends."""
