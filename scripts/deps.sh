#!/usr/bin/env bash
# Installs what `make test` and `make demo` need, only where it is missing. Idempotent.
#
# Every Debian prerequisite is decided by its package state (dpkg-query), never by a file glob:
# a fresh image ships libclang-cpp14, whose files match a libclang glob, but not libclang itself,
# so a glob says "present" and bindgen then fails to load it.
#
# ANTOM_DEPS_DRY_RUN=1 prints the packages it would install and changes nothing.
# ANTOM_DEPS_PRETEND_MISSING="pkg1 pkg2" reports those packages as not installed (for the test
# in scripts/test-deps.sh, which proves a missing prerequisite would be installed).
set -euo pipefail

# The Debian packages the builds and tests use, each with why.
apt_packages=(
  build-essential   # cc/gcc for Rust's linker and the C ABI test
  pkg-config
  binutils          # make dist: objdump reads each native file's glibc floor, ar archives for zig
  openssl           # tools/bench_core.py compares with `openssl speed`
  curl
  git               # make codegen's orphan check lists the tracked files (git ls-files)
  chromium chromium-driver  # the checkout page is driven in headless Chromium over WebDriver
  mono-devel        # .NET: compiled with mcs and run with mono (no .NET SDK in Debian)
  nuget             # .NET: `nuget pack` / `nuget install` for the .nupkg
  valgrind          # the C ABI test runs under valgrind
  php8.2-cli php8.2-dev  # PHP: the CLI, headers and php-config for ext-php-rs
  phpunit
  openjdk-17-jdk-headless maven  # Java: javac and Maven for bindings-java (JNA comes from Maven Central)
  composer php8.2-zip  # make test-dist installs the antom/models package (a zip) from dist/ with Composer
  libclang-dev      # bindgen (ext-php-rs) loads libclang at build time
  nginx-light php8.2-fpm  # tests/servers: the PHP app under php-fpm behind nginx
  llvm              # llvm-config: where clang-sys (and the check below) find libclang; the
                    # image happens to ship it, libclang-dev does not pull it in
)

pretend_missing=" ${ANTOM_DEPS_PRETEND_MISSING:-} "

# True when dpkg reports the package as installed ("install ok installed").
pkg_installed() {
  case "$pretend_missing" in *" $1 "*) return 1 ;; esac
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

missing=()
for p in "${apt_packages[@]}"; do
  pkg_installed "$p" || missing+=("$p")
done

# Python and Node may come from outside Debian (pyenv, nodesource, whose nodejs bundles npm and
# conflicts with Debian's npm): those are decided by running the real thing.
works() { # PACKAGE COMMAND...: the package counts as present when the command runs.
  local pkg=$1; shift
  case "$pretend_missing" in *" $pkg "*) return 1 ;; esac
  "$@" >/dev/null 2>&1
}
works python3-venv python3 -c 'import ensurepip, venv' || missing+=(python3 python3-venv)
works nodejs node --version || missing+=(nodejs)
works npm npm --version || missing+=(npm)

if [ -n "${ANTOM_DEPS_DRY_RUN:-}" ]; then
  echo "would install: ${missing[*]}"
  exit 0
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]} from Debian's packages"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "deps: Rust is missing. Install Rust >= 1.85 with rustup (https://rustup.rs), then re-run." >&2
  exit 1
fi
rust_minor=$(rustc --version | sed -E 's/rustc 1\.([0-9]+).*/\1/')
if [ "$rust_minor" -lt 85 ]; then
  echo "deps: rustc $(rustc --version) is too old; Rust >= 1.85 is required (rustup update)." >&2
  exit 1
fi
if command -v rustup >/dev/null 2>&1; then
  for comp in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$comp" || rustup component add "$comp"
  done
fi

# Load the real thing: bindgen needs a libclang it can dlopen and call, not a file that looks
# like one (llvm-config says where LLVM's libraries are).
if ! python3 -c 'import ctypes, subprocess; d = subprocess.check_output(["llvm-config", "--libdir"], text=True).strip(); ctypes.CDLL(d + "/libclang.so").clang_getClangVersion' 2>/dev/null; then
  echo "deps: libclang-dev is installed but libclang cannot be loaded (llvm-config --libdir, libclang.so)" >&2
  exit 1
fi
echo "deps: ok ($(rustc --version), $(cargo --version | cut -d' ' -f1-2))"
