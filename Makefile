# antom: `make demo` runs the demo; `make test` runs everything. Both install what they need.
SHELL := /bin/bash
# A recipe piped through tee fails when its command does.
.SHELLFLAGS := -o pipefail -c
# Every suite's output, kept so `make test` can scan the whole run for key material.
LOGS := target/test-logs
CARGO ?= cargo
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: all deps help check venv build test lint lint-all test-deps test-rust test-e2e python-dev test-python node-dev test-node dotnet-dev c-dev test-c test-dotnet dotnet-pack-layout php-dev test-php java-dev java-examples test-java test-guide php-install dist test-dist demo demo-signing bench bench-clients clean codegen fuzz soak test-soak bench-load bench-servers bench-java test-servers hack

all: build

# `make help`: the targets a maintainer uses, one line each (docs/architecture.md has the map).
help:
	@echo "make demo         a whole payment flow against the simulator, in every language"
	@echo "make test         everything a fresh clone's CI runs, each suite timed (about 18 min from a fresh clone on 2 cores)"
	@echo "make check        the fast loop: fmt, codegen check, clippy, core and bridge unit tests, one PHP suite"
	@echo "make codegen      rewrite every generated file from the bridge's tables and tools/schema.json"
	@echo "make hack         regenerate hack/ (one feature set per third-party crate) after a dependency change"
	@echo "make lint         fmt, codegen check, clippy on core, bridge, codegen, CLI and simulator"
	@echo "make lint-all     make lint over every crate, bindings included, and the dependency checks (what make test runs)"
	@echo "make test-rust    core, bridge, CLI and simulator tests (both crypto backends)"
	@echo "make test-python | test-node | test-c | test-dotnet | test-php | test-java   one binding's suite"
	@echo "make test-e2e     the official Python SDK, Chromium and antom mcp against the simulator"
	@echo "make test-guide   antom guide's starter programs, every product in every language, against the simulator"
	@echo "make test-servers the merchant app under gunicorn, Node cluster, php-fpm, mono, the JDK server and Spring Boot"
	@echo "make dist         every package in dist/; make test-dist installs each without Rust"
	@echo "make bench        benchmarks into docs/benchmarks.md (bench-java, bench-clients, bench-load, bench-servers apart); make soak, make fuzz"
	@echo "make demo-signing the signing walk-through with the CLI: keygen, sign, verify, tamper"
	@echo "make clean        cargo clean and the Python venv"
	@echo "make deps         the Debian packages (by dpkg state) and toolchain checks"

# The fast loop on a warm build: what most changes break first, in a few minutes.
check: deps
	$(CARGO) fmt --all -- --check
	$(CARGO) run -q -p antom-codegen -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) test -q -p antom --lib
	$(CARGO) test -q -p antom-bridge
	$(CARGO) build -q -p antom-php -p antom-cli
	php -d extension=$(CURDIR)/target/debug/libantom.so /usr/bin/phpunit -c bindings-php/phpunit.xml --filter 'SignatureTest|ModelsTest'
	@echo "make check: passed (make test runs everything)"

deps:
	@bash scripts/deps.sh

# One virtualenv for the Python side: pytest, Antom's official SDK (interop), later the binding.
$(VENV)/.ready: tests/e2e/requirements.txt bindings-python/requirements-dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r tests/e2e/requirements.txt -r bindings-python/requirements-dev.txt
	touch $@

venv: deps $(VENV)/.ready

build: deps
	$(CARGO) build --workspace --bins --examples

# Linting changes nothing on the machine: Rust only (core, bridge, CLI, simulator) and the generated files, plus the shell
# scripts' own test. The bindings' clippy needs their toolchains (PHP headers, libclang).
lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) run -q -p antom-codegen -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) clippy -p antom --all-targets --features pure-rust-crypto -- -D warnings
	bash scripts/test-deps.sh
	python3 tools/module_cycles.py
	python3 tools/check_abi.py
	python3 tools/check_hack.py
	python3 tools/check_allocator.py
	python3 tools/check_tests.py

# What `make test` lints: every crate, bindings included (their builds need deps), in one pass.
# The generator runs from the workspace build the later suites use: `cargo run -p` would build
# its dependencies once more, with its own features.
lint-all: deps
	$(CARGO) fmt --all -- --check
	$(CARGO) build -q --workspace --bins --examples
	target/debug/antom-codegen --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) clippy -p antom --all-targets --features pure-rust-crypto -- -D warnings
	bash scripts/test-deps.sh
	python3 tools/module_cycles.py
	python3 tools/check_abi.py
	python3 tools/check_hack.py
	python3 tools/check_allocator.py
	python3 tools/check_tests.py

# The workspace-hack crate (hack/Cargo.toml says why). cargo-hakari is a maintainer's tool, not
# a CI one: CI checks the result with cargo tree (tools/check_hack.py) and installs nothing.
# manage-deps leaves the published core alone: it has the hack as a dev-dependency only.
hack:
	command -v cargo-hakari >/dev/null || $(CARGO) install --locked cargo-hakari
	$(CARGO) hakari generate
	$(CARGO) hakari manage-deps --yes $$($(CARGO) metadata --no-deps --format-version 1 | python3 -c \
	  'import json,sys; print(" ".join("-p " + p["name"] for p in json.load(sys.stdin)["packages"] if p["name"] not in ("antom", "antom-hack")))')
	python3 tools/check_hack.py

# scripts/deps.sh decides by package state: a prerequisite reported missing must be installed.
test-deps:
	bash scripts/test-deps.sh
	python3 tools/module_cycles.py
	python3 tools/check_abi.py

# Core, CLI, simulator and doctests on the default backend, then the core on the pure-Rust one.
# What every binding lists (error classes, endpoint methods, option names, ack, version) is
# written from the bridge's tables; `lint` fails when a generated file is stale.
codegen:
	$(CARGO) run -q -p antom-codegen
	$(CARGO) run -q -p antom-codegen

test-rust: deps
	mkdir -p $(LOGS)
	$(CARGO) test 2>&1 | tee $(LOGS)/rust.log
	$(CARGO) test -p antom --features pure-rust-crypto --lib --tests 2>&1 | tee $(LOGS)/rust-pure.log

# Cross-language end to end: the official Python SDK against the simulator, Chromium checkout.
test-e2e: build venv
	mkdir -p $(LOGS)
	$(PY) -m pytest -q tests/e2e 2>&1 | tee $(LOGS)/e2e.log

# Python: the binding built into the venv (maturin develop; VIRTUAL_ENV instead of activate, so
# PATH stays the same for the other builds), then pytest including mypy.stubtest.
python-dev: build venv
	cd bindings-python && VIRTUAL_ENV=$(CURDIR)/$(VENV) $(CURDIR)/$(VENV)/bin/maturin develop -q

test-python: python-dev
	mkdir -p $(LOGS)
	$(PY) -m pytest -q bindings-python/tests 2>&1 | tee $(LOGS)/python.log

# Node: dev dependencies from npm (typescript, @napi-rs/cli for `npm run build`; not the
# platform package, which a checkout builds itself), then the addon built by cargo in the shared
# target tree (napi build would compile every dependency again for an explicit --target) and put
# where native.js looks for a local build.
node-dev: build
	cd bindings-node && npm install --no-audit --no-fund --loglevel=error --omit=optional
	$(CARGO) build -p antom-node
	cp target/debug/libantom_node.so bindings-node/antom.linux-x64-gnu.node

test-node: node-dev
	mkdir -p $(LOGS)
	cd bindings-node && node --test test/*.test.js 2>&1 | tee ../$(LOGS)/node.log

# The C ABI (bindings-c, crate antom-ffi, header include/antom.h): what .NET and Java call. Its
# Rust tests, then the C tests (under valgrind against a real simulator, and the wipe test).
c-dev: build
	$(CARGO) build -p antom-ffi
	bash bindings-c/run-tests.sh --build-only

test-c: c-dev
	mkdir -p $(LOGS)
	$(CARGO) test -p antom-ffi 2>&1 | tee $(LOGS)/ffi.log
	bash bindings-c/run-tests.sh 2>&1 | tee $(LOGS)/c.log

# .NET: the C# library over the C ABI, compiled with Mono's mcs (netstandard2.0 sources, C# 7.2),
# its tests under mono.
dotnet-dev: c-dev
	bash bindings-dotnet/run-tests.sh --build-only

test-dotnet: dotnet-dev
	mkdir -p $(LOGS)
	bash bindings-dotnet/run-tests.sh 2>&1 | tee $(LOGS)/dotnet.log

# Puts the release native library where Antom.csproj packs it (then: dotnet pack -c Release).
dotnet-pack-layout: deps
	$(CARGO) build --release -p antom-ffi
	mkdir -p bindings-dotnet/src/Antom/runtimes/linux-x64/native
	cp target/release/libantom_ffi.so bindings-dotnet/src/Antom/runtimes/linux-x64/native/

# PHP: the extension (ext-php-rs; bindgen needs libclang and php-config), then PHPUnit from
# Debian with the extension loaded; the webhook test serves a notify endpoint with `php -S`.
PHP_EXT := $(CURDIR)/target/debug/libantom.so
php-dev: build
	$(CARGO) build -p antom-php

test-php: php-dev
	mkdir -p $(LOGS)
	ANTOM_EXTENSION=$(PHP_EXT) php -d extension=$(PHP_EXT) /usr/bin/phpunit -c bindings-php/phpunit.xml 2>&1 | tee $(LOGS)/php.log

# Java: the C ABI crate (cargo), then Maven builds com.antom:antom (Java 8 class files, the
# native library inside the jar) and runs its JUnit tests on JDK 17, then again on JDK 25 where
# the machine has it (JDK25 names its home; absent, that run is said to be skipped), all but
# the 20-second signing soak, which tests the native library's memory, not the JDK.
MVN := mvn -q -B --no-transfer-progress -Dstyle.color=never
JDK25 ?= /usr/lib/jvm/temurin-25-jdk-amd64
java-dev: c-dev
	cd bindings-java && $(MVN) -DskipTests package

test-java: java-dev
	mkdir -p $(LOGS)
	cd bindings-java && $(MVN) test 2>&1 | tee ../$(LOGS)/java.log
	@if [ -x "$(JDK25)/bin/java" ]; then \
	  echo "== Java tests again on $$("$(JDK25)/bin/java" -version 2>&1 | head -1): all but the 100,000-sign heap and RSS soak, which ran above"; \
	  cd bindings-java && JAVA_HOME="$(JDK25)" $(MVN) test '-Dtest=!FaultsTest#signingInALoopKeepsTheHeapAndRssFlat' 2>&1 | tee ../$(LOGS)/java25.log; \
	else echo "test-java: no JDK 25 at $(JDK25): ran on JDK 17 only"; fi

# The guide's starter programs (guide/starters/, from tools/guide.json) in every language:
# type-checked or compiled, then both halves run against the simulator (tests/guide).
test-guide: python-dev node-dev dotnet-dev php-dev java-dev
	mkdir -p $(LOGS)
	$(PY) -m pytest -q tests/guide 2>&1 | tee $(LOGS)/guide.log

# Installs a release antom.so into PHP's extension dir with an antom.ini (run as root).
php-install: deps
	$(CARGO) build --release -p antom-php
	install -m 0755 target/release/libantom.so "$$(php-config --extension-dir)/antom.so"
	for d in /etc/php/8.2/cli/conf.d /etc/php/8.2/fpm/conf.d; do [ -d $$d ] && install -m 0644 bindings-php/antom.ini $$d/20-antom.ini || true; done
	php -r 'exit(extension_loaded("antom") ? 0 : 1);' && echo "antom extension installed"

# Every user-facing artifact in dist/ (wheel, sdist, npm tarballs, nupkg, PHP tarball, CLI)
# with SHA-256 sums and dist/ARTIFACTS.md; then each installed as its users do, without Rust.
dist: deps venv
	@bash scripts/dist.sh

test-dist: dist
	mkdir -p $(LOGS)
	@bash scripts/test-dist.sh 2>&1 | tee $(LOGS)/dist.log

# Every binding in one process for thousands of calls: heap and RSS growth (tools/soak.py);
# `make soak` is the full run behind docs/soak.md.
test-soak: python-dev node-dev dotnet-dev php-dev
	mkdir -p $(LOGS)
	python3 tools/soak.py --short 2>&1 | tee $(LOGS)/soak.log

soak: python-dev node-dev dotnet-dev php-dev
	python3 tools/soak.py

# The same merchant app under gunicorn --preload, Node cluster, php-fpm behind nginx and mono,
# driven with concurrent payments, faults, notifications and forgeries (tests/servers).
# The Spring Boot merchant app (bindings-java/examples/spring-boot): the SDK installed into the
# local Maven repository, then an executable jar that depends on it as a merchant's would.
java-examples: java-dev
	cd bindings-java && $(MVN) -DskipTests install
	cd bindings-java/examples/spring-boot && $(MVN) package

test-servers: python-dev node-dev dotnet-dev php-dev java-dev java-examples
	mkdir -p $(LOGS)
	$(PY) -m pytest -q tests/servers 2>&1 | tee $(LOGS)/servers.log

# Every suite, in this order, each timed (scripts/test-all.sh prints the times at the end); the
# release builds of test-dist start first, at the lowest priority (docs/architecture.md says why).
SUITES := lint-all test-rust test-e2e test-python test-node test-c test-dotnet test-php test-java test-guide test-soak test-servers test-dist

test:
	@bash scripts/test-all.sh $(SUITES)

demo: build python-dev node-dev dotnet-dev php-dev java-dev
	@bash scripts/demo.sh

# The signing walk-through with the CLI: keygen, sign, verify, tamper.
demo-signing: build
	@bash scripts/demo-signing.sh

bench: build venv node-dev
	python3 tools/bench_core.py
	$(PY) tools/bench_sim.py
	$(PY) tools/bench_state_file.py
	cd bindings-python && VIRTUAL_ENV=$(CURDIR)/$(VENV) $(CURDIR)/$(VENV)/bin/maturin develop --release -q
	$(PY) tools/bench_python.py
	cd bindings-python && VIRTUAL_ENV=$(CURDIR)/$(VENV) $(CURDIR)/$(VENV)/bin/maturin develop -q
	cd bindings-node && npm run --silent build
	node tools/bench_node.js
	cd bindings-node && npm run --silent build:debug
	python3 tools/bench_dotnet.py
	$(CARGO) build --release -p antom-php
	php -d extension=$(CURDIR)/target/release/libantom.so tools/bench_php.php

# wrk against the release simulator at 1, 8 and 64 connections, against the RSA ceiling.
bench-load: dist python-dev
	$(PY) tools/bench_load.py

# Payments per second through the merchant app under each application server.
bench-servers: dist java-dev
	python3 tools/bench_servers.py

# The Java rows: sign/verify vs OpenSSL and the JDK, AntomClient vs the official Java SDK
# (built from its source: OFFICIAL_JAVA_SDK names a checkout).
bench-java: java-dev
	python3 tools/bench_java.py

# Sequential req/s through every client installed from dist/, and Antom's official Python SDK.
bench-clients: dist
	python3 tools/bench_clients.py

# Coverage-guided fuzzing of every parser that sees outside bytes (libFuzzer via cargo-fuzz),
# FUZZ_SECONDS (default 600) per target; `make test` replays the committed corpus instead
# (sim/tests/fuzz_corpus.rs). Results: docs/fuzzing.md.
fuzz: deps
	bash scripts/fuzz.sh

clean:
	$(CARGO) clean
	rm -rf $(VENV)
