"""Webhook handlers for Flask, FastAPI/Starlette, Django and plain WSGI.

Each verifies the raw bytes first, then calls your handler with the typed notification, and
answers Antom exactly as it wants (the core's table, `antom._replies`): HTTP 200 with the ack
once handled; 401 or 400 for a delivery that does not verify, never acted on; 500 and no ack
when your handler raises, so Antom delivers it again. Antom redelivers, so handle each
notification idempotently (by its paymentId, refundId, ...).

    app.add_url_rule("/antom/notify", view_func=antom.webhooks.flask_view(client, on_notification),
                     methods=["POST"])

The frameworks are imported only when their helper is called: none is a dependency.
"""
import inspect
import logging
from typing import Any, Awaitable, Callable, Iterable, Optional, Tuple, Union

from antom._errors import AntomError
from antom._replies import ACKED, FAILED, MAX_NOTIFICATION_BYTES, REPLY_FOR_KIND, WebhookReply
from antom._antom import Notification

__all__ = ["WebhookReply", "answer", "answer_async", "django_view", "flask_view", "starlette_endpoint",
           "wsgi_app"]

logger = logging.getLogger("antom")

Handler = Callable[[Notification[Any]], Any]
Headers = Union[Iterable[Tuple[str, str]], Any]


def _verify(client: Any, path: str, headers: Headers, body: bytes) -> Union[Notification[Any], WebhookReply]:
    try:
        notification: Notification[Any] = client.verify_notification(path, headers, body)
        return notification
    except AntomError as e:
        # What was refused and why, never the body: it was not verified.
        logger.warning("antom webhook: delivery refused (%s): %s", e.kind, e.message)
        return REPLY_FOR_KIND.get(e.kind, FAILED)


def answer(client: Any, path: str, headers: Headers, body: bytes, handler: Handler) -> WebhookReply:
    """Verifies one delivery, hands it to `handler` and says what to answer Antom."""
    verified = _verify(client, path, headers, body)
    if isinstance(verified, WebhookReply):
        return verified
    try:
        handler(verified)
    except Exception:
        logger.exception("antom webhook: the handler raised; no ack, so Antom delivers it again")
        return FAILED
    return ACKED


async def answer_async(client: Any, path: str, headers: Headers, body: bytes,
                       handler: Callable[[Notification[Any]], Union[Awaitable[Any], Any]]) -> WebhookReply:
    """`answer` for asyncio servers: `handler` may be a coroutine function."""
    verified = _verify(client, path, headers, body)
    if isinstance(verified, WebhookReply):
        return verified
    try:
        result = handler(verified)
        if inspect.isawaitable(result):
            await result
    except Exception:
        logger.exception("antom webhook: the handler raised; no ack, so Antom delivers it again")
        return FAILED
    return ACKED


def flask_view(client: Any, handler: Handler, *, path: Optional[str] = None) -> Callable[[], Any]:
    """A Flask view (route it for POST). `path` overrides the request's path, for a proxy that
    rewrites it: the signature covers the path Antom posted to."""
    from flask import Response, request

    def antom_webhook() -> Any:
        length = request.content_length
        # Cached when small enough (a middleware may read it too); never buffered past the limit.
        body = (request.get_data() if length is not None and length <= MAX_NOTIFICATION_BYTES
                else request.stream.read(MAX_NOTIFICATION_BYTES + 1))
        reply = answer(client, path or request.path, request.headers.items(), body, handler)
        return Response(reply.body, status=reply.status, content_type=reply.content_type)

    return antom_webhook


def starlette_endpoint(client: Any, handler: Callable[[Notification[Any]], Any], *,
                       path: Optional[str] = None) -> Callable[[Any], Awaitable[Any]]:
    """A Starlette endpoint, for FastAPI too (`app.post("/antom/notify")(endpoint)` or
    `app.add_route(..., methods=["POST"])`); `handler` may be async."""
    from starlette.requests import Request
    from starlette.responses import Response

    # Annotated with the class itself (not a string), so FastAPI sees a Request parameter.
    async def antom_webhook(request: Request) -> Response:
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_NOTIFICATION_BYTES:
                break  # enough for the core to refuse it; never buffered past the limit
        reply = await answer_async(client, path or request.url.path, request.headers.items(), bytes(body), handler)
        return Response(reply.body, status_code=reply.status, media_type=reply.content_type)

    return antom_webhook


def django_view(client: Any, handler: Handler, *, path: Optional[str] = None) -> Callable[[Any], Any]:
    """A Django view: POST only, exempt from CSRF (Antom's signature is what authenticates it)."""
    # Django ships no type information.
    from django.http import HttpResponse  # type: ignore[import-untyped,unused-ignore]
    from django.views.decorators.csrf import csrf_exempt  # type: ignore[import-untyped,unused-ignore]
    from django.views.decorators.http import require_POST  # type: ignore[import-untyped,unused-ignore]

    def antom_webhook(request: Any) -> Any:
        reply = answer(client, path or request.path, request.headers.items(), request.body, handler)
        return HttpResponse(reply.body, status=reply.status, content_type=reply.content_type)

    view: Callable[[Any], Any] = csrf_exempt(require_POST(antom_webhook))
    return view


def wsgi_app(client: Any, handler: Handler, *, path: Optional[str] = None) -> Callable[..., Iterable[bytes]]:
    """A plain WSGI application (gunicorn, uWSGI, wsgiref) answering every POST as the webhook."""
    from http import HTTPStatus

    def app(environ: Any, start_response: Any) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST":
            start_response("405 Method Not Allowed", [("Allow", "POST")])
            return [b""]
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        # One byte over the limit is enough for the core to refuse it; never buffer more.
        body = environ["wsgi.input"].read(min(length, MAX_NOTIFICATION_BYTES + 1)) if length > 0 else b""
        headers = [(k[5:].replace("_", "-"), v) for k, v in environ.items() if k.startswith("HTTP_")]
        headers += [(k.replace("_", "-"), environ[k]) for k in ("CONTENT_TYPE", "CONTENT_LENGTH") if k in environ]
        target = path or (environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")) or "/"
        reply = answer(client, target, headers, body, handler)
        start_response(f"{reply.status} {HTTPStatus(reply.status).phrase}",
                       [("Content-Type", reply.content_type)])
        return [reply.body.encode()]

    return app
