#!/usr/bin/env bash
# The C ABI from C: builds the two C tests against include/antom.h and libantom_ffi; runs the
# first under valgrind against a real simulator, and the memory-wipe test alone (valgrind's
# allocator would hide what it looks for). `--build-only` stops after compiling.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/c
lib=target/debug
mkdir -p "$out"
for t in test_antom test_wipe; do
  gcc -Wall -Wextra -Werror -O1 -g -Ibindings-c/include "bindings-c/tests/$t.c" -L"$lib" -lantom_ffi -o "$out/$t"
done

[ "${1:-}" = "--build-only" ] && exit 0

echo "== C ABI from C, under valgrind"
source scripts/sim-start.sh
trap 'kill -TERM "$SIM_PID" 2>/dev/null || true' EXIT
read -r url cid mkey akey < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["url"], d["client_id"], d["merchant_private_key_file"], d["antom_public_key_file"])' "$SIM_INFO")
LD_LIBRARY_PATH="$lib" valgrind -q --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite --error-exitcode=1 \
  "$out/test_antom" tests/vectors/test_private_pkcs8.pem tests/vectors/test_public_spki.pem "$url" "$cid" "$mkey" "$akey"
kill -TERM "$SIM_PID"; trap - EXIT

echo "== C ABI: no copy of the key's text left in memory after signing (not under valgrind)"
LD_LIBRARY_PATH="$lib" "$out/test_wipe" tests/vectors/test_private_pkcs8.pem
