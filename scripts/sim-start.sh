#!/usr/bin/env bash
# Starts `antom sim` in the background and waits for its JSON line.
# Usage: source scripts/sim-start.sh [extra sim args]; sets SIM_INFO and SIM_PID.
antom_bin=${ANTOM_BIN:-target/debug/antom}
sim_out=$(mktemp)
"$antom_bin" sim --time-scale "${SIM_TIME_SCALE:-0.001}" "$@" >"$sim_out" 2>"${SIM_LOG:-/dev/null}" &
SIM_PID=$!
for _ in $(seq 1 100); do
  [ -s "$sim_out" ] && break
  sleep 0.1
done
SIM_INFO=$(head -n1 "$sim_out")
rm -f "$sim_out"
if [ -z "$SIM_INFO" ]; then
  echo "the simulator did not start" >&2
  kill "$SIM_PID" 2>/dev/null
  return 1 2>/dev/null || exit 1
fi
export SIM_INFO SIM_PID
