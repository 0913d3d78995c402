# antom: `make demo` runs the demo; `make test` runs everything. Both install what they need.
SHELL := /bin/bash
CARGO ?= cargo
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: all deps venv build test lint test-rust test-e2e python python-dev test-python node-dev test-node node-pack dotnet-dev test-dotnet dotnet-pack-layout php-dev test-php php-install demo demo-signing bench clean

all: build

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

lint: deps
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) clippy -p antom --all-targets --features pure-rust-crypto -- -D warnings

# Core, CLI, simulator and doctests on the default backend, then the core on the pure-Rust one.
test-rust: deps
	$(CARGO) test
	$(CARGO) test -p antom --features pure-rust-crypto

# Cross-language end to end: the official Python SDK against the simulator, Chromium checkout.
test-e2e: build venv
	$(PY) -m pytest -q tests/e2e

# Python: the binding built into the venv (maturin develop; VIRTUAL_ENV instead of activate, so
# PATH stays the same for the other builds), then pytest including mypy.stubtest.
python-dev: build venv
	cd bindings-python && VIRTUAL_ENV=$(CURDIR)/$(VENV) $(CURDIR)/$(VENV)/bin/maturin develop -q

test-python: python-dev
	$(PY) -m pytest -q bindings-python/tests

# A release wheel in dist/, then installed into a fresh venv as a user would and smoke-tested.
python: venv
	cd bindings-python && VIRTUAL_ENV=$(CURDIR)/$(VENV) $(CURDIR)/$(VENV)/bin/maturin build --release -q -o $(CURDIR)/dist
	rm -rf target/wheel-check && python3 -m venv target/wheel-check
	target/wheel-check/bin/pip install -q --no-index --find-links dist antom
	target/wheel-check/bin/python bindings-python/tests/wheel_smoke.py

# Node: dev dependencies from npm (@napi-rs/cli, typescript), the addon built by napi
# (regenerating binding.js and binding.d.ts), then node --test.
node-dev: build
	cd bindings-node && ANTOM_SKIP_NATIVE_BUILD=1 npm install --no-audit --no-fund --loglevel=error
	cd bindings-node && npm run --silent build:debug

test-node: node-dev
	cd bindings-node && node --test test/*.test.js

# The npm tarball as a user gets it, installed into a scratch project and smoke-tested.
node-pack: node-dev
	rm -rf target/npm-check && mkdir -p target/npm-check
	cd bindings-node && npm pack --silent --pack-destination ../target/npm-check >/dev/null
	cd target/npm-check && echo '{"name":"check","private":true}' > package.json && npm install --no-audit --no-fund --loglevel=error --omit=optional ./antom-*.tgz
	cp bindings-node/scripts/pack_smoke.js target/npm-check/
	cd target/npm-check && ANTOM_VECTORS=$(CURDIR)/tests/vectors/vectors.json node pack_smoke.js

# .NET: the C ABI crate (cargo), then the C# library compiled with Mono's mcs (netstandard2.0
# sources, C# 7.2), the C test under valgrind and the C# tests under mono.
dotnet-dev: build
	$(CARGO) build -p antom-ffi
	bash bindings-dotnet/run-tests.sh --build-only

test-dotnet: dotnet-dev
	$(CARGO) test -p antom-ffi
	bash bindings-dotnet/run-tests.sh

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
	ANTOM_EXTENSION=$(PHP_EXT) php -d extension=$(PHP_EXT) /usr/bin/phpunit -c bindings-php/phpunit.xml

# Installs a release antom.so into PHP's extension dir with an antom.ini (run as root).
php-install: deps
	$(CARGO) build --release -p antom-php
	install -m 0755 target/release/libantom.so "$$(php-config --extension-dir)/antom.so"
	for d in /etc/php/8.2/cli/conf.d /etc/php/8.2/fpm/conf.d; do [ -d $$d ] && install -m 0644 bindings-php/antom.ini $$d/20-antom.ini || true; done
	php -r 'exit(extension_loaded("antom") ? 0 : 1);' && echo "antom extension installed"

test: lint test-rust test-e2e test-python python test-node node-pack test-dotnet test-php
	@echo "make test: all suites passed"

demo: build python-dev node-dev dotnet-dev php-dev
	@bash scripts/demo.sh

# The signing walk-through with the CLI: keygen, sign, verify, tamper.
demo-signing: build
	@bash scripts/demo-signing.sh

bench: build venv node-dev
	python3 tools/bench_core.py
	$(PY) tools/bench_sim.py
	cd bindings-python && VIRTUAL_ENV=$(CURDIR)/$(VENV) $(CURDIR)/$(VENV)/bin/maturin develop --release -q
	$(PY) tools/bench_python.py
	cd bindings-python && VIRTUAL_ENV=$(CURDIR)/$(VENV) $(CURDIR)/$(VENV)/bin/maturin develop -q
	cd bindings-node && npm run --silent build
	node tools/bench_node.js
	cd bindings-node && npm run --silent build:debug
	python3 tools/bench_dotnet.py
	$(CARGO) build --release -p antom-php
	php -d extension=$(CURDIR)/target/release/libantom.so tools/bench_php.php

clean:
	$(CARGO) clean
	rm -rf $(VENV)
