"""Holds the two hand-written declarations of the C ABI to its header (`make lint`): every
function that C# (bindings-dotnet/src/Antom/Native.cs, DllImport) or Java
(bindings-java/.../internal/NativeLib.java, JNA) declares must exist in
bindings-c/include/antom.h with the same number of parameters, a size_t where the
header has one (UIntPtr in C#, long in Java), and struct AntomBuffer must have the header's
fields in both. A drifted declaration corrupts memory at run time; here it fails the build."""
import re
import sys

from check_report import finish

HEADER = "bindings-c/include/antom.h"
CS = "bindings-dotnet/src/Antom/Native.cs"
JAVA = "bindings-java/src/main/java/com/antom/internal/NativeLib.java"


def split_params(text):
    text = text.strip()
    if text in ("", "void"):
        return []
    return [p.strip() for p in text.split(",")]


def header():
    h = open(HEADER).read()
    h = re.sub(r"/\*.*?\*/", "", h, flags=re.S)
    funcs = {}
    for m in re.finditer(r"^[\w ]+?[\s*]+(antom_\w+)\s*\(([^)]*)\)\s*;", h, flags=re.M):
        funcs[m.group(1)] = split_params(m.group(2))
    fields = re.search(r"typedef struct AntomBuffer \{(.*?)\} AntomBuffer;", h, flags=re.S).group(1)
    return funcs, [f.strip().rstrip(";").split()[-1].lstrip("*") for f in fields.strip().split("\n")]


def declared(path, pattern):
    text = open(path).read()
    return {m.group(1): split_params(re.sub(r"\s+", " ", m.group(2))) for m in re.finditer(pattern, text, flags=re.S)}


def main():
    funcs, fields = header()
    problems = []
    langs = [
        ("C#", declared(CS, r"static extern \w+ (antom_\w+)\((.*?)\);"), "UIntPtr",
         re.findall(r"public (?:IntPtr|UIntPtr) (\w+);", open(CS).read())),
        ("Java", declared(JAVA, r"\b\w+ (antom_\w+)\((.*?)\);"), "long",
         re.search(r"getFieldOrder\(\) \{\s*return Arrays.asList\((.*?)\)", open(JAVA).read(), flags=re.S).group(1).replace('"', "").replace(" ", "").split(",")),
    ]
    for lang, decls, size_type, buffer in langs:
        if [f.lower() for f in buffer] != [f.lower() for f in fields]:
            problems.append(f"{lang}: AntomBuffer fields {buffer}, the header has {fields}")
        for name, params in decls.items():
            if name not in funcs:
                problems.append(f"{lang}: {name} is not in {HEADER}")
                continue
            want = funcs[name]
            if len(params) != len(want):
                problems.append(f"{lang}: {name} takes {len(params)} parameters, the header {len(want)}")
                continue
            for i, (p, w) in enumerate(zip(params, want)):
                if w.startswith("size_t") and not p.startswith(size_type):
                    problems.append(f"{lang}: {name} parameter {i + 1} is '{p}', the header's is size_t")
    return finish("check_abi", problems, f"{len(langs[0][1])} C# and {len(langs[1][1])} Java declarations match {HEADER}")


if __name__ == "__main__":
    sys.exit(main())
