"""The guide's starter programs (guide/starters/, written by antom-codegen from tools/guide.json),
in every language: compiled or type-checked, then run as a merchant runs them, both halves,
against the simulator. Between the halves the simulator stands in for the buyer as the product's
`sim` entry says: it pays the payment the first half printed, or hands over the value a
notification would carry. A starter passes when every call it makes gets a verified answer that
is not a failure, and the second half's calls all succeed."""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

from antom.testing import Simulator

ROOT = pathlib.Path(__file__).resolve().parents[2]
STARTERS = ROOT / "guide" / "starters"
GUIDE = json.loads((ROOT / "tools" / "guide.json").read_text())
PRODUCTS = {p["id"]: p for p in GUIDE["products"]}
LANGS = ["python", "node", "dotnet", "java", "php"]
PHP_EXT = ROOT / "target" / "debug" / "libantom.so"


def pascal(product):
    return "".join(w.capitalize() for w in product.split("-"))


@pytest.fixture(scope="module")
def sim():
    s = Simulator(time_scale=0.01)
    yield s


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each language's compile or type check, once, when its first starter runs."""
    out = tmp_path_factory.mktemp("starters")
    done = set()

    def prepare(lang):
        if lang not in done:
            COMPILE[lang](out)
            done.add(lang)
        return out
    return prepare


def compile_python(out):
    subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(STARTERS / "python")],
                   check=True, cwd=ROOT)


def compile_node(out):
    # tsc --strict to JavaScript; `antom` resolves to the binding beside the output.
    (out / "node" / "node_modules").mkdir(parents=True)
    (out / "node" / "node_modules" / "antom").symlink_to(ROOT / "bindings-node")
    tsc = ROOT / "bindings-node" / "node_modules" / ".bin" / "tsc"
    subprocess.run([str(tsc), "-p", str(STARTERS / "node"), "--outDir", str(out / "node")], check=True, cwd=ROOT)


def compile_dotnet(out):
    (out / "dotnet").mkdir()
    for product in PRODUCTS:
        subprocess.run(["mcs", "-nologo", "-warnaserror+", "-langversion:7.2", f"-r:{ROOT}/target/dotnet/Antom.dll", "-r:System.Runtime.Serialization",
                        f"-out:{out}/dotnet/{pascal(product)}.exe", str(STARTERS / "dotnet" / f"{pascal(product)}.cs")],
                       check=True, cwd=ROOT)
    shutil.copy(ROOT / "target" / "dotnet" / "Antom.dll", out / "dotnet")


def compile_php(out):
    for product in PRODUCTS:
        subprocess.run(["php", "-l", str(STARTERS / "php" / f"{product}.php")], check=True, capture_output=True)


# Java's single-file source launcher compiles each starter when it runs it.
COMPILE = {"python": compile_python, "node": compile_node, "dotnet": compile_dotnet, "php": compile_php,
           "java": lambda out: None}


def command(lang, product, built):
    if lang == "python":
        return [sys.executable, str(STARTERS / "python" / f"{product.replace('-', '_')}.py")], {}
    if lang == "node":
        return ["node", str(built / "node" / f"{product}.js")], {}
    if lang == "dotnet":
        return ["mono", str(built / "dotnet" / f"{pascal(product)}.exe")], {"LD_LIBRARY_PATH": str(ROOT / "target" / "dotnet")}
    if lang == "java":
        jar = next((ROOT / "bindings-java" / "target").glob("antom-*.jar"))
        jna = next((ROOT / "bindings-java" / "target" / "lib").glob("jna-*.jar"))
        # The single-file launcher compiles the starter in memory before it runs it.
        return ["java", "--enable-native-access=ALL-UNNAMED", "-cp", f"{jar}:{jna}",
                str(STARTERS / "java" / f"{pascal(product)}.java")], {}
    return ["php", "-d", f"extension={PHP_EXT}", str(STARTERS / "php" / f"{product}.php")], {}


def run(cmd, env, *args):
    done = subprocess.run(cmd + list(args), env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{cmd} {args}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def calls(out):
    """`endpoint: STATUS CODE verified=...` lines, as (endpoint, S|F|U, verified); C# prints
    the status as its enum's name (Success, Failure, Unknown)."""
    return [(m[1], m[2][0], m[3].lower())
            for m in re.finditer(r"^([a-zA-Z.]+): ([SFU]\w*) \S+ verified=(\w+)", out, re.M)]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("product", sorted(PRODUCTS))
def test_starter_runs_both_halves_against_the_simulator(product, lang, sim, built):
    p = PRODUCTS[product]
    cmd, extra = command(lang, product, built(lang))
    env = dict(os.environ, ANTOM_CLIENT_ID=sim.client_id, ANTOM_GATEWAY_URL=sim.url,
               ANTOM_PRIVATE_KEY_FILE=sim.info["merchant_private_key_file"],
               ANTOM_PUBLIC_KEY_FILE=sim.info["antom_public_key_file"], **extra)
    first = run(cmd, env)
    start = [s["endpoint"] for s in p["steps"] if s["phase"] == "start"]
    made = calls(first)
    assert [c[0] for c in made] == start, first
    # The first half's answers are verified and not failures (a pay in process is U).
    assert all(status in "SU" and verified == "true" for _, status, verified in made), first
    found = re.search(rf"^next {re.escape(p.get('resume_with', ''))}[^:]*: (\S+)$", first, re.M)
    resume = (p.get("sim") or {}).get("next") or (found and found[1])
    assert resume, f"the first half printed no value to resume with:\n{first}"
    if (p.get("sim") or {}).get("buyer") == "complete":
        sim.complete(resume)
    second = run(cmd, env, resume)
    made = calls(second)
    assert [c[0] for c in made] == [s["endpoint"] for s in p["steps"] if s["phase"] == "resume"], second
    assert all(status == "S" and verified == "true" for _, status, verified in made), second


def test_the_method_a_merchant_names_replaces_the_default_in_every_starter():
    """`antom guide --product ... --method GCASH` shows the starters with GCASH where the default was."""
    out = subprocess.run([str(ROOT / "target" / "debug" / "antom"), "guide", "--product", "cashier-payment",
                          "--method", "GCASH", "--json"], capture_output=True, text=True, check=True).stdout
    plan = json.loads(out)
    assert len(plan["starters"]) == len(LANGS)
    for s in plan["starters"]:
        assert "GCASH" in s["code"] and GUIDE["default_method"] not in s["code"], s["language"]
