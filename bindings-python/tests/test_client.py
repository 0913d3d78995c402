"""The Python client against the simulator over real HTTP: the whole flow, every fault code,
idempotent retries, kwargs, reprs without key material."""
import json
import time
import urllib.request

import pytest

import antom
from conftest import make_client, pay_body


def sim_arm(sim, path, code):
    """Arms a simulator fault for the next request to `path`."""
    req = urllib.request.Request(sim["url"] + "/sim/faults", method="POST",
                                 data=json.dumps({"path": path, "code": int(code)}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return r.read()


def sim_post(sim, path):
    req = urllib.request.Request(sim["url"] + path, method="POST", data=b"")
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())


def test_whole_flow(sim, client):
    pay = client.pay(pay_body("py-1"))
    assert (pay.result_status, pay.result_code, pay.verified) == ("U", "PAYMENT_IN_PROCESS", True)
    assert pay.is_unknown and not pay.is_success
    assert pay.http_status == 200 and pay.attempts == 1 and pay.idempotency_key == "py-1"
    assert "signature" in pay.headers
    payment_id = pay.data["paymentId"]
    assert pay.data["normalUrl"].endswith(payment_id)
    assert json.loads(pay.raw) == pay.data
    assert sim_post(sim, f"/sim/payments/{payment_id}/complete")["paymentStatus"] == "SUCCESS"
    final = client.inquire_payment_until_final("py-1", 5.0)
    assert final.data["paymentStatus"] == "SUCCESS" and final.is_success
    refund = client.refund(refund_request_id="py-1-r", payment_id=payment_id,
                           refund_amount={"currency": "USD", "value": "300"})
    assert refund.is_success and refund.verified
    again = client.refund({"refundRequestId": "py-1-r", "paymentId": payment_id,
                           "refundAmount": {"currency": "USD", "value": "300"}})
    assert again.data["refundId"] == refund.data["refundId"]
    inq = client.inquiry_refund(refund_request_id="py-1-r")
    assert inq.data["refundStatus"] == "SUCCESS"
    over = client.call("payments.refund", {"refundRequestId": "py-1-r2", "paymentId": payment_id,
                                           "refundAmount": {"currency": "USD", "value": "701"}})
    assert (over.result_status, over.result_code) == ("F", "REFUND_AMOUNT_EXCEED")


def test_bodies_as_str_bytes_and_kwargs(client):
    body = json.dumps(pay_body("py-2"))
    a = client.pay(body)
    b = client.call("/ams/api/v1/payments/pay", body.encode())
    assert a.data["paymentId"] == b.data["paymentId"]
    c = client.pay(payment_request_id="py-2", payment_amount={"currency": "USD", "value": "1000"},
                   product_code="CASHIER_PAYMENT", payment_method={"payment_method_type": "ALIPAY_CN"})
    assert c.data["paymentId"] == a.data["paymentId"]
    d = client.pay(pay_body("py-2", value="999"))
    assert d.result_code == "REPEAT_REQ_INCONSISTENT"


def test_f9901_unknown_then_success(client):
    r = client.pay(pay_body("py-9901", "9901"))
    assert (r.result_status, r.result_code) == ("U", "UNKNOWN_EXCEPTION")
    assert client.inquire_payment_until_final("py-9901", 5.0).data["paymentStatus"] == "SUCCESS"


def test_f9902_slow_is_outcome_unknown(sim):
    client = make_client(sim, timeout=0.4, max_retries=0)
    with pytest.raises(antom.OutcomeUnknownError) as e:
        client.pay(pay_body("py-9902", "9902"))
    assert e.value.kind == "OUTCOME_UNKNOWN" and e.value.idempotency_key == "py-9902"
    assert client.inquiry_payment(payment_request_id="py-9902").data["paymentStatus"] == "PROCESSING"


def test_f9903_bad_signature(client):
    with pytest.raises(antom.SignatureError) as e:
        client.pay(pay_body("py-9903", "9903"))
    assert e.value.kind == "SIGNATURE_MISMATCH" and "py-9903" in e.value.raw
    # The pay was sent and got no trustworthy answer: its outcome is unknown.
    assert e.value.outcome_unknown


def test_f9904_unsigned_success(client):
    with pytest.raises(antom.SignatureError) as e:
        client.pay(pay_body("py-9904", "9904"))
    assert e.value.kind == "UNSIGNED_RESPONSE"


def test_f9905_server_error_is_retried(sim, client):
    r = client.pay(pay_body("py-9905", "9905"))
    assert r.attempts == 2 and r.result_code == "PAYMENT_IN_PROCESS"
    # A final 500 on a pay may hide a payment: OutcomeUnknownError, status and body kept.
    with pytest.raises(antom.OutcomeUnknownError) as e:
        make_client(sim, max_retries=0).pay(pay_body("py-9905b", "9905"))
    assert e.value.http_status == 500 and e.value.raw and e.value.outcome_unknown
    assert e.value.idempotency_key == "py-9905b"
    assert e.value.attempt_history == ("attempt 1: HTTP 500",)
    # On an inquiry nothing can have happened: a plain status error.
    with pytest.raises(antom.AntomError) as e:
        antom_retryless = make_client(sim, max_retries=0)
        sim_arm(sim, "payments/inquiryPayment", "9905")
        antom_retryless.inquiry_payment(payment_request_id="py-9905b")
    assert not e.value.outcome_unknown


def test_f9906_balance(client):
    r = client.pay(pay_body("py-9906", "9906"))
    assert (r.result_status, r.result_code, r.verified) == ("F", "USER_BALANCE_NOT_ENOUGH", True)


def test_transport_errors_are_typed():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    from conftest import VECTORS
    c = antom.Client("C1", VECTORS / "test_private_merchant_pkcs8.pem", VECTORS / "test_public_spki.pem",
                     gateway_url=f"http://127.0.0.1:{port}", max_retries=0)
    with pytest.raises(antom.TransportError) as e:
        c.inquiry_payment(payment_request_id="x")
    assert e.value.kind == "TRANSPORT"


def test_reprs_hold_no_key_material(sim, client):
    text = repr(client) + repr(client.consult(product_code="CASHIER_PAYMENT"))
    key_text = open(sim["merchant_private_key_file"]).read()
    body = "".join(key_text.splitlines()[1:-1])
    for i in range(0, len(body) - 16, 16):
        assert body[i:i + 16] not in text
    assert sim["client_id"] in repr(client)


def test_config_errors(sim):
    with pytest.raises(antom.InvalidInputError):
        make_client(sim, timeout=-1)
    with pytest.raises(ValueError):
        antom.Client("C", "x", "y", region="asia", gateway_url="https://a")
    from conftest import VECTORS
    with pytest.raises(antom.InvalidInputError, match="loopback"):
        antom.Client("C", VECTORS / "test_private_pkcs8.pem", VECTORS / "test_public_spki.pem", gateway_url="http://example.com")
    with pytest.raises(antom.InvalidInputError, match="region"):
        antom.Client("C", VECTORS / "test_private_pkcs8.pem", VECTORS / "test_public_spki.pem", region="mars")


def sim_requests(sim):
    with urllib.request.urlopen(sim["url"] + "/sim/requests") as r:
        return json.loads(r.read())["requests"]


def test_request_options_apply_to_one_call(sim, client):
    r = client.pay(pay_body("py-ro-1"), request_options={"headers": {"X-Trace-Id": "py-1"}, "timeout": 5, "max_retries": 1})
    assert r.verified
    last = sim_requests(sim)[-1]
    assert last["path"].endswith("/payments/pay") and last["headers"]["x-trace-id"] == "py-1"
    client.inquiry_payment(payment_request_id="py-ro-1")
    assert "x-trace-id" not in sim_requests(sim)[-1]["headers"]
    # The slow fault with a per-call timeout (the client's is 15 s) and no retries for that call.
    started = time.monotonic()
    with pytest.raises(antom.OutcomeUnknownError) as e:
        client.pay(pay_body("py-ro-2", "9902"), request_options={"timeout": 0.3, "max_retries": 0})
    assert e.value.idempotency_key == "py-ro-2" and time.monotonic() - started < 1.4
    # The raw escape hatch takes them too.
    assert client.call("payments.inquiryPayment", {"paymentRequestId": "py-ro-1"}, request_options={"headers": {"X-B": "2"}}).verified
    assert sim_requests(sim)[-1]["headers"]["x-b"] == "2"


@pytest.mark.parametrize("bad,says", [
    ({"headers": {"Signature": "forged"}}, "signature header is set by the SDK"),
    ({"headers": {"Client-Id": "other"}}, "client-id header is set by the SDK"),
    ({"headers": {"X-A": "a\r\nInjected: 1"}}, "x-a header value"),
    ({"max_retries": 1.5}, "max_retries must be a whole number"),
    ({"timeout": 0}, "timeout must be a number of seconds greater than 0"),
    ({"retries": 1}, "unknown call option 'retries'"),
])
def test_bad_request_options_are_typed_errors(client, bad, says):
    with pytest.raises(antom.InvalidInputError, match=says):
        client.inquiry_payment(payment_request_id="py-ro-1", request_options=bad)


def test_request_options_of_the_wrong_type_are_type_errors(client):
    with pytest.raises(TypeError):
        client.inquiry_payment(payment_request_id="x", request_options="fast")
    # A value of the wrong type inside them is bad input, as in every binding.
    with pytest.raises(antom.InvalidInputError, match="timeout must be a number"):
        client.inquiry_payment(payment_request_id="x", request_options={"timeout": "5"})


def test_product_image_upload_from_bytes_and_from_a_file(sim, tmp_path):
    client = make_client(sim, upload_url=sim["url"])
    image = bytes(range(256)) * 400
    r = client.upload_product_image("prod-1", image, file_name="tea.png")
    assert r.verified and r.result_status == "S"
    import hashlib
    assert r.data["fileSha256"] == hashlib.sha256(image).hexdigest()
    last = sim_requests(sim)[-1]
    assert last["headers"]["content-type"].startswith("multipart/form-data; boundary=") and last["bodyBytes"] > 2 * len(image)
    f = tmp_path / "cup.png"
    f.write_bytes(image)
    assert client.upload_product_image_file("prod-1", f).data["fileSha256"] == r.data["fileSha256"]
    assert client.upload_product_image_file("prod-1", str(f)).verified
    big = tmp_path / "big.png"
    big.write_bytes(b"\0" * (2 * 1024 * 1024 + 1))
    before = len(sim_requests(sim))
    with pytest.raises(antom.InvalidInputError, match="at most 2 MiB"):
        client.upload_product_image_file("prod-1", big)
    with pytest.raises(antom.InvalidInputError, match="2 MiB"):
        client.upload_product_image("prod-1", big.read_bytes())
    assert len(sim_requests(sim)) == before
    with pytest.raises(TypeError):
        client.upload_product_image("prod-1", 42)
    # A path given where the bytes go is refused, never uploaded as the file's content.
    with pytest.raises(TypeError, match="must be bytes"):
        client.upload_product_image("prod-1", str(f))
    with pytest.raises(antom.InvalidInputError, match="set upload_url"):
        make_client(sim).upload_product_image("prod-1", image)


def test_usage_events_over_http2_in_a_session(sim, client):
    from antom import models
    session = client.meter_create_session(models.MeterCreateSessionRequest(request_id="py-meter-1"))
    assert session.verified and session.data.session_id
    batch = models.MeterUploadEventRequest(meters=[models.MeterEventBatch(
        event_name="api_calls",
        events=[models.Event(event_timestamp=1700000000000, idempotency_key="py-ev-1")],
    )])
    r = client.upload_meter_events(session.data.session_id, batch)
    assert r.result_status == "S" and not r.verified and r.attempts == 1
    assert isinstance(r.data, models.MeterUploadEventResponse) and r.data.errors == []
    last = sim_requests(sim)[-1]
    assert last["httpVersion"] == "HTTP/2.0" and last["headers"]["x-session-id"] == session.data.session_id
    assert "signature" not in last["headers"]
    assert client.upload_meter_events("SIMSESSION-forged", {"meters": []}).result_code == "SESSION_INVALID"
    with pytest.raises(antom.InvalidInputError, match="session id"):
        client.upload_meter_events("s\r\nX-Injected: 1", {"meters": []})
