"""The .pyi stubs match the native module (mypy.stubtest) and the package type-checks."""
import pathlib
import subprocess
import sys


def test_stubtest_passes():
    out = subprocess.run([sys.executable, "-m", "mypy.stubtest", "antom", "--ignore-missing-stub"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_a_typed_example_checks(tmp_path):
    example = tmp_path / "example.py"
    example.write_text(
        "import antom, pathlib\n"
        "c = antom.Client('C', pathlib.Path('k.pem'), 'pub', region='asia')\n"
        "r: antom.Response = c.pay(payment_request_id='o1')\n"
        "s: str = r.result_status\n"
        "ok: bool = r.verified and r.is_success\n"
    )
    out = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(example)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
