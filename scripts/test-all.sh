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
# processes: 40-63% busy, measured per suite). So those builds start first, in a process group
# of their own at the lowest CPU and I/O priority: they take what the suites leave, and the suites' own
# builds and timings keep the machine as before. They share nothing the suites write (their
# target/x86_64-unknown-linux-gnu and target/release; the suites build into target/debug).
# test-dist then waits for them, and fails with their log if they failed.
natives=
natives_started=0
stop_natives() { [[ -n $natives ]] && kill -- "-$natives" 2>/dev/null; true; }
trap stop_natives EXIT
if [[ " $* " == *" test-dist "* ]]; then
  # The release builds need the Debian packages (libclang for PHP's bindgen) and zig from .venv.
  make --no-print-directory deps venv
  natives_started=$(date +%s)
  # A process group of its own (job control on for this one launch), so a failure can stop its
  # whole tree. Not a session of its own: a session is a scheduler autogroup of its own, between
  # which the kernel shares the CPU evenly whatever each process's nice value; the first
  # measured run, with `setsid`, took half the CPU from lint-all (495 s against 263 s).
  set -m
  nice -n 19 ionice -c 3 bash scripts/dist.sh --natives < /dev/null > "$logs/dist-natives.log" 2>&1 &
  natives=$!
  set +m
fi

for suite in "$@"; do
  if [[ $suite == test-dist && -n $natives ]]; then
    w=$(date +%s)
    if ! wait "$natives"; then
      natives=
      cat "$logs/dist-natives.log"
      echo "make test: the release builds (scripts/dist.sh --natives, started in the background) failed" >&2
      printf '%-14s FAILED (release builds)\n' "$suite" | tee -a "$times"
      exit 1
    fi
    natives=
    printf '%-14s %4ss in the background, the last %ss waited for\n' "(dist builds)" \
      "$(( $(date +%s) - natives_started ))" "$(( $(date +%s) - w ))" >> "$times"
  fi
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
