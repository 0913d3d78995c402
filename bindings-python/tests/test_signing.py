"""The shared vectors, every key form, every signature spelling; the header matrix."""
import pathlib

import pytest

import antom
from conftest import VECTORS


def key_forms(vectors):
    k = vectors["keys"]
    return [
        k["private_pkcs8_base64"],
        k["private_pkcs1_base64"],
        (VECTORS / "test_private_pkcs8.pem").read_text(),
        (VECTORS / "test_private_pkcs1.pem").read_text(),
        (VECTORS / "test_private_pkcs8.pem").read_bytes(),
        VECTORS / "test_private_pkcs8.der",
        VECTORS / "test_private_pkcs1.pem",
    ]


def public_forms(vectors):
    return [
        vectors["keys"]["public_spki_base64"],
        (VECTORS / "test_public_spki.pem").read_text(),
        (VECTORS / "test_public_pkcs1.pem").read_text(),
        VECTORS / "test_cert.pem",
    ]


def test_every_sign_case_from_every_key_form(vectors):
    for key in key_forms(vectors):
        for case in vectors["sign_cases"]:
            for body in (case["body"], case["body"].encode()):
                got = antom.sign_request(key, case["method"], case["path"], case["client_id"], case["time"], body)
                assert got == case["signature_header"], case["name"]


def test_every_sign_case_verifies_in_every_spelling(vectors):
    for key in public_forms(vectors):
        for case in vectors["sign_cases"]:
            for field in ("signature_header", "signature_urlencoded", "signature_urlencoded_dotnet_lowercase", "signature_base64"):
                assert antom.verify_signature(key, case["method"], case["path"], case["client_id"], case["time"], case["body"], case[field])


def test_verify_must_fail_cases_return_false(vectors):
    key = vectors["keys"]["public_spki_base64"]
    for case in vectors["verify_must_fail"]:
        if "content_override" in case:
            continue
        assert not antom.verify_signature(key, case["method"], case["path"], case["client_id"], case["time"], case["body"], case["signature_urlencoded"]), case["name"]


def test_header_parse_cases(vectors):
    key = vectors["keys"]["public_spki_base64"]
    case = vectors["sign_cases"][0]
    for h in vectors["header_parse_cases"]:
        if "error" in h:
            with pytest.raises(antom.InvalidInputError) as e:
                antom.verify_signature(key, "POST", case["path"], case["client_id"], case["time"], case["body"], h["header"])
            assert e.value.kind == "INVALID_HEADER"
            assert h["error"] in str(e.value)
        else:
            # Every valid spelling parses; the vector's signature is over the first sign case.
            antom.verify_signature(key, "POST", case["path"], case["client_id"], case["time"], case["body"], h["header"])


def test_the_ack_is_exact():
    assert antom.NOTIFICATION_ACK == '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}'


@pytest.mark.parametrize("name,expect", [
    ("test_public_spki.pem", "public key"),
    ("test_private_encrypted.pem", "encrypted"),
    ("test_ec_private.pem", "not RSA"),
    ("test_rsa1024.pem", "RSA-1024"),
    ("test_cert.pem", "certificate"),
])
def test_wrong_private_key_forms_raise_invalid_key(name, expect):
    with pytest.raises(antom.InvalidKeyError) as e:
        antom.sign_request(VECTORS / name, "POST", "/p", "c", "t", "{}")
    assert e.value.kind == "INVALID_KEY"
    assert expect in str(e.value)
    assert "MII" not in str(e.value)


def test_a_private_key_given_as_public_is_refused():
    with pytest.raises(antom.InvalidKeyError, match="private key"):
        antom.verify_signature(VECTORS / "test_private_pkcs8.pem", "POST", "/p", "c", "t", "{}", "abc")


def test_wrong_argument_types_raise_type_error():
    with pytest.raises(TypeError):
        antom.sign_request(12345, "POST", "/p", "c", "t", "{}")
    with pytest.raises(TypeError):
        antom.sign_request(VECTORS / "test_private_pkcs8.pem", "POST", "/p", "c", "t", {"a": 1})
    with pytest.raises(TypeError):
        antom.verify_signature(VECTORS / "test_public_spki.pem", "POST", "/p", "c", "t", "{}", None)


def test_missing_key_file_names_the_path():
    with pytest.raises(antom.InvalidKeyError, match="nope.pem"):
        antom.sign_request(pathlib.Path("/nonexistent/nope.pem"), "POST", "/p", "c", "t", "{}")
