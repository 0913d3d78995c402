"""Runs against the antom wheel installed from dist/ into a fresh venv (no Rust on PATH): every
shared signature vector, then one payment against the simulator. Env: ANTOM_VECTORS, SIM_INFO."""
import json
import os
import pathlib

import antom

assert "site-packages" in antom.__file__, f"must import the installed wheel, not {antom.__file__}"
v = json.loads(pathlib.Path(os.environ["ANTOM_VECTORS"]).read_text())
passed = 0
for c in v["sign_cases"]:
    for key in (v["keys"]["private_pkcs8_base64"], v["keys"]["private_pkcs1_base64"]):
        got = antom.sign_request(key, c["method"], c["path"], c["client_id"], c["time"], c["body"])
        assert got == c["signature_header"], c["name"]
    assert antom.verify_signature(v["keys"]["public_spki_base64"], c["method"], c["path"], c["client_id"], c["time"], c["body"], c["signature_header"])
    passed += 1
for c in v["verify_must_fail"]:
    if "content_override" in c:  # raw content, below the API; the core's vector test covers it
        continue
    header = "algorithm=RSA256,keyVersion=1,signature=" + c["signature_urlencoded"]
    assert not antom.verify_signature(v["keys"]["public_spki_base64"], c["method"], c["path"], c["client_id"], c["time"], c["body"], header), c["name"]
    passed += 1

sim = json.loads(os.environ["SIM_INFO"])
client = antom.Client(sim["client_id"], pathlib.Path(sim["merchant_private_key_file"]),
                      pathlib.Path(sim["antom_public_key_file"]), gateway_url=sim["url"])
r = client.pay(payment_request_id="dist-py-1", product_code="CASHIER_PAYMENT",
               payment_amount={"currency": "USD", "value": "1000"},
               payment_method={"payment_method_type": "ALIPAY_CN"})
assert (r.result_status, r.result_code, r.verified) == ("U", "PAYMENT_IN_PROCESS", True), r
assert client.inquiry_payment(payment_request_id="dist-py-1").data["paymentStatus"] == "PROCESSING"
passed += 1
from antom import models  # noqa: E402  (the typed models ship in the wheel)
typed = client.pay(models.PayRequest(payment_request_id="dist-py-2", product_code=models.ProductCodeType.CASHIER_PAYMENT,
                                     payment_amount=models.Amount(currency="USD", value="1000"),
                                     payment_method=models.PaymentMethod(payment_method_type="ALIPAY_CN")))
assert typed.data.payment_amount is not None and typed.data.payment_amount.value == "1000", typed
passed += 1
# The in-process simulator ships in the wheel: a pay and the buyer's completion, no process.
from antom.testing import Simulator  # noqa: E402

with Simulator() as inproc:
    paid = inproc.client.pay(payment_request_id="dist-py-3", product_code="CASHIER_PAYMENT",
                             payment_amount={"currency": "USD", "value": "1000"},
                             payment_method={"payment_method_type": "ALIPAY_CN"})
    assert inproc.complete(paid.data.payment_id)["paymentStatus"] == "SUCCESS"
passed += 1
print(f"python wheel {antom.__version__}: {passed} passed, 0 failed")
