"""A real WSGI webhook receiving the simulator's notifications: verify first, then ack;
redelivery until acked; tampered notifications rejected."""
import json
import threading
import time
import urllib.request
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

import antom
from conftest import VECTORS, pay_body


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def start_webhook(client, fail_first=0):
    got = []

    def app(environ, start_response):
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        try:
            n = client.verify_notification(environ["PATH_INFO"] + "?" + environ.get("QUERY_STRING", ""), headers, body)
        except antom.SignatureError as e:
            got.append(e)
            start_response("401 Unauthorized", [("Content-Type", "text/plain")])
            return [b"bad signature"]
        got.append(n)
        if len([g for g in got if isinstance(g, antom.Notification)]) <= fail_first:
            start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
            return [b"busy"]
        start_response("200 OK", [("Content-Type", "application/json")])
        return [antom.NOTIFICATION_ACK.encode()]

    server = make_server("127.0.0.1", 0, app, handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/antom/notify?shop=1", got


def wait_for(got, n):
    for _ in range(200):
        if len(got) >= n:
            return got
        time.sleep(0.02)
    return got


def complete(sim, payment_id):
    urllib.request.urlopen(urllib.request.Request(f"{sim['url']}/sim/payments/{payment_id}/complete", method="POST", data=b""))


def test_notifications_are_verified_and_acked_with_redelivery(sim, client):
    server, url, got = start_webhook(client, fail_first=2)
    pay = client.pay(pay_body("hook-1", notify=url))
    complete(sim, pay.data["paymentId"])
    wait_for(got, 3)
    time.sleep(0.2)
    server.shutdown()
    assert len(got) == 3, got
    for n in got:
        assert isinstance(n, antom.Notification)
        assert (n.kind, n.result_status, n.result_code) == ("PAYMENT_RESULT", "S", "SUCCESS")
        assert n.data["paymentRequestId"] == "hook-1"
        assert n.model == "PayResultNotify" and isinstance(n.data, antom.models.PayResultNotify)
        assert n.data.result is not None and n.data.result.result_code == "SUCCESS"
        assert n.client_id == sim["client_id"]
    log = json.loads(urllib.request.urlopen(sim["url"] + "/sim/notifications").read())
    assert [d["acked"] for d in log["deliveries"]] == [False, False, True]


def test_a_corrupted_notification_raises_signature_error(sim, client):
    server, url, got = start_webhook(client)
    pay = client.pay(pay_body("hook-2", value="9907", notify=url))
    complete(sim, pay.data["paymentId"])
    wait_for(got, 1)
    server.shutdown()
    assert isinstance(got[0], antom.SignatureError)
    assert got[0].kind == "SIGNATURE_MISMATCH"


def test_verify_notification_accepts_any_mapping_and_rejects_tampering(client, sim):
    key = open(sim["merchant_private_key_file"]).read()  # stands in for Antom's key: wrong signer
    body = b'{"notifyType":"PAYMENT_RESULT","result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":""}}'
    sig = antom.sign_request(key, "POST", "/n", sim["client_id"], "2024-01-01T00:00:00Z", body)
    with pytest.raises(antom.SignatureError):
        client.verify_notification("/n", {"Client-Id": sim["client_id"], "Request-Time": "2024-01-01T00:00:00Z", "Signature": sig}, body)
    with pytest.raises(antom.InvalidInputError) as e:
        client.verify_notification("/n", [("Client-Id", sim["client_id"])], body)
    assert e.value.kind == "INVALID_HEADER"
    with pytest.raises(TypeError):
        client.verify_notification("/n", {"a": 1}, body)


HOSTILE_TARGETS = [
    "/antom/notify?next=https://x{p}",
    "/antom/notify#https://x{p}",
    "//x{p}",
    "https://shop.example/antom/notify?u=https://x{p}",
    "/ams%2Fapi%2Fv1%2Fpayments%2FinquiryPayment",
    "?{p}",
]


def test_a_message_signed_for_another_path_is_refused(client, vectors):
    """An Antom-signed message for another path (an API response has the same format) must not
    pass as a notification through the query string, a fragment or a `//` prefix."""
    api_path = "/ams/api/v1/payments/inquiryPayment"
    key = (VECTORS / "test_private_pkcs8.pem").read_text()
    verifier = antom.Client("M1", VECTORS / "test_private_merchant_pkcs8.pem", VECTORS / "test_public_spki.pem")
    body = b'{"notifyType":"PAYMENT_RESULT","paymentRequestId":"o1"}'
    t = "2024-01-01T00:00:00Z"
    sig = antom.sign_request(key, "POST", api_path, "M1", t, body)
    headers = {"client-id": "M1", "request-time": t, "signature": sig}
    for target in HOSTILE_TARGETS:
        with pytest.raises((antom.SignatureError, antom.InvalidInputError)):
            verifier.verify_notification(target.format(p=api_path), headers, body)
    assert verifier.verify_notification(api_path, headers, body).kind == "PAYMENT_RESULT"


@pytest.mark.parametrize("body, kind, model", [
    (b'{"authorizationNotifyType":"AUTHCODE_CREATED","authCode":"a1"}', "AUTHCODE_CREATED", "AuthNotify"),
    (b'{"authorizationNotifyType":"TOKEN_CANCELED"}', "TOKEN_CANCELED", "AuthNotify"),
    (b'{"notifyType":"CAPTURE_RESULT","captureId":"c1"}', "CAPTURE_RESULT", "CaptureResultNotify"),
    (b'{"disputeNotificationType":"DISPUTE_CREATED","disputeId":"d1"}', "DISPUTE_CREATED", "DisputeNotify"),
    (b'{"notifyType":"SOMETHING_NEW","x":1}', "SOMETHING_NEW", "BaseNotify"),
])
def test_every_discriminator_gives_the_typed_notification(body, kind, model):
    key = (VECTORS / "test_private_pkcs8.pem").read_text()
    verifier = antom.Client("M1", VECTORS / "test_private_merchant_pkcs8.pem", VECTORS / "test_public_spki.pem")
    t = "2024-01-01T00:00:00Z"
    headers = {"client-id": "M1", "request-time": t, "signature": antom.sign_request(key, "POST", "/n", "M1", t, body)}
    n = verifier.verify_notification("/n", headers, body)
    assert (n.kind, n.model) == (kind, model)
    assert isinstance(n.data, getattr(antom.models, model))
    assert n.data.to_wire() == json.loads(body)  # unknown fields kept


def _missed_payment(sim, client, request_id):
    """A paid payment whose notification could not be delivered (nothing listens there)."""
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    pay = client.pay(pay_body(request_id, notify=f"http://127.0.0.1:{port}/hooks/antom"))
    req = urllib.request.Request(sim["url"] + f"/sim/payments/{pay.data['paymentId']}/complete", method="POST", data=b"")
    urllib.request.urlopen(req).read()


def test_missed_webhooks_are_recovered_typed(sim, client):
    _missed_payment(sim, client, "py-rec-1")
    found = client.recover_notifications("2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z")
    mine = [n for n in found if n.data["paymentRequestId"] == "py-rec-1"]
    assert len(mine) == 1
    n = mine[0]
    assert (n.kind, n.model) == ("PAYMENT_RESULT", "PayResultNotify")
    assert isinstance(n.data, antom.models.PayResultNotify) and n.data.result.result_status == "S"
    assert json.loads(n.raw)["paymentRequestId"] == "py-rec-1"
    assert client.recover_notifications("1999-01-01T00:00:00Z", "1999-12-31T00:00:00Z") == []


def test_recovery_from_the_async_client(sim):
    import asyncio
    from conftest import make_client
    client = make_client(sim)
    _missed_payment(sim, client, "py-rec-2")
    aclient = make_client(sim, antom.AsyncClient)

    async def recover():
        return await aclient.recover_notifications("2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z")

    found = asyncio.run(recover())
    assert [n.data["paymentRequestId"] for n in found] == ["py-rec-2"]
    assert isinstance(found[0].data, antom.models.PayResultNotify)
