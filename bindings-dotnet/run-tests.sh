#!/usr/bin/env bash
# Builds the C# library, tests and demo with Mono's mcs; runs the C test under valgrind and the
# C# tests under mono, both against a real simulator, and the C memory-wipe test.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/dotnet
lib=target/debug
mkdir -p "$out"
cp "$lib/libantom_ffi.so" "$out/"
mcs -langversion:7.2 -target:library -nowarn:1591 -r:System.Runtime.Serialization -doc:"$out/Antom.xml" -out:"$out/Antom.dll" bindings-dotnet/src/Antom/*.cs
mcs -langversion:7.2 -out:"$out/AntomTests.exe" -r:"$out/Antom.dll" -r:System.Runtime.Serialization -r:System.Xml -r:System.Xml.Linq bindings-dotnet/tests/AntomTests.cs bindings-dotnet/tests/HostileTests.cs bindings-dotnet/tests/TypedTests.cs bindings-dotnet/tests/WebhooksTests.cs bindings-dotnet/tests/TestingTests.cs bindings-dotnet/tests/PagingTests.cs
mcs -langversion:7.2 -out:"$out/Demo.exe" -r:"$out/Antom.dll" -r:System.Runtime.Serialization bindings-dotnet/examples/Demo.cs
gcc -Wall -Wextra -Werror -O1 -g -Ibindings-dotnet/native/include bindings-dotnet/tests/c/test_antom.c -L"$lib" -lantom_ffi -o "$out/test_antom_c"
gcc -Wall -Wextra -Werror -O1 -g -Ibindings-dotnet/native/include bindings-dotnet/tests/c/test_wipe.c -L"$lib" -lantom_ffi -o "$out/test_wipe_c"

[ "${1:-}" = "--build-only" ] && exit 0

echo "== C ABI from C, under valgrind"
source scripts/sim-start.sh
trap 'kill -TERM "$SIM_PID" 2>/dev/null || true' EXIT
read -r url cid mkey akey < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["url"], d["client_id"], d["merchant_private_key_file"], d["antom_public_key_file"])' "$SIM_INFO")
LD_LIBRARY_PATH="$lib" valgrind -q --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite --error-exitcode=1 \
  "$out/test_antom_c" tests/vectors/test_private_pkcs8.pem tests/vectors/test_public_spki.pem "$url" "$cid" "$mkey" "$akey"
kill -TERM "$SIM_PID"; trap - EXIT

echo "== C ABI: no copy of the key's text left in memory after signing (not under valgrind)"
LD_LIBRARY_PATH="$lib" "$out/test_wipe_c" tests/vectors/test_private_pkcs8.pem

echo "== C# under Mono"
ANTOM_ROOT="$PWD" ANTOM_BIN="$PWD/target/debug/antom" LD_LIBRARY_PATH="$out" mono "$out/AntomTests.exe"
