#!/usr/bin/env python3
"""Milliseconds per payment as the simulator's ledger grows, in memory and with --state-file
(every answer waits for its save), through the Python binding, sequentially. A save that
rewrote the whole ledger grew with it; a save of what changed stays flat. Writes the
"state-file" section of docs/benchmarks.md."""
import json
import pathlib
import subprocess
import sys
import tempfile
import time

import antom

root = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root / "tools"))
from bench_core import replace_section  # noqa: E402

PAYMENTS = 4000
QUARTERS = 4


def run(state_file):
    with tempfile.TemporaryDirectory() as tmp:
        args = [str(root / "target/debug/antom"), "sim", "--quiet", "--state-dir", tmp]
        if state_file:
            args += ["--state-file", f"{tmp}/sim.sqlite"]
        sim = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        try:
            info = json.loads(sim.stdout.readline())
            client = antom.Client(info["client_id"], open(info["merchant_private_key_file"]).read(),
                                  open(info["antom_public_key_file"]).read(), gateway_url=info["url"])
            per_quarter, started = [], time.perf_counter()
            for i in range(PAYMENTS):
                client.pay({"paymentRequestId": f"sf-{i}", "paymentAmount": {"currency": "USD", "value": "1000"},
                            "productCode": "CASHIER_PAYMENT", "paymentMethod": {"paymentMethodType": "ALIPAY_CN"}})
                if (i + 1) % (PAYMENTS // QUARTERS) == 0:
                    per_quarter.append((time.perf_counter() - started) * 1000 / (PAYMENTS // QUARTERS))
                    started = time.perf_counter()
            return per_quarter
        finally:
            sim.terminate()
            sim.wait(timeout=10)


def main():
    memory, stored = run(False), run(True)
    step = PAYMENTS // QUARTERS
    head = "| ledger size | " + " | ".join(f"{(q + 1) * step:,}" for q in range(QUARTERS)) + " |"
    rule = "|---|" + "---:|" * QUARTERS
    row = lambda name, values: f"| {name} | " + " | ".join(f"{v:.1f}" for v in values) + " |"
    text = f"""## Simulator ledger: milliseconds per payment as it grows (debug build)

{PAYMENTS:,} sequential payments through the Python binding; each cell is the mean over the
{step:,} payments up to that ledger size. With `--state-file` every answer waits until the
ledger is saved; a save writes only the records the request changed, one SQLite transaction.

{head}
{rule}
{row("in memory", memory)}
{row("`--state-file`", stored)}

Before saves wrote only what changed, each save rewrote the whole ledger: 23.6, 54.8, 72.4 and
90.4 ms per payment at 500, 1,000, 1,500 and 2,000 payments, growing with the ledger.
"""
    print(text)
    replace_section("state-file", text)


if __name__ == "__main__":
    main()
