#!/usr/bin/env python3
"""The Java binding's rows in docs/benchmarks.md (release builds; `make bench-java`):
  - sign and verify through com.antom.Signature (1 KB body, RSA-2048) beside the JDK's own
    SHA256withRSA with parsed keys, each as a ratio of `openssl speed rsa2048` in the same run;
  - sequential signed inquiryPayment calls, each answer verified, against one release
    simulator: AntomClient, and Antom's official Java SDK 2.2.8 built from its source (Maven
    Central does not serve it here; set OFFICIAL_JAVA_SDK to a checkout of
    github.com/alipay/global-open-sdk-java, default: the mirror the machine's fetch tool keeps).
Usage: python3 tools/bench_java.py [signs] [requests]"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

root = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root / "tools"))
from bench_core import openssl, replace_section  # noqa: E402

SIGNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
REQUESTS = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
release = root / "target" / "release"
java_target = root / "bindings-java" / "target"
jna = next((java_target / "lib").glob("jna-*.jar"))
# The release library, found by JNA before the debug one inside target/classes.
JAVA = ["java", "--enable-native-access=ALL-UNNAMED", f"-Djna.library.path={release}"]
work = pathlib.Path(tempfile.mkdtemp(prefix="antom-bench-java-"))


def lines(out):
    return {j["name"]: j for j in (json.loads(l) for l in out.splitlines() if l.startswith("{"))}


def run_java(cp, source, *args, env=None):
    out = subprocess.run([*JAVA, "-cp", cp, str(root / "tools" / "bench" / source), *map(str, args)],
                         capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"{source}: {out.stderr[-2000:]}")
    return lines(out.stdout)


def official_sdk():
    """The official SDK's jar and its dependencies, built from source once; None without one."""
    src = pathlib.Path(os.environ.get("OFFICIAL_JAVA_SDK", "/work/.mirror/alipay+global-open-sdk-java/repo"))
    if not src.exists():
        return None
    build = work / "official"
    build.mkdir()
    if (src / "HEAD").exists() and not (src / "pom.xml").exists():  # a bare git directory
        archive = subprocess.run(["git", "--git-dir", str(src), "archive", "HEAD"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(build)], input=archive, check=True)
    else:
        shutil.copytree(src, build, dirs_exist_ok=True)
    subprocess.run(["mvn", "-q", "-B", "--no-transfer-progress", "-DskipTests", "-Dmaven.javadoc.skip=true", "-Dgpg.skip",
                    "package", "dependency:copy-dependencies"], cwd=build, check=True, capture_output=True)
    jars = [p for p in (build / "target").glob("global-open-sdk-java-*.jar") if "sources" not in p.name]
    return ":".join(str(p) for p in [*jars, *(build / "target" / "dependency").glob("*.jar")])


def main():
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "antom-cli", "-p", "antom-ffi"], cwd=root, check=True)
    antom_cp = f"{java_target / 'classes'}:{jna}"
    vectors = root / "tests" / "vectors"
    ssl_sign, ssl_verify = openssl()
    signs = run_java(antom_cp, "JavaBench.java", "sign", SIGNS, vectors / "test_private_pkcs8.pem", vectors / "test_public_spki.pem")
    sim = subprocess.Popen([str(release / "antom"), "sim", "--quiet", "--tls", "--state-dir", str(work / "sim")],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        info = sim.stdout.readline()
        env = dict(os.environ, SIM_INFO=info)
        clients = run_java(antom_cp, "JavaBench.java", "client", REQUESTS, env=env)
        official_cp = official_sdk()
        if official_cp:
            clients.update(run_java(official_cp, "OfficialJavaBench.java", max(REQUESTS // 4, 100), env=env))
    finally:
        sim.terminate()
        sim.wait(timeout=10)
    jdk = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    rows = ["## Java binding (release libantom_ffi.so through JNA, 1 KB body)", "",
            f"`make bench-java` on {jdk}; `openssl speed rsa2048` in the same run: {ssl_sign:,.0f} signs/s,",
            f"{ssl_verify:,.0f} verifies/s.", "",
            "| operation | ops/s | vs OpenSSL |", "|---|---:|---:|"]
    for name, j in signs.items():
        ref = ssl_verify if "verify" in name.lower() else ssl_sign
        rows.append(f"| {name} | {j['per_second']:,.0f} | {j['per_second'] / ref:.2f}x |")
    rows += ["", """Both Java paths verify at under half of OpenSSL's rate: a verification is about 14 µs of RSA, and
per-call costs on the JVM weigh as much again or more: for antom, its arguments written as one JSON
array (the key text, the body as base64) through native memory that is wiped after the call, then
read and the key found by its SHA-256 in the core's cache; for the JDK, its provider. Signing is
RSA-bound, where antom's aws-lc beats the JDK's provider about 3x. An AntomClient parses its keys
once and passes no key per call."""]
    ours = clients["antom AntomClient.inquiryPayment"]["per_second"]
    rows += ["", "Sequential signed inquiryPayment calls, each answer's signature verified, against one release",
             "simulator over HTTPS on loopback (the official SDK speaks HTTPS only; it accepts any certificate,",
             "antom trusts the simulator's CA alone):", "", "| client | requests | req/s | vs antom |", "|---|---:|---:|---:|"]
    for name, j in clients.items():
        rows.append(f"| {name} | {j['n']:,} | {j['per_second']:,.0f} | {j['per_second'] / ours:.2f}x |")
    if "antom AntomClient.inquiryPayment" in clients and len(clients) == 1:
        rows.append("\nNo official SDK row: no checkout of it was found (OFFICIAL_JAVA_SDK).")
    text = "\n".join(rows)
    replace_section("java", text)
    print(text)


if __name__ == "__main__":
    main()
