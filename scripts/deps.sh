#!/usr/bin/env bash
# Installs what `make test` and `make demo` need, only where it is missing. Idempotent.
set -euo pipefail

need_apt=()
have() { command -v "$1" >/dev/null 2>&1; }

if ! have cargo; then
  echo "deps: Rust is missing. Install Rust >= 1.85 with rustup (https://rustup.rs), then re-run." >&2
  exit 1
fi
rust_minor=$(rustc --version | sed -E 's/rustc 1\.([0-9]+).*/\1/')
if [ "$rust_minor" -lt 85 ]; then
  echo "deps: rustc $(rustc --version) is too old; Rust >= 1.85 is required (rustup update)." >&2
  exit 1
fi
if have rustup; then
  for comp in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$comp" || rustup component add "$comp"
  done
fi
have cc || need_apt+=(build-essential)
have openssl || need_apt+=(openssl)
have python3 || need_apt+=(python3)
have curl || need_apt+=(curl)
have node || need_apt+=(nodejs)
have npm || need_apt+=(npm)
python3 -c 'import ensurepip, venv' 2>/dev/null || need_apt+=(python3-venv)
# The checkout page is driven in headless Chromium over WebDriver by the end-to-end tests.
have chromium || need_apt+=(chromium)
have chromedriver || need_apt+=(chromium-driver)
# .NET is compiled and tested with Mono here (no .NET SDK in Debian); the C ABI test runs under valgrind.
have mcs || need_apt+=(mono-devel)
have valgrind || need_apt+=(valgrind)
have gcc || need_apt+=(gcc)
# PHP: the CLI, headers and php-config for ext-php-rs, libclang for bindgen, PHPUnit.
have php || need_apt+=(php8.2-cli)
have php-config || need_apt+=(php8.2-dev)
have phpunit || need_apt+=(phpunit)
[ -n "$(ls /usr/lib/llvm-*/lib/libclang*.so* 2>/dev/null)" ] || need_apt+=(libclang-dev)

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "deps: installing ${need_apt[*]} from Debian's packages"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${need_apt[@]}"
fi
echo "deps: ok ($(rustc --version), $(cargo --version | cut -d' ' -f1-2))"
