#!/usr/bin/env bash
# `make demo`: a whole payment flow against the local simulator, in every language built so far.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== starting the Antom simulator (antom sim --audit)"
source scripts/sim-start.sh --audit
trap 'kill -TERM "$SIM_PID" 2>/dev/null; wait "$SIM_PID" 2>/dev/null || true' EXIT
echo "$SIM_INFO"

echo
echo "== Rust demo merchant"
target/debug/examples/demo_merchant "$SIM_INFO"

echo
echo "== Python demo merchant (bindings-python/examples/demo.py)"
.venv/bin/python bindings-python/examples/demo.py "$SIM_INFO"

echo
echo "== Node.js demo merchant (bindings-node/examples/demo.js)"
node bindings-node/examples/demo.js "$SIM_INFO"

echo
echo "== C# demo merchant under Mono (bindings-dotnet/examples/Demo.cs)"
read -r url cid mkey akey < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["url"], d["client_id"], d["merchant_private_key_file"], d["antom_public_key_file"])' "$SIM_INFO")
LD_LIBRARY_PATH=target/dotnet mono target/dotnet/Demo.exe "$url" "$cid" "$mkey" "$akey"

echo
echo "== PHP demo merchant (bindings-php/examples/demo.php)"
ANTOM_EXTENSION="$PWD/target/debug/libantom.so" php -d extension="$PWD/target/debug/libantom.so" bindings-php/examples/demo.php "$SIM_INFO"

echo
echo "== Java demo merchant (bindings-java/examples/Demo.java)"
java --enable-native-access=ALL-UNNAMED -cp "$(ls bindings-java/target/antom-*.jar | head -1):$(ls bindings-java/target/lib/jna-*.jar | head -1)" bindings-java/examples/Demo.java "$SIM_INFO"

echo
echo "== the simulator's audit of every demo merchant (antom check report)"
sim_url=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["url"])' "$SIM_INFO")
target/debug/antom check report --sim "$sim_url"
echo "dashboard: $sim_url/sim/ (while a simulator runs)"

echo
echo "== stopping the simulator"
kill -TERM "$SIM_PID"
wait "$SIM_PID" 2>/dev/null || true
trap - EXIT
echo "simulator stopped cleanly"
