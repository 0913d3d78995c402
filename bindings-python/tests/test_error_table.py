"""Runs tests/errors.json, the error table every binding shares: each row's error must surface
as its family's class, with its kind and fields."""
import json
import socket

import pytest

import antom
from conftest import ROOT, VECTORS, make_client, pay_body
from test_client import sim_arm

TABLE = json.loads((ROOT / "tests" / "errors.json").read_text())


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def trigger(case, sim, n):
    t = case["trigger"]
    if t == "sign_bad_key":
        antom.sign_request("garbage", "POST", "/p", "C1", "1", b"{}")
    elif t == "verify_bad_header":
        antom.verify_signature(VECTORS / "test_public_spki.pem", "POST", "/p", "C1", "1", b"{}",
                               "algorithm=RSA512,signature=abc")
    elif t == "call_unknown_endpoint":
        make_client(sim).call("no.such.endpoint", {})
    elif t == "inquiry_closed_port":
        antom.Client("C1", VECTORS / "test_private_merchant_pkcs8.pem", VECTORS / "test_public_spki.pem",
                     gateway_url=f"http://127.0.0.1:{closed_port()}", max_retries=0
                     ).inquiry_payment(payment_request_id="x")
    elif t == "inquiry_fault":
        sim_arm(sim, "payments/inquiryPayment", case["fault"])
        kw = {"timeout": case["timeout_ms"] / 1000} if "timeout_ms" in case else {}
        make_client(sim, max_retries=0, **kw).inquiry_payment(payment_request_id="x")
    elif t == "pay_fault":
        make_client(sim, max_retries=0).pay(pay_body(f"et-py-{n}", str(case["fault"])))
    else:
        raise AssertionError(f"unknown trigger {t}")


@pytest.mark.parametrize("n,case", list(enumerate(TABLE["cases"])), ids=[c["kind"] for c in TABLE["cases"]])
def test_error_table(sim, n, case):
    family = TABLE["families"][case["kind"]]
    cls = getattr(antom, TABLE["classes"]["python"][family])
    with pytest.raises(antom.AntomError) as e:
        trigger(case, sim, n)
    err = e.value
    assert type(err) is cls, f"{case['kind']} surfaced as {type(err).__name__}, not {cls.__name__}"
    assert err.kind == case["kind"]
    assert err.outcome_unknown is case["outcome_unknown"]
    if "http_status" in case:
        assert err.http_status == case["http_status"]
    if case.get("idempotency_key"):
        assert err.idempotency_key == f"et-py-{n}"
