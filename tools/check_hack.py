#!/usr/bin/env python3
"""Checks that hack/ (the workspace-hack crate) still does its job: every third-party crate is
built with one feature set, whichever package a make target or `make dist` builds.

Why: cargo resolves features per invocation. Without the hack, `cargo build -p antom-node` after
`cargo build --workspace` rebuilt tokio, serde, hyper, reqwest and a hundred more with other
features, and so did each binding and each release build: minutes of a CI run. The hack depends
on the union of their features, so every build shares one copy of each. A stale hack is not a
bug (it only costs build time), but it fails here so it gets regenerated:
    make hack     (cargo hakari generate && cargo hakari manage-deps)

Reads `cargo tree` only (no build). Exit 1 on any crate whose features differ between builds.
"""
import subprocess
import sys

from check_report import finish, workspace_packages

TARGET = "x86_64-unknown-linux-gnu"
# What the Makefile and scripts/dist.sh build, each in its own cargo invocation: the workspace,
# the core on its other backend, every member alone (read from cargo metadata, so a new binding
# crate is covered without an edit here) and make dist's release build of the packages.
WHOLE = {
    "workspace (make lint-all, cargo test)": ["--workspace", "-e", "normal,build,dev"],
    "antom (make test-rust, pure-rust-crypto)": ["-p", "antom", "--features", "pure-rust-crypto", "-e", "normal,build,dev"],
    "release packages (make dist)": ["-p", "antom-ffi", "-p", "antom-php", "-p", "antom-node", "-e", "normal,build"],
}


def members():
    return sorted(p["name"] for p in workspace_packages())


def builds(ours):
    # The core holds the hack as a dev-dependency only (it is published), so nothing builds it
    # alone without its dev-dependencies: the first two lines above cover it.
    alone = {name: ["-p", name, "-e", "normal,build"] for name in ours if name != "antom"}
    return {**WHOLE, **alone}


def features(args):
    out = subprocess.run(["cargo", "tree", "--locked", "--target", TARGET, "--prefix", "none",
                          "-f", "{p}|{f}", *args], check=True, capture_output=True, text=True).stdout
    seen = {}
    for line in out.splitlines():
        if "|" not in line:
            continue
        package, feats = line.split("|", 1)
        name, version = package.split()[:2]
        seen.setdefault((name, version), set()).add(feats.replace(" (*)", "").strip())
    return seen


def main():
    ours = members()
    every = builds(ours)
    first = {}
    problems = []
    for build, args in every.items():
        for crate, feats in features(args).items():
            if crate[0] in ours:
                continue
            if crate not in first:
                first[crate] = (build, feats)
            elif first[crate][1] != feats:
                problems.append(f"{crate[0]} {crate[1]}: {first[crate][0]} builds it with "
                                f"{sorted(first[crate][1])}, {build} with {sorted(feats)}")
    if problems:
        problems.append(f"{len(problems)} crate(s) would be built twice; run `make hack`")
    # The bindings run in processes that fork (php-fpm, gunicorn, pcntl_fork): a child builds its
    # own runtime, whose idle workers must not park in parking_lot's one process-wide table,
    # which a parent thread may have left mid-update at the fork (a child crashed in it). A
    # dev-dependency on tokio's "full" brings that feature back to every build through the hack.
    for (name, _), (_, feats) in first.items():
        if name == "tokio" and any("parking_lot" in f for f in feats):
            problems.append("tokio is built with its parking_lot feature (not fork-safe): list tokio's "
                            "features instead of \"full\" (core/Cargo.toml says why)")
    return finish("check_hack", problems, f"{len(first)} third-party crates, one feature set each across {len(every)} builds")


if __name__ == "__main__":
    sys.exit(main())
