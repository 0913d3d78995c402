#!/usr/bin/env python3
"""The servers section of docs/benchmarks.md: runs tests/servers (the merchant app under
gunicorn, Node cluster, php-fpm + nginx and mono) and reports each server's payments per second
through its /pay, from target/servers.json."""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from bench_core import replace_section  # noqa: E402

out = ROOT / "target" / "servers.json"
out.unlink(missing_ok=True)
subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "pytest", "-q", "tests/servers"], cwd=ROOT, check=True)
data = json.loads(out.read_text())
names = {"gunicorn": "gunicorn --preload, 4 forked workers x 4 threads (Python)", "node-cluster": "Node cluster, 4 workers",
         "php-fpm": "php-fpm, 4 workers, pm.max_requests 25, behind nginx", "mono": "mono, HttpListener, one client, thread-pool tasks"}
rows = "\n".join(f"| {names[k]} | {v['payments']} | {v['seconds']:.2f} | {v['per_second']:.0f} | {v['workers']} |" for k, v in data.items())
text = f"""## Application servers: the same merchant app under four servers (debug builds)

`python3 tools/bench_servers.py` runs `tests/servers`: 120 payments through each server's `/pay`
from 16 concurrent clients, plus 30 forged or tampered notifications. The mix holds fault
amounts on purpose (one in seven answers 0.3 s late, one in seven gets an HTTP 500 first and is
retried after the SDK's backoff, one in seven is `U` first), so these rates measure the whole
flow with its faults, not the SDK's ceiling (see the load section for that).

| server | payments | seconds | payments/s | worker processes (threads for mono) seen |
|---|---:|---:|---:|---:|
{rows}

PHP builds its client object per request, as PHP apps do; the others
build it once per worker.
"""
replace_section("servers", text)
print(text)
