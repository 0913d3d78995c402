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

# test-dist, the last suite, spends most of its time in `make dist`'s release builds, while the
# suites before it leave about half of the 2 cores idle (they wait on servers, browsers and child
# processes: 40-63% busy, measured per suite). So those builds start first, at nice 19, and take
# what the suites leave; test-dist waits for them. (Started after lint-all instead, they left
# 68 s to wait for at the end against 17-22 s, and lint-all took no less: 310 s against 292-317.)
# A failure of theirs fails `make test` at the end of the suite it happened in, with their log.
# They build into target/release and
# target/x86_64-unknown-linux-gnu (the suites use target/debug) and write target/dist-stage,
# dist/ and zig's cache, which no suite before test-dist reads; scripts/dist.sh holds a lock, so
# a second `make dist` waits for them instead of deleting their compiler.
natives=
natives_started=0
natives_log=$logs/dist-natives.log
running() { [[ -n $natives ]] && jobs -rp | grep -qx "$natives"; }
stop_natives() { if running; then kill -- "-$natives" 2>/dev/null; fi; true; }
trap stop_natives EXIT

start_natives() {
  local s
  s=$(date +%s)
  # They need the Debian packages (libclang for PHP's bindgen) and zig from .venv.
  make --no-print-directory deps venv
  printf '%-14s %4ss\n' "(setup)" "$(( $(date +%s) - s ))" >> "$times"
  natives_started=$(date +%s)
  # A process group of its own (job control on for this one launch), so a failure can stop its
  # whole tree. Not a session of its own: a session is a scheduler autogroup of its own, between
  # which the kernel shares the CPU evenly whatever each process's nice value; the first run,
  # made with `setsid`, took half the CPU from lint-all (495 s against 263 s). ionice -t: idle
  # I/O where the disk's scheduler honours it, and no failure where it is refused.
  set -m
  nice -n 19 ionice -c 3 -t bash scripts/dist.sh --natives < /dev/null > "$natives_log" 2>&1 &
  natives=$!
  set +m
}

# Waits for the builds if they have ended (or with `wait_all`, until they do); fails with their log.
reap_natives() {
  [[ -n $natives ]] || return 0
  if [[ ${1:-} != wait_all ]] && running; then return 0; fi
  local w pid=$natives
  w=$(date +%s)
  if ! wait "$pid"; then
    natives=
    cat "$natives_log"
    echo "make test: the release builds (scripts/dist.sh --natives, in the background) failed" >&2
    printf '%-14s FAILED\n' "(dist builds)" | tee -a "$times"
    exit 1
  fi
  natives=
  printf '%-14s %4ss in the background, the last %ss waited for\n' "(dist builds)" \
    "$(( $(date +%s) - natives_started ))" "$(( $(date +%s) - w ))" >> "$times"
}

if [[ " $* " == *" test-dist "* ]]; then
  start_natives
fi

for suite in "$@"; do
  if [[ $suite == test-dist ]]; then
    reap_natives wait_all
  fi
  s=$(date +%s)
  if ! make --no-print-directory "$suite"; then
    printf '%-14s FAILED after %ss\n' "$suite" "$(( $(date +%s) - s ))" | tee -a "$times"
    exit 1
  fi
  printf '%-14s %4ss\n' "$suite" "$(( $(date +%s) - s ))" >> "$times"
  reap_natives
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
