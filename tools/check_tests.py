#!/usr/bin/env python3
"""Every Rust integration test file runs (`make lint`). The crates build their integration tests
as one binary each (`tests/main.rs`, autotests off: one link instead of one per file), so a file
added to `tests/` runs only once a test target names it: here, each `tests/*.rs` must be a test
target's root or a `mod` of one. A forgotten file fails here, instead of silently never running."""
import os
import re
import sys

from check_report import finish, workspace_packages

# A `mod x;` with no #[path] above it: the file tests/x.rs.
MOD = re.compile(r"^(?<!\]\n)mod (\w+);$", re.M)


def main():
    problems, files = [], 0
    for package in workspace_packages():
        tests = os.path.join(os.path.dirname(package["manifest_path"]), "tests")
        if not os.path.isdir(tests):
            continue
        roots = [t["src_path"] for t in package["targets"] if "test" in t["kind"]]
        covered = {os.path.realpath(r) for r in roots}
        for root in roots:
            if os.path.dirname(os.path.realpath(root)) == os.path.realpath(tests):
                covered |= {os.path.realpath(os.path.join(tests, m + ".rs")) for m in MOD.findall(open(root).read())}
        for name in sorted(os.listdir(tests)):
            path = os.path.join(tests, name)
            # Cargo's other layout, tests/<name>/main.rs, is a binary only when a target names it.
            if os.path.isfile(os.path.join(path, "main.rs")):
                path = os.path.join(path, "main.rs")
            elif not name.endswith(".rs"):
                continue
            files += 1
            if os.path.realpath(path) not in covered:
                problems.append(f"{package['name']}: {os.path.relpath(path, os.path.dirname(tests))} is in no test "
                                f"target: add `mod {name.removesuffix('.rs')};` to tests/main.rs (or a [[test]] "
                                "for a binary of its own)")
    return finish("check_tests", problems, f"{files} integration test files, each in a test target")


if __name__ == "__main__":
    sys.exit(main())
