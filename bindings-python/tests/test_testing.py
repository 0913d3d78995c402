"""antom.testing as a merchant's own suite uses it: the `antom_simulator` fixture (the plugin
registered on install), a WSGI webhook written with antom.webhooks, a whole pay / notify /
refund flow, a fault that leaves the outcome unknown, and a clean stop. No `antom sim` process."""
import threading
import time
import wsgiref.simple_server

import pytest

import antom
from antom.models import Amount, PaymentMethod, PayRequest, ProductCodeType, RefundRequest
from antom.testing import Simulator


class _Quiet(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def webhook(antom_simulator):
    """The merchant's notify endpoint: what it was handed, and its URL."""
    got = []
    app = antom.webhooks.wsgi_app(antom_simulator.client, got.append)
    server = wsgiref.simple_server.make_server("127.0.0.1", 0, app, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield got, f"http://127.0.0.1:{server.server_port}/antom/notify"
    server.shutdown()
    server.server_close()


def wait_for(cond, what, timeout=10.0):
    end = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < end, what
        time.sleep(0.02)


def order(request_id, notify):
    return PayRequest(payment_request_id=request_id, product_code=ProductCodeType.CASHIER_PAYMENT,
                      payment_amount=Amount(currency="USD", value=antom.to_minor_units("USD", "19.99")),
                      payment_method=PaymentMethod(payment_method_type="ALIPAY_CN"),
                      payment_notify_url=notify)


def test_pay_notify_refund_in_process(antom_simulator, webhook):
    sim, (got, url) = antom_simulator, webhook
    assert isinstance(sim, Simulator) and sim.url.startswith("http://127.0.0.1:")
    pay = sim.client.pay(order("t-1", url))
    assert (pay.result_status, pay.verified) == ("U", True)
    payment_id = pay.data.payment_id
    assert sim.payment(payment_id)["paymentStatus"] == "PROCESSING"
    assert sim.complete(payment_id) == {"paymentId": payment_id, "paymentStatus": "SUCCESS"}
    wait_for(lambda: got, "the payment notification reached the webhook")
    n = got[0]
    assert (n.kind, n.model, n.data.payment_request_id, n.data.payment_amount.value) == (
        "PAYMENT_RESULT", "PayResultNotify", "t-1", "1999")
    wait_for(lambda: any(d["acked"] for d in sim.deliveries()), "the delivery was acked")
    refund = sim.client.refund(RefundRequest(refund_request_id="t-1-r", payment_id=payment_id,
                                             refund_amount=Amount(currency="USD", value="500")))
    assert refund.is_success and refund.verified
    assert sim.client.inquiry_refund(refund_request_id="t-1-r").data.refund_status == "SUCCESS"
    assert sim.payment(payment_id)["refunded"] == "500"


def test_a_fault_leaves_the_outcome_unknown_and_inquiry_settles_it(antom_simulator):
    sim = antom_simulator
    assert sim.arm_fault("/payments/pay", 9901) == {"path": "/payments/pay", "code": 9901, "count": 1}
    pay = sim.client.pay(order("t-2", None))
    assert (pay.result_status, pay.result_code) == ("U", "UNKNOWN_EXCEPTION")
    again = sim.client.inquiry_payment(payment_request_id="t-2")
    assert again.verified and again.data.payment_request_id == "t-2"


def test_bad_controls_are_typed_and_a_stopped_simulator_refuses():
    with pytest.raises(antom.InvalidInputError, match="timeScale"):
        Simulator(time_scale=-1)
    with Simulator(audit=True) as sim:
        assert sim.audit()["audit"] is True
        with pytest.raises(antom.InvalidInputError, match="no such payment"):
            sim.complete("nope")
        with pytest.raises(antom.InvalidInputError, match="code"):
            sim.arm_fault("/payments/pay", 1234)
        # Its own clients take options: with no retries, a 500 on a pay is an unknown outcome
        # (never a failure), with the key to inquire by.
        sim.arm_fault("/payments/pay", 9905)
        with pytest.raises(antom.OutcomeUnknownError) as e:
            sim.new_client(max_retries=0).pay(order("t-3", None))
        assert e.value.idempotency_key == "t-3"
        assert repr(sim).startswith("antom.testing.Simulator(url='http://127.0.0.1:")
    with pytest.raises(antom.InvalidInputError, match="stopped"):
        sim.deliveries()


async def _async_pay(sim):
    return await sim.async_client().pay(order("t-4", None))


def test_async_client(antom_simulator):
    import asyncio

    r = asyncio.run(_async_pay(antom_simulator))
    assert r.result_status == "U" and r.verified
