"""Amounts by currency, from the shared table every binding runs (tests/amounts.json)."""
import json
import pathlib

import pytest

import antom

TABLE = json.loads((pathlib.Path(__file__).resolve().parents[2] / "tests" / "amounts.json").read_text())


@pytest.mark.parametrize("currency, decimal, minor", TABLE["round_trip"])
def test_round_trip(currency, decimal, minor):
    assert antom.to_minor_units(currency, decimal) == minor
    assert antom.from_minor_units(currency, minor) == decimal


@pytest.mark.parametrize("currency, decimal, minor", TABLE["to_minor"])
def test_to_minor(currency, decimal, minor):
    assert antom.to_minor_units(currency, decimal) == minor


@pytest.mark.parametrize("currency, minor, decimal", TABLE["from_minor"])
def test_from_minor(currency, minor, decimal):
    assert antom.from_minor_units(currency, minor) == decimal


@pytest.mark.parametrize("currency, decimal", TABLE["to_minor_refused"])
def test_to_minor_refused(currency, decimal):
    with pytest.raises(antom.InvalidInputError) as e:
        antom.to_minor_units(currency, decimal)
    assert e.value.kind == "INVALID_INPUT"


@pytest.mark.parametrize("currency, minor", TABLE["from_minor_refused"])
def test_from_minor_refused(currency, minor):
    with pytest.raises(antom.InvalidInputError):
        antom.from_minor_units(currency, minor)


def test_an_amount_built_for_a_pay_body():
    body = {"paymentAmount": {"currency": "JPY", "value": antom.to_minor_units("JPY", "1999")}}
    assert body["paymentAmount"]["value"] == "1999"
    with pytest.raises(TypeError):
        antom.to_minor_units("USD", 19.99)  # a float is never taken: its decimal is not exact
