"""The simulator over HTTPS: the client trusts its local CA only through `ca_certificate`
(certificates are always checked), and a whole payment runs over rustls."""
import json
import pathlib
import ssl
import urllib.request

import pytest

import antom
from conftest import make_client, pay_body


def test_a_payment_over_https_trusting_only_the_simulators_ca(tls_sim):
    assert tls_sim["url"].startswith("https://127.0.0.1:")
    ca = pathlib.Path(tls_sim["ca_certificate_file"])
    with pytest.raises(antom.TransportError) as e:
        make_client(tls_sim, max_retries=0).pay(pay_body("py-tls-0"))
    assert not e.value.outcome_unknown, "refused before anything was sent"

    client = make_client(tls_sim, ca_certificate=ca)
    r = client.pay(pay_body("py-tls-1"))
    assert r.verified and r.result_code == "PAYMENT_IN_PROCESS"
    assert r.data["normalUrl"].startswith("https://127.0.0.1:")
    context = ssl.create_default_context(cafile=str(ca))
    done = urllib.request.Request(f"{tls_sim['url']}/sim/payments/{r.data['paymentId']}/complete", method="POST", data=b"")
    with urllib.request.urlopen(done, context=context) as answer:
        assert json.loads(answer.read())["paymentStatus"] == "SUCCESS"
    final = client.inquire_payment_until_final("py-tls-1", 5.0)
    assert final.verified and final.data["paymentStatus"] == "SUCCESS"
    refund = client.refund({"refundRequestId": "py-tls-r-1", "paymentId": r.data["paymentId"],
                            "refundAmount": {"currency": "USD", "value": "1000"}})
    assert refund.verified and refund.result_status == "S"
    # The CA as text works the same.
    assert make_client(tls_sim, ca_certificate=ca.read_text()).inquiry_payment(payment_request_id="py-tls-1").verified
