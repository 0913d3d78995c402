#!/usr/bin/env python3
"""The glibc floor of everything `make dist` ships, archives opened: dist/ARTIFACTS.md's table.

Every ELF file is found by its magic bytes, not by a name we expect, so a native file added to
any archive later is checked too. Its floor is the newest GLIBC_x.y symbol version it needs
(`objdump -T`); it also lists the shared libraries it needs (`objdump -p`, NEEDED). Exits 1 when
a file needs more than --max (2.17, manylinux2014: CentOS 7, Amazon Linux 2, Debian 9+), asks for
a glibc version that is not a number (GLIBC_PRIVATE, GLIBC_ABI_DT_RELR: 2.36), or needs a library
outside glibc's own (libstdc++, libgcc_s or OpenSSL would not be on every such system).

usage: glibc_floor.py DIST_DIR [--max 2.17] [--out FILE]
"""
import argparse
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile

ELF_MAGIC = b"\x7fELF"
# glibc's own libraries: on every Linux system with glibc, in every version since 2.17.
GLIBC_LIBS = {"libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "ld-linux-x86-64.so.2"}
SKIP = {"SHA256SUMS", "ARTIFACTS.md"}


def members(path):
    """(name inside, bytes) of every ELF file in one artifact: the file itself or its archive."""
    name = os.path.basename(path)
    if name.endswith((".whl", ".zip", ".jar", ".nupkg")):
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                with z.open(info) as f:
                    if f.read(4) == ELF_MAGIC:
                        yield info.filename, z.read(info)
    elif name.endswith((".tgz", ".tar.gz")):
        with tarfile.open(path) as t:
            for info in t:
                if not info.isfile():
                    continue
                data = t.extractfile(info).read()
                if data[:4] == ELF_MAGIC:
                    yield info.name, data
    else:
        with open(path, "rb") as f:
            if f.read(4) == ELF_MAGIC:
                yield "(the file itself)", open(path, "rb").read()


def version_key(v):
    return tuple(int(p) for p in v.split("."))


def inspect(data):
    """(newest GLIBC_ version needed, NEEDED libraries) of one ELF image."""
    with tempfile.NamedTemporaryFile() as tmp:
        tmp.write(data)
        tmp.flush()
        symbols = subprocess.run(["objdump", "-T", tmp.name], check=True, capture_output=True, text=True).stdout
        headers = subprocess.run(["objdump", "-p", tmp.name], check=True, capture_output=True, text=True).stdout
    named = set(re.findall(r"GLIBC_([A-Za-z0-9_.]+)", symbols))
    versions = {v for v in named if re.fullmatch(r"\d+(?:\.\d+)+", v)}
    floor = max(versions, key=version_key) if versions else ""
    needed = re.findall(r"^\s*NEEDED\s+(\S+)", headers, re.M)
    return floor, needed, sorted(named - versions)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dist")
    ap.add_argument("--max", default="2.17")
    ap.add_argument("--out")
    args = ap.parse_args()
    rows, over = [], []
    for name in sorted(os.listdir(args.dist)):
        path = os.path.join(args.dist, name)
        if name in SKIP or not os.path.isfile(path):
            continue
        size = f"{(os.path.getsize(path) + 1023) // 1024:,} KiB"
        found = False
        for inner, data in members(path):
            found = True
            floor, needed, odd = inspect(data)
            rows.append((name, size, inner, floor or "none", ", ".join(needed)))
            if floor and version_key(floor) > version_key(args.max):
                over.append(f"{name}: {inner} needs GLIBC_{floor}")
            over.extend(f"{name}: {inner} needs GLIBC_{v}" for v in odd)
            over.extend(f"{name}: {inner} needs {lib}, which is not glibc's" for lib in needed if lib not in GLIBC_LIBS)
        if not found:
            rows.append((name, size, "", "", ""))
    out = io.StringIO()
    out.write(f"| artifact | size | native file | glibc floor (at most {args.max}) | shared libraries needed |\n")
    out.write("|---|---:|---|---|---|\n")
    for name, size, inner, floor, needed in rows:
        inner = f"`{inner}`" if inner else ""
        out.write(f"| `{name}` | {size} | {inner} | {floor} | {needed} |\n")
    text = out.getvalue()
    if args.out:
        with open(args.out, "a") as f:
            f.write(text)
    sys.stdout.write(text)
    if over:
        sys.stderr.write(f"glibc floor: native files need more than glibc {args.max} and its own libraries:\n")
        sys.stderr.write("".join(f"  {line}\n" for line in over))
        return 1
    if not any(r[2] for r in rows):
        sys.stderr.write("glibc floor: no native file found in dist/ (nothing was checked)\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
