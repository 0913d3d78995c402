"""Fixtures: the shared vectors and a real `antom sim` process per test."""
import json
import os
import pathlib
import subprocess

import pytest

import antom

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"
ANTOM = os.environ.get("ANTOM_BIN", str(ROOT / "target" / "debug" / "antom"))


@pytest.fixture(scope="session")
def vectors():
    return json.loads((VECTORS / "vectors.json").read_text())


def run_sim(tmp_path, *extra):
    """A real `antom sim` process with `extra` arguments: yields its JSON line, then stops it."""
    proc = subprocess.Popen(
        [ANTOM, "sim", "--time-scale", "0.0005", "--slow-ms", "1500", "--state-dir", str(tmp_path / "sim"), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    line = proc.stdout.readline()
    assert line, "the simulator did not start"
    yield json.loads(line)
    proc.terminate()
    assert proc.wait(timeout=10) == 0


@pytest.fixture
def sim(tmp_path):
    yield from run_sim(tmp_path)


@pytest.fixture
def tls_sim(tmp_path):
    """The simulator over HTTPS (`--tls`), with the CA it made in `ca_certificate_file`."""
    yield from run_sim(tmp_path, "--tls")


def make_client(sim, cls=antom.Client, **kw):
    return cls(
        sim["client_id"],
        pathlib.Path(sim["merchant_private_key_file"]),
        pathlib.Path(sim["antom_public_key_file"]),
        gateway_url=sim["url"],
        **kw,
    )


@pytest.fixture
def client(sim):
    return make_client(sim)


def pay_body(request_id, value="1000", notify=None):
    body = {
        "paymentRequestId": request_id,
        "paymentAmount": {"currency": "USD", "value": value},
        "productCode": "CASHIER_PAYMENT",
        "paymentMethod": {"paymentMethodType": "ALIPAY_CN"},
    }
    if notify:
        body["paymentNotifyUrl"] = notify
    return body
