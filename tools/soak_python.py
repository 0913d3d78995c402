#!/usr/bin/env python3
"""Soak of the Python binding: N sign+verify pairs (1 in 10 with a bad key, so error paths run
too) and M client calls against the simulator; prints one JSON line with RSS (before, after the
signing, after the calls) and the Python heap growth tracemalloc saw. Usage:
soak_python.py N M (the simulator's JSON line in ANTOM_SIM_INFO)."""
import gc
import json
import os
import sys
import tracemalloc

import antom


def rss_kb():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))


def main(n_sign, n_call):
    info = json.loads(os.environ["ANTOM_SIM_INFO"])
    key = open(info["merchant_private_key_file"]).read()
    pub = open(info["merchant_public_key_file"]).read()
    client = antom.Client(info["client_id"], key, open(info["antom_public_key_file"]).read(),
                          gateway_url=info["url"], max_retries=0)
    body = json.dumps({"paymentRequestId": "soak", "note": "x" * 200})

    def sign_verify(i):
        if i % 10 == 9:
            try:
                antom.sign_request("garbage", "POST", "/p", "C1", "t", body)
            except antom.InvalidKeyError:
                return
            raise AssertionError("a bad key signed")
        h = antom.sign_request(key, "POST", "/p", "C1", "t", body)
        assert antom.verify_signature(pub, "POST", "/p", "C1", "t", body, h)

    def call(i):
        if i % 2:
            r = client.pay({"paymentRequestId": f"soak-py-{os.getpid()}-{i}", "paymentAmount": {"currency": "USD", "value": "100"},
                            "productCode": "CASHIER_PAYMENT", "paymentMethod": {"paymentMethodType": "ALIPAY_CN"}})
        else:
            r = client.inquiry_payment(payment_request_id=f"soak-py-{os.getpid()}-{i - 1}")
        assert r.verified

    for i in range(1000):
        sign_verify(i)
    for i in range(200):
        call(i)
    gc.collect()
    tracemalloc.start()
    rss = [rss_kb()]
    for i in range(n_sign):
        sign_verify(i)
    gc.collect()
    rss.append(rss_kb())
    for i in range(n_call):
        call(i + 1000)
    gc.collect()
    rss.append(rss_kb())
    traced, _ = tracemalloc.get_traced_memory()
    print(json.dumps({"binding": "python", "sign_verify": n_sign, "calls": n_call, "rss_kb": rss,
                      "heap_growth_kb": traced // 1024}))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
