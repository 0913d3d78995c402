# antom: `make demo` runs the demo; `make test` runs everything. Both install what they need.
SHELL := /bin/bash
CARGO ?= cargo

.PHONY: all deps build test lint test-rust demo demo-signing bench clean

all: build

deps:
	@bash scripts/deps.sh

build: deps
	$(CARGO) build --workspace --examples

lint: deps
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) clippy -p antom --all-targets --features pure-rust-crypto -- -D warnings

# Core, CLI and doctests on the default backend, then the core again on the pure-Rust backend.
test-rust: deps
	$(CARGO) test --workspace
	$(CARGO) test -p antom --features pure-rust-crypto

test: lint test-rust
	@echo "make test: all suites passed"

demo: build
	@bash scripts/demo.sh

# The signing walk-through with the CLI: keygen, sign, verify, tamper.
demo-signing: build
	@bash scripts/demo-signing.sh

bench: deps
	python3 tools/bench_core.py

clean:
	$(CARGO) clean
