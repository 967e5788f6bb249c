#!/usr/bin/env python3
"""depview-cli end to end: exit codes, output formats, and the numbers of
`stats`, each checked against an independent reading of the dump text.

Usage: test-cli.py PATH/TO/depview-cli      (prints TAP)
Environment: G_TEST_SRCDIR (the tests/ folder), DV_SHARED_TESTDATA (optional).
"""

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections import deque

CLI = sys.argv[1]
SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DATA = os.path.join(SRCDIR, "data")
HELLO = os.path.join(DATA, "hello-go1.19.deps.txt")
HAZARDS = os.path.join(DATA, "hazards-go1.19.deps.txt")
SHARED = os.environ.get("DV_SHARED_TESTDATA", "")


class Skip(Exception):
    pass


# ---- reference reading of a dump -------------------------------------------

FLAG_FORMS = [
    (" <UsedInIface><ReflectMethod>", ["UsedInIface", "ReflectMethod"]),
    (" <UsedInIface>", ["UsedInIface"]),
    (" <ReflectMethod>", ["ReflectMethod"]),
]


def is_namedata(name):
    return name.startswith(b"type..namedata.") or name.startswith(b"type:.namedata.")


def strip_flags(name):
    """(name, [flag words]); namedata text that ends like a flag is tag text."""
    if is_namedata(name):
        return name, []
    for suffix, words in FLAG_FORMS:
        s = suffix.encode()
        if name.endswith(s):
            return name[: -len(s)], words
    return name, []


SIZE_RE = re.compile(rb"^[a-z_]+=[0-9]+$")


class Dump:
    """Lines split by the causal-order rule of the format notes."""

    def __init__(self, data):
        self.bytes = len(data)
        self.lines = 0
        self.edges = []  # [from, to, kind, line]; kind in root/dep/call
        self.sections = []
        self.sizes = {}
        self.unreadable = []
        self.flags = {}
        known = set()
        prev_edge = None  # index of the dep edge a continuation line extends
        added = {}

        def left_known(left):
            if left == b"" or left == b"_":
                return True
            return strip_flags(left)[0] in known

        def find_split(line, sep):
            start = 0
            while True:
                i = line.find(sep, start)
                if i < 0:
                    return -1
                if left_known(line[:i]):
                    return i
                start = i + 1

        def set_target(idx, raw):
            to, words = strip_flags(raw)
            self.edges[idx][1] = to
            self.edges[idx][4] = raw
            self.edges[idx][5] = words
            added[idx] = to not in known
            known.add(to)

        pieces = data.split(b"\n")
        if pieces and pieces[-1] == b"":
            pieces.pop()
        for lineno, line in enumerate(pieces, 1):
            self.lines += 1
            if line.endswith(b"\r"):
                line = line[:-1]
            if b"\0" in line:
                self.unreadable.append(lineno)
                prev_edge = None
                continue
            if line.strip(b" \t") == b"":
                prev_edge = None
                continue
            if line.startswith(b"# "):
                self.sections.append(line[2:])
                prev_edge = None
                continue
            i = find_split(line, b" -> ")
            if i >= 0:
                frm, fwords = strip_flags(line[:i])
                kind = "root" if frm == b"_" else "dep"
                self.edges.append([frm, None, kind, lineno, None, None, fwords])
                set_target(len(self.edges) - 1, line[i + 4:])
                prev_edge = len(self.edges) - 1
                continue
            i = find_split(line, b" calls ")
            if i >= 0:
                frm, fwords = strip_flags(line[:i])
                self.edges.append([frm, None, "call", lineno, None, None, fwords])
                set_target(len(self.edges) - 1, line[i + 7:])
                prev_edge = None
                continue
            if SIZE_RE.match(line):
                k, v = line.split(b"=")
                self.sizes[k.decode()] = int(v)
                prev_edge = None
                continue
            if prev_edge is not None:
                e = self.edges[prev_edge]
                if added[prev_edge]:
                    known.discard(e[1])
                set_target(prev_edge, e[4] + b"\n" + line)
                continue
            self.unreadable.append(lineno)

        self.children = {}
        self.edge_set = set()
        names = []
        seen = set()
        for frm, to, kind, _line, _raw, twords, fwords in self.edges:
            for n, w in ((frm, fwords), (to, twords)):
                if n not in seen:
                    seen.add(n)
                    if n != b"_":
                        names.append(n)
                self.flags.setdefault(n, set()).update(w)
            key = (frm, to, kind)
            if key not in self.edge_set:
                self.edge_set.add(key)
                self.children.setdefault(frm, []).append(to)
        self.names = names
        self.dep_edges = sum(1 for e in self.edges if e[2] != "call")
        self.root_edges = sum(1 for e in self.edges if e[2] == "root")
        self.call_edges = sum(1 for e in self.edges if e[2] == "call")
        self.roots = len({e[1] for e in self.edges if e[2] == "root"})
        # breadth-first from "_"
        self.dist = {b"_": 0}
        queue = deque([b"_"])
        while queue:
            n = queue.popleft()
            for c in self.children.get(n, []):
                if c not in self.dist:
                    self.dist[c] = self.dist[n] + 1
                    queue.append(c)
        self.reachable = len(self.dist) - 1


# The package rule of the format notes (named types, itabs, DWARF and the
# eq/hash functions of a type say the package of the type they are about).
PREDECLARED = {b"bool", b"byte", b"complex64", b"complex128", b"error", b"float32", b"float64",
               b"int", b"int8", b"int16", b"int32", b"int64", b"rune", b"string", b"uint",
               b"uint8", b"uint16", b"uint32", b"uint64", b"uintptr", b"any", b"comparable"}
HEAD_STOP = re.compile(rb'[\[(" {,;*]')


def unescape(path):
    return re.sub(rb"%([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]), path)


def package_of_plain(s):
    m = HEAD_STOP.search(s)
    head = s[: m.start()] if m else s
    slash = head.rfind(b"/")
    dot = head.find(b".", slash if slash >= 0 else 0)
    if dot <= 0 or s[:1] in (b"$", b"."):
        return None
    return unescape(s[:dot])


def package_of_type(t):
    if t.startswith(b"noalg."):
        t = t[6:]
    while True:
        if t.startswith(b"*"):
            t = t[1:]
        elif t.startswith(b"[]"):
            t = t[2:]
        elif re.match(rb"^\[[0-9]+\]", t):
            t = t[t.index(b"]") + 1:]
        else:
            break
    if t.split(b".")[0] in PREDECLARED:
        return None
    if t.startswith(b"go.shape.") or t.startswith(b"go:shape."):
        return None
    if not (t[:1].isalpha() or t[:1] == b"_"):
        return None
    for p in (b"func(", b"map[", b"map.", b"chan ", b"struct {", b"interface {", b"struct{",
              b"interface{", b"<-chan ", b"chan<- "):
        if t.startswith(p):
            return None
    return package_of_plain(t)


def package(name):
    if name.startswith(b"type.") or name.startswith(b"type:"):
        t = name[5:]
        if t.startswith(b".namedata."):
            return None
        if t.startswith(b".importpath."):
            p = t[len(b".importpath."):]
            return unescape(p[:-1]) if len(p) > 1 and p.endswith(b".") else None
        for f in (b".eq.", b".hash.", b".eqfunc.", b".hashfunc.", b".gcprog."):
            if t.startswith(f):
                return package_of_type(t[len(f):])
        if t.startswith(b"."):
            return None
        return package_of_type(t)
    if name.startswith(b"go.") or name.startswith(b"go:"):
        g = name[3:]
        if g.startswith(b"itab."):
            return package_of_type(g[5:].split(b",")[0])
        for d in (b"info.", b"loc.", b"range.", b"debuglines.", b"debugranges.",
                  b"cuinfo.packagename.", b"cuinfo.producer."):
            if g.startswith(d):
                rest = g[len(d):]
                if rest[:5] in (b"type.", b"type:") or rest[:3] in (b"go.", b"go:"):
                    return package(rest)
                return package_of_type(rest)
        m = HEAD_STOP.search(name)
        head = name[: m.start()] if m else name
        if b"/" in head:
            return package_of_plain(name)
        return None
    if name.startswith(b"gclocals"):
        return None
    return package_of_plain(name)


_cache = {}


def dump_of(path):
    if path not in _cache:
        with open(path, "rb") as f:
            data = f.read()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        _cache[path] = Dump(data)
    return _cache[path]


# ---- running the tool --------------------------------------------------------

def run(*args, stdin=None):
    p = subprocess.run([CLI] + list(args), input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=300)
    return p.returncode, p.stdout, p.stderr


def why_json(path, query, stdin=None):
    rc, out, err = run("why", "--format=json", path, query, stdin=stdin)
    assert rc == 0, "exit %d for %r: %s" % (rc, query, err.decode(errors="replace"))
    return json.loads(out.decode("utf-8"))


def b(s):
    return s.encode("utf-8")


def check_chain(dump, answer, target=None):
    """The chain is a path of the dump from a root line to its target."""
    chain = answer["chain"]
    assert chain, "empty chain"
    for i, step in enumerate(chain):
        assert set(step) == {"symbol", "package", "flags", "via"}, "step keys %r" % sorted(step)
        sym = b(step["symbol"])
        if i == 0:
            assert step["via"] == "root", "step 0 via %r" % step["via"]
            assert (b"_", sym, "root") in dump.edge_set, "no line '_ -> %r'" % sym
        else:
            prev = b(chain[i - 1]["symbol"])
            assert step["via"] in ("dep", "call"), step["via"]
            assert (prev, sym, step["via"]) in dump.edge_set, \
                "step %d: no line %r %s %r" % (i, prev, "->" if step["via"] == "dep" else "calls", sym)
        assert step["flags"] == [w for w in ("UsedInIface", "ReflectMethod") if w in dump.flags.get(sym, ())], \
            "flags of %r: %r" % (sym, step["flags"])
    last = b(chain[-1]["symbol"])
    assert b(answer["target"]) == last, "target %r is not the last step %r" % (answer["target"], last)
    if target is not None:
        assert last == target, "chain ends at %r, not %r" % (last, target)
    return [b(s["symbol"]) for s in chain]


# ---- tests -------------------------------------------------------------------

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


@test
def why_json_symbol():
    d = dump_of(HELLO)
    a = why_json(HELLO, "fmt.Fprintln")
    assert set(a) == {"query", "target", "kind", "reachable", "chain"}, "keys %r" % sorted(a)
    assert a["query"] == "fmt.Fprintln" and a["kind"] == "symbol" and a["reachable"] is True
    chain = check_chain(d, a, b"fmt.Fprintln")
    assert len(chain) == d.dist[b"fmt.Fprintln"], "%d steps, shortest is %d" % (len(chain), d.dist[b"fmt.Fprintln"])
    for s in a["chain"]:
        want = package(b(s["symbol"]))
        if want is not None:
            assert b(s["package"]) == want, "package of %r: %r" % (s["symbol"], s["package"])


@test
def why_json_package_chain():
    d = dump_of(HELLO)
    a = why_json(HELLO, "fmt")
    assert a["kind"] == "package" and a["reachable"] is True and a["query"] == "fmt"
    chain = check_chain(d, a)
    assert package(chain[-1]) == b"fmt", "the chain ends at %r" % chain[-1]


@test
def why_json_package_shape():
    a = why_json(HELLO, "fmt")
    assert set(a) == {"query", "target", "kind", "reachable", "chain"}, "keys %r" % sorted(a)


@test
def why_json_shortest_at_several_depths():
    # A handful of symbols at several depths, each the shortest chain.
    d = dump_of(HELLO)
    picked = {}
    for n in d.names:
        k = d.dist.get(n)
        if k and k not in picked and package(n) and b" " not in n and not n.endswith(b">"):
            picked[k] = n
    assert len(picked) >= 5
    for k, n in sorted(picked.items()):
        a = why_json(HELLO, n.decode())
        chain = check_chain(d, a, n)
        assert len(chain) == k, "%r: %d steps, shortest is %d" % (n, len(chain), k)


@test
def why_hazard_names():
    d = dump_of(HAZARDS)
    for name in (b'type..namedata.Q.z:"p -> q"', b'go.string." -> node="',
                 b"type..namedata.B.multi\nline -> tag\twith tab <UsedInIface>"):
        assert name in d.dist, "fixture: %r unreachable" % name
        a = why_json(HAZARDS, name.decode())
        chain = check_chain(d, a, name)
        assert len(chain) == d.dist[name]


def chain_names():
    return [s["symbol"] for s in why_json(HELLO, "fmt.Fprintln")["chain"]]


@test
def why_text():
    rc, out, err = run("why", "--format=text", HELLO, "fmt.Fprintln")
    assert rc == 0, err
    for s in chain_names():
        assert b(s) in out, "text output lacks %r" % s
    rc2, out2, _ = run("why", HELLO, "fmt.Fprintln")
    assert rc2 == 0 and out2 == out, "text is not the default format"


@test
def why_markdown():
    rc, out, err = run("why", "--format=markdown", HELLO, "fmt.Fprintln")
    assert rc == 0, err
    for s in chain_names():
        assert b(s) in out, "markdown output lacks %r" % s


@test
def why_dot():
    rc, out, err = run("why", "--format=dot", HELLO, "fmt.Fprintln")
    assert rc == 0, err
    for s in chain_names():
        assert b(s) in out, "dot output lacks %r" % s
    dot = shutil.which("dot")
    if dot is None:
        raise Skip("dot is not installed")
    p = subprocess.run([dot, "-Tsvg"], input=out, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.returncode == 0 and not p.stderr, "dot -Tsvg: %s" % p.stderr.decode(errors="replace")
    assert b"<svg" in p.stdout


@test
def why_dot_hazard_name():
    dot = shutil.which("dot")
    if dot is None:
        raise Skip("dot is not installed")
    for name in ("type..namedata.B.multi\nline -> tag\twith tab <UsedInIface>", 'go.string."quote\\" -> \\"x"'):
        rc, out, err = run("why", "--format=dot", HAZARDS, name)
        assert rc == 0, err
        p = subprocess.run([dot, "-Tsvg"], input=out, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert p.returncode == 0 and not p.stderr, "dot -Tsvg: %s" % p.stderr.decode(errors="replace")


@test
def why_not_found():
    rc, out, err = run("why", HELLO, "fmt.Fprntln")
    assert rc == 1, "exit %d" % rc
    assert b"fmt.Fprintln" in err, "no suggestion on stderr: %r" % err
    assert b"fmt.Fprintln" not in out


@test
def why_unreachable():
    d = dump_of(HELLO)
    name = next(e[1] for e in d.edges if e[0] == b"" and e[1] not in d.dist)
    rc, out, err = run("why", HELLO, name.decode())
    assert rc == 1, "exit %d for unreachable %r" % (rc, name)


@test
def unreadable_missing():
    path = "/nonexistent/dir/deps.txt"
    for args in (["why", path, "fmt"], ["stats", path]):
        rc, out, err = run(*args)
        assert rc == 2, "exit %d" % rc
        assert b"deps.txt" in err, "message does not name the file: %r" % err


@test
def unreadable_directory():
    with tempfile.TemporaryDirectory() as tmp:
        rc, out, err = run("why", tmp, "fmt")
        assert rc == 2, "exit %d" % rc
        assert b(os.path.basename(tmp)) in err, "message does not name the folder: %r" % err


@test
def unreadable_png():
    png = (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa"
           b"\0\0\0\0IEND\xaeB`\x82")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "picture.png")
        with open(path, "wb") as f:
            f.write(png)
        for args in (["why", path, "fmt"], ["stats", path]):
            rc, out, err = run(*args)
            assert rc == 2, "exit %d" % rc
            assert b"picture.png" in err, "message does not name the file: %r" % err


@test
def bad_usage():
    for args in ([], ["why"], ["why", HELLO], ["why", HELLO, "fmt", "extra"], ["frobnicate", HELLO],
                 ["why", "--format=xml", HELLO, "fmt"], ["stats"], ["stats", "--format=markdown", HELLO],
                 ["why", "--no-such-option", HELLO, "fmt"]):
        rc, out, err = run(*args)
        assert rc == 2, "exit %d for %r" % (rc, args)
        assert err, "no message for %r" % (args,)


@test
def stdin():
    with open(HELLO, "rb") as f:
        data = f.read()
    a = why_json("-", "fmt.Fprintln", stdin=data)
    assert a["chain"] == why_json(HELLO, "fmt.Fprintln")["chain"]
    rc, out, err = run("stats", "--format=json", "-", stdin=data)
    assert rc == 0, err
    assert json.loads(out)["lines"] == dump_of(HELLO).lines


@test
def gzip_input():
    with open(HELLO, "rb") as f:
        data = f.read()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "hello.deps.txt.gz")
        with open(path, "wb") as f:
            f.write(gzip.compress(data))
        assert why_json(path, "fmt.Fprintln")["chain"] == why_json(HELLO, "fmt.Fprintln")["chain"]
        rc, out, err = run("stats", "--format=json", path)
        assert rc == 0, err
        assert json.loads(out)["lines"] == dump_of(HELLO).lines
        # gzip without the .gz name, through stdin
        a = why_json("-", "fmt.Fprintln", stdin=gzip.compress(data))
        assert a["chain"] == why_json(HELLO, "fmt.Fprintln")["chain"]


def stats_json(path):
    rc, out, err = run("stats", "--format=json", path)
    assert rc == 0, err
    return json.loads(out)


def counts_of(d):
    """What stats should say of a dump read by the reference (bytes aside)."""
    return {
        "lines": d.lines,
        "dep_edges": d.dep_edges,
        "root_edges": d.root_edges,
        "call_edges": d.call_edges,
        "symbols": len(d.names),
        "roots": d.roots,
        "reachable_symbols": d.reachable,
        "unreadable_lines": len(d.unreadable),
    }


def check_stats(path):
    d = dump_of(path)
    s = stats_json(path)
    want = dict(counts_of(d), bytes=d.bytes)
    for k, v in want.items():
        assert k in s, "stats has no %r" % k
        assert s[k] == v, "%s: %r, the dump says %r" % (k, s[k], v)
    assert [b(x) for x in s["sections"]] == d.sections, "sections %r" % s["sections"]
    assert s["sizes"] == d.sizes, "sizes %r, the dump says %r" % (s["sizes"], d.sizes)


def check_stats_packages(path):
    d = dump_of(path)
    pkgs = {package(n) for n in d.names} - {None}
    s = stats_json(path)
    assert s["packages"] == len(pkgs), "packages %r, the dump names %d import paths" % (s["packages"], len(pkgs))


@test
def stats_hello():
    check_stats(HELLO)


@test
def stats_hazards():
    check_stats(HAZARDS)


@test
def stats_packages_hello():
    check_stats_packages(HELLO)


def shared(name):
    path = os.path.join(SHARED, name) if SHARED else ""
    if not path or not os.path.exists(path):
        raise Skip("DV_SHARED_TESTDATA is not available")
    return path


@test
def stats_etcd_calls():
    check_stats(shared("etcd-go1.19.deps-and-calls.txt.gz"))


@test
def why_etcd_calls():
    path = shared("etcd-go1.19.deps-and-calls.txt.gz")
    d = dump_of(path)
    for name in (b"go.etcd.io/etcd/etcdserver.NewServer", b"go.uber.org/zap.(*Logger).Info"):
        if name not in d.dist:
            continue
        a = why_json(path, name.decode())
        chain = check_chain(d, a, name)
        assert len(chain) == d.dist[name]


@test
def stats_text():
    rc, out, err = run("stats", HELLO)
    assert rc == 0, err
    d = dump_of(HELLO)
    text = out.decode().replace(",", "").replace("\u202f", "").replace("\u00a0", "")
    for v in (d.lines, len(d.names), d.reachable):
        assert str(v) in text, "stats text lacks %d" % v


@test
def help_exits_zero():
    for args in (["--help"], ["why", "--help"], ["stats", "--help"], ["-h"]):
        rc, out, err = run(*args)
        assert rc == 0, "exit %d for %r" % (rc, args)
        assert out.strip(), "no help on stdout for %r" % args
    rc, out, err = run("why", "--help")
    usage = next(l for l in out.decode().splitlines() if l.strip())
    usage += out.decode().split("\n", 2)[1] if usage.strip() == "Usage:" else ""
    assert " why " in usage, "the usage line of 'why --help' does not name the command: %r" % usage


@test
def keeps_json():
    # the count must equal what an independent search loses without the symbol
    d = dump_of(HELLO)
    rc, out, err = run("keeps", "--format=json", "--limit=100000", HELLO, "fmt.Fprintln")
    assert rc == 0, err
    a = json.loads(out.decode("utf-8"))
    children = {}
    for (f, t, kind) in d.edge_set:
        children.setdefault(f, []).append(t)
    seen, todo = {b"_"}, [b"_"]
    while todo:
        n = todo.pop()
        for c in children.get(n, ()):
            if c != b"fmt.Fprintln" and c not in seen:
                seen.add(c)
                todo.append(c)
    gone = [s for s in d.dist if s != b"_" and s not in seen]
    assert a["removed"] == len(gone), "%d removed, the dump says %d" % (a["removed"], len(gone))
    assert sorted(b(s) for s in a["symbols"]) == sorted(gone)


@test
def reflect_hazards():
    rc, out, err = run("reflect", "--format=json", HAZARDS)
    assert rc == 1, "exit %d: the hazards program calls MethodByName" % rc
    names = [f["symbol"] for f in json.loads(out.decode())["functions"]]
    assert names == ["main.main"], names
    rc, out, err = run("reflect", HELLO)
    assert rc == 0 and b"No function" in out, (rc, out)


@test
def diff_hello_hazards():
    rc, out, err = run("diff", "--format=json", HELLO, HAZARDS)
    assert rc == 1, "exit %d: hazards adds symbols" % rc
    a = json.loads(out.decode())
    before, after = dump_of(HELLO), dump_of(HAZARDS)
    live_before = {s for s in before.dist if s != b"_"}
    added = [s for s in after.dist if s != b"_" and s not in live_before]
    assert a["added_symbols"] == len(added), (a["added_symbols"], len(added))
    assert "regexp" in a["added_packages"] and "encoding/json" in a["added_packages"]
    rc, out, err = run("diff", HELLO, HELLO)
    assert rc == 0 and out.startswith(b"0 symbols added, 0 removed"), (rc, out)


# ---- several binaries in one dump ---------------------------------------------

# go build -ldflags='-dumpdep -c' ./cmd/... of two commands (sources in data/two-binaries)
TWO = os.path.join(DATA, "tools-two-binaries-go1.22.deps-and-calls.txt.gz")
ALPHA = "example.com/tools/cmd/alpha"
BETA = "example.com/tools/cmd/beta"


def sections_of(path):
    """[(header path, Dump of that section alone)]: the text cut at each '# ' line."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    out = []
    for line in data.split(b"\n"):
        if line.startswith(b"# "):
            out.append([line[2:].decode(), []])
        if out:
            out[-1][1].append(line)
    return [(name, Dump(b"\n".join(lines).rstrip(b"\n") + b"\n")) for name, lines in out]


@test
def binaries_several_need_a_choice():
    for args in (["stats", TWO], ["why", TWO, "main.main"], ["keeps", TWO, "main.main"],
                 ["reflect", TWO], ["diff", TWO, TWO]):
        rc, out, err = run(*args)
        e = err.decode()
        assert rc == 2, "exit %d for %r" % (rc, args)
        assert out == b"", "output for %r" % args
        assert ALPHA in e and BETA in e and "--binary" in e and TWO in e, "stderr %r" % e


@test
def binaries_stats_each():
    secs = sections_of(TWO)
    assert [n for n, _ in secs] == [ALPHA, BETA]
    counts = []
    for name, d in secs:
        rc, out, err = run("stats", "--format=json", "--binary=" + name, TWO)
        assert rc == 0, err
        s = json.loads(out)
        assert not d.unreadable
        want = dict(counts_of(d), binary=name, sections=[ALPHA, BETA], sizes=d.sizes)
        for k, v in want.items():
            assert s[k] == v, "%s of %s: %r, the section says %r" % (k, name, s[k], v)
        counts.append(s["symbols"])
    merged = dump_of(TWO)
    assert len(merged.names) < sum(counts), "the binaries share no symbol?"


@test
def binaries_stats_all():
    rc, out, err = run("stats", "--format=json", "--binary=all", TWO)
    assert rc == 0, err
    s = json.loads(out)
    assert list(s) == [ALPHA, BETA], "keys %r" % list(s)
    for name in (ALPHA, BETA):
        rc, one, err = run("stats", "--format=json", "--binary", name, TWO)
        assert s[name] == json.loads(one), "%s differs from --binary=%s" % (name, name)
    # the same from standard input
    with open(TWO, "rb") as f:
        rc, out2, err = run("stats", "--format=json", "--binary=all", "-", stdin=f.read())
    assert rc == 0, err
    s2 = json.loads(out2)
    for name in (ALPHA, BETA):
        s2[name]["file"] = s[name]["file"]
    assert s2 == s
    rc, text, err = run("stats", "--binary=all", TWO)
    t = text.decode()
    assert rc == 0 and t.index("==> %s <==" % ALPHA) < t.index("==> %s <==" % BETA), t[:200]


@test
def binaries_why_separate():
    secs = dict(sections_of(TWO))
    alpha, beta = secs[ALPHA], secs[BETA]
    only_beta = [n for n in beta.names if n not in set(alpha.names) and n in beta.dist
                 and n.startswith(b"unicode/utf8.")]
    assert only_beta, "beta has no unicode/utf8 symbol of its own"
    for n in only_beta[:3]:
        rc, out, err = run("why", "--format=json", "--binary=" + ALPHA, TWO, n.decode())
        assert rc == 1, "%r found in alpha" % n
        rc, out, err = run("why", "--format=json", "--binary=" + BETA, TWO, n.decode())
        assert rc == 0, err
        chain = check_chain(beta, json.loads(out), n)
        assert len(chain) == beta.dist[n]
    # main.main of each reaches only its own
    for name, d in ((ALPHA, alpha), (BETA, beta)):
        rc, out, err = run("why", "--format=json", "--binary=" + name, TWO, "main.main")
        assert rc == 0, err
        assert len(check_chain(d, json.loads(out), b"main.main")) == d.dist[b"main.main"]


@test
def binaries_why_all():
    target = "unicode/utf8.RuneCountInString"
    rc, out, err = run("why", "--binary=all", TWO, target)
    t, e = out.decode(), err.decode()
    assert rc == 1, "exit %d: not found in one binary is 1" % rc
    assert t.index("==> %s <==" % ALPHA) < t.index("==> %s <==" % BETA), t
    assert t.count(target) >= 2 and target not in t.split("==> %s <==" % BETA)[0], t
    assert e.startswith(ALPHA + ": ") and BETA not in e, e
    rc, out, err = run("why", "--binary=all", "--format=json", TWO, "main.main")
    assert rc == 0, err
    a = json.loads(out)
    secs = dict(sections_of(TWO))
    for name in (ALPHA, BETA):
        check_chain(secs[name], a[name], b"main.main")
    for args in (["--format=svg"], ["--format=dot"], ["--output=" + os.devnull]):
        rc, out, err = run("why", "--binary=all", *args, TWO, "main.main")
        assert rc == 2 and b"--binary=all" in err, (args, err)
    rc, out, err = run("why", "--binary=example.com/none", TWO, "main.main")
    assert rc == 2 and b"example.com/none" in err and ALPHA.encode() in err, err


@test
def binaries_other_commands():
    secs = dict(sections_of(TWO))
    rc, out, err = run("keeps", "--format=json", "--binary=" + BETA, TWO, "main.main")
    assert rc == 0, err
    k = json.loads(out)
    assert any(p["package"] == "unicode/utf8" for p in k["packages"]), k["packages"]
    for name in k["symbols"]:
        assert b(name) in secs[BETA].dist, "%r is not live in beta" % name
    rc, out, err = run("reflect", "--format=json", "--binary=all", TWO)
    assert rc == 0, err
    assert list(json.loads(out)) == [ALPHA, BETA]
    rc, out, err = run("diff", "--format=json", "--binary=" + ALPHA, TWO, TWO)
    assert rc == 0 and json.loads(out)["added_symbols"] == 0, err


def main():
    print("1..%d" % len(TESTS))
    failed = 0
    for i, fn in enumerate(TESTS, 1):
        try:
            fn()
            print("ok %d %s" % (i, fn.__name__))
        except Skip as e:
            print("ok %d %s # SKIP %s" % (i, fn.__name__, e))
        except Exception:
            failed += 1
            print("not ok %d %s" % (i, fn.__name__))
            for line in traceback.format_exc().splitlines():
                print("# " + line)
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
