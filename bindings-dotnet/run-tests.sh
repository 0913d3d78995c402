#!/usr/bin/env bash
# Builds the C# library, tests and demo with Mono's mcs; runs the C# tests under mono against a
# real simulator. The C ABI underneath is tested from C by bindings-c/run-tests.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/dotnet
lib=target/debug
mkdir -p "$out"
cp "$lib/libantom_ffi.so" "$out/"
mcs -langversion:7.2 -target:library -nowarn:1591 -r:System.Runtime.Serialization -doc:"$out/Antom.xml" -out:"$out/Antom.dll" bindings-dotnet/src/Antom/*.cs
mcs -langversion:7.2 -out:"$out/AntomTests.exe" -r:"$out/Antom.dll" -r:System.Runtime.Serialization -r:System.Xml -r:System.Xml.Linq bindings-dotnet/tests/AntomTests.cs bindings-dotnet/tests/HostileTests.cs bindings-dotnet/tests/TypedTests.cs bindings-dotnet/tests/WebhooksTests.cs bindings-dotnet/tests/TestingTests.cs bindings-dotnet/tests/PagingTests.cs
mcs -langversion:7.2 -out:"$out/Demo.exe" -r:"$out/Antom.dll" -r:System.Runtime.Serialization bindings-dotnet/examples/Demo.cs

[ "${1:-}" = "--build-only" ] && exit 0

echo "== C# under Mono"
ANTOM_ROOT="$PWD" ANTOM_BIN="$PWD/target/debug/antom" LD_LIBRARY_PATH="$out" mono "$out/AntomTests.exe"
