"""Interop: Antom's official Python SDK (global-open-sdk-python) talks to our simulator and its
own verifier accepts the simulator's response signatures; it is an independent client."""
import http.client
import json
import pathlib
import urllib.parse

import pytest

from com.alipay.ams.api import default_alipay_client
from com.alipay.ams.api.default_alipay_client import DefaultAlipayClient
from com.alipay.ams.api.model.amount import Amount
from com.alipay.ams.api.model.payment_method import PaymentMethod
from com.alipay.ams.api.model.product_code_type import ProductCodeType
from com.alipay.ams.api.request.pay.alipay_pay_request import AlipayPayRequest
from com.alipay.ams.api.request.pay.alipay_pay_query_request import AlipayPayQueryRequest


def bare_base64(pem_path):
    return "".join(l for l in pathlib.Path(pem_path).read_text().splitlines() if not l.startswith("-----"))


def plain_http_post(url, headers=None, req_body=None, charset="UTF-8"):
    """Stands in for the SDK's do_post, whose transport is fixed to HTTPS on port 443."""
    parsed = urllib.parse.urlparse(url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    conn.request("POST", parsed.path, body=req_body.encode(charset), headers=headers)
    resp = conn.getresponse()
    assert resp.status == 200
    out = (resp.getheaders(), resp.read())
    conn.close()
    return out


@pytest.fixture
def official_client(sim, monkeypatch):
    monkeypatch.setattr(default_alipay_client, "do_post", plain_http_post)
    return DefaultAlipayClient(
        sim["url"], sim["client_id"],
        bare_base64(sim["merchant_private_key_file"]), bare_base64(sim["antom_public_key_file"]),
    )


def pay_request(request_id, value="1000"):
    req = AlipayPayRequest()
    req.payment_request_id = request_id
    req.product_code = ProductCodeType.CASHIER_PAYMENT
    amount = Amount()
    amount.currency = "USD"
    amount.value = value
    req.payment_amount = amount
    method = PaymentMethod()
    method.payment_method_type = "ALIPAY_CN"
    req.payment_method = method
    req.payment_redirect_url = "https://merchant.example/return"
    return req


def test_official_sdk_pays_and_verifies_the_simulators_signature(official_client):
    body = json.loads(official_client.execute(pay_request("interop-1")))
    assert body["result"]["resultCode"] == "PAYMENT_IN_PROCESS"
    assert body["paymentRequestId"] == "interop-1"
    query = AlipayPayQueryRequest()
    query.payment_request_id = "interop-1"
    status = json.loads(official_client.execute(query))
    assert status["paymentStatus"] == "PROCESSING"


def test_official_sdk_rejects_a_corrupted_simulator_signature(official_client):
    from com.alipay.ams.api.exception.exception import AlipayApiException
    with pytest.raises(AlipayApiException, match="verify"):
        official_client.execute(pay_request("interop-2", value="9903"))
