#!/usr/bin/env python3
"""Every library and program we ship wipes what it frees (bridge/src/memory.rs): each workspace
crate with a cdylib or a binary declares the wiping allocator at its root (`make lint`).
A crate added without it fails here, not in a heap dump."""
import re
import sys

from check_report import finish, workspace_packages

# Tools that run on a maintainer's machine, never beside a merchant's key.
NOT_SHIPPED = {"antom-codegen"}
DECLARATION = re.compile(r"^antom_bridge::wipe_freed_memory!\(\);$", re.M)


def main():
    missing, checked = [], 0
    for package in workspace_packages():
        if package["name"] in NOT_SHIPPED:
            continue
        for target in package["targets"]:
            if not {"cdylib", "bin"} & set(target["kind"]):
                continue
            checked += 1
            if not DECLARATION.search(open(target["src_path"]).read()):
                missing.append(f"{package['name']} ({target['src_path']})")
    return finish("check_allocator", [f"{m} does not declare the wiping allocator (bridge/src/memory.rs)" for m in missing],
                  f"{checked} shipped libraries and programs wipe what they free")


if __name__ == "__main__":
    sys.exit(main())
