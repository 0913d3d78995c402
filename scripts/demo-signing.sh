#!/usr/bin/env bash
# The signing demo, step by step with the CLI: keygen, sign, verify, tamper, verify fails.
set -euo pipefail
cd "$(dirname "$0")/.."
antom=${ANTOM_BIN:-target/debug/antom}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s\n' "$*"; }

step "1. keygen: a fresh RSA-2048 merchant key pair"
"$antom" keygen --out-dir "$work/keys"

body='{"paymentRequestId":"demo-order-1","paymentAmount":{"currency":"USD","value":"1000"},"productCode":"CASHIER_PAYMENT"}'
printf '%s' "$body" > "$work/body.json"
path=/ams/sandbox/api/v1/payments/pay
time=$(date +%s%3N)
step "2. sign POST $path for SANDBOX_DEMO at Request-Time $time"
sig=$("$antom" sign --private-key "$work/keys/private_key.pem" --client-id SANDBOX_DEMO --path "$path" --time "$time" --body-file "$work/body.json")
echo "Signature: $sig"

step "3. verify with the public key"
"$antom" verify --public-key "$work/keys/public_key.pem" --client-id SANDBOX_DEMO --path "$path" --time "$time" --body-file "$work/body.json" --signature "$sig"

step "4. tamper: the amount becomes 1 cent"
printf '%s' "${body/\"1000\"/\"1\"}" > "$work/tampered.json"
cat "$work/tampered.json"; echo

step "5. verify the tampered body: must fail"
if "$antom" verify --public-key "$work/keys/public_key.pem" --client-id SANDBOX_DEMO --path "$path" --time "$time" --body-file "$work/tampered.json" --signature "$sig"; then
  echo "demo: a tampered body verified. This must never happen." >&2
  exit 1
fi
echo "rejected, as it must be"
