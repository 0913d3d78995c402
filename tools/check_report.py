"""How the `make lint` checks (check_abi, check_allocator, check_hack) end: each problem on its
own line, prefixed with the check's name, then exit 1; or one line saying what passed."""
import sys


def finish(check, problems, passed):
    """Prints the problems (to stderr) or `passed`; returns the exit status."""
    for p in problems:
        print(f"{check}: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"{check}: {passed}")
    return 0
