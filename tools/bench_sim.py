#!/usr/bin/env python3
"""Requests per second against the simulator, all in one run: the Rust client over keep-alive
connections, Antom's official Python SDK client (its transport swapped to reach the simulator),
and the simulator's own capacity. Writes the "Simulator" section of docs/benchmarks.md."""
import http.client
import json
import pathlib
import subprocess
import sys
import time
import urllib.parse

root = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root / "tools"))
from bench_core import replace_section  # noqa: E402

release = root / "target" / "release"


def rust(info, total, concurrency):
    out = subprocess.run([str(release / "examples" / "load"), json.dumps(info), str(total), str(concurrency)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def official(info, total):
    """Antom's official Python SDK (needs it installed: the .venv has it), `total` sequential
    inquiries against the simulator described by `info`."""
    from com.alipay.ams.api import default_alipay_client
    from com.alipay.ams.api.default_alipay_client import DefaultAlipayClient
    from com.alipay.ams.api.request.pay.alipay_pay_query_request import AlipayPayQueryRequest

    def plain_post(url, headers=None, req_body=None, charset="UTF-8"):
        # Like the SDK's own do_post: a new connection per call, only plain HTTP to loopback.
        p = urllib.parse.urlparse(url)
        conn = http.client.HTTPConnection(p.hostname, p.port, timeout=10)
        conn.request("POST", p.path, body=req_body.encode(charset), headers=headers)
        r = conn.getresponse()
        out = (r.getheaders(), r.read())
        conn.close()
        return out

    default_alipay_client.do_post = plain_post
    b64 = lambda f: "".join(l for l in pathlib.Path(f).read_text().splitlines() if not l.startswith("-----"))
    client = DefaultAlipayClient(info["url"], info["client_id"], b64(info["merchant_private_key_file"]),
                                 b64(info["antom_public_key_file"]))
    started = time.perf_counter()
    for _ in range(total):
        q = AlipayPayQueryRequest()
        q.payment_request_id = "load-1"
        assert json.loads(client.execute(q))["result"]["resultStatus"] == "S"
    secs = time.perf_counter() - started
    return {"requests": total, "seconds": secs, "rps": total / secs}


def main():
    subprocess.run(["cargo", "build", "--release", "-p", "antom-cli", "-p", "antom-sim", "--examples", "--bins"], cwd=root, check=True)
    sim = subprocess.Popen([str(release / "antom"), "sim", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    info = json.loads(sim.stdout.readline())
    try:
        seq = rust(info, 2000, 1)
        cap = rust(info, 8000, 32)
        py = official(info, 300)
    finally:
        sim.terminate()
        sim.wait(timeout=10)
    write(seq, cap, py)


def write(seq, cap, py):
    text = f"""## Simulator: requests per second (signed inquiryPayment, verified responses)

One run on 2 cores, client and simulator on the same machine (every request is verified and every
response signed by the simulator, every response verified by the client).

| client | concurrency | requests | req/s |
|---|---:|---:|---:|
| Rust `antom::Client` (keep-alive pool) | 1 | {seq['requests']} | {seq['rps']:,.0f} |
| Antom's official Python SDK 1.7.1 (new connection per call, as it does) | 1 | {py['requests']} | {py['rps']:,.0f} |
| Rust `antom::Client`: simulator capacity | 32 | {cap['requests']} | {cap['rps']:,.0f} |

Sequential: the Rust client is {seq['rps'] / py['rps']:.1f}x the official Python SDK against the same simulator.
The capacity row is bounded by RSA signing: each request costs one signature on the client and
one on the simulator, both sharing the two cores.
"""
    replace_section("sim", text)
    print(text)


if __name__ == "__main__":
    main()
