"""The `logging` logger `antom` (a sandbox client id: the path is the sandbox one): one record per attempt (a WARNING when a retry follows), with the
event as `record.antom`; never a body, a key, a signature or a card number."""
import logging
import pathlib

import antom


def test_one_record_per_attempt_and_nothing_secret(antom_simulator, caplog):
    sim = antom_simulator
    sim.arm_fault("/payments/pay", 9905)  # HTTP 500 once, then the retry succeeds
    card = "4111111111111111"
    with caplog.at_level(logging.INFO, logger="antom"):
        r = sim.client.pay(payment_request_id="log-1", product_code="CASHIER_PAYMENT",
                           payment_amount={"currency": "USD", "value": "1000"},
                           payment_method={"payment_method_type": "CARD",
                                           "payment_method_meta_data": {"card_no": card, "cvv": "123"}})
    assert r.attempts == 2
    records = [rec for rec in caplog.records if rec.name == "antom"]
    assert [rec.levelno for rec in records] == [logging.WARNING, logging.INFO]
    first, second = (rec.antom for rec in records)
    assert (first["method"], first["path"], first["attempt"], first["http_status"], first["will_retry"]) == (
        "POST", "/ams/sandbox/api/v1/payments/pay", 1, 500, True)
    assert (second["attempt"], second["http_status"], second["result_status"], second["verified"]) == (2, 200, "U", True)
    assert second["result_code"] == "PAYMENT_IN_PROCESS" and second["idempotency_key"] == "log-1"
    assert isinstance(second["latency_ms"], int)
    assert records[1].getMessage().startswith("antom POST /ams/sandbox/api/v1/payments/pay attempt 2: U PAYMENT_IN_PROCESS")
    key = pathlib.Path(sim.info["merchant_private_key_file"]).read_text().splitlines()[1]
    for rec in records:
        text = rec.getMessage() + repr(rec.antom)
        for secret in (card, "cvv", key, "PRIVATE KEY", "signature=", "paymentMethod"):
            assert secret not in text


def test_nothing_is_logged_below_the_level(antom_simulator, caplog):
    with caplog.at_level(logging.ERROR, logger="antom"):
        antom_simulator.client.inquiry_payment(payment_request_id="none")
    assert not [rec for rec in caplog.records if rec.name == "antom"]


def test_the_library_prints_nothing_unless_the_application_says_where():
    # A NullHandler of its own: Python's last-resort handler never prints antom's warnings.
    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("antom").handlers)
