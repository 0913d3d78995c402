#!/usr/bin/env bash
# `make dist`: every user-facing artifact in dist/, as users install them, with SHA-256 sums and
# a report (sizes, glibc floor of each native file) in dist/ARTIFACTS.md.
#   antom-<v>-cp39-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl, antom-<v>.tar.gz Python wheel (checked by auditwheel) and sdist
#   antom-<v>.tgz, antom-antom-linux-x64-gnu-<v>.tgz         npm main package and @antom platform package
#   Antom.<v>.nupkg                                           NuGet: netstandard2.0 + linux-x64 native
#   antom-php-<v>-php8.2-linux-x86_64.tar.gz                  antom.so (models inside), antom.ini, composer.json, install.sh, models/, SHA256SUMS
#   antom-models-<v>.zip                                      Composer package antom/models (PSR-4, requires ext-antom)
#   antom-<v>.jar, -sources.jar, -javadoc.jar, .pom          Maven com.antom:antom (Java 8+, linux-x86-64 native inside)
#   antom-<v>-linux-x86_64                                    the CLI
#
# `dist.sh --natives` runs only the release builds (the native files, most of its time): `make
# test` starts that at the lowest priority while the other suites run (scripts/test-all.sh), and
# the full run that follows finds them built.
set -euo pipefail
cd "$(dirname "$0")/.."
natives_only=false
case "${1:-}" in
  "") ;;
  --natives) natives_only=true ;;
  *) echo "usage: scripts/dist.sh [--natives]" >&2; exit 2 ;;
esac
root=$PWD
started=$(date +%s)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
dist=$root/dist
stage=$root/target/dist-stage
# One run at a time: `make test` runs the release builds in the background, and a second run
# must not delete their compiler (zig-bin below) or build into the same tree beside them.
mkdir -p "$root/target"
exec 9> "$root/target/dist.lock"
flock 9
rm -rf "$stage"
$natives_only || rm -rf "$dist"
mkdir -p "$dist" "$stage"

step() { printf '== dist: %s (at %ss)\n' "$*" "$(( $(date +%s) - started ))"; }

# Every native file is built to need at most glibc 2.17 (manylinux2014: CentOS/RHEL 7, Amazon
# Linux 2, Ubuntu 18.04, Debian 9 and every newer one), whatever glibc this machine has: zig is
# the C compiler (aws-lc's C and assembly) and the linker, against glibc 2.17's symbol versions.
# zig and cargo-zigbuild come from PyPI (bindings-python/requirements-dev.txt, in .venv).
# cargo-zigbuild's `zig cc` is set as this target's compiler and linker (with --target equal to
# the host, cargo also links build scripts with it: harmless, they run here), rather than running
# `cargo zigbuild` itself: that also hands zig's own C headers (a newer clang's) to bindgen,
# whose libclang (Debian's 14) crashes on them while it reads PHP's headers. bindgen keeps the
# host's headers, which are right for those bindings: x86_64's struct layouts are the same in
# every glibc. maturin builds the wheel with the compiler and linker set here, without --zig:
# --zig sets a compiler of its own, so aws-lc's build script saw another CC and the wheel's
# build compiled aws-lc and everything above it a second time (two minutes on 2 cores); this
# way it compiles pyo3 and the module alone (the workspace-hack keeps the rest shared).
glibc_max=2.17
target=x86_64-unknown-linux-gnu
"$root/.venv/bin/python" -c 'import ziglang' 2>/dev/null \
  || { echo "dist: zig is missing from .venv (ziglang, bindings-python/requirements-dev.txt): run make venv" >&2; exit 1; }
zig_bin=$stage/zig-bin
mkdir -p "$zig_bin"
ln -sf "$("$root/.venv/bin/python" -c 'import os, ziglang; print(os.path.join(os.path.dirname(ziglang.__file__), "zig"))')" "$zig_bin/zig"
# The wrapper takes cargo-zigbuild's path from the environment: no path is pasted into a script.
export ANTOM_CARGO_ZIGBUILD=$root/.venv/bin/cargo-zigbuild
printf '#!/bin/sh\nexec "$ANTOM_CARGO_ZIGBUILD" zig cc -- -g -fno-sanitize=all -target x86_64-linux-gnu.%s "$@"\n' "$glibc_max" > "$zig_bin/zigcc"
chmod +x "$zig_bin/zigcc"
export PATH="$zig_bin:$root/.venv/bin:$PATH"
export CC_x86_64_unknown_linux_gnu=$zig_bin/zigcc CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER=$zig_bin/zigcc
export AR_x86_64_unknown_linux_gnu=ar
# zig builds glibc 2.17's stubs, crt files and compiler-rt into its cache on first use; two
# zig processes doing that at once (cargo runs two jobs) can race on a fresh machine, so one
# program and one shared library are linked here first, one after the other.
printf 'int main(void) { return 0; }\n' > "$stage/warm.c"
"$zig_bin/zigcc" "$stage/warm.c" -o "$stage/warm"
"$zig_bin/zigcc" -shared -fPIC "$stage/warm.c" -o "$stage/warm.so"

step "release builds for glibc $glibc_max (zig cc): CLI, C ABI, PHP extension, Node addon"
# Two builds: cargo unifies features across one invocation, and the CLI's simulator keeps a
# state file (SQLite) and serves TLS, which the packages' in-process simulator leaves out.
cargo build --release --locked --target "$target" -p antom-cli
cargo build --release --locked --target "$target" -p antom-ffi -p antom-php -p antom-node
rel=$root/target/$target/release
if $natives_only; then
  step "release builds done"
  exit 0
fi

step "CLI"
install -m 0755 "$rel/antom" "$dist/antom-$version-linux-x86_64"

step "Python wheel (abi3) and sdist"
# The wheel is built from this tree (`--sdist` would compile it a second time from the
# unpacked sdist); the sdist is packed on its own and builds with `pip install` anywhere Rust is.
(cd bindings-python && VIRTUAL_ENV=$root/.venv "$root/.venv/bin/maturin" build --release --locked -q \
  --target "$target" --compatibility manylinux2014 -o "$dist")
(cd bindings-python && VIRTUAL_ENV=$root/.venv "$root/.venv/bin/maturin" sdist -o "$dist" > "$stage/sdist.log" 2>&1) \
  || { cat "$stage/sdist.log" >&2; exit 1; }
wheel=$(ls "$dist"/antom-"$version"-*.whl)
# The wheel must be a real manylinux wheel: auditwheel reads its symbols and says which policy.
"$root/.venv/bin/auditwheel" show "$wheel" | tee "$stage/auditwheel.txt"
grep -q 'is consistent with' "$stage/auditwheel.txt"
case "$(basename "$wheel")" in
  *manylinux2014_x86_64*|*manylinux_2_17_x86_64*) ;;
  *) echo "dist: the wheel is not tagged manylinux2014 (glibc $glibc_max): $(basename "$wheel")" >&2; exit 1 ;;
esac
grep -Eq 'manylinux(_2_17|2014)_x86_64' "$stage/auditwheel.txt" \
  || { echo "dist: auditwheel does not place the wheel at manylinux2014" >&2; exit 1; }

step "npm: the main package and the @antom platform package"
mkdir -p "$stage/npm"
cp -r bindings-node/npm/linux-x64-gnu "$stage/npm/"
install -m 0755 "$rel/libantom_node.so" "$stage/npm/linux-x64-gnu/antom.linux-x64-gnu.node"
(cd "$stage/npm/linux-x64-gnu" && npm pack --silent --pack-destination "$dist" >/dev/null)
# The main package ships no .node file and no install script: its loader takes the addon from
# the platform package (package.json "files" lists only the JS and the types).
(cd bindings-node && npm pack --silent --pack-destination "$dist" >/dev/null)
if tar -tzf "$dist/antom-$version.tgz" | grep -q '\.node$'; then
  echo "dist: the main npm package must not carry a native addon" >&2
  exit 1
fi

step "NuGet package"
nu=$stage/nuget
mkdir -p "$nu/lib/netstandard2.0" "$nu/runtimes/linux-x64/native"
mcs -langversion:7.2 -optimize+ -target:library -nowarn:1591 -r:System.Runtime.Serialization \
  -doc:"$nu/lib/netstandard2.0/Antom.xml" -out:"$nu/lib/netstandard2.0/Antom.dll" bindings-dotnet/src/Antom/*.cs
install -m 0755 "$rel/libantom_ffi.so" "$nu/runtimes/linux-x64/native/"
cp bindings-dotnet/pack/Antom.nuspec "$nu/"
nuget pack "$nu/Antom.nuspec" -Version "$version" -BasePath "$nu" -OutputDirectory "$dist" -NoPackageAnalysis -NonInteractive >/dev/null

step "PHP extension"
php_dir=antom-php-$version
mkdir -p "$stage/php/$php_dir"
install -m 0755 "$rel/libantom.so" "$stage/php/$php_dir/antom.so"
cp bindings-php/antom.ini bindings-php/antom.stub.php bindings-php/dist/composer.json bindings-php/dist/install.sh "$stage/php/$php_dir/"
# The models are inside antom.so; their sources ride along for IDEs (the same as antom/models).
cp -r bindings-php/models "$stage/php/$php_dir/models"
# install.sh checks every file against these sums before it copies anything.
(cd "$stage/php/$php_dir" && find . -type f ! -name SHA256SUMS -print0 | LC_ALL=C sort -z | xargs -0 sha256sum -- > SHA256SUMS)
# Neutral owners: unpacked as root, no file belongs to the uid that built it.
tar --owner=0 --group=0 --numeric-owner --sort=name -czf "$dist/antom-php-$version-php8.2-linux-x86_64.tar.gz" -C "$stage/php" "$php_dir"

step "PHP models (Composer package antom/models)"
# A Composer artifact: the package with its version, installable with an "artifact" repository.
models=$stage/antom-models
cp -r bindings-php/models "$models"
python3 - "$models/composer.json" "$version" <<'PY'
import json, sys
path, version = sys.argv[1], sys.argv[2]
data = json.load(open(path))
data = {"name": data.pop("name"), "version": version, **data}
open(path, "w").write(json.dumps(data, indent=4) + "\n")
PY
python3 - "$models" "$dist/antom-models-$version.zip" <<'PY'
import os, sys, zipfile
root, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for dirpath, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            path = os.path.join(dirpath, f)
            info = zipfile.ZipInfo(os.path.relpath(path, root), (2026, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            z.writestr(info, open(path, "rb").read(), zipfile.ZIP_DEFLATED)
PY

step "Java jar (com.antom:antom, the native library inside)"
# Built from a copy, so the working tree's target/ keeps its debug build.
java_stage=$stage/java
mkdir -p "$java_stage"
cp -r bindings-java/pom.xml bindings-java/src "$java_stage/"
(cd "$java_stage" && mvn -q -B --no-transfer-progress -Dstyle.color=never -DskipTests -Dantom.native="$rel" -Dantom.root="$root" \
  package source:jar-no-fork javadoc:jar)
for kind in "" -sources -javadoc; do
  cp "$java_stage/target/antom-$version$kind.jar" "$dist/antom-$version$kind.jar"
done
cp bindings-java/pom.xml "$dist/antom-$version.pom"

step "sums and report"
(cd "$dist" && sha256sum -- * > SHA256SUMS)
{
  echo "# antom $version artifacts"
  echo
  echo "Built by \`make dist\` in $(( $(date +%s) - started )) s on $(nproc) cores, for glibc $glibc_max and newer."
  echo "Every ELF file inside every artifact is listed (found by its magic bytes); \`make dist\` fails"
  echo "when one needs a newer glibc symbol version than $glibc_max."
  echo
} > "$dist/ARTIFACTS.md"
python3 tools/glibc_floor.py "$dist" --max "$glibc_max" --out "$dist/ARTIFACTS.md" > /dev/null
cat "$dist/ARTIFACTS.md"
