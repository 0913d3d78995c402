"""Shared fixtures for the cross-language end-to-end tests: a real `antom sim` process."""
import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
ANTOM = os.environ.get("ANTOM_BIN", str(ROOT / "target" / "debug" / "antom"))


@pytest.fixture
def sim(tmp_path):
    """Starts `antom sim` on a free port; yields its JSON info; stops it with SIGTERM."""
    proc = subprocess.Popen(
        [ANTOM, "sim", "--time-scale", "0.001", "--state-dir", str(tmp_path / "sim")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    line = proc.stdout.readline()
    assert line, "the simulator did not start"
    info = json.loads(line)
    yield info
    proc.terminate()
    assert proc.wait(timeout=10) == 0, "the simulator did not stop cleanly"


def antom_cli(*args, stdin=None):
    return subprocess.run([ANTOM, *args], input=stdin, capture_output=True, text=True)
