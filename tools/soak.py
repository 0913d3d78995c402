#!/usr/bin/env python3
"""Soak and leak check of every binding against one simulator: N sign+verify pairs and M client
calls per binding (tools/soak_{python.py,node.js,php.php} and Soak.cs), each reporting RSS
before, after the signing and after the calls, and its language heap's growth.

  tools/soak.py            the full run (100,000 sign/verify, 10,000 calls): docs/soak.md
  tools/soak.py --short    2,000 and 300, in `make test`: fails when a language heap grows
                           past 2 MB or RSS past 32 MB, which only a leak does at this size

Uses the debug builds the test targets make (python-dev, node-dev, dotnet-dev, php-dev)."""
import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
ANTOM = os.environ.get("ANTOM_BIN", str(ROOT / "target" / "debug" / "antom"))


def dotnet_cmd():
    out = ROOT / "target" / "dotnet-soak"
    out.mkdir(parents=True, exist_ok=True)
    src = sorted(str(p) for p in (ROOT / "bindings-dotnet/src/Antom").glob("*.cs"))
    subprocess.run(["mcs", "-langversion:7.2", "-target:library", "-nowarn:1591", "-r:System.Runtime.Serialization",
                    f"-out:{out}/Antom.dll", *src], check=True)
    subprocess.run(["mcs", "-langversion:7.2", f"-out:{out}/Soak.exe", f"-r:{out}/Antom.dll", "-r:System.Runtime.Serialization", str(ROOT / "tools/Soak.cs")], check=True)
    return ["mono", f"{out}/Soak.exe"], {"LD_LIBRARY_PATH": str(ROOT / "target" / "debug")}


def main(short):
    n_sign, n_call = (2_000, 300) if short else (100_000, 10_000)
    sim = subprocess.Popen([ANTOM, "sim", "--time-scale", "0.001"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        info = sim.stdout.readline()
        assert info, "the simulator did not start"
        ext = ROOT / "target" / "debug" / "libantom.so"
        runs = [
            ([str(ROOT / ".venv/bin/python"), str(ROOT / "tools/soak_python.py")], {}),
            (["node", "--expose-gc", str(ROOT / "tools/soak_node.js")], {}),
            (["php", "-d", f"extension={ext}", str(ROOT / "tools/soak_php.php")], {}),
            dotnet_cmd(),
        ]
        results = []
        for cmd, env in runs:
            out = subprocess.run([*cmd, str(n_sign), str(n_call)], env={**os.environ, **env, "ANTOM_SIM_INFO": info},
                                 capture_output=True, text=True, cwd=ROOT)
            if out.returncode != 0:
                print(out.stdout, out.stderr, file=sys.stderr)
                raise SystemExit(f"soak: {cmd[0]} failed")
            r = json.loads(out.stdout.strip().splitlines()[-1])
            results.append(r)
            print(json.dumps(r))
    finally:
        sim.terminate()
        sim.wait(timeout=10)
    if short:
        bad = [r for r in results if r["heap_growth_kb"] > 2048 or r["rss_kb"][2] - r["rss_kb"][0] > 32 * 1024]
        if bad:
            raise SystemExit(f"soak: memory grew: {bad}")
        print(f"soak (short): {len(results)} bindings, no growth past the bounds")
        return
    rows = "\n".join(
        f"| {r['binding']} | {r['rss_kb'][0] / 1024:.1f} | {r['rss_kb'][1] / 1024:.1f} | {r['rss_kb'][2] / 1024:.1f} "
        f"| {(r['rss_kb'][1] - r['rss_kb'][0]) / (n_sign / 10_000):+.0f} | {(r['rss_kb'][2] - r['rss_kb'][1]) / (n_call / 10_000):+.0f} "
        f"| {r['heap_growth_kb']:+d} |" for r in results)
    text = f"""# Soak and leaks

`python3 tools/soak.py` (debug builds, as the tests use them; one simulator on loopback). Per binding,
after a warm-up of 1,000 sign/verify pairs and 200 calls: {n_sign:,} sign+verify pairs (one in ten
with a malformed key, so the error path runs too), then {n_call:,} client calls (pay and inquiry,
alternating, each response verified). RSS from /proc/self/status; the language heap after full
collections (Python: tracemalloc; Node: V8 heapUsed with --expose-gc; PHP: memory_get_usage; .NET:
GC.GetTotalMemory).

| binding | RSS start MB | after sign/verify MB | after calls MB | KB per 10k sign/verify | KB per 10k calls | heap growth KB |
|---|---:|---:|---:|---:|---:|---:|
{rows}

RSS moves by allocator and JIT warm-up, not only by leaks: a separate run of 50,000 Node
inquiries measured RSS after each 10,000 at 62.2, 64.9, 65.2, 65.8 and 65.8 MB (V8 heap flat at
2.9 MB), a plateau, not a slope. A leak grows every block.

Native leaks are checked exactly elsewhere: the C ABI test runs under valgrind with
`--leak-check=full --errors-for-leak-kinds=definite --error-exitcode=1`, error paths included
(`make test-c`). `make test` runs this soak short (2,000 and 300) with bounds only a leak
would pass.
"""
    (ROOT / "docs" / "soak.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main("--short" in sys.argv)
