"""How the `make lint` checks (check_abi, check_allocator, check_hack, check_tests) end: each problem on its
own line, prefixed with the check's name, then exit 1; or one line saying what passed."""
import json
import subprocess
import sys


def workspace_packages():
    """The workspace's own packages, as `cargo metadata` describes them (targets, paths)."""
    out = subprocess.run(["cargo", "metadata", "--no-deps", "--format-version", "1", "--locked"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["packages"]


def finish(check, problems, passed):
    """Prints the problems (to stderr) or `passed`; returns the exit status."""
    for p in problems:
        print(f"{check}: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"{check}: {passed}")
    return 0
