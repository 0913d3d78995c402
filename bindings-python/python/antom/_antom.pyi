"""Type stubs for the native module antom._antom."""
import os
from typing import Any, Awaitable, Dict, Literal, Mapping, Optional, Union, final

from typing_extensions import Self, disjoint_base



_Key = Union[str, bytes, os.PathLike[str]]
_Body = Union[Dict[str, Any], str, bytes]
_Headers = Union[Mapping[str, str], Any]
_ResultStatus = Literal["S", "F", "U"]

NOTIFICATION_ACK: str
CRYPTO_BACKEND: str
__version__: str

def sign_request(
    private_key: _Key,
    method: str,
    path: str,
    client_id: str,
    request_time: str,
    body: Union[str, bytes],
    key_version: int = 1,
) -> str: ...
def verify_signature(
    public_key: _Key,
    method: str,
    path: str,
    client_id: str,
    request_time: str,
    body: Union[str, bytes],
    signature: str,
) -> bool: ...

@final
class Response:
    @property
    def result_status(self) -> _ResultStatus: ...
    @property
    def result_code(self) -> str: ...
    @property
    def result_message(self) -> str: ...
    @property
    def verified(self) -> bool: ...
    @property
    def data(self) -> Dict[str, Any]: ...
    @property
    def raw(self) -> str: ...
    @property
    def http_status(self) -> int: ...
    @property
    def headers(self) -> Dict[str, str]: ...
    @property
    def attempts(self) -> int: ...
    @property
    def idempotency_key(self) -> Optional[str]: ...
    @property
    def is_success(self) -> bool: ...
    @property
    def is_failure(self) -> bool: ...
    @property
    def is_unknown(self) -> bool: ...

@final
class Notification:
    @property
    def kind(self) -> str: ...
    @property
    def data(self) -> Dict[str, Any]: ...
    @property
    def result_status(self) -> Optional[_ResultStatus]: ...
    @property
    def result_code(self) -> Optional[str]: ...
    @property
    def raw(self) -> str: ...
    @property
    def client_id(self) -> str: ...
    @property
    def request_time(self) -> str: ...

@disjoint_base
class Client:
    """Antom API client (the endpoint methods are added by antom.Client). Unset options take the core's defaults."""

    def __new__(
        cls,
        client_id: str,
        private_key: _Key,
        antom_public_key: _Key,
        *,
        region: Optional[str] = None,
        gateway_url: Optional[str] = None,
        key_version: Optional[int] = None,
        agent_token: Optional[str] = None,
        timeout: Optional[float] = None,
        connect_timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        proxy: Optional[str] = None,
        notification_max_age: Optional[float] = None,
        ca_certificate: Optional[_Key] = None,
    ) -> Self: ...
    def call(self, endpoint: str, body: Optional[_Body] = None, **kwargs: Any) -> Response: ...
    def inquire_payment_until_final(self, payment_request_id: str, timeout: float) -> Response: ...
    def verify_notification(self, path: str, headers: _Headers, body: Union[str, bytes]) -> Notification: ...

@disjoint_base
class AsyncClient:
    """The asyncio client (the endpoint methods are added by antom.AsyncClient)."""

    def __new__(
        cls,
        client_id: str,
        private_key: _Key,
        antom_public_key: _Key,
        *,
        region: Optional[str] = None,
        gateway_url: Optional[str] = None,
        key_version: Optional[int] = None,
        agent_token: Optional[str] = None,
        timeout: Optional[float] = None,
        connect_timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        proxy: Optional[str] = None,
        notification_max_age: Optional[float] = None,
        ca_certificate: Optional[_Key] = None,
    ) -> Self: ...
    def call(self, endpoint: str, body: Optional[_Body] = None, **kwargs: Any) -> Awaitable[Response]: ...
    def inquire_payment_until_final(self, payment_request_id: str, timeout: float) -> Awaitable[Response]: ...
    def verify_notification(self, path: str, headers: _Headers, body: Union[str, bytes]) -> Notification: ...
