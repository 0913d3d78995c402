"""Every generated model round-trips the shared samples: wire JSON -> typed -> wire JSON, equal;
unknown fields and enum values a later Antom adds are kept, never errors."""
import json
import pathlib

import pytest

import antom
from antom import models

SAMPLES = json.loads((pathlib.Path(__file__).resolve().parents[2] / "tests/models/samples.json").read_text())["samples"]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_type_round_trips(name):
    cls = getattr(models, name)
    typed = cls.from_wire(SAMPLES[name])
    # Parity with the schema: every field of the sample (each of the type's fields) is typed.
    assert typed._extra == {}, f"{name}: untyped {sorted(typed._extra)}"
    assert typed.to_wire() == SAMPLES[name]
    assert cls.from_wire(typed.to_wire()) == typed


def test_every_schema_type_has_a_sample_and_a_class():
    assert len(SAMPLES) == 641
    assert all(isinstance(getattr(models, n), type) for n in SAMPLES)


def test_construction_is_by_snake_case_keyword_and_writes_camel_case():
    req = models.PayRequest(
        payment_request_id="o-1",
        payment_amount=models.Amount(currency="USD", value="1000"),
        product_code=models.ProductCodeType.CASHIER_PAYMENT,
        order=models.Order(goods=[models.Goods(goods_name="tea")]),
    )
    assert req.to_wire() == {
        "paymentRequestId": "o-1",
        "paymentAmount": {"currency": "USD", "value": "1000"},
        "productCode": "CASHIER_PAYMENT",
        "order": {"goods": [{"goodsName": "tea"}]},
    }
    with pytest.raises(TypeError, match="payment_request_idd"):
        models.PayRequest(payment_request_idd="o-1")


def test_unknown_fields_and_enum_values_are_kept():
    r = models.PayResponse.from_wire({"paymentId": "p", "brandNewField": {"a": 1}, "result": {"resultStatus": "Z"}})
    assert r.payment_id == "p" and r["brandNewField"] == {"a": 1}
    assert r.result.result_status == "Z"  # an enum value this version does not know stays text
    assert r.to_wire()["brandNewField"] == {"a": 1}


def test_the_official_names_map_to_antom_names():
    assert models.PayRequest and models.PayResultNotify and models.InquiryRefundRequest
    assert models.CapturePostRequest.__doc__ and "AmsApiV1PaymentsCapturePostRequest" in models.CapturePostRequest.__doc__


def test_a_typed_pay_through_the_simulator(client):
    r = client.pay(models.PayRequest(
        payment_request_id="typed-1",
        payment_amount=models.Amount(currency="USD", value="1000"),
        product_code=models.ProductCodeType.CASHIER_PAYMENT,
        payment_method=models.PaymentMethod(payment_method_type="ALIPAY_CN"),
        order=models.Order(order_description="tea", reference_order_id="ref-1"),
    ))
    assert isinstance(r, antom.Response) and r.verified
    assert isinstance(r.data, models.PayResponse)
    assert r.data.payment_id and r.data["paymentId"] == r.data.payment_id
    assert r.data.payment_amount is not None and r.data.payment_amount.value == "1000"
    assert r.data.result is not None and r.data.result.result_code == "PAYMENT_IN_PROCESS"


ENDPOINTS = json.loads((pathlib.Path(__file__).resolve().parents[2] / "tests/models/endpoints.json").read_text())["methods"]


def test_every_typed_method_parses_the_simulators_reply(client):
    """Each catalog endpoint's method, in order, against the simulator: the reply is verified and
    parses into the endpoint's response model, which writes the wire data back unchanged."""
    assert len(ENDPOINTS) == 167
    for e in ENDPOINTS:
        r = getattr(client, e["snake"])(e["body"])
        assert r.verified, e["endpoint"]
        if not e["lifecycle"]:
            assert r.result_status == "S", (e["endpoint"], r.raw)
        assert type(r.data) is getattr(models, e["response"]), e["endpoint"]
        assert r.data.to_wire() == json.loads(r.raw), e["endpoint"]


def test_every_async_typed_method_exists_and_is_awaitable(sim):
    import asyncio
    from conftest import make_client
    c = make_client(sim, antom.AsyncClient)
    for e in ENDPOINTS:
        assert callable(getattr(c, e["snake"])), e["snake"]
    r = asyncio.run(c.reserve_create_hold(models.CreateHoldRequest(hold_request_id="h-1", hold_amount=models.Amount(currency="USD", value="500"))))
    assert r.verified and isinstance(r.data, models.CreateHoldResponse) and r.data.hold_id
    assert r.data.hold_amount is not None and r.data.hold_amount.value == "500"


def test_a_value_of_the_other_form_is_kept_as_received():
    # One official SDK types a tax amount as an Amount, two as a string: both parse, none is lost.
    typed = antom.models.TaxBreakdown.from_wire({"taxAmount": {"currency": "USD", "value": "10"}})
    assert isinstance(typed.tax_amount, antom.models.Amount) and typed.tax_amount.value == "10"
    plain = antom.models.TaxBreakdown.from_wire({"taxAmount": "10.00", "inclusive": "yes"})
    assert plain.tax_amount == "10.00"
    assert plain.to_wire() == {"taxAmount": "10.00", "inclusive": "yes"}
