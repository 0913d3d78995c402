#!/usr/bin/env bash
# `make test-dist`: installs every artifact in dist/ the way its users do, with no Rust toolchain
# on PATH, and runs the shared signature vectors and one payment against the simulator with each:
# the wheel into a fresh venv, both npm tarballs into a scratch project, the nupkg with
# `nuget install` and a C# program compiled against it, antom.so with `php -d extension=`, and
# the CLI binary copied alone to an empty folder (it also serves as the simulator).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dist=$root/dist
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
work=$(mktemp -d)
sim_pid=""
cleanup() {
  [ -n "$sim_pid" ] && kill -TERM "$sim_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n== test-dist: %s\n' "$*"; }

# A PATH with what users have (Python, Node, PHP, Mono, NuGet, coreutils) and no Rust.
python_bin=$(dirname "$(python3 -c 'import sys; print(sys.executable)')")
PATH="$python_bin:/usr/local/bin:/usr/bin:/bin"
export PATH
unset CARGO_HOME RUSTUP_HOME CARGO_TARGET_DIR
for tool in cargo rustc rustup; do
  if command -v "$tool" >/dev/null 2>&1; then
    echo "test-dist: $tool is still on PATH ($(command -v "$tool")); the artifacts must work without Rust" >&2
    exit 1
  fi
done
export ANTOM_VECTORS=$root/tests/vectors/vectors.json

step "checksums"
(cd "$dist" && sha256sum --quiet -c SHA256SUMS)

step "CLI: the binary alone in an empty folder"
mkdir -p "$work/cli"
cp "$dist/antom-$version-linux-x86_64" "$work/cli/antom"
cli=$work/cli/antom
"$cli" --version
python3 - "$cli" "$ANTOM_VECTORS" "$work" <<'EOF'
import json, pathlib, subprocess, sys
cli, vectors, work = sys.argv[1], json.loads(pathlib.Path(sys.argv[2]).read_text()), pathlib.Path(sys.argv[3])
key = work / "k.pem"
key.write_text(vectors["keys"]["private_pkcs8_base64"])
passed = 0
for c in vectors["sign_cases"]:
    body = work / "body"
    body.write_bytes(c["body"].encode())
    out = subprocess.run([cli, "sign", "--private-key", str(key), "--client-id", c["client_id"], "--path", c["path"],
                          "--time", c["time"], "--body-file", str(body)], check=True, capture_output=True, text=True).stdout.strip()
    assert out == c["signature_header"], (c["name"], out)
    passed += 1
print(f"cli sign: {passed} passed, 0 failed")
EOF

step "the simulator, served by that binary"
sim_out=$work/sim.json
"$cli" sim --time-scale 0.001 --state-dir "$work/sim" > "$sim_out" 2>/dev/null &
sim_pid=$!
for _ in $(seq 1 100); do [ -s "$sim_out" ] && break; sleep 0.1; done
SIM_INFO=$(head -n1 "$sim_out")
[ -n "$SIM_INFO" ] || { echo "test-dist: the simulator did not start" >&2; exit 1; }
export SIM_INFO
read -r url cid mkey akey < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["url"], d["client_id"], d["merchant_private_key_file"], d["antom_public_key_file"])' "$SIM_INFO")
echo '{"paymentRequestId":"dist-cli-1","productCode":"CASHIER_PAYMENT","paymentAmount":{"currency":"USD","value":"1000"},"paymentMethod":{"paymentMethodType":"ALIPAY_CN"}}' > "$work/pay.json"
set +e
"$cli" call payments.pay --client-id "$cid" --private-key "$mkey" --antom-public-key "$akey" --gateway "$url" --body-file "$work/pay.json" > "$work/pay.out"
rc=$?
set -e
# Exit 4 is the CLI's "U": the buyer is at the cashier.
[ "$rc" = 4 ] && grep -q PAYMENT_IN_PROCESS "$work/pay.out" || { echo "test-dist: antom call pay exited $rc" >&2; cat "$work/pay.out" >&2; exit 1; }
echo "cli call: 1 passed, 0 failed"

step "Python: the wheel into a fresh venv"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --no-index "$dist"/antom-"$version"-*.whl
(cd "$work" && "$work/venv/bin/python" "$root/tests/dist/smoke.py")

step "Node: both tarballs into a scratch project"
mkdir -p "$work/node"
cp "$root/tests/dist/smoke.js" "$work/node/"
(cd "$work/node" && echo '{"name":"dist-check","private":true}' > package.json \
  && npm install --no-audit --no-fund --loglevel=error "$dist/antom-$version.tgz" "$dist/antom-antom-linux-x64-gnu-$version.tgz" \
  && node smoke.js)
# Nothing runs at install time, and a platform package of another version is refused.
(cd "$work/node" && node -e '
  const p = require("antom/package.json")
  const hooks = ["preinstall", "install", "postinstall"].filter((h) => p.scripts && p.scripts[h])
  if (hooks.length) { console.error("install scripts in the published package:", hooks); process.exit(1) }
  const f = require.resolve("@antom/antom-linux-x64-gnu/package.json")
  const fs = require("node:fs")
  const meta = JSON.parse(fs.readFileSync(f, "utf8"))
  meta.version = "0.0.1"
  fs.writeFileSync(f, JSON.stringify(meta))
  try { require("antom"); console.error("a mismatched addon package was loaded"); process.exit(1) }
  catch (e) { if (!/0\.0\.1/.test(e.message)) throw e }
  console.log("npm loader: 2 passed, 0 failed")')

step ".NET: nuget install, a C# program compiled against the package, run under Mono"
mkdir -p "$work/nuget"
nuget install Antom -Version "$version" -Source "$dist" -OutputDirectory "$work/nuget" -NonInteractive >/dev/null
pkg=$work/nuget/Antom.$version
mcs -langversion:7.2 -out:"$work/Smoke.exe" -r:"$pkg/lib/netstandard2.0/Antom.dll" \
  -r:System.Runtime.Serialization -r:System.Xml -r:System.Xml.Linq "$root/tests/dist/Smoke.cs"
cp "$pkg/lib/netstandard2.0/Antom.dll" "$work/"
LD_LIBRARY_PATH="$pkg/runtimes/linux-x64/native" mono "$work/Smoke.exe"

step "PHP: antom.so from the tarball"
mkdir -p "$work/php"
tar -xzf "$dist/antom-php-$version-php8.2-linux-x86_64.tar.gz" -C "$work/php"
php -n -d extension="$work/php/antom-php-$version/antom.so" "$root/tests/dist/smoke.php"

step "PHP: install.sh into a PHP of its own (sums checked, quoted paths, neutral owners)"
tarball=$dist/antom-php-$version-php8.2-linux-x86_64.tar.gz
if tar --numeric-owner -tvzf "$tarball" | awk '{print $2}' | grep -qv '^0/0$'; then
  echo "the PHP tarball has files owned by a build user:" >&2
  tar --numeric-owner -tvzf "$tarball" >&2
  exit 1
fi
unpacked=$work/php/antom-php-$version
ext="$work/php/ext dir"
confd="$work/php/conf dir/conf.d"
mkdir -p "$ext" "$confd"
# A PHP whose extension_dir and scan directory are these folders, with spaces in their names.
printf '#!/bin/sh\nPHP_INI_SCAN_DIR="%s" exec php -c /dev/null -d "extension_dir=%s" "$@"\n' "$confd" "$ext" > "$work/php/php"
chmod +x "$work/php/php"
PHP="$work/php/php" PHP_CONF_DIRS="$confd" sh "$unpacked/install.sh"
[ -f "$ext/antom.so" ] && [ -f "$confd/20-antom.ini" ]
# A changed file is refused before anything is copied.
rm -f "$ext/antom.so"
echo "; changed" >> "$unpacked/antom.ini"
if PHP="$work/php/php" PHP_CONF_DIRS="$confd" sh "$unpacked/install.sh" > "$work/php/refused.txt" 2>&1; then
  echo "install.sh installed a tampered tarball" >&2
  exit 1
fi
grep -q "do not match SHA256SUMS" "$work/php/refused.txt"
[ ! -e "$ext/antom.so" ]
echo "install.sh: refused a tarball with a changed antom.ini (sums checked before copying)"

step "PHP: the antom/models Composer package from dist/ (offline: an artifact repository)"
app=$work/php/app
mkdir -p "$app/artifacts"
cp "$dist/antom-models-$version.zip" "$app/artifacts/"
cat > "$app/composer.json" <<JSON
{"require": {"antom/models": "$version"},
 "repositories": [{"type": "artifact", "url": "artifacts/"}, {"packagist.org": false}]}
JSON
so="$work/php/antom-php-$version/antom.so"
(cd "$app" && COMPOSER_HOME="$work/php/composer-home" php -d extension="$so" /usr/bin/composer install -q --no-interaction)
# Composer's loader comes first: the classes load from vendor/, PSR-4, one file each.
php -n -d extension="$so" -r '
require $argv[1] . "/vendor/autoload.php";
$r = new Antom\Models\PayRequest(paymentRequestId: "c-1", paymentAmount: new Antom\Models\Amount(currency: "USD", value: "1"));
$file = (new ReflectionClass(Antom\Models\PayRequest::class))->getFileName();
if ($r["paymentAmount"]["value"] !== "1" || !str_ends_with($file, "/vendor/antom/models/src/PayRequest.php")) { fwrite(STDERR, "composer models: $file\n"); exit(1); }
echo "composer: antom/models loads from $file\n";' "$app"

step "Java: the jar, its pom, sources and javadoc into an empty local Maven repository; a program built against it"
repo="$work/java/m2"
mvn_q="mvn -q -B --no-transfer-progress -Dstyle.color=never -Dmaven.repo.local=$repo"
mkdir -p "$work/java/app"
$mvn_q org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file -Dfile="$dist/antom-$version.jar" \
  -DpomFile="$dist/antom-$version.pom" -Dsources="$dist/antom-$version-sources.jar" -Djavadoc="$dist/antom-$version-javadoc.jar"
for kind in .jar .pom -sources.jar -javadoc.jar; do
  [ -f "$repo/com/antom/antom/$version/antom-$version$kind" ] || { echo "not installed: antom-$version$kind" >&2; exit 1; }
done
cat > "$work/java/app/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId><artifactId>merchant</artifactId><version>1</version>
  <dependencies><dependency><groupId>com.antom</groupId><artifactId>antom</artifactId><version>$version</version></dependency></dependencies>
</project>
POM
# One dependency brings the SDK and JNA; the program runs from that classpath alone.
(cd "$work/java/app" && $mvn_q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=cp.txt)
(cd "$work/java/app" && ANTOM_VECTORS="$root/tests/vectors/vectors.json" java --enable-native-access=ALL-UNNAMED \
  -cp "$(cat cp.txt)" "$root/tests/dist/Smoke.java")

echo
echo "test-dist: every artifact installed and worked without Rust: 9 passed, 0 failed"
