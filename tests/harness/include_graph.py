#!/usr/bin/env python3
"""The module include graph of casedesk, and its circles.

A module is src/x.c with include/casedesk/x.h; module a depends on b when
a's .c or .h has #include "casedesk/b.h". Prints every strongly connected
component of more than MAX modules (a circle through them) and exits 1 when
there is one; 0 otherwise. A circle of two (a pair that include each other)
is tolerated.

  include_graph.py [--max N] [TOP]     TOP: the tree holding src/ and include/
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"casedesk/([A-Za-z0-9_]+)\.h"', re.M)


def graph(top):
    deps = {}
    for d, suffix in (("src", ".c"), (os.path.join("include", "casedesk"), ".h")):
        path = os.path.join(top, d)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            if not name.endswith(suffix):
                continue
            mod = name[: -len(suffix)]
            with open(os.path.join(path, name), encoding="utf-8") as f:
                text = f.read()
            edges = deps.setdefault(mod, set())
            edges.update(m for m in INCLUDE.findall(text) if m != mod)
    for targets in list(deps.values()):
        for t in targets:
            deps.setdefault(t, set())
    return deps


def components(deps):
    """Tarjan's strongly connected components, iteratively."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    for root in sorted(deps):
        if root in index:
            continue
        work = [(root, iter(sorted(deps[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(deps[w]))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    out.append(sorted(comp))
    return out


def circle(deps, comp):
    """One circle through the first module of comp, for the message."""
    members = set(comp)
    start = comp[0]
    path, seen = [start], {start}
    while True:
        nxt = sorted(t for t in deps[path[-1]] if t in members)
        if start in nxt and len(path) > 1:
            return path + [start]
        nxt = [t for t in nxt if t not in seen]
        if not nxt:
            return path
        path.append(nxt[0])
        seen.add(nxt[0])


def main(argv):
    limit = 2
    args = argv[1:]
    if args[:1] == ["--max"]:
        limit = int(args[1])
        args = args[2:]
    top = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    deps = graph(top)
    bad = [c for c in components(deps) if len(c) > limit]
    for c in bad:
        print("include circle of %d modules: %s" % (len(c), " ".join(c)))
        print("  e.g. " + " -> ".join(circle(deps, c)))
    if not bad:
        print("no include circle of more than %d modules among %d" % (limit, len(deps)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
