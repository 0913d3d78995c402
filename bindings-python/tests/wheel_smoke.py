"""Run against the installed release wheel in a fresh venv: imports, signs a shared vector."""
import json
import pathlib

import antom

vectors = json.loads((pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors" / "vectors.json").read_text())
case = vectors["sign_cases"][0]
got = antom.sign_request(vectors["keys"]["private_pkcs8_base64"], case["method"], case["path"], case["client_id"], case["time"], case["body"])
assert got == case["signature_header"], got
assert antom.verify_signature(vectors["keys"]["public_spki_base64"], case["method"], case["path"], case["client_id"], case["time"], case["body"], got)
print(f"wheel smoke: antom {antom.__version__} ({antom.CRYPTO_BACKEND}) signs and verifies the shared vector: 1 passed, 0 failed")
