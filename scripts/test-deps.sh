#!/usr/bin/env bash
# Tests scripts/deps.sh's detection without changing the machine: each prerequisite, reported
# missing, must be in the list it would install; a fresh image's traps are covered by name
# (libclang-dev absent while libclang-cpp14's files match a libclang glob).
set -euo pipefail
cd "$(dirname "$0")/.."
passed=0
failed=0
for pkg in libclang-dev llvm php8.2-dev phpunit mono-devel nuget valgrind git chromium chromium-driver nginx-light php8.2-fpm npm nodejs python3-venv; do
  out=$(ANTOM_DEPS_DRY_RUN=1 ANTOM_DEPS_PRETEND_MISSING="$pkg" bash scripts/deps.sh)
  if [[ " ${out#would install: } " == *" $pkg "* ]]; then
    passed=$((passed + 1))
  else
    echo "test-deps: $pkg reported missing, but deps.sh would not install it ($out)" >&2
    failed=$((failed + 1))
  fi
done
# No file globs decide anything: the script asks dpkg or runs the tool.
if grep -nE 'ls /usr/lib/llvm|\*\.so\*' scripts/deps.sh; then
  echo "test-deps: deps.sh decides by a file glob" >&2
  failed=$((failed + 1))
else
  passed=$((passed + 1))
fi
echo "test-deps: $passed passed, $failed failed"
[ "$failed" = 0 ]
