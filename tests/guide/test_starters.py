"""The guide's starter programs (guide/starters/, written by antom-codegen from tools/guide.json),
in every language: compiled or type-checked, then run as a merchant runs them, both halves
(`start <order>`, `resume <order> [value]`), against the simulator. Between the halves the
simulator stands in for the buyer as the product's `sim` entry says: it pays the order, or hands
over the value a notification would carry. A starter passes when every call it makes gets a
verified answer that is not a failure, and the second half's calls all succeed, twice."""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import uuid

import pytest

from antom.models import PayQueryRequest
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


def java_classpath():
    jar = next((ROOT / "bindings-java" / "target").glob("antom-*.jar"))
    jna = next((ROOT / "bindings-java" / "target" / "lib").glob("jna-*.jar"))
    return f"{jar}:{jna}"


def compile_java(out):
    # One javac for every starter (warnings are errors), rather than the single-file launcher
    # compiling each one again on each of its two runs.
    subprocess.run(["javac", "-Xlint:all", "-Werror", "-cp", java_classpath(), "-d", str(out / "java"),
                    *[str(STARTERS / "java" / f"{pascal(product)}.java") for product in PRODUCTS]],
                   check=True, cwd=ROOT)


COMPILE = {"python": compile_python, "node": compile_node, "dotnet": compile_dotnet, "php": compile_php,
           "java": compile_java}


def command(lang, product, built):
    if lang == "python":
        return [sys.executable, str(STARTERS / "python" / f"{product.replace('-', '_')}.py")], {}
    if lang == "node":
        return ["node", str(built / "node" / f"{product}.js")], {}
    if lang == "dotnet":
        return ["mono", str(built / "dotnet" / f"{pascal(product)}.exe")], {"LD_LIBRARY_PATH": str(ROOT / "target" / "dotnet")}
    if lang == "java":
        return ["java", "--enable-native-access=ALL-UNNAMED", "-cp", f"{built / 'java'}:{java_classpath()}",
                pascal(product)], {}
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


def environment(sim, extra):
    return dict(os.environ, ANTOM_CLIENT_ID=sim.client_id, ANTOM_GATEWAY_URL=sim.url,
                ANTOM_PRIVATE_KEY_FILE=sim.info["merchant_private_key_file"],
                ANTOM_PUBLIC_KEY_FILE=sim.info["antom_public_key_file"], **extra)


def buyer_pays(sim, order):
    """The simulator's buyer pays the order (found by its paymentRequestId, as a merchant's
    inquiry finds it)."""
    found = sim.client.inquiry_payment(PayQueryRequest(payment_request_id=order))
    assert found.verified and found.data.payment_id, found.raw
    sim.complete(found.data.payment_id)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("product", sorted(PRODUCTS))
def test_starter_runs_both_halves_against_the_simulator(product, lang, sim, built):
    p = PRODUCTS[product]
    cmd, extra = command(lang, product, built(lang))
    env = environment(sim, extra)
    order = f"{product}-{lang}-{uuid.uuid4().hex[:12]}"
    first = run(cmd, env, "start", order)
    made = calls(first)
    assert [c[0] for c in made] == [s["endpoint"] for s in p["steps"] if s["phase"] == "start"], first
    # The first half's answers are verified and not failures (a pay in process is U).
    assert all(status in "SU" and verified == "true" for _, status, verified in made), first
    assert f"resume {order}" in first, first
    sim_plays = p.get("sim") or {}
    if sim_plays.get("buyer") == "complete":
        buyer_pays(sim, order)
    value = sim_plays.get("value")
    if "value_from" in sim_plays:
        found = re.search(rf"\b{sim_plays['value_from']}=(\S+)", first)
        assert found, first
        value = found[1]
    args = ["resume", order] + ([value] if value else [])
    second = run(cmd, env, *args)
    made = calls(second)
    resume_steps = [s for s in p["steps"] if s["phase"] == "resume"]
    assert [c[0] for c in made] == [s["endpoint"] for s in resume_steps], second
    # Every answer is a verified S, but the inquiry that checks an order has no payment yet,
    # whose verified ORDER_NOT_EXIST is what lets the half pay.
    wanted = ["F" if s.get("new_only") else "S" for s in resume_steps]
    assert [(status, verified) for _, status, verified in made] == [(w, "true") for w in wanted], second
    assert "stop:" not in second, second
    # The same second half again repeats the same requests (the order id is every idempotency
    # key): the same refund, capture or release comes back; nothing is charged twice.
    again = run(cmd, env, *args)
    if any(s.get("new_only") for s in resume_steps):
        assert "this order has a payment already" in again, again
        assert "payments.pay:" not in again, again
    else:
        for key in ("paymentId", "refundId", "captureId", "releaseId"):
            assert re.findall(rf"\b{key}=(\S+)", again) == re.findall(rf"\b{key}=(\S+)", second), (key, second, again)
        assert [c[1] for c in calls(again)] == [c[1] for c in made], again


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_is_refunded_before_the_payment_is_confirmed(lang, sim, built):
    """Resumed before the buyer pays, the cashier starter inquires, sees PROCESSING and stops:
    no refund is sent for a payment that has not succeeded."""
    cmd, extra = command(lang, "cashier-payment", built(lang))
    env = environment(sim, extra)
    order = f"early-{lang}-{uuid.uuid4().hex[:12]}"
    run(cmd, env, "start", order)
    out = run(cmd, env, "resume", order)
    assert [c[0] for c in calls(out)] == ["payments.inquiryPayment"], out
    assert "stop: paymentStatus is not SUCCESS" in out, out


@pytest.mark.parametrize("lang", LANGS)
def test_a_live_client_id_is_refused_without_antom_live(lang, sim, built):
    """Without a gateway and with a client id that is not a sandbox one, a starter would talk to
    Antom's live gateway: it refuses unless ANTOM_LIVE=1, before it sends anything."""
    cmd, extra = command(lang, "cashier-payment", built(lang))
    env = environment(sim, extra)
    env["ANTOM_CLIENT_ID"] = "2188120000000000"
    # No gateway (the region's live one), or a gateway that is not this machine: both refused.
    for gateway in (None, "https://open-sea-global.alipay.com"):
        if gateway is None:
            env.pop("ANTOM_GATEWAY_URL", None)
        else:
            env["ANTOM_GATEWAY_URL"] = gateway
        done = subprocess.run(cmd + ["start", "live-1"], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode != 0 and "ANTOM_LIVE=1" in done.stdout + done.stderr, (gateway, done)


def test_the_method_a_merchant_names_replaces_the_default_in_every_starter():
    """`antom guide --product ... --method GCASH` shows the starters with GCASH where the default was."""
    out = subprocess.run([str(ROOT / "target" / "debug" / "antom"), "guide", "--product", "cashier-payment",
                          "--method", "GCASH", "--json"], capture_output=True, text=True, check=True).stdout
    plan = json.loads(out)
    assert len(plan["starters"]) == len(LANGS)
    for s in plan["starters"]:
        assert "GCASH" in s["code"] and PRODUCTS["cashier-payment"]["method"] not in s["code"], s["language"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_pay_whose_answer_cannot_be_trusted_is_unknown_never_failed(lang, sim, built):
    """The pay's answer comes back with a corrupted signature: the pay may have happened, so the
    starter says the outcome is unknown, names the key to inquire with, and says never to
    charge again."""
    cmd, extra = command(lang, "cashier-payment", built(lang))
    env = environment(sim, extra)
    order = f"unknown-{lang}-{uuid.uuid4().hex[:12]}"
    sim.arm_fault("/payments/pay", 9903)
    done = subprocess.run(cmd + ["start", order], env=env, capture_output=True, text=True, timeout=120)
    said = done.stdout + done.stderr
    assert done.returncode != 0, said
    assert f"outcome unknown for {order}" in said and "never charge again" in said, said
