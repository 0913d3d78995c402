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
printf '%-14s %4ss\n' total "$(( $(date +%s) - start ))" >> "$times"
echo "== make test: time per suite"
cat "$times"
echo "make test: all suites passed"
