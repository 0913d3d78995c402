#!/usr/bin/env python3
"""The servers section of docs/benchmarks.md: runs tests/servers (the same merchant app under
gunicorn, Node cluster, php-fpm + nginx, mono and the JDK's HTTP server) with the release
artifacts from dist/ (`make dist` first), each installed as its users install it, against the
release simulator from dist/, and reports each server's payments per second through its /pay,
from target/servers.json, beside the RSA ceiling measured in the same run."""
import json
import os
import pathlib
import subprocess
import sys
import tarfile
import tempfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from bench_core import openssl, replace_section  # noqa: E402

SERVERS = {
    "gunicorn": "gunicorn --preload, 4 forked workers x 4 threads (Python wheel)",
    "node-cluster": "Node cluster, 4 workers (npm packages)",
    "php-fpm": "php-fpm, 4 workers, pm.max_requests 25, behind nginx (antom.so)",
    "mono": "mono, HttpListener, one client, thread-pool tasks (nupkg's native library)",
    "jdk-httpserver": "JDK HTTP server, one client, a thread pool (the jar)",
}


def install(work):
    """The release artifacts, as test-dist installs them; the environment tests/servers reads."""
    dist = ROOT / "dist"
    version = next(l.split('"')[1] for l in (ROOT / "Cargo.toml").read_text().splitlines() if l.startswith("version = "))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin/pip"), "install", "-q", *map(str, dist.glob(f"antom-{version}-*.whl")), "gunicorn>=23"], check=True)
    node = work / "node"
    node.mkdir()
    (node / "package.json").write_text('{"name":"bench","private":true}')
    subprocess.run(["npm", "install", "-s", "--no-audit", "--no-fund", str(dist / f"antom-{version}.tgz"),
                    str(dist / f"antom-antom-linux-x64-gnu-{version}.tgz")], cwd=node, check=True)
    with tarfile.open(dist / f"antom-php-{version}-php8.2-linux-x86_64.tar.gz") as t:
        t.extractall(work, filter="data")
    with zipfile.ZipFile(dist / f"Antom.{version}.nupkg") as z:
        z.extract("runtimes/linux-x64/native/libantom_ffi.so", work / "nuget")
    jna = sorted((ROOT / "bindings-java/target/lib").glob("jna-*.jar"))
    if not jna:
        sys.exit("bench_servers: no JNA jar in bindings-java/target/lib (make java-dev)")
    return {
        "ANTOM_BIN": str(dist / f"antom-{version}-linux-x86_64"),
        "ANTOM_GUNICORN": str(venv / "bin/gunicorn"),
        "ANTOM_NODE": str(node / "node_modules/antom"),
        "ANTOM_PHP_EXT": str(work / f"antom-php-{version}/antom.so"),
        "ANTOM_FFI_DIR": str(work / "nuget/runtimes/linux-x64/native"),
        "ANTOM_JAVA_CP": f"{dist / f'antom-{version}.jar'}:{jna[-1]}",
    }


def main():
    out = ROOT / "target" / "servers.json"
    out.unlink(missing_ok=True)
    env = dict(os.environ, **install(pathlib.Path(tempfile.mkdtemp(prefix="antom-servers-"))))
    subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "pytest", "-q", "tests/servers", "-k", "not spring"], cwd=ROOT, env=env, check=True)
    data = json.loads(out.read_text())
    signs, verifies = openssl()
    # Per payment, the least RSA work there is: the pay (the merchant signs and verifies, the
    # gateway verifies and signs), the notification (signed, verified) and the audit's forged
    # copy ahead of it (verified and refused): 3 signatures and 4 verifications, on 2 cores.
    ceiling = 2 / (3 / signs + 4 / verifies)
    rows = "\n".join(f"| {SERVERS[k]} | {v['payments']} | {v['seconds']:.2f} | {v['per_second']:.0f} | {v['per_second'] / ceiling:.2f}x | {v['workers']} |"
                     for k, v in data.items() if k in SERVERS)
    text = f"""## Application servers: the same merchant app under five servers (release artifacts)

`make bench-servers` (`tools/bench_servers.py`, after `make dist`) runs `tests/servers` with each
binding installed from `dist/` as its users install it and the release simulator from `dist/`:
120 payments through each server's `/pay` from 16 concurrent clients, plus 30 forged or tampered
notifications. The mix holds fault amounts on purpose (one in seven answers 0.3 s late, one in
seven gets an HTTP 500 first and is retried after the SDK's backoff, one in seven is `U` first),
so these rates measure the whole flow with its faults, not the SDK's ceiling (see the load
section for that). The RSA ceiling: `openssl speed rsa2048` in the same run gave {signs:,.0f}
signs/s and {verifies:,.0f} verifies/s per core; a payment costs at least 3 signatures and 4
verifications (the pay on both sides, the notification, the forged copy), so 2 cores allow at
most {ceiling:,.0f} payments/s with no waiting at all. The faults' sleeps and backoffs, not the
SDK, keep these rates far below it.

| server | payments | seconds | payments/s | of the RSA ceiling | worker processes (threads for mono and the JDK) seen |
|---|---:|---:|---:|---:|---:|
{rows}

PHP builds its client object per request, as PHP apps do; the others build it once per worker.
Spring Boot (in `make test-servers`) runs the same JVM binding as the JDK server and is left out
here: its jar takes the SDK from the local Maven repository, which `make java-examples` fills
with a debug build.
"""
    replace_section("servers", text)
    print(text)


if __name__ == "__main__":
    main()
