#!/usr/bin/env python3
"""The .NET section of docs/benchmarks.md: sign and verify through P/Invoke under Mono next to
`openssl speed rsa2048`, in one run, and the per-call interop cost."""
import os
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root / "tools"))
from bench_core import openssl, replace_section  # noqa: E402

out = root / "target" / "dotnet-bench"
out.mkdir(parents=True, exist_ok=True)
subprocess.run(["cargo", "build", "--release", "-p", "antom-ffi"], cwd=root, check=True)
subprocess.run(["cp", str(root / "target/release/libantom_ffi.so"), str(out)], check=True)
src = sorted(str(p) for p in (root / "bindings-dotnet/src/Antom").glob("*.cs"))
subprocess.run(["mcs", "-langversion:7.2", "-optimize+", "-target:library", "-r:System.Runtime.Serialization", f"-out:{out}/Antom.dll", *src], check=True)
subprocess.run(["mcs", "-langversion:7.2", "-optimize+", f"-out:{out}/Bench.exe", f"-r:{out}/Antom.dll",
                str(root / "bindings-dotnet/tests/Bench.cs")], check=True)
env = dict(os.environ, LD_LIBRARY_PATH=str(out))
lines = subprocess.run(["mono", f"{out}/Bench.exe", str(root / "tests/vectors")], env=env, capture_output=True,
                       text=True, check=True).stdout
r = {k: float(v) for k, v in (l.split("\t") for l in lines.strip().splitlines())}
ossl_sign, ossl_verify = openssl()
text = f"""## .NET binding (Mono {subprocess.run(['mono', '--version'], capture_output=True, text=True).stdout.split()[4]}, release native library, 1 KB body)

`openssl speed rsa2048` in the same run: {ossl_sign:,.0f} signs/s, {ossl_verify:,.0f} verifies/s.

| operation through P/Invoke | ops/s | vs OpenSSL |
|---|---:|---:|
| `Signature.SignRequest` (key text parsed once, cached by the core) | {r['sign']:,.0f} | {r['sign'] / ossl_sign:.2f}x |
| `Signature.Verify` (key text parsed once, cached by the core) | {r['verify']:,.0f} | {r['verify'] / ossl_verify:.2f}x |

Per-call interop cost (UTF-8 marshaling, one native call, error JSON back and parsed into a
typed exception): {1e6 / r['verify_malformed']:.1f} µs, measured on a call that fails at once on a malformed key.
An `AntomClient` parses its keys once, so its per-request cost is the signature plus this.
"""
replace_section("dotnet", text)
print(text)
