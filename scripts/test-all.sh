#!/usr/bin/env bash
# `make test`: every suite in order, each timed, then the key-leak scan over their logs. The
# times go to target/test-logs/times.txt and are printed at the end, so every CI run says
# where its minutes went (the target is under 20 minutes from a fresh clone on 2 cores).
# Usage: test-all.sh SUITE... (the make targets, in order). Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
logs=target/test-logs
mkdir -p "$logs"
times=$logs/times.txt
: > "$times"
start=$(date +%s)
for suite in "$@"; do
  s=$(date +%s)
  if ! make --no-print-directory "$suite"; then
    printf '%-14s FAILED after %ss\n' "$suite" "$(( $(date +%s) - s ))" | tee -a "$times"
    exit 1
  fi
  printf '%-14s %4ss\n' "$suite" "$(( $(date +%s) - s ))" >> "$times"
done
python3 tools/scan_key_leaks.py "$logs"/*.log
total=$(( $(date +%s) - start ))
printf '%-14s %4ss\n' total "$total" >> "$times"
echo "== make test: time per suite"
cat "$times"
# Said, not enforced: a slow machine is no failure, but a run over budget should be seen.
if (( total > 1200 )); then
  echo "make test: over the 20-minute budget by $(( total - 1200 ))s (see the slowest suites above)"
fi
echo "make test: all suites passed"
