"""Fails when the modules of a crate form a cycle (`make lint`): each crate's modules must form
a layering, a module below never reading one above. A module's edges are the `crate::x` and
`super::x` paths in its code (comments skipped), tests included."""
import re,os,sys,glob
def mods(src):
    files={}
    for f in glob.glob(src+'/**/*.rs',recursive=True):
        rel=os.path.relpath(f,src)
        parts=rel[:-3].split('/')
        if parts[-1] in('mod','lib','main'): parts=parts[:-1]
        name=parts[0] if parts else 'lib'
        files.setdefault(name,[]).append(f)
    return files
def graph(src):
    files=mods(src); g={m:set() for m in files}
    for m,fs in files.items():
        for f in fs:
            t='\n'.join(l for l in open(f).read().split('\n') if not l.strip().startswith('//'))
            for x in re.findall(r'crate::(\w+)',t):
                if x in g and x!=m: g[m].add(x)
            for x in re.findall(r'super::(\w+)',t):
                if x in g and x!=m and m!='lib': g[m].add(x)
            # use crate::{a, b}
            for grp in re.findall(r'crate::\{([^}]*)\}',t):
                for x in re.findall(r'(\w+)',grp):
                    if x in g and x!=m: g[m].add(x)
    return g
def scc(g):
    idx={};low={};st=[];on=set();res=[];c=[0]
    sys.setrecursionlimit(10000)
    def v(n):
        idx[n]=low[n]=c[0];c[0]+=1;st.append(n);on.add(n)
        for w in g[n]:
            if w not in idx: v(w);low[n]=min(low[n],low[w])
            elif w in on: low[n]=min(low[n],idx[w])
        if low[n]==idx[n]:
            comp=[]
            while True:
                w=st.pop();on.discard(w);comp.append(w)
                if w==n:break
            if len(comp)>1:res.append(sorted(comp))
    for n in g:
        if n not in idx:v(n)
    return res
CRATES = ["core/src", "bridge/src", "codegen/src", "cli/src", "sim/src", "bindings-python/src",
          "bindings-node/src", "bindings-dotnet/native/src", "bindings-php/src"]
found = 0
for src in sys.argv[1:] or CRATES:
    g=graph(src); g.pop('lib',None)
    for k in g: g[k].discard('lib')
    for comp in scc(g):
        found += 1
        print(f"{src}: a module cycle: " + ", ".join(f"{a} -> {sorted(x for x in g[a] if x in comp)}" for a in comp))
if found:
    sys.exit(1)
print("module_cycles: no cycle in " + ", ".join(sys.argv[1:] or CRATES))
