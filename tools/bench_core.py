#!/usr/bin/env python3
"""Runs the core's criterion benches and `openssl speed rsa2048` in one run and writes the
"Rust core" section of docs/benchmarks.md, as ratios to OpenSSL. Not a test: numbers only."""
import pathlib
import platform
import re
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent


def criterion(features):
    cmd = ["cargo", "bench", "-p", "antom", "--bench", "crypto"] + features + ["--", "--output-format", "bencher"]
    out = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=True).stdout
    return {m.group(1): int(m.group(2).replace(",", ""))
            for m in re.finditer(r"^test (\S+) \.\.\. bench:\s+([\d,]+) ns/iter", out, re.M)}


def openssl():
    out = subprocess.run(["openssl", "speed", "-seconds", "3", "rsa2048"], capture_output=True, text=True).stdout
    m = re.search(r"^rsa\s+2048 bits\s+[\d.]+s\s+[\d.]+s\s+([\d.]+)\s+([\d.]+)", out, re.M)
    if not m:
        sys.exit("could not read `openssl speed rsa2048` output:\n" + out)
    return float(m.group(1)), float(m.group(2))


def replace_section(name, text):
    doc = root / "docs" / "benchmarks.md"
    current = doc.read_text() if doc.exists() else "# Benchmarks\n\nNumbers from `make bench` on the project's 2-core machine. Ratios are against OpenSSL measured in the same run.\n"
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    block = f"{begin}\n{text.rstrip()}\n{end}"
    if begin in current:
        current = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, current, flags=re.S)
    else:
        current = current.rstrip() + "\n\n" + block + "\n"
    doc.write_text(current)


def main():
    default = criterion([])
    pure = criterion(["--features", "pure-rust-crypto"])
    ossl_sign, ossl_verify = openssl()
    ops = lambda ns: 1e9 / ns
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
    rows = []
    for label, res in [("aws-lc-rs (default)", default), ("rsa 0.10 (`pure-rust-crypto`)", pure)]:
        s, v = ops(res["sign_1k"]), ops(res["verify_1k"])
        rows.append(f"| {label} | {s:,.0f} | {s / ossl_sign:.2f}x | {v:,.0f} | {v / ossl_verify:.2f}x |")
    d = default
    overhead_sign = (d["sign_1k"] - d["rsa_sign_only_1k"]) / d["rsa_sign_only_1k"] * 100
    overhead_build = (d["request_build_1k"] - d["rsa_sign_only_1k"]) / d["rsa_sign_only_1k"] * 100
    text = f"""## Rust core: sign and verify (1 KB body, RSA-2048)

CPU: {cpu}, one core. `openssl speed rsa2048` in the same run: {ossl_sign:,.0f} signs/s, {ossl_verify:,.0f} verifies/s.

| backend | signs/s | vs OpenSSL | verifies/s | vs OpenSSL |
|---|---:|---:|---:|---:|
{chr(10).join(rows)}

Targets: sign >= 0.95x and verify >= 0.9x OpenSSL (default backend).

| operation (default backend) | time per op |
|---|---:|
| `Signer::sign` (content + RSA + base64 + URL-encode) | {d['sign_1k'] / 1000:.1f} µs |
| RSA signature alone | {d['rsa_sign_only_1k'] / 1000:.1f} µs |
| `Verifier::verify` (parse header + content + RSA) | {d['verify_1k'] / 1000:.1f} µs |
| RSA verification alone | {d['rsa_verify_only_1k'] / 1000:.1f} µs |
| `SignatureHeader::parse` | {d['header_parse'] / 1000:.2f} µs |
| `Client::prepare` (serialize 1 KB JSON once, sandbox path, time, sign, headers) | {d['request_build_1k'] / 1000:.1f} µs |

Everything but the RSA operation costs {overhead_sign:.1f}% of a signature when signing and {overhead_build:.1f}% when building a whole request (target: under 10%; the criterion spread is a few percent, so a negative figure means "within noise").
"""
    replace_section("rust", text)
    print(text)


if __name__ == "__main__":
    main()
