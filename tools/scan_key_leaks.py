#!/usr/bin/env python3
"""Scans the captured output of a whole `make test` run (target/test-logs/*.log) for private key
material: PEM armour of a private key, the base64 of a private key's DER (its fixed opening
bytes, whatever the key), and any line of the test private keys in tests/vectors. Exit 1 with
the file and line of each finding; the key text itself is never printed."""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
# DER openings only a private key has: PKCS#1 `SEQUENCE { INTEGER 0, INTEGER n` and PKCS#8's
# version plus rsaEncryption algorithm followed by an OCTET STRING (a public SPKI has a BIT STRING).
PATTERNS = [
    re.compile(r"-----BEGIN (RSA |ENCRYPTED )?PRIVATE KEY-----"),
    re.compile(r"IBAAKCA[QgR]EA"),
    re.compile(r"AgEAAoIB[AQg]"),
    re.compile(r"BADANBgkqhkiG9w0BAQEFAASC"),
]


def test_key_lines():
    lines = set()
    for f in (ROOT / "tests" / "vectors").glob("test_private*"):
        if f.suffix == ".der":
            continue
        for line in f.read_text(errors="replace").splitlines():
            line = line.strip()
            if len(line) >= 40 and not line.startswith("-----"):
                lines.add(line)
    return lines


def main(paths):
    known = test_key_lines()
    findings = 0
    scanned = 0
    for p in paths:
        for n, line in enumerate(pathlib.Path(p).read_text(errors="replace").splitlines(), 1):
            scanned += 1
            hit = next((pat.pattern for pat in PATTERNS if pat.search(line)), None)
            if hit is None and any(k in line for k in known):
                hit = "a line of a test private key"
            if hit:
                findings += 1
                print(f"{p}:{n}: private key material ({hit})")
    if not paths or scanned == 0:
        print("scan_key_leaks: no test output to scan", file=sys.stderr)
        return 1
    print(f"scan_key_leaks: {scanned} lines of {len(paths)} logs, {findings} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
