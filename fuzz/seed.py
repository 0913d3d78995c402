#!/usr/bin/env python3
"""Writes the seed inputs of each fuzz target into tests/fuzz/seeds/<target>/ (see fuzz/src/lib.rs for
the input layouts). `make fuzz` starts from these and the committed corpus."""
import json
import os
import sys

root = os.path.dirname(os.path.abspath(__file__))
vectors = os.path.join(root, "..", "tests", "vectors")
out = os.path.join(root, "..", "tests", "fuzz", "seeds")
SEP = b"\xff"


def write(target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


v = json.load(open(os.path.join(vectors, "vectors.json")))
for i, c in enumerate(v["header_parse_cases"]):
    write("signature_header", f"case{i}", c["header"].encode() if isinstance(c, dict) and "header" in c else json.dumps(c).encode())
for i, c in enumerate(v["sign_cases"]):
    sig = c["signature_base64"]
    write("signature_header", f"sign{i}", f"algorithm=RSA256,keyVersion=1,signature={sig}".encode())
write("signature_header", "bare", v["sign_cases"][0]["signature_base64"].encode())

for name in sorted(os.listdir(vectors)):
    if name.startswith("test_"):
        data = open(os.path.join(vectors, name), "rb").read()
        for sel in range(4):
            write("keys_any_form", f"{name}.{sel}", bytes([sel]) + data)

pay_notify = json.dumps({"notifyType": "PAYMENT_RESULT", "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
                         "paymentRequestId": "r1", "paymentId": "p1", "paymentAmount": {"currency": "USD", "value": "1000"}}).encode()
write("notification", "signed", b"\x01" + SEP + b"/notify?shop=1" + SEP + SEP + pay_notify)
write("notification", "unsigned", b"\x00" + SEP + b"https://shop.example/notify" + SEP + b"Client-Id: c\nRequest-Time: t\nSignature: algorithm=RSA256,keyVersion=1,signature=AA==" + SEP + pay_notify)
write("notification", "dispute", b"\x01" + SEP + b"/n" + SEP + SEP + b'{"disputeNotificationType":"DISPUTE_CREATED","result":{"resultStatus":"S","resultCode":"SUCCESS"}}')

ok = json.dumps({"result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"}, "paymentId": "p1"}).encode()
unknown = json.dumps({"result": {"resultCode": "UNKNOWN_EXCEPTION", "resultStatus": "U", "resultMessage": "later"}}).encode()
write("response", "signed_s", b"\x00\xc8\x01" + SEP + b"content-type: application/json" + SEP + ok)
write("response", "unsigned_s", b"\x00\xc8\x00" + SEP + SEP + ok)
write("response", "signed_u", b"\x00\xc8\x01" + SEP + SEP + unknown)
write("response", "http500", b"\x01\xf4\x00" + SEP + SEP + unknown)
write("response", "not_json", b"\x00\xc8\x01" + SEP + SEP + b"<html>502</html>")

names = [line.split("\t")[0] for line in open(os.path.join(root, "..", "core", "data", "catalog.tsv")).read().splitlines()[1:]]
names.sort()
def idx(name):
    return bytes([names.index(name)])
amount = {"currency": "USD", "value": "1000"}
bodies = {
    "payments.pay": {"paymentRequestId": "f1", "paymentAmount": amount, "productCode": "CASHIER_PAYMENT", "paymentMethod": {"paymentMethodType": "ALIPAY_CN"}},
    "payments.inquiryPayment": {"paymentRequestId": "f1"},
    "payments.refund": {"refundRequestId": "r1", "paymentId": "p", "refundAmount": amount},
    "payments.capture": {"captureRequestId": "c1", "paymentId": "p", "captureAmount": amount},
    "payments.cancel": {"paymentRequestId": "f1"},
    "payments.createPaymentSession": {"paymentRequestId": "s1", "paymentAmount": amount, "productCode": "CASHIER_PAYMENT"},
    "payments.reserve.createHold": {"holdRequestId": "h1", "holdAmount": amount},
    "notification.inquireNotificationList": {"limit": 5},
    "subscriptions.create": {"subscriptionRequestId": "sub1"},
}
for name, body in bodies.items():
    if name in names:
        write("sim_request", name, idx(name) + b"\x00" + SEP + json.dumps(body).encode())
write("sim_request", "unsigned", idx("payments.pay") + b"\x01" + SEP + json.dumps(bodies["payments.pay"]).encode())
write("sim_request", "not_json", idx("payments.pay") + b"\x00" + SEP + b"{not json")
