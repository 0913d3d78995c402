"""Shared fixtures for the cross-language end-to-end tests: a real `antom sim` process."""
import http.server
import json
import os
import pathlib
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
ANTOM = os.environ.get("ANTOM_BIN", str(ROOT / "target" / "debug" / "antom"))


def start_sim(tmp_path, *extra):
    """Starts `antom sim` on a free port; yields its JSON info; stops it with SIGTERM."""
    proc = subprocess.Popen(
        [ANTOM, "sim", "--time-scale", "0.001", "--state-dir", str(tmp_path / "sim"), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    line = proc.stdout.readline()
    assert line, "the simulator did not start"
    info = json.loads(line)
    yield info
    proc.terminate()
    assert proc.wait(timeout=10) == 0, "the simulator did not stop cleanly"


@pytest.fixture
def sim(tmp_path):
    yield from start_sim(tmp_path)


@pytest.fixture
def audited_sim(tmp_path):
    yield from start_sim(tmp_path, "--audit")


def antom_cli(*args, stdin=None):
    return subprocess.run([ANTOM, *args], input=stdin, capture_output=True, text=True)


# Headless Chromium over WebDriver (Debian's chromium and chromium-driver).
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def webdriver(port, method, path, payload=None):
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", method=method,
        data=json.dumps(payload).encode() if payload is not None else None,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())["value"]


@pytest.fixture
def browser():
    port = free_port()
    driver = subprocess.Popen([CHROMEDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
        "binary": CHROMIUM,
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }}}}
    session = webdriver(port, "POST", "/session", caps)["sessionId"]
    yield port, session
    try:
        webdriver(port, "DELETE", f"/session/{session}")
    finally:
        driver.terminate()
        driver.wait(timeout=10)


class AckingWebhook(http.server.BaseHTTPRequestHandler):
    """A webhook that records every POST (path, headers, raw body) and acks it, verified or not
    (the checkout test verifies afterwards with `antom verify`; the dashboard test needs the
    red line crossed). Subclass it for a list of your own."""
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.path, dict(self.headers), body))
        ack = b'{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(ack)))
        self.end_headers()
        self.wfile.write(ack)

    def log_message(self, *args):
        pass
