#!/usr/bin/env python3
"""depview-cli end to end: exit codes, output formats, and the numbers of
`stats`, each checked against an independent reading of the dump text.

Usage: test-cli.py PATH/TO/depview-cli [GROUP]      (prints TAP)
GROUP: "main" (the default), a fixture of a Go version ("go1.21-modern":
stats and every package's answer) or "etcd" (the dumps of ../shared).
Environment: G_TEST_SRCDIR (the tests/ folder), DV_SHARED_TESTDATA (optional).
"""

import gzip
import html.parser
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
GROUP = sys.argv[2] if len(sys.argv) > 2 else "main"
SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DATA = os.path.join(SRCDIR, "data")
HELLO = os.path.join(DATA, "hello-go1.19.deps.txt")
HAZARDS = os.path.join(DATA, "hazards-go1.19.deps.txt")
MODERN = os.path.join(DATA, "modern-go1.26.deps-and-calls.txt.gz")
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


# The package a name carries, by the format notes (named types, itabs, DWARF
# and the eq/hash functions of a type say the package of the type they are
# about). Not the package that owns the symbol: see owner() below.
PREDECLARED = {b"bool", b"byte", b"complex64", b"complex128", b"error", b"float32", b"float64",
               b"int", b"int8", b"int16", b"int32", b"int64", b"rune", b"string", b"uint",
               b"uint8", b"uint16", b"uint32", b"uint64", b"uintptr", b"any", b"comparable"}
HEAD_STOP = re.compile(rb'[\[(" {,;*]')


def unescape(path):
    return re.sub(rb"%([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]), path)


def package_of_plain_at(s, known=None):
    """(package, index of the '.' that ends it): the text before the first
    '.' after the last '/'. With known (import paths), a promoted method's
    name ("a/b.T.net/http.m") goes to the shortest prefix ending at an
    element's first '.' that is in known."""
    if s[:1] in (b"$", b"."):
        return None, None
    m = HEAD_STOP.search(s)
    head = s[: m.start()] if m else s
    if known is not None:
        start = 0
        for elem in head.split(b"/")[:-1]:
            d = elem.find(b".")
            if d >= 0 and start + d > 0 and unescape(s[: start + d]) in known:
                return unescape(s[: start + d]), start + d
            start += len(elem) + 1
    slash = head.rfind(b"/")
    dot = head.find(b".", slash if slash >= 0 else 0)
    if dot <= 0:
        return None, None
    return unescape(s[:dot]), dot


def package_of_plain(s, known=None):
    return package_of_plain_at(s, known)[0]


def package_of_type(t, known=None):
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
    return package_of_plain(t, known)


def carried_package(name):
    """The package a name carries, whether or not it proves anything."""
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
                    return carried_package(rest)
                return package_of_type(rest)
        m = HEAD_STOP.search(name)
        head = name[: m.start()] if m else name
        if b"/" in head:
            return package_of_plain(name)
        return None
    if name.startswith(b"gclocals"):
        return None
    return package_of_plain(name)


# The package rule of 08c0c38: which package owns a symbol.
MERGED_PREFIXES = (b"$", b"gclocals", b"go.string.", b"go:string.", b"type..namedata.",
                   b"type:.namedata.", b"type..importpath.", b"type:.importpath.", b"type..gcprog.",
                   b"type:.gcprog.", b"go.itab.", b"go:itab.", b"runtime.gcbits.", b"go.sehuw.",
                   b"go:sehuw.")
DWARF_PREFIXES = tuple(g + d for g in (b"go.", b"go:") for d in (b"info.", b"loc.", b"range.",
                       b"debuglines.", b"debugranges.", b"cuinfo."))
MERGED_SUFFIXES = (b".stkobj", b".arginfo0", b".arginfo1", b".argliveinfo", b".opendefer",
                   b".wrapinfo", b".args_stackmap", b"$abstract")
STMP = re.compile(rb"\.\.stmp_[0-9]+$")
TYPE_FUNCS = (b".eq.", b".hash.", b".eqfunc.", b".hashfunc.")
# Names the rule gives no answer for: composite types, the closures of
# eq/hash functions, GC masks.
UNSPECIFIED_TYPE = re.compile(rb"^type[.:](\.(eq|hash|eqfunc|hashfunc|gcmask)\.)?(noalg\.)?"
                              rb"(\*|\[\]|\[[0-9]+\])*(map[\[.]|chan |<-chan |func\(|struct ?\{|interface ?\{)")
CODE, TYPE = "code", "type"


def proves_nothing(name):
    """Merged by the linker by content, or a debug entry."""
    return (name.startswith(MERGED_PREFIXES) or name.startswith(DWARF_PREFIXES)
            or name.endswith(MERGED_SUFFIXES) or STMP.search(name) is not None)


def unspecified(name):
    return (UNSPECIFIED_TYPE.match(name) is not None
            or re.match(rb"^type[.:]\.(eqfunc|hashfunc|gcmask)\.", name) is not None)


def owner(name, known=None):
    """(package, role, text after "pkg.") of the package that owns the
    symbol, or (None, None, None)."""
    none = (None, None, None)
    if proves_nothing(name):
        return none
    if name.startswith(b"type.") or name.startswith(b"type:"):
        t = name[5:]
        for f in TYPE_FUNCS:
            if t.startswith(f):
                t = t[len(f):]
                break
        else:
            if t.startswith(b"."):
                return none
        pkg = package_of_type(t, known)
        return (pkg, TYPE, None) if pkg else none
    m = HEAD_STOP.search(name)
    head = name[: m.start()] if m else name
    if (name.startswith(b"go.") or name.startswith(b"go:")) and b"/" not in head:
        return none  # the package would be "go": go:main.inittasks, go:(*struct {...}).M
    if re.match(rb"^[^./]+\.cold$", name):
        return none  # C code split by the C compiler: x_cgo_munmap.cold
    pkg, dot = package_of_plain_at(name, known)
    return (pkg, CODE, name[dot + 1:]) if pkg else none


def is_init_rest(rest):
    """Part of the package's own initialisation: init, init.N..., init.funcN,
    .inittask, glob..funcN, map.init.N."""
    if rest is None:
        return False
    if rest == b"init" or rest.startswith(b"init.") or rest.startswith(b"init\xc2\xb7"):
        return True
    return rest == b".inittask" or rest.startswith(b"glob..func") or rest.startswith(b"map.init.")


def package(name, dump):
    """The package that owns a symbol of dump, or None."""
    return dump.owners()[0].get(name, (None,))[0]


class Pkg:
    def __init__(self, name):
        self.name = name
        self.syms = []
        self.live_code = self.live_types = self.live_init = False

    @property
    def link(self):
        return "code" if self.live_code else "types only" if self.live_types else "no"


def dump_owners(self):
    """{name: (pkg, role, init)}, {pkg: Pkg} in first appearance."""
    if getattr(self, "_owners", None) is None:
        known = {owner(n)[0] for n in self.names} - {None}
        own, pkgs = {}, {}
        for n in self.names:
            pkg, role, rest = owner(n, known)
            if pkg is None:
                continue
            init = role == CODE and is_init_rest(rest)
            own[n] = (pkg, role, init)
            p = pkgs.setdefault(pkg, Pkg(pkg))
            p.syms.append(n)
            if n in self.dist:
                p.live_code |= role == CODE
                p.live_types |= role == TYPE
                p.live_init |= init
        self._owners = (own, pkgs)
    return self._owners


def dump_nearest(self, pkg):
    """The package's live symbol nearest the root, code before types (the
    first found at that distance), or None."""
    own, pkgs = self.owners()
    want = CODE if pkgs[pkg].live_code else TYPE
    for n in self.dist:  # discovery order
        o = own.get(n)
        if o and o[0] == pkg and o[1] == want:
            return n
    return None


def dump_code_search(self, pkg):
    """(symbol, distance) of the package's nearest live code outside its own
    initialisation, over chains that pass through none of its init symbols;
    (None, None) when none."""
    own, pkgs = self.owners()
    seen, queue, head = {b"_"}, [(b"_", 0)], 0
    while head < len(queue):
        n, d = queue[head]
        head += 1
        for c in self.children.get(n, ()):
            if c in seen:
                continue
            o = own.get(c)
            if o and o[0] == pkg and o[2]:
                continue
            seen.add(c)
            if o and o[0] == pkg and o[1] == CODE:
                return c, d + 1
            queue.append((c, d + 1))
    return None, None


Dump.owners = dump_owners
Dump.nearest = dump_nearest
Dump.code_search = dump_code_search


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
        # the package that owns the symbol, "" for none
        if not unspecified(sym):
            want = package(sym, dump) or b""
            assert b(step["package"]) == want, "package of %r: %r, not %r" % (sym, step["package"], want)
    last = b(chain[-1]["symbol"])
    assert b(answer["target"]) == last, "target %r is not the last step %r" % (answer["target"], last)
    if target is not None:
        assert last == target, "chain ends at %r, not %r" % (last, target)
    return [b(s["symbol"]) for s in chain]


# ---- tests -------------------------------------------------------------------

TESTS = []


def test(fn, group="main"):
    if group == GROUP:
        TESTS.append(fn)
    return fn


def test_in(group):
    return lambda fn: test(fn, group)


@test
def why_json_symbol():
    d = dump_of(HELLO)
    a = why_json(HELLO, "fmt.Fprintln")
    assert set(a) == {"query", "target", "kind", "reachable", "chain"}, "keys %r" % sorted(a)
    assert a["query"] == "fmt.Fprintln" and a["kind"] == "symbol" and a["reachable"] is True
    chain = check_chain(d, a, b"fmt.Fprintln")
    assert len(chain) == d.dist[b"fmt.Fprintln"], "%d steps, shortest is %d" % (len(chain), d.dist[b"fmt.Fprintln"])


SYMBOL_KEYS = {"query", "target", "kind", "reachable", "chain"}
PACKAGE_KEYS = SYMBOL_KEYS | {"package", "linked", "code_target", "code_chain", "chain_kind"}
UNLINKED_KEYS = (PACKAGE_KEYS - {"chain_kind"}) | {"named_by"}


@test
def why_json_package_chain():
    d = dump_of(HELLO)
    a = why_json(HELLO, "fmt")
    assert a["kind"] == "package" and a["reachable"] is True and a["query"] == "fmt"
    chain = check_chain(d, a)
    assert package(chain[-1], d) == b"fmt", "the chain ends at %r" % chain[-1]
    assert d.owners()[0][chain[-1]][1] == CODE, "the chain ends at %r, no code of fmt" % chain[-1]


@test
def why_json_package_shape():
    a = why_json(HELLO, "fmt")
    assert set(a) == PACKAGE_KEYS, "keys %r" % sorted(a)
    assert a["package"] == "fmt" and a["linked"] == "code", (a["package"], a["linked"])
    assert a["chain_kind"] in ("import", "init", "shortest"), a["chain_kind"]
    assert set(why_json(HELLO, "fmt.Fprintln")) == SYMBOL_KEYS


RULE_DUMP = (b"_ -> main.main\n"
             b"main.main -> main..inittask\n"
             b"main.main -> type:*net/url.URL\n"
             b"main.main -> plugin.lastmoduleinit.stkobj\n"
             b"main.main -> encoding/json..stmp_25\n"
             b" -> strings.Index\n")


@test
def why_package_links():
    # code, types only, in the table but not linked, and a path only a merged symbol carries
    d = Dump(RULE_DUMP)
    pkgs = d.owners()[1]
    assert {k: p.link for k, p in pkgs.items()} == {b"main": "code", b"net/url": "types only", b"strings": "no"}
    for name, rc_want in (("main", 0), ("net/url", 0), ("strings", 1)):
        rc, out, err = run("why", "--format=json", "-", name, stdin=RULE_DUMP)
        check_package_answer(d, pkgs[b(name)], rc, out)
        assert rc == rc_want, "%s: exit %d" % (name, rc)
    for name in ("plugin", "encoding/json"):
        rc, out, err = run("why", "--format=json", "-", name, stdin=RULE_DUMP)
        assert rc == 1, "%s: exit %d" % (name, rc)
        a = json.loads(out.decode())
        assert set(a) == UNLINKED_KEYS, "keys %r" % sorted(a)
        assert a["target"] == "" and a["linked"] == "no" and a["named_by"] == [
            "plugin.lastmoduleinit.stkobj" if name == "plugin" else "encoding/json..stmp_25"], a
        rc, out, err = run("why", "-", name, stdin=RULE_DUMP)
        assert rc == 1 and b"not linked" in out + err, (rc, out, err)
    s = json.loads(run("stats", "--format=json", "-", stdin=RULE_DUMP)[1])
    assert s["packages"] == 2 and s.get("packages_types_only") == 1, (s["packages"], s.get("packages_types_only"))


@test
def why_json_shortest_at_several_depths():
    # A handful of symbols at several depths, each the shortest chain.
    d = dump_of(HELLO)
    picked = {}
    for n in d.names:
        k = d.dist.get(n)
        if k and k not in picked and carried_package(n) and b" " not in n and not n.endswith(b">"):
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
    # the runtime start-up is one node: its steps are in its tooltip, which
    # Graphviz's writer breaks into lines ending in a backslash
    out = out.replace(b"\\\n", b"")
    for s in chain_names():
        assert b(s) in out, "dot output lacks %r" % s
    dot = shutil.which("dot")
    if dot is None:
        raise Skip("dot is not installed")
    p = subprocess.run([dot, "-Tsvg"], input=out, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.returncode == 0 and not p.stderr, "dot -Tsvg: %s" % p.stderr.decode(errors="replace")
    assert b"<svg" in p.stdout


def drawn_nodes(out, dot):
    """The tooltips of the drawn nodes: the full names, or what a fold hides."""
    import html
    text = out.decode()
    if dot:
        tips = re.findall(r'^\t(n\d+)\t?\s*\[.*?tooltip="((?:[^"\\]|\\.)*)"', text, re.M | re.S)
        return {(n, t.replace('\\"', '"').replace("\\\\", "\\").replace("\\\n", "")) for n, t in tips}
    tips = re.findall(r'<g id="node\d+" class="node">\s*<title>(n\d+)</title>\s*<g id="a_node\d+"><a xlink:title="([^"]*)"', text)
    return {(n, html.unescape(t)) for n, t in tips}


@test
def why_dot_svg_one_view_etcd():
    """dot, svg and png come from one layout: the same nodes, and the chain
    the dump records (start-up steps inside the fold's tooltip)."""
    path = shared("etcd-go1.19.deps-and-calls.txt.gz")
    d = dump_of(path)
    for name in ("crypto/tls.(*Conn).Handshake", "net/http.(*conn).serve"):
        rc, dot, err = run("why", "--format=dot", path, name)
        assert rc == 0, err
        rc, svg, err = run("why", "--format=svg", path, name)
        assert rc == 0, err
        a, c = drawn_nodes(dot, True), drawn_nodes(svg, False)
        assert len(a) > 9 and a == c, (name, len(a), len(c), a ^ c)
        tips = " ".join(t for _, t in a)
        chain = check_chain(d, why_json(path, name), name.encode())
        assert len(chain) > 8, chain
        for step in chain:
            assert step.decode() in tips, (name, step)


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
    """packages: the linked ones (code or types only) by the package rule."""
    d = dump_of(path)
    pkgs = d.owners()[1].values()
    s = stats_json(path)
    want = {"packages": sum(p.link != "no" for p in pkgs),
            "packages_types_only": sum(p.link == "types only" for p in pkgs)}
    for k, v in want.items():
        assert k in s, "stats has no %r" % k
        assert s[k] == v, "%s: %r, the package rule gives %d" % (k, s[k], v)


@test
def stats_hello():
    check_stats(HELLO)


@test
def stats_hazards():
    check_stats(HAZARDS)


@test
def stats_packages_hello():
    check_stats_packages(HELLO)


@test
def why_inlined():
    # fmt.Println has no code in either dump, only its DWARF entry, which the
    # linker printed from unnamed parents: nothing says where it was inlined
    for path, entry in ((HELLO, b"go.info.fmt.Println$abstract"),
                        (MODERN, b"go:info.fmt.Println$abstract")):
        d = dump_of(path)
        assert b"fmt.Println" not in d.names and entry in d.names, path
        parents = {f for (f, t, kind) in d.edge_set if t == entry}
        assert parents == {b""}, parents
        rc, out, err = run("why", path, "fmt.Println")
        assert rc == 1, "exit %d" % rc
        text = out.decode()
        assert "fmt.Println is not in the binary as code" in text and entry.decode() in text, text
        assert "does not say where" in text, text
        rc, out, err = run("why", "--format=json", path, "fmt.Println")
        assert rc == 1, "exit %d" % rc
        a = json.loads(out.decode())
        assert a["kind"] == "inlined" and a["reachable"] is False and a["inlined_into"] == [], a
        assert a["query"] == "fmt.Println" and a["target"] == entry.decode() and a["chain"] == [], a
        rc, out, err = run("why", "--format=svg", path, "fmt.Println")
        assert rc == 1 and out == b"" and b"not in the binary as code" in err, (rc, out, err)


@test
def why_generic_method_form():
    d = dump_of(MODERN)
    name = b"internal/runtime/atomic.(*Pointer[runtime.m]).Load"
    assert name in d.dist
    a = why_json(MODERN, "internal/runtime/atomic.Pointer[runtime.m].Load")
    check_chain(d, a, name)


@test
def why_substring_anchored():
    rc, out, err = run("why", HELLO, "rintln")
    assert rc == 1 and out == b"", (rc, out)
    assert b"Did you mean" in err and b"fmt.Fprintln" in err, err


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


# ---- why --packages: the chain as packages -----------------------------------

# The runtime's start-up as the Go linker names it (the engine has its own list)
STARTUP_NAMES = {"_rt0_amd64_linux", "_rt0_amd64", "_rt0_arm64_linux", "_rt0_arm64",
                 "runtime.rt0_go", "runtime.mainPC", "runtime.main", "runtime.main_main\u00b7f"}


def text_chain(path, name):
    """[(via, symbol)] of the text chain of `depview-cli why`."""
    rc, out, err = run("why", path, name)
    assert rc == 0, err
    steps = []
    for line in out.decode("utf-8").splitlines()[1:]:
        m = re.match(r"^  (root|dep|call)\s+(.*)$", line)
        if m:
            # flags are printed after the name: " <UsedInIface>"
            steps.append((m.group(1), strip_flags(b(m.group(2)))[0].decode("utf-8")))
    assert steps, out
    return steps


def package_runs(path, name):
    """(start-up steps folded, [(package or None, first index, steps)]) of
    the text chain, each step's package by this script's own rule; a step
    of no package joins the run before it (leading ones the run after).
    Composite types (map[K]V and their functions) are no package's by any
    rule of the language: for those the JSON step's package is taken."""
    d = dump_of(path)
    steps = text_chain(path, name)
    engine = {s["symbol"]: s["package"] for s in why_json(path, name)["chain"]}
    start = 0
    while start < len(steps) - 1 and steps[start][1] in STARTUP_NAMES:
        start += 1
    if start < 2:
        start = 0
    runs, lead = [], 0
    for i in range(start, len(steps)):
        sym = b(steps[i][1])
        pkg = (b(engine[steps[i][1]]) or None) if unspecified(sym) else package(sym, d)
        if pkg is None:
            if runs:
                runs[-1][2] += 1
            else:
                lead += 1
            continue
        if runs and runs[-1][0] == pkg:
            runs[-1][2] += 1
            continue
        runs.append([pkg, i - lead if not runs else i, 1 + (lead if not runs else 0)])
    if not runs:
        runs.append([None, start, len(steps) - start])
    return start, steps, runs


def check_why_packages(path, name, sizes=None):
    d = dump_of(path)
    start, steps, runs = package_runs(path, name)
    extra = ["--sizes=" + sizes] if sizes else []
    rc, out, err = run("why", "--packages", "--format=json", *extra, path, name)
    assert rc == 0, err
    a = json.loads(out.decode("utf-8"))
    nodes = a["packages"]
    fold = 1 if start else 0
    assert len(nodes) == len(runs) + fold, (name, [n["package"] for n in nodes], runs)
    if fold:
        assert nodes[0]["startup"] and nodes[0]["steps"] == start, nodes[0]
        assert nodes[0]["first"] == steps[0][1] and nodes[0]["last"] == steps[start - 1][1]
    for node, (pkg, first, n) in zip(nodes[fold:], runs):
        assert not node["startup"]
        assert (b(node["package"]) if node["package"] is not None else None) == pkg, (node, pkg)
        assert node["steps"] == n, (node, n)
        assert node["first"] == steps[first][1] and node["last"] == steps[first + n - 1][1], (node, first, n)
    for i, node in enumerate(nodes):
        if i == 0:
            assert node["from"] is None and node["via"] is None
            continue
        # the edge that links two packages is an edge of the dump: the
        # last step of the one before keeps the first of this one
        assert node["from"] == nodes[i - 1]["last"] and node["to"] == node["first"], node
        assert (b(node["from"]), b(node["to"]), node["via"]) in d.edge_set, node
    assert nodes[-1]["last"] == steps[-1][1]

    # text and Markdown: one line (row) per package, in the same order
    rc, text, err = run("why", "--packages", path, name)
    assert rc == 0, err
    listed = re.findall(r"^ +\d+\. (.+?)  \(\d+ steps?\)", text.decode("utf-8"), re.M)
    assert listed == ["runtime start-up" if n["startup"] else n["package"] for n in nodes], listed
    rc, md, err = run("why", "--packages", "--format=markdown", path, name)
    assert rc == 0, err
    rows = [l for l in md.decode("utf-8").splitlines() if re.match(r"^\| \d+ \|", l)]
    assert len(rows) == len(nodes), rows

    # the picture: a node per package, an edge labelled with each link
    rc, dot, err = run("why", "--packages", "--format=dot", path, name)
    assert rc == 0, err
    dot = dot.replace(b"\\\n", b"").decode("utf-8")
    assert len(re.findall(r"^\tn\d+\s+\[", dot, re.M)) == len(nodes), dot
    edges = re.findall(r"^\tn\d+ -> n\d+\s+\[([^\]]*)\]", dot, re.M | re.S)
    assert len(edges) == len(nodes) - 1, edges
    assert all(" → " in e and "lp=" in e for e in edges), edges
    rc, svg, err = run("why", "--packages", "--format=svg", path, name)
    assert rc == 0, err
    assert svg.count(b'class="edge"') == len(nodes) - 1
    assert svg.count(b"\xe2\x86\x92") >= len(nodes) - 1  # →
    return nodes


@test
def why_packages_hello():
    nodes = check_why_packages(HELLO, "fmt.Fprintln")
    assert [n["package"] for n in nodes] == [None, "main", "fmt"], nodes


@test
def why_packages_hazards():
    d = dump_of(HAZARDS)
    deepest = sorted((dist, n) for n, dist in d.dist.items()
                     if n != b"_" and b" " not in n and b"\t" not in n)[-40:]
    checked, widest = 0, 0
    for _, name in deepest[::4]:
        try:
            name = name.decode("utf-8")
        except UnicodeDecodeError:
            continue
        rc, _, _ = run("why", "--format=json", HAZARDS, name)
        if rc != 0:
            continue  # a name lookup reads another way
        nodes = check_why_packages(HAZARDS, name)
        widest = max(widest, len(nodes))
        checked += 1
    assert checked >= 5 and widest >= 3, (checked, widest)


@test
def why_packages_png():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "packages.png")
        rc, _, err = run("why", "--packages", "--format=png", "-o", out, HELLO, "fmt.Fprintln")
        assert rc == 0, err
        with open(out, "rb") as f:
            data = f.read()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 2000, len(data)


@test_in("etcd")
def why_packages_etcd():
    path = shared("etcd-go1.19.deps-and-calls.txt.gz")
    nodes = check_why_packages(path, "crypto/tls.(*Conn).Handshake")
    assert [n["package"] for n in nodes] == [None, "main", "go.etcd.io/etcd/etcdmain", "net/http", "crypto/tls"], nodes
    for name in ("net/http.(*conn).serve", "go.uber.org/zap.(*Logger).Info",
                 "go.etcd.io/etcd/etcdserver.NewServer"):
        check_why_packages(path, name)


@test_in("etcd")
def why_packages_etcd_sizes():
    path = shared("etcd-go1.19.deps-and-calls.txt.gz")
    sizes = shared("etcd-go1.19.nm-size.txt.gz")
    nodes = check_why_packages(path, "crypto/tls.(*Conn).Handshake", sizes)
    rc, out, err = run("top", "--packages", "--format=json", "-n", "100000", "--sizes=" + sizes, path)
    assert rc == 0, err
    top = {i["package"]: i for i in json.loads(out.decode("utf-8"))["items"]}
    for n in nodes[1:]:
        assert n["size"] == top[n["package"]]["size"] and n["retained"] == top[n["package"]]["retained"], n
    assert nodes[-1]["size"] > 100000  # crypto/tls is no small package
    assert "size" not in nodes[0]  # the start-up is no package


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


# ---- reflect: the expected culprits come from the lines with <ReflectMethod>,
# in file order, and from the programs (tests/data/hazards-go1.19.go calls
# reflect.Value.MethodByName from main.main with a run-time name; modern.go
# calls it from main.constReflect with a constant name and from
# main.dynReflect with a run-time name).

REFLECT_DUMPS = (["hazards-go1.19.deps.txt", "hazards-go1.21.deps.txt", "hazards-go1.22.deps.txt",
                  "hazards-go1.23.deps.txt"]
                 + ["hazards-go1.%d.deps.txt.gz" % v for v in range(24, 28)]
                 + ["modern-go1.%d.deps-and-calls.txt.gz" % v for v in range(21, 28)])
REFLECT_KEYS = {"symbol", "package", "depth", "certain", "std", "via", "removal"}
REMOVAL_KEYS = {"also_removes", "remaining", "remaining_direct", "frees", "stays"}


def reflect_json(path):
    rc, out, err = run("reflect", "--format=json", path)
    return rc, json.loads(out.decode("utf-8"))


def is_std(pkg):
    return pkg is not None and pkg != b"main" and b"." not in pkg.split(b"/")[0]


def first_marked(d):
    """The first name printed with <ReflectMethod>, and the line's parent when
    that name is reflect's own lookup (as Go 1.21 flags MethodByName)."""
    for frm, to, kind, _line, _raw, twords, fwords in d.edges:
        if "ReflectMethod" in fwords:
            return frm, None
        if "ReflectMethod" in twords:
            return to, (frm if to.startswith(b"reflect.") and kind == "dep" else None)
    return None, None


def exported_method(name):
    s = name.decode("utf-8", "replace")
    while True:
        t = re.sub(r"\[[^\[\]]*\]|\([^()]*\)", "T", s)
        if t == s:
            break
        s = t
    parts = s.rsplit("/", 1)[-1].split(".")
    return len(parts) >= 3 and parts[-1].isidentifier() and parts[-1][0].isupper()


def kept_by_types(d):
    parents = {}
    for frm, to, kind, *_ in d.edges:
        if frm != to:
            parents.setdefault(to, set()).add(frm)
    out = []
    for n in d.names:
        if n not in d.dist or n.startswith((b"type.", b"type:", b"go.", b"go:", b"gclocals")):
            continue
        ps = parents.get(n, set())
        if ps and all(p.startswith((b"type.", b"type:")) for p in ps) and exported_method(n):
            out.append(n)
    return out


@test
def reflect_json_every_version():
    for name in REFLECT_DUMPS:
        path = os.path.join(DATA, name)
        d = dump_of(path)
        rc, a = reflect_json(path)
        first, parent = first_marked(d)
        can_tell = first is not None or (b"_", b"go:main.inittasks", "root") in d.edge_set
        assert a["determinable"] is can_tell, (name, a["determinable"])
        assert a["candidates"] is (not can_tell), name
        assert rc == (1 if a["functions"] else 0), (name, rc)
        for f in a["functions"]:
            assert set(f) == REFLECT_KEYS, (name, sorted(f))
            sym = b(f["symbol"])
            assert f["std"] is is_std(carried_package(sym)), (name, f)
            assert f["depth"] == d.dist[sym], (name, f)
        check_removals(d, a)
        if a["functions"]:
            assert a["kept_by_type_descriptors"]["count"] == len(kept_by_types(d)), name
        stds = [f["std"] for f in a["functions"][1:]]
        assert stds == sorted(stds), "%s: standard library before other code: %r" % (name, a["functions"])
        if not can_tell:
            continue
        # the certain culprit: the first flagged, or whose line brought in reflect's flagged lookup
        want = (parent or first).decode()
        assert a["functions"][0]["symbol"] == want and a["functions"][0]["certain"] is True, (name, a["functions"][0], want)
        assert a["functions"][0]["symbol"] == ("main.main" if name.startswith("hazards") else "main.dynReflect"), name
        assert [f["certain"] for f in a["functions"]].count(True) == 1, name
        names = [f["symbol"] for f in a["functions"]]
        assert len(names) == len(set(names)), name
        flagged = [n for n in d.names if "ReflectMethod" in d.flags.get(n, ())]
        for n in flagged:
            if not n.startswith(b"reflect."):
                assert n.decode() in names, (name, n)
        for f in a["functions"]:
            assert "ReflectMethod" in d.flags.get(b(f["via"]), ()), (name, f)
        if name.startswith("modern"):
            # a constant name counts in 1.21 (MethodByName itself is flagged), never from 1.22
            assert ("main.constReflect" in names) is ("go1.21" in name), (name, names)


def is_type(name):
    return name.startswith((b"type.", b"type:"))


def method_edge(frm, to):
    """A type descriptor's edge to an exported method of its type: the linker
    draws it with reflection on, or for an interface call."""
    return is_type(frm) and not to.startswith((b"type.", b"type:", b"go.", b"go:", b"gclocals")) \
        and exported_method(to)


def reached_without(d, cut, direct):
    """Names reachable from "_" with `cut` gone; direct: without method_edge."""
    seen = {b"_"}
    queue = deque([b"_"])
    while queue:
        n = queue.popleft()
        for c in d.children.get(n, []):
            if c == cut or c in seen or (direct and method_edge(n, c)):
                continue
            seen.add(c)
            queue.append(c)
    return seen


def check_removals(d, a, only=None):
    """Each culprit's "removal" against a search of the dump without it: the
    culprits it takes along are those no longer reached, the rest remain;
    it frees the methods when no culprit or flagged function is reached."""
    names = [b(f["symbol"]) for f in a["functions"]]
    switches = names + [n for n in d.names if "ReflectMethod" in d.flags.get(n, ()) and n in d.dist
                        and n not in names and not is_type(n)]
    for f in a["functions"]:
        if only is not None and f["symbol"] not in only:
            continue
        r = f["removal"]
        assert set(r) == REMOVAL_KEYS, sorted(r)
        cut = b(f["symbol"])
        full = reached_without(d, cut, False)
        direct = reached_without(d, cut, True)
        gone = [n for n in names if n != cut and n not in full]
        assert [b(x) for x in r["also_removes"]] == gone, (f["symbol"], r["also_removes"], gone)
        assert r["remaining"] == len(names) - 1 - len(gone), (f["symbol"], r)
        left = [n for n in switches if n != cut and n in full]
        left_direct = [n for n in left if n in direct]
        assert r["remaining_direct"] == sum(1 for n in left_direct if n in names), (f["symbol"], r)
        want = "methods" if not left else "nothing" if left_direct else "methods unless an interface call keeps them"
        assert r["frees"] == want, (f["symbol"], r, want)
        if left:
            assert b(r["stays"]) == (left_direct or left)[0], (f["symbol"], r)
        else:
            assert r["stays"] is None, r


@test
def reflect_removal_hazards():
    # the hazards program's main.main is its only culprit of its own: without
    # it reflect's flagged wrappers go too, and nothing keeps the methods
    rc, a = reflect_json(os.path.join(DATA, "hazards-go1.22.deps.txt"))
    main = a["functions"][0]
    assert main["symbol"] == "main.main" and main["removal"]["frees"] == "methods", main
    assert main["removal"]["also_removes"] == [f["symbol"] for f in a["functions"][1:]], a
    for f in a["functions"][1:]:
        assert f["removal"]["frees"] == "nothing" and f["removal"]["stays"] == "main.main", f


@test
def reflect_removal_text():
    path = os.path.join(DATA, "hazards-go1.22.deps.txt")
    rc, out, err = run("reflect", path)
    lines = out.decode().splitlines()
    assert lines[1] == ("    removing it also removes 2 other culprits and leaves none: frees the %d methods kept "
                        "only through type descriptors, except those an interface call needs"
                        % len(kept_by_types(dump_of(path)))), lines[1]
    assert lines[3] == "  reflect.(*Value).Method [standard library]", lines[3]
    assert lines[4].startswith("    removing it removes no other culprit; 1 other stays live (such as main.main): "
                               "frees none of the "), lines[4]


@test
def reflect_go119_candidates():
    d = dump_of(HAZARDS)
    rc, a = reflect_json(HAZARDS)
    assert rc == 1, "exit %d: the hazards program calls MethodByName" % rc
    assert a["determinable"] is False and a["candidates"] is True
    assert [f["symbol"] for f in a["functions"]] == ["main.main"], a["functions"]
    assert a["functions"][0]["certain"] is False and a["functions"][0]["via"] == "reflect.Value.MethodByName"
    assert (b"main.main", b"reflect.Value.MethodByName", "dep") in d.edge_set
    kept = kept_by_types(d)
    k = a["kept_by_type_descriptors"]
    assert k["count"] == len(kept), (k["count"], len(kept))
    assert k["examples"] and set(b(e) for e in k["examples"]) <= set(kept), k["examples"]

    rc, a = reflect_json(HELLO)
    assert rc == 0 and a["functions"] == [] and a["determinable"] is False, (rc, a)
    assert a["kept_by_type_descriptors"]["count"] == len(kept_by_types(dump_of(HELLO)))


@test
def reflect_text():
    rc, out, err = run("reflect", HELLO)
    text = out.decode()
    assert rc == 0 and "cannot be proven from this dump" in text, (rc, text)
    assert "No function disables" not in text, text
    rc, out, err = run("reflect", HAZARDS)
    text = out.decode()
    assert rc == 1 and "cannot be proven from this dump" in text and "  main.main (calls reflect.Value.MethodByName)" in text, text
    assert "depview-cli why DUMP SYMBOL" in text
    path = os.path.join(DATA, "modern-go1.22.deps-and-calls.txt.gz")
    rc, out, err = run("reflect", path)
    text = out.decode()
    assert rc == 1 and text.startswith("main.dynReflect keeps every exported method alive"), text
    assert "cannot be proven" not in text and "constReflect" not in text, text
    path = os.path.join(DATA, "hazards-go1.21.deps.txt")
    rc, out, err = run("reflect", path)
    assert out.decode().startswith("main.main keeps every exported method alive: it calls "
                                   "reflect.Value.MethodByName"), out


@test
def reflect_go121_without_flags():
    # a Go 1.21+ dump (its root go:main.inittasks) with no flag can tell: there is none
    with tempfile.NamedTemporaryFile(suffix=".txt") as f:
        f.write(b"_ -> go:main.inittasks\n_ -> main.main\nmain.main -> reflect.Value.MethodByName\n")
        f.flush()
        rc, a = reflect_json(f.name)
        assert rc == 0 and a["determinable"] is True and a["functions"] == [], (rc, a)
        assert "kept_by_type_descriptors" not in a, a
        rc, out, err = run("reflect", f.name)
        assert rc == 0 and out.startswith(b"No function disables"), (rc, out)


@test
def reflect_etcd_go126():
    path = shared("etcd-go1.26.deps-and-calls.txt.gz")
    d = dump_of(path)
    rc, a = reflect_json(path)
    first, parent = first_marked(d)
    assert rc == 1 and a["determinable"] is True
    assert a["functions"][0]["symbol"] == (parent or first).decode(), (a["functions"][0], first)
    # the certain one, one of reflect2's methods and protobuf's first, each
    # against a search of the dump without it
    check_removals(d, a, {a["functions"][0]["symbol"], "github.com/modern-go/reflect2.(*safeType).Method",
                          "google.golang.org/protobuf/internal/impl.aberrantLoadMessageDescReentrant"})


@test
def reflect_help():
    rc, out, err = run("reflect", "--help")
    text = out.decode()
    assert rc == 0, rc
    # before Go 1.22 a constant name counts too; the help once said it never does
    assert "constant names too" in text and "does not count, and cannot be told apart" not in text, text
    assert "cannot be proven" in text and "1.26" in text, text


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
    assert rc == 0 and out.split(b"\n")[0].endswith(b"; 0 symbols added, 0 removed"), (rc, out)


# ---- Go 1.19 and Go 1.20+ spellings, and Markdown ---------------------------

GO119_WORDS = (b"string.", b"itab.", b"info.", b"loc.", b"range.", b"debuglines.", b"struct ",
               b"interface ", b"(")
# a shape type (quoted tags and [] inside it) ends in _N before ',', ']' or the end
SHAPE_INDEX = re.compile(rb'(go\.shape\.(?:"(?:\\.|[^"\\])*"|\[[^\]]*\]|[^,\]"])*?)_[0-9]+(?=[,\]]|$)', re.M)


def respell_start(name):
    if name.startswith(b"type."):
        return b"type:" + name[5:]
    if name.startswith(b"go.") and name[3:].startswith(GO119_WORDS):
        return b"go:" + name[3:]
    return name


def respell_name(name):
    """A Go 1.19 name as Go 1.20+ spells it."""
    return SHAPE_INDEX.sub(rb"\1", respell_start(name))


def respell_dump(data):
    # shapes after the split: a struct tag in a shape can hold " -> "
    lines = []
    for line in data.split(b"\n"):
        parts = re.split(rb"( -> | calls )", line)
        line = b"".join(p if i % 2 else respell_start(p) for i, p in enumerate(parts))
        lines.append(SHAPE_INDEX.sub(rb"\1", line))
    return b"\n".join(lines)


def diff_json(before, after, *extra):
    rc, out, err = run("diff", "--format=json", *extra, before, after)
    assert rc in (0, 1), "exit %d: %s" % (rc, err.decode(errors="replace"))
    return rc, json.loads(out.decode("utf-8"))


@test
def diff_spellings():
    with open(HAZARDS, "rb") as f:
        text = respell_dump(f.read())
    assert b"type:int" in text and b"\ntype.int" not in text
    with tempfile.TemporaryDirectory() as tmp:
        respelled = os.path.join(tmp, "hazards-respelled.txt")
        with open(respelled, "wb") as f:
            f.write(text)
        for before, after in ((HAZARDS, respelled), (respelled, HAZARDS)):
            rc, a = diff_json(before, after)
            assert rc == 0, "exit %d" % rc
            assert (a["added_symbols"], a["removed_symbols"], a["spellings"]) == (0, 0, "different"), a
            assert a["added_packages"] == [] and a["removed_packages"] == [], a
        rc, out, err = run("diff", HAZARDS, respelled)
        assert out.split(b"\n")[0] == b"0 packages newly linked, 0 no longer; 0 symbols added, 0 removed", out
        assert b"spell compiler symbols differently (Go 1.19 and Go 1.20+); compared as one" in out, out
    rc, a = diff_json(HELLO, HAZARDS)
    assert a["spellings"] == "same", a


@test
def diff_go119_to_go126():
    # what upgrading Go changed in etcd: the live sets, the old one respelled
    old_path = shared("etcd-go1.19.deps.txt.gz")
    new_path = shared("etcd-go1.26.deps-and-calls.txt.gz")
    old, new = dump_of(old_path), dump_of(new_path)
    old_live = {respell_name(s) for s in old.dist if s != b"_"}
    new_live = {s for s in new.dist if s != b"_"}
    rc, a = diff_json(old_path, new_path, "--limit=0")
    assert rc == 1 and a["spellings"] == "different", a["spellings"]
    assert a["added_symbols"] == len(new_live - old_live), (a["added_symbols"], len(new_live - old_live))
    removed = sum(1 for s in old.dist if s != b"_" and respell_name(s) not in new_live)
    assert a["removed_symbols"] == removed, (a["removed_symbols"], removed)
    # the runtime's internal packages moved in Go 1.23
    assert "internal/runtime/atomic" in a["added_packages"], a["added_packages"]
    assert "runtime/internal/atomic" in a["removed_packages"], a["removed_packages"]
    assert "go.etcd.io/etcd/etcdserver" not in a["added_packages"] + a["removed_packages"]


def render_markdown(text):
    try:
        import markdown
        return markdown.markdown(text)
    except ImportError:
        tool = shutil.which("markdown_py")
        if tool is None:
            raise Skip("no Markdown renderer: install python3-markdown (scripts/install-deps.sh)")
        return subprocess.run([tool], input=text.encode("utf-8"), stdout=subprocess.PIPE,
                              check=True).stdout.decode("utf-8")


class CodeSpans(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.spans, self.depth = [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "code":
            self.depth += 1
            self.spans.append("")

    def handle_endtag(self, tag):
        if tag == "code":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.spans[-1] += data


@test
def diff_markdown_renders_names():
    # every live symbol of hazards is new against a dump of one line; names
    # with backticks, quotes, pipes and stars must come out whole in <code>
    with tempfile.TemporaryDirectory() as tmp:
        tiny = os.path.join(tmp, "tiny.txt")
        with open(tiny, "wb") as f:
            f.write(b"_ -> main.main\n")
        rc, out, err = run("diff", "--format=markdown", "--limit=100000", tiny, HAZARDS)
        assert rc == 1, err
        rc, a = diff_json(tiny, HAZARDS, "--limit=100000")
    names = a["added"] + a["added_packages"]
    assert any("`" in n for n in names) and any('"' in n for n in names)
    parser = CodeSpans()
    parser.feed(render_markdown(out.decode("utf-8")))
    spans = set(parser.spans)
    missing = []
    for n in names:
        shown = n.replace("\n", "\\n").replace("\t", "\\t")
        # the renderer trims a code span's outer spaces
        if shown.strip() not in spans:
            missing.append(n)
    assert not missing, "%d of %d names broken in Markdown, such as %r" % (len(missing), len(names), missing[:5])
# ---- packages, every Go version ----------------------------------------------

def chain_kind(chain):
    """How a package's chain reads, from the dump alone: ending at its
    inittask, through go:main.inittasks (Go 1.21+) or the inittasks of its
    importers; else the plain shortest chain."""
    if not chain[-1].endswith(b"..inittask"):
        return "shortest"
    if any(s in (b"go:main.inittasks", b"go.main.inittasks") for s in chain[:-1]):
        return "init"
    return "import"


def check_package_answer(d, p, rc, out):
    """One `why PKG --format=json` against the package rule and the dump."""
    own = d.owners()[0]
    a = json.loads(out.decode("utf-8"))
    linked = p.link != "no"
    assert rc == (0 if linked else 1), "exit %d" % rc
    assert set(a) == (PACKAGE_KEYS if linked else PACKAGE_KEYS - {"chain_kind"}), "keys %r" % sorted(a)
    assert a["kind"] == "package" and b(a["package"]) == p.name and b(a["query"]) == p.name, a["package"]
    assert a["linked"] == p.link, "linked %r, the package rule says %r" % (a["linked"], p.link)
    assert a["reachable"] is linked, "reachable %r" % a["reachable"]
    if linked:
        chain = check_chain(d, a)
        nearest = d.nearest(p.name)
        o = own.get(chain[-1])
        assert o and o[0] == p.name and o[1] == own[nearest][1], \
            "the chain ends at %r, not at %s the package owns (%r)" % (chain[-1], own[nearest][1], nearest)
        assert len(chain) == d.dist[nearest], "%d steps, %r is %d from the root" % (len(chain), nearest, d.dist[nearest])
        assert a["chain_kind"] == chain_kind(chain), "chain_kind %r" % a["chain_kind"]
    else:
        assert a["chain"] == [], "a chain for a package not linked"
    end, dist = d.code_search(p.name)
    if end is None:
        assert a["code_chain"] is None and a["code_target"] is None, "a code chain, but no code outside init"
        return
    assert a["code_chain"], "no code chain, yet %r is %d steps away outside its initialisation" % (end, dist)
    code = check_chain(d, {"chain": a["code_chain"], "target": a["code_target"]})
    for s in code:
        o = own.get(s)
        assert not (o and o[0] == p.name and o[2]), "the code chain passes through its init %r" % s
    o = own.get(code[-1])
    assert o and o[0] == p.name and o[1] == CODE and not o[2], "the code chain ends at %r" % code[-1]
    assert len(code) == dist, "code chain of %d steps, %r is %d away" % (len(code), end, dist)


def check_every_package(path):
    d = dump_of(path)
    pkgs = d.owners()[1]
    bad = []
    for name, p in pkgs.items():
        rc, out, err = run("why", "--format=json", path, name.decode())
        try:
            check_package_answer(d, p, rc, out)
        except Exception as e:
            bad.append("%s: %s" % (name.decode(), e))
    assert not bad, "%d of %d packages of %s: %s" % (len(bad), len(pkgs), os.path.basename(path),
                                                      "; ".join(bad[:8]))


def check_unlinked(path):
    """Paths that only names proving nothing carry: not linked, exit 1,
    named_by those names."""
    d = dump_of(path)
    pkgs = d.owners()[1]
    carriers = {}
    for n in d.names:
        if proves_nothing(n):
            c = carried_package(n)
            if c and c not in pkgs and c not in d.dist and b"/" in c + b"/" and not c.startswith(b"go."):
                carriers.setdefault(c, set()).add(n)
    for c, names in carriers.items():
        rc, out, err = run("why", "--format=json", path, c.decode())
        assert rc == 1, "%s: exit %d: %s" % (c, rc, err.decode(errors="replace"))
        a = json.loads(out.decode("utf-8"))
        assert set(a) == UNLINKED_KEYS, "%s: keys %r" % (c, sorted(a))
        assert a["target"] == "" and a["linked"] == "no" and a["reachable"] is False, (c, a["target"], a["linked"])
        assert a["named_by"], "%s: named by nothing" % c
        for n in a["named_by"]:
            assert b(n) in names, "%s: named_by %r, which does not carry it or proves something" % (c, n)
    return len(carriers)


VERSION_FIXTURES = {
    "go1.19-hello": "hello-go1.19.deps.txt",
    "go1.19-hazards": "hazards-go1.19.deps.txt",
}
for _v in range(21, 28):
    VERSION_FIXTURES["go1.%d-hazards" % _v] = "hazards-go1.%d.deps.txt%s" % (_v, ".gz" if _v >= 24 else "")
    VERSION_FIXTURES["go1.%d-modern" % _v] = "modern-go1.%d.deps-and-calls.txt.gz" % _v


def add_version_tests():
    for group, f in VERSION_FIXTURES.items():
        path = os.path.join(DATA, f)

        def stats(path=path):
            check_stats(path)
            check_stats_packages(path)

        def every_package(path=path):
            check_every_package(path)

        def unlinked(path=path):
            check_unlinked(path)

        for name, fn in (("stats", stats), ("why_every_package", every_package), ("why_unlinked", unlinked)):
            fn.__name__ = "%s_%s" % (name, group.replace(".", "_").replace("-", "_"))
            test(fn, group)


add_version_tests()


# ---- the etcd dumps of ../shared -----------------------------------------------

def path_is_made_up(path):
    """A '.' in an element after the first that no real path of the etcd
    dumps has: only vendor/golang.org/..., versions (yaml.v2, v1.0.0) and
    one vendored module path do."""
    if path == "github.com/prometheus/common/internal/bitbucket.org/ww/goautoneg":
        return False
    elems = path.split("/")
    for i, e in enumerate(elems[1:], 1):
        if "." not in e or (i == 1 and elems[0] == "vendor"):
            continue
        if re.search(r"\.v[0-9]+$", e) or re.match(r"^v[0-9.]+$", e):
            continue
        return True
    return False


@test_in("etcd")
def etcd_stats_packages():
    for f in ("etcd-go1.19.deps.txt.gz", "etcd-go1.26.deps-and-calls.txt.gz"):
        check_stats_packages(shared(f))


@test_in("etcd")
def etcd_no_made_up_packages():
    assert path_is_made_up("go.etcd.io/etcd/pkg/transport.unixTransport.net/http")
    assert not path_is_made_up("gopkg.in/yaml.v2") and not path_is_made_up("vendor/golang.org/x/net/idna")
    for f in ("etcd-go1.19.deps.txt.gz", "etcd-go1.26.deps-and-calls.txt.gz"):
        path = shared(f)
        d = dump_of(path)
        assert not [p for p in d.owners()[1] if path_is_made_up(p.decode())], "the package rule makes one up"
        rc, out, err = run("diff", "--format=json", HELLO, path)
        added = json.loads(out.decode())["added_packages"]
        assert len(added) > 100, "%d packages added" % len(added)
        made_up = [p for p in added if path_is_made_up(p)]
        assert not made_up, "%s: made-up packages %r" % (f, made_up)


@test_in("etcd")
def etcd_why_plugin():
    path = shared("etcd-go1.19.deps.txt.gz")
    d = dump_of(path)
    assert b"plugin.lastmoduleinit.stkobj" in d.flags and b"plugin" not in d.owners()[1]
    rc, out, err = run("why", path, "plugin")
    assert rc == 1, "exit %d" % rc
    assert b"not linked" in out + err, out + err
    rc, out, err = run("why", "--format=json", path, "plugin")
    assert rc == 1, "exit %d" % rc
    a = json.loads(out.decode())
    assert set(a) == UNLINKED_KEYS, "keys %r" % sorted(a)
    assert a["target"] == "" and a["linked"] == "no" and a["chain"] == []
    assert "plugin.lastmoduleinit.stkobj" in a["named_by"], a["named_by"]
    assert check_unlinked(path) > 0


@test_in("etcd")
def etcd_why_encoding_json():
    path = shared("etcd-go1.19.deps.txt.gz")
    d = dump_of(path)
    assert d.dist[b"encoding/json..stmp_25"] < d.dist[b"encoding/json..inittask"]
    a = why_json(path, "encoding/json")
    chain = check_chain(d, a, b"encoding/json..inittask")
    assert len(chain) == d.dist[b"encoding/json..inittask"]
    assert a["linked"] == "code"


@test_in("etcd")
def etcd_126_why_regexp():
    path = shared("etcd-go1.26.deps-and-calls.txt.gz")
    d = dump_of(path)
    own = d.owners()[0]
    a = why_json(path, "regexp")
    assert a["chain_kind"] == "init", a["chain_kind"]
    chain = check_chain(d, a, b"regexp..inittask")
    assert chain_kind(chain) == "init"
    code = check_chain(d, {"chain": a["code_chain"], "target": a["code_target"]})
    o = own.get(code[-1])
    assert code[-1].startswith(b"regexp.") and o and o[0] == b"regexp" and o[1] == CODE and not o[2], code[-1]
    end, dist = d.code_search(b"regexp")
    assert len(code) == dist, "code chain of %d steps, %r is %d away" % (len(code), end, dist)
    rc, out, err = run("why", path, "regexp")
    assert rc == 0 and b"Initialisation chain" in out and b"Code chain" in out, out
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
    if GROUP != "main" and not TESTS:
        print("1..0 # SKIP no tests in group %s" % GROUP)
        return 0
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
