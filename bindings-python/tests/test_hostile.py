"""Runs tests/hostile.json, the hostile-input table every binding shares: each bad input is a
typed exception of its row's kind, raised at once, with no key text in what it says."""
import json
import socket

import pytest

import antom
from conftest import ROOT, VECTORS

TABLE = json.loads((ROOT / "tests" / "hostile.json").read_text())
KINDS = {"INVALID_KEY": antom.InvalidKeyError, "INVALID_HEADER": antom.InvalidInputError,
         "INVALID_INPUT": antom.InvalidInputError, "TYPE": TypeError}
PEM = (VECTORS / "test_private_pkcs8.pem").read_text()
KEY_LINES = [line for line in PEM.splitlines() if not line.startswith("-----")]


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def value(spec):
    """The row's input as Python has it: str, bytes, a number or a nested list."""
    if "text" in spec:
        return spec["text"]
    if "bytes_hex" in spec:
        return bytes.fromhex(spec["bytes_hex"])
    if "repeat" in spec:
        return spec.get("prefix", "") + spec["repeat"] * spec["times"] + spec.get("suffix", "")
    if "nested_text" in spec:
        n = spec["nested_text"]
        return '{"x":' + "[" * n + "]" * n + "}"
    if "nested" in spec:
        deep: object = "x"
        for _ in range(spec["nested"]):
            deep = [deep]
        return deep
    if "number" in spec:
        return spec["number"]
    if "file" in spec:
        return (VECTORS / spec["file"]).read_text()
    if "test_key_insert" in spec:
        mid = len(PEM) // 2
        return PEM[:mid] + spec["test_key_insert"] + PEM[mid:]
    raise AssertionError(f"unknown input {spec}")


def client(**kw):
    return antom.Client("C1", VECTORS / "test_private_merchant_pkcs8.pem", VECTORS / "test_public_spki.pem",
                        gateway_url=f"http://127.0.0.1:{closed_port()}", max_retries=0, **kw)


def run(row):
    spec, op = row["input"], row["op"]
    v = value(spec)
    if op == "sign":
        antom.sign_request(v, "POST", "/p", "C1", "t", b"{}")
    elif op == "verify":
        antom.verify_signature(VECTORS / "test_public_spki.pem", "POST", "/p", "C1", "t", b"{}", v)
    elif op == "notify":
        body = v.encode() if isinstance(v, str) else v
        headers = {}
        if row.get("signed"):
            sig = antom.sign_request(VECTORS / "test_private_pkcs8.pem", "POST", "/notify", "C1", "t", body)
            headers = {"Client-Id": "C1", "Request-Time": "t", "Signature": sig}
        client().verify_notification("/notify", headers, body)
    elif op == "call":
        if spec.get("field"):
            v = {"paymentRequestId": "big", "x": v}
        elif "nested" in spec:
            v = {"paymentRequestId": "deep", "x": v}
        client().call("payments.pay", v)
    elif op == "call_header":
        client().inquiry_payment({"paymentRequestId": "h"}, request_options={"headers": {"X-Hostile": v}})
    elif op == "call_timeout":
        client().inquiry_payment({"paymentRequestId": "t"}, request_options={"timeout": v})
    elif op == "client_timeout":
        client(timeout=v)
    elif op == "client_antom_key":
        antom.Client("C1", VECTORS / "test_private_merchant_pkcs8.pem", v)
    else:
        raise AssertionError(f"unknown op {op}")


@pytest.mark.parametrize("row", TABLE["rows"], ids=[r["id"] for r in TABLE["rows"]])
def test_hostile_row(row):
    cls = KINDS[row["kind"]]
    with pytest.raises(Exception) as e:
        run(row)
    err = e.value
    assert isinstance(err, cls), f"{row['id']}: {type(err).__name__}: {err}"
    if row["kind"] != "TYPE":
        assert err.kind == row["kind"], f"{row['id']}: {err.kind}"
    if "message" in row:
        assert row["message"] in str(err), f"{row['id']}: {err}"
    shown = f"{err} {err!r}"
    assert len(shown) < 2000, f"{row['id']}: the message repeats the input"
    assert not any(line in shown for line in KEY_LINES), f"{row['id']}: key text in the error"
