"""`antom.webhooks` inside the real frameworks (Flask, FastAPI, Starlette, Django, plain WSGI),
each served over real HTTP on loopback: `antom check webhook` must pass every line (genuine
notifications of each family and a redelivery acked, forgeries refused), a handler that raises
gets 500 and no ack, and the handler only ever sees verified, typed notifications."""
import asyncio
import socketserver
import subprocess
import sys
import threading
import time
import types
import urllib.error
import urllib.request
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

import antom
from conftest import ANTOM, VECTORS

ANTOM_KEY = VECTORS / "test_private_pkcs8.pem"
CLIENT_ID = "M1"
PATH = "/antom/notify"


def verifier():
    return antom.Client(CLIENT_ID, VECTORS / "test_private_merchant_pkcs8.pem", VECTORS / "test_public_spki.pem")


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


def serve_wsgi(app):
    server = make_server("127.0.0.1", 0, app, server_class=ThreadingWSGIServer, handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}{PATH}", server.shutdown


def flask_app(client, handler):
    from flask import Flask

    app = Flask("antom_webhook_test")
    app.add_url_rule(PATH, view_func=antom.webhooks.flask_view(client, handler), methods=["POST"])
    return serve_wsgi(app)


def serve_asgi(app):
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(500):
        if server.started:
            break
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]

    def stop():
        server.should_exit = True
        thread.join(timeout=10)

    return f"http://127.0.0.1:{port}{PATH}", stop


def fastapi_app(client, handler):
    from fastapi import FastAPI

    app = FastAPI()
    app.post(PATH)(antom.webhooks.starlette_endpoint(client, handler))
    return serve_asgi(app)


def starlette_app(client, handler):
    from starlette.applications import Starlette
    from starlette.routing import Route

    async def async_handler(n):
        await asyncio.sleep(0)
        handler(n)

    endpoint = antom.webhooks.starlette_endpoint(client, async_handler)
    return serve_asgi(Starlette(routes=[Route(PATH, endpoint, methods=["POST"])]))


def django_app(client, handler):
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DEBUG=False, SECRET_KEY="test-only", ALLOWED_HOSTS=["127.0.0.1"], ROOT_URLCONF="antom_test_urls",
            MIDDLEWARE=["django.middleware.common.CommonMiddleware", "django.middleware.csrf.CsrfViewMiddleware"],
        )
        django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.urls import clear_url_caches, path

    urls = types.ModuleType("antom_test_urls")
    urls.urlpatterns = [path(PATH.lstrip("/"), antom.webhooks.django_view(client, handler))]
    sys.modules["antom_test_urls"] = urls
    clear_url_caches()
    return serve_wsgi(WSGIHandler())


def wsgi_app(client, handler):
    return serve_wsgi(antom.webhooks.wsgi_app(client, handler))


FRAMEWORKS = {"flask": flask_app, "fastapi": fastapi_app, "starlette": starlette_app, "django": django_app,
              "wsgi": wsgi_app}


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_antom_check_webhook_passes(framework):
    seen = []
    url, stop = FRAMEWORKS[framework](verifier(), seen.append)
    try:
        check = subprocess.run([ANTOM, "check", "webhook", url, "--antom-private-key", str(ANTOM_KEY),
                                "--client-id", CLIENT_ID], capture_output=True, text=True, timeout=120)
    finally:
        stop()
    assert check.returncode == 0, check.stdout + check.stderr
    # Six families, a redelivery and a kind it does not know reached the handler, each verified
    # and typed; none of the four forgeries did.
    assert len(seen) == 8, [n.kind for n in seen]
    assert all(isinstance(n, antom.Notification) and n.client_id == CLIENT_ID for n in seen)
    assert {type(n.data).__name__ for n in seen} >= {"PayResultNotify", "RefundNotify", "AuthNotify", "BaseNotify"}


def post(url, body, headers):
    req = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def signed(body, path=PATH):
    t = "2026-12-06T00:00:00Z"
    sig = antom.sign_request(ANTOM_KEY.read_text(), "POST", path, CLIENT_ID, t, body)
    return {"Client-Id": CLIENT_ID, "Request-Time": t, "Signature": sig, "Content-Type": "application/json"}


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_handler_that_raises_gets_500_and_no_ack_then_the_redelivery_is_acked(framework, caplog):
    calls = []

    def flaky(n):
        calls.append(n)
        if len(calls) == 1:
            raise RuntimeError("database down")

    url, stop = FRAMEWORKS[framework](verifier(), flaky)
    body = b'{"notifyType":"PAYMENT_RESULT","paymentRequestId":"w-1","result":{"resultStatus":"S","resultCode":"SUCCESS"}}'
    try:
        first = post(url, body, signed(body))
        again = post(url, body, signed(body))
        forged = post(url, body.replace(b"w-1", b"w-2"), signed(body))
        for_other_path = post(url, body, signed(body, "/elsewhere"))
    finally:
        stop()
    assert first[0] == 500 and antom.NOTIFICATION_ACK not in first[1]
    assert again == (200, antom.NOTIFICATION_ACK)
    assert forged[0] == 401 and for_other_path[0] == 401
    assert len(calls) == 2 and calls[0].data.payment_request_id == "w-1"
    assert "the handler raised" in caplog.text and "database down" in caplog.text


def test_a_key_the_server_cannot_use_is_no_ack_so_antom_redelivers():
    """A delivery that fails for the server's own reason (not the sender's) must not be refused
    as forged: 500, so Antom tries again once the server is fixed."""
    assert antom.webhooks.answer(verifier(), PATH, [], b"{}", lambda n: None).status == 401  # unsigned
    reply = antom.webhooks.answer(verifier(), PATH, signed(b"[1]"), b"[1]", lambda n: None)
    assert reply == antom._replies.MALFORMED  # verified, but not a notification object
    assert antom._replies.REPLY_FOR_KIND["INVALID_KEY"].status == 500
