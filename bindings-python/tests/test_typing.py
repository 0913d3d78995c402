"""The .pyi stubs match the native module (mypy.stubtest), the package type-checks strictly, and
the typed models let mypy catch a misspelt field or a wrong type before anything is sent."""
import pathlib
import subprocess
import sys

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "python"


def mypy(*args):
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", *args], capture_output=True, text=True)


def test_stubtest_passes():
    # The native module against its stubs; the pure Python modules are checked by mypy below
    # (stubtest reports `str` enums' __new__ as a false positive).
    out = subprocess.run([sys.executable, "-m", "mypy.stubtest", "antom._antom", "--ignore-missing-stub"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_package_type_checks_strictly():
    out = mypy("-p", "antom")
    assert out.returncode == 0, out.stdout + out.stderr


def test_a_typed_example_checks(tmp_path):
    example = tmp_path / "example.py"
    example.write_text(
        "import antom, pathlib\n"
        "from antom.models import Amount, PayRequest, PayResponse, ProductCodeType\n"
        "c = antom.Client('C', pathlib.Path('k.pem'), 'pub', region='asia')\n"
        "req = PayRequest(payment_request_id='o1', payment_amount=Amount(currency='USD', value='100'),\n"
        "                 product_code=ProductCodeType.CASHIER_PAYMENT)\n"
        "r: antom.Response[PayResponse] = c.pay(req)\n"
        "s: str = r.result_status\n"
        "ok: bool = r.verified and r.is_success\n"
        "pid: str = r.data.payment_id or ''\n"
        "value: str = r.data.payment_amount.value or '' if r.data.payment_amount else ''\n"
        "d = c.pay({'paymentRequestId': 'o2'})\n"
        "legacy = d.data['paymentId']\n"
    )
    out = mypy(str(example))
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_rejects_a_misspelt_field_and_a_wrong_type(tmp_path):
    example = tmp_path / "bad.py"
    example.write_text(
        "from antom.models import Amount, PayRequest\n"
        "PayRequest(payment_request_idd='o1')\n"
        "Amount(currency=840)\n"
    )
    out = mypy(str(example))
    assert out.returncode == 1
    assert 'Unexpected keyword argument "payment_request_idd"' in out.stdout
    assert 'Argument "currency" to "Amount" has incompatible type "int"' in out.stdout
