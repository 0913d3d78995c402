"""Bad input gets the right exception, never a crash."""
import pytest

import antom
from conftest import VECTORS, pay_body


def test_public_key_given_as_private(sim):
    with pytest.raises(antom.InvalidKeyError, match="public key"):
        antom.Client(sim["client_id"], VECTORS / "test_public_spki.pem", VECTORS / "test_public_spki.pem", gateway_url=sim["url"])


def test_wrong_key_types():
    with pytest.raises(TypeError):
        antom.Client("C", 42, "x")
    with pytest.raises(TypeError):
        antom.Client("C", VECTORS / "test_private_pkcs8.pem", None)


def test_non_json_and_oversize_bodies(client):
    with pytest.raises(antom.InvalidInputError, match="not valid JSON"):
        client.call("payments.pay", "not json")
    with pytest.raises(antom.InvalidInputError, match="JSON object"):
        client.call("payments.pay", b"[1, 2]")
    with pytest.raises(antom.InvalidInputError, match="limit"):
        client.call("payments.pay", b" " * (2 * 1024 * 1024))
    with pytest.raises(antom.InvalidInputError, match="limit"):
        client.pay({"paymentRequestId": "big", "blob": "x" * (2 * 1024 * 1024)})
    with pytest.raises(TypeError):
        client.call("payments.pay", 12)
    with pytest.raises(TypeError):
        client.pay({"when": object()})
    with pytest.raises(TypeError):
        client.pay()
    with pytest.raises(antom.InvalidInputError, match="unknown endpoint"):
        client.call("nope", {})
    with pytest.raises(antom.InvalidInputError, match="invalid endpoint path"):
        client.call("/ams/api/v1/x?y=1", {})


def test_bytes_and_str_bodies_sign_the_same(vectors):
    case = vectors["sign_cases"][3]  # non-ASCII body
    key = vectors["keys"]["private_pkcs8_base64"]
    a = antom.sign_request(key, "POST", case["path"], case["client_id"], case["time"], case["body"])
    b = antom.sign_request(key, "POST", case["path"], case["client_id"], case["time"], case["body"].encode("utf-8"))
    assert a == b == case["signature_header"]


def test_exceptions_form_a_hierarchy():
    for cls in (antom.InvalidKeyError, antom.InvalidInputError, antom.SignatureError, antom.TransportError,
                antom.TimeoutError, antom.OutcomeUnknownError, antom.HttpStatusError):
        assert issubclass(cls, antom.AntomError)
    assert issubclass(antom.TimeoutError, TimeoutError)
    assert issubclass(antom.InvalidInputError, ValueError)


def test_enormous_timeouts_are_typed_errors(sim, client):
    # `now + timeout` used to overflow the clock and raise PanicException.
    for bad in (1e19, float("inf"), float("nan"), -1.0, 0.0, 7200.0):
        with pytest.raises(antom.InvalidInputError):
            from conftest import make_client
            make_client(sim, timeout=bad)
    for bad in (1e19, float("inf"), 90000.0):
        with pytest.raises(antom.InvalidInputError):
            client.inquire_payment_until_final("x", bad)


def key_windows(pem, n=16):
    body = "".join(pem.splitlines()[1:-1])
    return {body[i:i + n] for i in range(len(body) - n + 1)}


def test_malformed_pem_armour_never_puts_the_key_in_the_error():
    pem = (VECTORS / "test_private_pkcs8.pem").read_text()
    windows = key_windows(pem)
    for broken in (pem.replace("-----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY----"),
                   pem.replace("-----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY"),
                   pem.replace("-----END PRIVATE KEY-----", "-----END PRIVATE KEY"),
                   pem.replace("-----BEGIN PRIVATE KEY-----\n", "-----BEGIN PRIVATE KEY ")):
        for attempt in (lambda: antom.Client("C1", broken, VECTORS / "test_public_spki.pem"),
                        lambda: antom.sign_request(broken, "POST", "/p", "C1", "1", b"{}")):
            with pytest.raises(antom.InvalidKeyError) as e:
                attempt()
            text = str(e.value) + repr(e.value) + "".join(e.value.args)
            compact = "".join(text.split())
            # Say where, never what: the message must not print key text itself.
            assert not any(w in compact for w in windows), "the error quotes the key"


def test_deeply_nested_bodies_are_typed_errors_not_crashes(client):
    deep: object = "x"
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(antom.InvalidInputError, match="nested deeper"):
        client.pay({"paymentRequestId": "deep-1", "x": deep})
    nested: dict = {}
    for _ in range(200):
        nested = {"a": nested}
    with pytest.raises(antom.InvalidInputError):
        client.pay(payment_request_id="deep-2", meta=nested)
