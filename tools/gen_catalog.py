#!/usr/bin/env python3
"""Regenerates core/data/catalog.tsv from tools/endpoints.tsv and tools/schema.json.

Run by hand when Antom's endpoint list changes (the inputs are copies of ../shared/antom). The
output is committed: the crate embeds it and never reads these inputs at build or test time.
"""
import csv
import sys
import json
import pathlib

here = pathlib.Path(__file__).resolve().parent
schema = json.loads((here / "schema.json").read_text())
rows = list(csv.DictReader(open(here / "endpoints.tsv"), delimiter="\t"))

# Paths the official SDKs ship wrong, mapped to the documented ones.
FIXES = {
    "/ams/api//v1/payments/retrievePaymentSession": "/ams/api/v1/payments/retrievePaymentSession",
    "/ams/v1/aba/funds/createExchange": "/ams/api/v1/aba/funds/createExchange",
}
# Idempotency fields of endpoints the schema lacks (from Antom's API reference).
EXTRA_KEYS = {
    "/ams/api/v1/merchants/registration": "registrationRequestId",
    "/ams/api/v1/customs/declare": "declarationRequestId",
    "/ams/api/v1/aba/funds/createExchange": "exchangeRequestId",
}
PREFERRED = ["paymentRequestId", "refundRequestId", "captureRequestId", "registrationRequestId",
             "transferRequestId"]
READ_ONLY_PREFIXES = ("inquir", "query", "consult", "retrieve", "download", "get", "export")

# Paths in the schema that endpoints.tsv lacks: the catalog is the union, grouped here.
listed = {FIXES.get(r["path"], r["path"]) for r in rows} | {r["path"] for r in rows}
SCHEMA_GROUPS = [
    ("/ams/api/v1/payments/reserve/", "Payments (Hold and Release)"),
    ("/ams/api/v1/agenticPayment/", "Agentic payments"),
    ("/ams/api/v1/notification/", "Notifications (missed-webhook recovery)"),
    ("/ams/api/v1/payments/", "Payments (core online/in-store)"),
]
for path in sorted(schema["endpoints"]):
    if path in listed:
        continue
    group = next((g for prefix, g in SCHEMA_GROUPS if path.startswith(prefix)), None)
    if group is None:
        raise SystemExit(f"no group for schema path {path}: add it to SCHEMA_GROUPS")
    rows.append({"path": path, "group": group})

entries = []
for row in rows:
    shipped = row["path"]
    path = FIXES.get(shipped, shipped)
    endpoint = schema["endpoints"].get(shipped) or schema["endpoints"].get(path) or {}
    fields = {}
    for req in endpoint.get("requests", []):
        fields.update(schema["requests"][req]["fields"])
    keys = [f for f in fields if f.endswith("RequestId")]
    keys.sort(key=lambda f: PREFERRED.index(f) if f in PREFERRED else len(PREFERRED))
    key = keys[0] if keys else EXTRA_KEYS.get(path, "")
    last = path.rsplit("/", 1)[1]
    name = path.split("/v1/", 1)[1].replace("/", ".")
    read_only = last.lower().startswith(READ_ONLY_PREFIXES)
    transport = "json"
    if path.endswith("/meter/uploadEvent"):
        transport = "meter-event"
    elif path.endswith("/billing/product/uploadImage"):
        transport = "multipart"
    # Risk endpoints and the meter event upload are not rewritten for sandbox client ids.
    sandbox = not (path.startswith("/ams/api/v1/risk/") or transport == "meter-event")
    entries.append({
        "name": name, "path": path, "shipped_path": shipped, "group": row["group"],
        "idempotency_field": key, "read_only": int(read_only), "sandbox": int(sandbox),
        "transport": transport,
        "request": ",".join(endpoint.get("requests", [])),
        "response": ",".join(endpoint.get("responses", [])),
        "last": last,
    })

counts = {}
for e in entries:
    counts[e["last"]] = counts.get(e["last"], 0) + 1
for e in entries:
    unique = counts[e["last"]] == 1
    e["alias"] = e["last"] if unique or e["name"].startswith("payments.") else ""

cols = ["name", "alias", "path", "shipped_path", "group", "idempotency_field", "read_only",
        "sandbox", "transport", "request", "response"]
out = here.parent / "core" / "data" / "catalog.tsv"
catalog = "\t".join(cols) + "\n" + "".join(
    "\t".join(str(e[c]) for c in cols) + "\n" for e in sorted(entries, key=lambda e: e["name"]))

# The simulator shapes generic responses from the response models' top-level fields.
resp_out = here.parent / "sim" / "data" / "response_fields.tsv"
responses = "".join(
    name + "\t" + ",".join(f"{k}:{v if isinstance(v, str) else 'list'}" for k, v in sorted(model.get("fields", {}).items())) + "\n"
    for name, model in sorted(schema["responses"].items()))

# `--check` (make lint) writes nothing and fails when either file is stale.
stale = []
for path, text in [(out, catalog), (resp_out, responses)]:
    current = path.read_text() if path.exists() else ""
    if current == text:
        continue
    if "--check" in sys.argv:
        stale.append(str(path))
    else:
        path.write_text(text)
        print(f"wrote {path}")
if stale:
    sys.exit("gen_catalog: stale (run python3 tools/gen_catalog.py): " + ", ".join(stale))
