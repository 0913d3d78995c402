"""Fails when the modules of a crate form a cycle (`make lint`): each crate's modules must form
a layering, a module below never reading one above. A module's edges are the `crate::x` and
`super::x` paths in its code (comments skipped), tests included. `crate::Name` (or `super::Name`
in a top-level module) for a name the crate root re-exports (`pub use config::{Config, ...}`, or
`pub use client::*` for every public item of client) is an edge to the module it comes from, and
nested groups (`crate::{a::{B, C}, d}`) are read whole. Not seen: bare names brought in by a
glob import (`use super::*`), which only name resolution could place."""
import glob
import os
import re
import sys

CRATES = ["core/src", "bridge/src", "codegen/src", "cli/src", "sim/src", "bindings-python/src",
          "bindings-node/src", "bindings-c/src", "bindings-php/src"]


def code(path):
    return "\n".join(l for l in open(path).read().split("\n") if not l.strip().startswith("//"))


def mods(src):
    files = {}
    for f in glob.glob(src + "/**/*.rs", recursive=True):
        parts = os.path.relpath(f, src)[:-3].split("/")
        if parts[-1] in ("mod", "lib", "main"):
            parts = parts[:-1]
        files.setdefault(parts[0] if parts else "lib", []).append(f)
    return files


def group(text, start):
    """The text inside the brace group opening at text[start], and the index after it."""
    depth = 0
    for i in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return text[start + 1:i], i + 1
    return text[start + 1:], len(text)


def heads(text):
    """The first path segment of each item of a `use` group, nested groups read whole."""
    out, depth, item = [], 0, ""
    for ch in text + ",":
        if ch == "," and depth == 0:
            m = re.match(r"\s*(\w+)", item)
            if m:
                out.append(m.group(1))
            item = ""
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        item += ch
    return out


def paths(text, prefix):
    """The first segment of every `prefix::x` path and of every item of `prefix::{...}`."""
    out = []
    for m in re.finditer(prefix + r"::(\w+|\{)", text):
        if m.group(1) == "{":
            inner, _ = group(text, m.end(1) - 1)
            out += heads(inner)
        else:
            out.append(m.group(1))
    return out


def public_items(files):
    """The names a module declares `pub` (for a glob re-export of it)."""
    out = set()
    for f in files:
        # Unindented items only: a `pub fn` inside an `impl` is not the module's.
        out |= set(re.findall(r"^pub (?:unsafe )?(?:extern \"C\" )?(?:fn|struct|enum|const|static|type|trait|mod) (\w+)",
                              code(f), re.M))
    return out


def reexports(files, modules):
    """Name -> module, for what the crate root re-exports from its modules (`pub use m::*`
    included: every public item of m)."""
    out = {}
    for f in files.get("lib", []):
        if os.path.basename(f) not in ("lib.rs", "main.rs"):
            continue
        for m in re.finditer(r"pub use (\w+)::([^;]*);", code(f), re.S):
            if m.group(1) not in modules:
                continue
            if m.group(2).strip() == "*":
                out.update((name, m.group(1)) for name in public_items(files[m.group(1)]))
                continue
            for name in re.findall(r"(?:as\s+)?(\w+)\s*(?=[,}]|$)", m.group(2)):
                if name not in ("self",):
                    out[name] = m.group(1)
    return out


def top_level(src, f):
    """Whether `super` in file f is the crate root (src/x.rs or src/x/mod.rs)."""
    rel = os.path.relpath(f, src).split("/")
    return len(rel) == 1 or (len(rel) == 2 and rel[1] == "mod.rs")


def graph(src):
    files = mods(src)
    g = {m: set() for m in files}
    names = reexports(files, g)
    for m, fs in files.items():
        for f in fs:
            t = code(f)
            found = [names.get(x, x) for x in paths(t, "crate")]
            # `super` of a top-level module is the crate root, where names are re-exported;
            # deeper, it is a module inside the same top-level module (no edge out of it).
            if m != "lib" and top_level(src, f):
                # Up to the first inline module (`mod tests {`), where `super` is this file.
                outer = re.split(r"^\s*(?:pub(?:\([^)]*\))? )?mod \w+\s*\{", t, maxsplit=1, flags=re.M)[0]
                found += [names.get(x, x) for x in paths(outer, "super")]
            g[m] |= {x for x in found if x in g and x != m}
    return g


def scc(g):
    idx, low, st, on, res, c = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)

    def v(n):
        idx[n] = low[n] = c[0]
        c[0] += 1
        st.append(n)
        on.add(n)
        for w in g[n]:
            if w not in idx:
                v(w)
                low[n] = min(low[n], low[w])
            elif w in on:
                low[n] = min(low[n], idx[w])
        if low[n] == idx[n]:
            comp = []
            while True:
                w = st.pop()
                on.discard(w)
                comp.append(w)
                if w == n:
                    break
            if len(comp) > 1:
                res.append(sorted(comp))

    for n in g:
        if n not in idx:
            v(n)
    return res


def main():
    found = 0
    for src in sys.argv[1:] or CRATES:
        g = graph(src)
        g.pop("lib", None)
        for k in g:
            g[k].discard("lib")
        for comp in scc(g):
            found += 1
            print(f"{src}: a module cycle: " + ", ".join(
                f"{a} -> {sorted(x for x in g[a] if x in comp)}" for a in comp))
    if found:
        return 1
    print("module_cycles: no cycle in " + ", ".join(sys.argv[1:] or CRATES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
