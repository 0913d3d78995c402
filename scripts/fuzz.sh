#!/usr/bin/env bash
# `make fuzz`: coverage-guided fuzzing (libFuzzer through cargo-fuzz) of every parser that sees
# outside bytes, each target for FUZZ_SECONDS (default 600), from the committed seeds and corpus.
# New inputs that add coverage are kept in tests/fuzz/corpus/<target>/ (minimized at the end, to be
# committed); a crash stops the run with its input in fuzz/artifacts/<target>/. The numbers go to
# docs/fuzzing.md.
#
# cargo-fuzz needs nightly-only compiler flags; RUSTC_BOOTSTRAP=1 enables them on the stable
# toolchain installed here. AddressSanitizer is on (cargo-fuzz's default).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-600}
targets=${FUZZ_TARGETS:-signature_header keys_any_form notification response sim_request}
export RUSTC_BOOTSTRAP=1
# The in-process simulator of `sim_request` is never dropped, so its folder of throwaway keys
# is never removed by it: every target runs with its own TMPDIR, removed at the end.
fuzz_tmp=$(mktemp -d)
trap 'rm -rf "$fuzz_tmp"' EXIT
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
python3 fuzz/seed.py
(cd fuzz && cargo fuzz build -O)
report=target/fuzz-report.md
{
  echo "| target | seconds | runs | execs/s | coverage (edges) | features | corpus | peak RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
} > "$report"
for t in $targets; do
  mkdir -p "tests/fuzz/corpus/$t"
  log=target/fuzz-$t.log
  echo "== fuzz: $t for ${seconds}s"
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a leak or a blow-up is a failure.
  (cd fuzz && TMPDIR="$fuzz_tmp" cargo fuzz run -O "$t" "../tests/fuzz/corpus/$t" "../tests/fuzz/seeds/$t" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
      -print_final_stats=1) > "$log" 2>&1 || { tail -n 60 "$log" >&2; echo "fuzz: $t failed (input in fuzz/artifacts/$t/)" >&2; exit 1; }
  stat_of() { sed -n "s/^stat::$1: *//p" "$log" | tail -n1; }
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n1 || true)
  cov=$(sed -E 's/.* cov: ([0-9]+).*/\1/' <<<"$done_line")
  ft=$(sed -E 's/.* ft: ([0-9]+).*/\1/' <<<"$done_line")
  corp=$(sed -E 's/.* corp: ([0-9]+).*/\1/' <<<"$done_line")
  echo "| $t | $seconds | $(stat_of number_of_executed_units) | $(stat_of average_exec_per_sec) | $cov | $ft | $corp | $(stat_of peak_rss_mb) |" >> "$report"
  # Keep only inputs that add coverage: the committed corpus stays small.
  (cd fuzz && TMPDIR="$fuzz_tmp" cargo fuzz cmin -O "$t" "../tests/fuzz/corpus/$t" > "../target/fuzz-cmin-$t.log" 2>&1) || true
done
cat "$report"
# The table goes into docs/fuzzing.md between its results markers, with the date and machine.
python3 - "$report" <<'PY'
import datetime, os, pathlib, re, sys
table = pathlib.Path(sys.argv[1]).read_text().strip()
doc = pathlib.Path("docs/fuzzing.md")
text = doc.read_text()
block = (f"<!-- results:begin -->\n{datetime.date.today()}, {os.cpu_count()} cores, AddressSanitizer on, one target at a time:\n\n"
         f"{table}\n<!-- results:end -->")
doc.write_text(re.sub(r"<!-- results:begin -->.*?<!-- results:end -->", lambda _: block, text, flags=re.S))
PY
echo "fuzz: no crash in $(wc -w <<<"$targets") targets; report in $report"
