#!/usr/bin/env python3
"""The load section of docs/benchmarks.md: wrk against the release simulator at 1, 8 and 64
connections. wrk cannot sign (its Lua has no RSA), so 1,000 inquiryPayment requests for 100 real
payments are signed beforehand and replayed round robin (the simulator verifies every signature
and signs every answer; it does not reject a repeated Request-Time). The ceiling is what RSA
costs the simulator on this machine: one verification and one signature per request."""
import json
import os
import pathlib
import re
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from bench_core import openssl, replace_section  # noqa: E402

import antom  # noqa: E402

PATH = "/ams/api/v1/payments/inquiryPayment"


def lua_str(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def main():
    if subprocess.run(["dpkg-query", "-W", "-f=${Status}", "wrk"], capture_output=True, text=True).stdout != "install ok installed":
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True)
    # The release CLI as it ships (make dist: glibc 2.17, zig-linked), serving the simulator.
    version = next(l.split('"')[1] for l in (ROOT / "Cargo.toml").read_text().splitlines() if l.startswith("version = "))
    cli = ROOT / "dist" / f"antom-{version}-linux-x86_64"
    if not cli.exists():
        sys.exit(f"bench_load: {cli} is missing (make dist)")
    sim = subprocess.Popen([str(cli), "sim", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        info = json.loads(sim.stdout.readline())
        key = open(info["merchant_private_key_file"]).read()
        client = antom.Client(info["client_id"], key, open(info["antom_public_key_file"]).read(), gateway_url=info["url"])
        for i in range(100):
            client.pay({"paymentRequestId": f"load-{i}", "paymentAmount": {"currency": "USD", "value": "100"},
                        "productCode": "CASHIER_PAYMENT", "paymentMethod": {"paymentMethodType": "ALIPAY_CN"}})
        reqs = []
        for i in range(1000):
            body = json.dumps({"paymentRequestId": f"load-{i % 100}"})
            t = str(int(time.time() * 1000) + i)
            sig = antom.sign_request(key, "POST", PATH, info["client_id"], t, body)
            reqs.append((t, sig, body))
        script = ROOT / "target" / "load.lua"
        script.write_text("local reqs = {\n" + ",\n".join(
            "{" + ", ".join(lua_str(x) for x in r) + "}" for r in reqs) + f"""
}}
local i = 0
local bad = 0
request = function()
  i = i % #reqs + 1
  local r = reqs[i]
  return wrk.format("POST", "{PATH}", {{["Content-Type"] = "application/json; charset=UTF-8",
    ["Client-Id"] = "{info['client_id']}", ["Request-Time"] = r[1], ["Signature"] = r[2]}}, r[3])
end
response = function(status, headers, body)
  if status ~= 200 or not string.find(body, '"resultStatus"', 1, true) then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("bad=%d\\n", bad))
end
""")
        rows = []
        for conns in (1, 8, 64):
            out = subprocess.run(["wrk", "-t", str(min(conns, 2)), "-c", str(conns), "-d", "10s", "--latency", "-s", str(script), info["url"]],
                                 capture_output=True, text=True, check=True).stdout
            rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
            lat = {p: re.search(rf"^\s+{p}%\s+(\S+)", out, re.M).group(1) for p in ("50", "99")}
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            bad = int(re.search(r"bad=(\d+)", out).group(1))
            if errors or bad:
                raise SystemExit(f"load: {conns} connections: {bad} bad answers\n{out}")
            rows.append((conns, rps, lat["50"], lat["99"]))
            print(conns, rps, lat)
    finally:
        sim.terminate()
        sim.wait(timeout=10)
    sign, verify = openssl()
    cores = os.cpu_count() or 1
    ceiling = cores / (1 / sign + 1 / verify)
    table = "\n".join(f"| {c} | {r:,.0f} | {p50} | {p99} | {r / ceiling:.0%} |" for c, r, p50, p99 in rows)
    text = f"""## Load: wrk against the simulator (the release CLI from dist/, {cores} cores, wrk on the same machine)

`python3 tools/bench_load.py`: `wrk -d 10s --latency` replaying 1,000 pre-signed `inquiryPayment`
requests for 100 real payments (wrk's Lua cannot sign). The simulator verifies each request's
signature and signs each answer; every answer was checked to be HTTP 200 with a result.

| connections | requests/s | p50 | p99 | of the RSA ceiling |
|---:|---:|---:|---:|---:|
{table}

The RSA ceiling: each request costs the simulator one RSA-2048 signature and one verification.
`openssl speed rsa2048` in the same run: {sign:,.0f} signs/s and {verify:,.0f} verifies/s per core, so
{cores} cores can serve at most {ceiling:,.0f} requests/s before any HTTP or JSON work, and wrk
takes part of one core. A real round trip also costs the merchant a signature and a verification:
a merchant server and the gateway on one {cores}-core machine would share about half of that.
"""
    replace_section("load", text)
    print(text)


if __name__ == "__main__":
    main()
