#!/usr/bin/env python3
"""depview-cli with symbol sizes (--sizes: `go tool nm -size` output) and the
`check` budget: own, retained and package bytes of `top`, `keeps` and `why`,
the summary of what the sizes cover, and check's rules and formats, each
checked against an independent reading of the dump and of the nm text.

Usage: test-sizes.py PATH/TO/depview-cli      (prints TAP)
Environment: G_TEST_SRCDIR (the tests/ folder), DV_SHARED_TESTDATA (optional).

The dump reader is the one of test-cli.py; the nm reader, the package rule
for retained package bytes and the reachability searches are here.
"""

import contextlib
import gzip
import hashlib
import html
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("dv_test_cli", os.path.join(HERE, "test-cli.py"))
ref = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ref)

CLI = sys.argv[1]
DATA = ref.DATA
HELLO = ref.HELLO
HAZARDS = ref.HAZARDS
MODERN = os.path.join(DATA, "modern-go1.27.deps-and-calls.txt.gz")
Skip = ref.Skip
run = ref.run
b = ref.b
dump_of = ref.dump_of
shared = ref.shared


# ---- reference reading of `go tool nm -size` output --------------------------

# " 18b1dc0      92672 D runtime.mheap_"; "                  0 U free" (no address)
NM_LINE = re.compile(rb"^ *(?:([0-9a-fA-F]+) +)?([0-9]+) ([A-Za-z_?]) (.+)$")


def read_nm(path):
    """[(name, size, letter)] of every line but the U ones."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    out = []
    for line in data.split(b"\n"):
        line = line.rstrip(b"\r")
        if not line:
            continue
        m = NM_LINE.match(line)
        assert m, "fixture: not an nm line: %r" % line
        if m.group(3) == b"U":
            continue
        out.append((m.group(4), int(m.group(2)), m.group(3)))
    return out


# Content-addressable names (the list of the format notes, plus the
# compiler's .args_stackmap, which it marks content-addressable too).
CA_PREFIXES = (b"$", b"gclocals", b"go.string.", b"go:string.", b"go.itab.", b"go:itab.",
               b"runtime.gcbits.", b"type..namedata.", b"type:.namedata.", b"type..importpath.",
               b"type:.importpath.", b"type..gcprog.", b"type:.gcprog.", b"go.sehuw.", b"go:sehuw.")
CA_SUFFIXES = (b".stkobj", b".argliveinfo", b".opendefer", b".arginfo0", b".arginfo1",
               b".wrapinfo", b".args_stackmap")


def content_addressable(name):
    return name.startswith(CA_PREFIXES) or name.endswith(CA_SUFFIXES) or b"..stmp_" in name


def pooled_block(name):
    """nm's pooled blocks: go:string.*, go:func.*, type:*, runtime.gcbits.*"""
    return name.endswith(b".*") or name.endswith(b":*")


MAYBE_BSS_MIN = 4096  # data symbols smaller than a page are not worth a warning


class Costs:
    """What the sizes say about a dump, by the rules of dv-cost.h, computed
    from the nm text. abi0: count `X.abi0` (the ABI0 body nm names apart when
    an ABIInternal copy of X exists) as bytes of the dump's X, which names
    both copies."""

    def __init__(self, dump, nm, abi0=False):
        names = set(dump.names)
        datsize = dump.sizes.get("datsize")
        self.own = {}            # dump name -> file bytes (present when matched, even with 0)
        self.data = set()        # names with a D/d line counted as file bytes
        self.memory = 0
        self.unmatched = 0
        self.pooled = 0
        self.abi0_bytes = 0      # bytes of X.abi0 lines whose X the dump names
        for name, size, letter in nm:
            memory = letter in b"Bb" or (letter in b"Dd" and datsize is not None and size > datsize)
            if memory:
                self.memory += size
                continue
            if name not in names and name.endswith(b".abi0") and name[:-5] in names:
                self.abi0_bytes += size
                if abi0:
                    name = name[:-5]
            if name not in names:
                if pooled_block(name) or content_addressable(name):
                    self.pooled += size
                else:
                    self.unmatched += size
                continue
            self.own[name] = self.own.get(name, 0) + size
            if letter in b"Dd":
                self.data.add(name)
        self.matched_symbols = len(self.own)
        self.matched = sum(self.own.values())
        self.shared = self.pooled + sum(v for n, v in self.own.items() if content_addressable(n))
        data_bytes = sum(self.own[n] for n in self.data)
        if datsize is not None and data_bytes <= datsize:
            self.maybe_bss = set()
        else:
            self.maybe_bss = {n for n in self.data if self.own[n] >= MAYBE_BSS_MIN}
        total = dump.sizes.get("total")
        if total is None:
            self.total = self.unexplained = self.excess = None
        else:
            self.total = total - min(dump.sizes.get("bsssize", 0), total)
            self.unexplained = max(0, self.total - self.matched - self.pooled)
            self.excess = max(0, self.matched + self.pooled - self.total)

    def size(self, name):
        return self.own.get(name, 0)


# ---- reachability --------------------------------------------------------------

class Reach:
    """The dump's recorded edges (root, dep, call) as integer lists."""

    def __init__(self, dump):
        self.names = [b"_"] + list(dump.names)
        self.index = {n: i for i, n in enumerate(self.names)}
        self.children = [[] for _ in self.names]
        for frm, to, _kind in dump.edge_set:
            if frm != to:
                self.children[self.index[frm]].append(self.index[to])
        self.live = self.search(())

    def search(self, removed):
        """Ids reachable from "_" when the ids in removed are gone."""
        seen = bytearray(len(self.names))
        for r in removed:
            seen[r] = 1
        seen[0] = 1
        todo = [0]
        children = self.children
        while todo:
            n = todo.pop()
            for c in children[n]:
                if not seen[c]:
                    seen[c] = 1
                    todo.append(c)
        out = set(i for i in range(len(self.names)) if seen[i])
        return out - set(removed)

    def lost(self, removed_names):
        """Names that leave with removed_names (those included, when live)."""
        ids = [self.index[n] for n in removed_names if n in self.index]
        after = self.search(ids)
        return [self.names[i] for i in self.live - after]


def retained(reach, costs, removed_names):
    return sum(costs.size(n) for n in reach.lost(removed_names))


# ---- the package rule (dv-graph.h): a symbol belongs to the package its name
# carries when it is a function, method, closure, package variable, inittask,
# dictionary, type or a type's eq/hash function; content-addressable symbols,
# DWARF entries, C code, compiler-made data with no package, and generic shape
# types belong to none. A promoted method (pkg.T.net/http.m) is pkg's.

DWARF = (b"go.info.", b"go:info.", b"go.loc.", b"go:loc.", b"go.range.", b"go:range.",
         b"go.debuglines.", b"go:debuglines.", b"go.debugranges.", b"go:debugranges.",
         b"go.cuinfo.", b"go:cuinfo.", b"go.debuglocs.", b"go:debuglocs.")
NO_PACKAGE_DATA = (b"go.shape.", b"go:shape.", b"go.func.", b"go:func.", b"go.importpath.",
                   b"go:importpath.", b"go.buildid", b"go:buildid", b"go.constinfo.", b"go:constinfo.")
HEAD_STOP = re.compile(rb'[\[\](" {,;*]')
PREDECLARED = ref.PREDECLARED


def path_of_plain(s):
    """The import path a plain name starts with: the text before the first
    "." after the last "/" (the linker escapes dots in the last element)."""
    m = HEAD_STOP.search(s)
    head = s[: m.start()] if m else s
    slash = head.rfind(b"/")
    dot = head.find(b".", slash + 1)
    return ref.unescape(head[:dot]) if dot > 0 else None


def refine_promoted(name, p, known):
    """A promoted method (pkg.T.net/http.m) carries a second path after its
    own: the shortest package of the dump the name starts with is its own."""
    if p is None or name.startswith((b"type.", b"type:", b"go:")):
        return p
    i = name.find(b".")
    while 0 < i < len(p):
        if ref.unescape(name[:i]) in known:
            return ref.unescape(name[:i])
        i = name.find(b".", i + 1)
    return p


TYPE_WRAPPERS = re.compile(rb"^(?:noalg\.|\*|\[\]|\[[0-9]+\]|chan |<-chan |chan<- |map\[)+")


def path_of_type(t):
    """The package of the named type inside a type expression (a map's key)."""
    t = TYPE_WRAPPERS.sub(b"", t)
    if re.split(rb"[.\]]", t)[0] in PREDECLARED or t.startswith((b"go.shape.", b"go:shape.")):
        return None
    if t.startswith((b"func(", b"struct {", b"interface {", b"map.")):
        return None
    p = path_of_plain(t)
    return None if p == b"go" else p


def package_of(name):
    if name == b"_" or name == b"" or content_addressable(name) or name.startswith(DWARF):
        return None
    if name.startswith(NO_PACKAGE_DATA) or name.startswith(b"go:"):
        return None
    if name.startswith(b"go."):
        m = HEAD_STOP.search(name)
        if b"/" not in (name[: m.start()] if m else name):
            return None   # the linker's own: go.buildid, go.struct { ... }.M
    if name.endswith(b".cold") and b"/" not in name and name.count(b".") == 1:
        return None       # the cold half of a C function: x_cgo_munmap.cold
    if name.startswith((b"type.", b"type:")):
        t = name[5:]
        for f in (b".eq.", b".hash."):
            if t.startswith(f):
                return path_of_type(t[len(f):])
        if t.startswith(b"."):
            return None      # eqfunc, namedata, importpath, gcprog: data
        return path_of_type(t)
    p = path_of_plain(name)
    if p is None or p == b"go":
        return None
    if name.endswith((b".inittask", b".rcvrinstr")):
        raw = name[: name.find(b".", name.rfind(b"/", 0, name.find(b"..") if b".." in name else len(name)) + 1)]
        if name[len(raw): len(raw) + 2] != b"..":
            return None   # only pkg..inittask is the package's own
    return p


# ---- running the tool ----------------------------------------------------------

def run_json(*args, want_rc=0):
    rc, out, err = run(*args)
    assert rc == want_rc, "exit %d (not %d) for %r: %s" % (rc, want_rc, args, err.decode(errors="replace"))
    return json.loads(out.decode("utf-8"))


def top_json(dump_path, nm_path, *extra):
    return run_json("top", "--format=json", "--sizes=" + nm_path, "-n", "1000000", *extra, dump_path)


_costs = {}


def costs_of(dump_path, nm_path, abi0=False):
    key = (dump_path, nm_path, abi0)
    if key not in _costs:
        _costs[key] = Costs(dump_of(dump_path), read_nm(nm_path), abi0)
    return _costs[key]


def tool_costs(dump_path, nm_path, top):
    """The exact-name reading or the one with ABI0 bodies counted for their
    symbol, whichever the tool's matched bytes show (the test
    abi0_bodies_count_for_their_symbol pins which is right)."""
    exact = costs_of(dump_path, nm_path)
    if exact.abi0_bytes and top["matched_bytes"] == exact.matched + exact.abi0_bytes:
        return costs_of(dump_path, nm_path, abi0=True)
    return exact


_reach = {}


def reach_of(path):
    if path not in _reach:
        _reach[path] = Reach(dump_of(path))
    return _reach[path]


# ---- a small nm file for a dump in tests/data, sizes made from the names ------

def made_size(name):
    return int.from_bytes(hashlib.sha256(name).digest()[:4], "big") % 3000 + 1


def picked_names(dump_path):
    """Every third live name that fits on an nm line."""
    d = dump_of(dump_path)
    return [n for n in d.names if n in d.dist and b"\n" not in n and b"\r" not in n and n][::3]


def write_nm_for(dump_path, path, extra_data=()):
    """An nm listing of every third live name of the dump, each with a size
    from its name (T, or D for package variables ending in a digit), an ABI0
    body for one function, plus what nm prints that no dump names: a U line,
    the go.go file symbol, pooled blocks, a content-addressable string, a
    name the dump does not have, and extra_data (name, size, letter)."""
    lines = [b"                  0 U pthread_create", b"       0          0 _ go.go"]
    addr = 0x401000
    picked = picked_names(dump_path)
    for n in picked:
        letter = b"D" if (n[-1:].isdigit() and not n.startswith((b"go", b"type"))) else b"T"
        lines.append(b"%8x %10d %s %s" % (addr, made_size(n), letter, n))
        addr += 16
    fn = next(n for n in picked if n.startswith(b"runtime.") and b"(" not in n)
    lines.append(b"%8x %10d t %s.abi0" % (addr, 77, fn))
    lines.append(b"%8x %10d r go:string.*" % (addr + 16, 123456))
    lines.append(b"%8x %10d R type:*" % (addr + 32, 0))
    lines.append(b'%8x %10d r go:string."not in the dump"' % (addr + 48, 15))
    lines.append(b"%8x %10d T github.com/nowhere/pkg.NotInTheDump" % (addr + 64, 4321))
    for name, size, letter in extra_data:
        lines.append(b"%8x %10d %s %s" % (addr + 80, size, letter, name))
    with open(path, "wb") as f:
        f.write(b"\n".join(lines) + b"\n")


@contextlib.contextmanager
def made_nm(dump_path=MODERN, extra_data=()):
    """The path of an nm file written for the dump by write_nm_for."""
    with tempfile.TemporaryDirectory() as tmp:
        nm = os.path.join(tmp, os.path.basename(dump_path).split("-")[0] + ".nm-size.txt")
        write_nm_for(dump_path, nm, extra_data)
        yield nm


# ---- tests ---------------------------------------------------------------------

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


SUMMARY_KEYS = {"matched_symbols", "matched_bytes", "shared_bytes", "unmatched_bytes",
                "memory_only_bytes", "maybe_bss_symbols", "total_bytes", "unexplained_bytes",
                "excess_bytes"}


def check_top_symbols(dump_path, nm_path):
    """Every listed symbol's own bytes and bss mark, and the summary."""
    d = dump_of(dump_path)
    top = top_json(dump_path, nm_path)
    assert top["by"] == "size" and top["packages"] is False, (top["by"], top["packages"])
    assert SUMMARY_KEYS <= set(top), sorted(set(top))
    c = tool_costs(dump_path, nm_path, top)
    items = {}
    for it in top["items"]:
        n = b(it["name"])
        assert n not in items, "listed twice: %r" % n
        items[n] = it
        assert n in d.dist and n != b"_", "listed but not live: %r" % n
        assert it["size"] == c.size(n), "%r: size %d, nm says %d" % (n, it["size"], c.size(n))
        assert it.get("maybe_bss", False) is (n in c.maybe_bss), "%r: maybe_bss %r" % (n, it.get("maybe_bss"))
        if content_addressable(n):
            assert it["package"] == "(shared data)", "%r: package %r" % (n, it["package"])
    # every live sized symbol is listed, largest first
    for n, v in c.own.items():
        if v > 0 and n in d.dist:
            assert n in items, "%r (%d bytes) is not listed" % (n, v)
    sizes = [it["size"] for it in top["items"]]
    assert sizes == sorted(sizes, reverse=True), "not largest first"
    want = {
        "matched_symbols": c.matched_symbols,
        "matched_bytes": c.matched,
        "shared_bytes": c.shared,
        "unmatched_bytes": c.unmatched,
        "memory_only_bytes": c.memory,
        "maybe_bss_symbols": len(c.maybe_bss),
        "total_bytes": c.total,
        "unexplained_bytes": c.unexplained,
        "excess_bytes": c.excess,
    }
    for k, v in want.items():
        assert top[k] == v, "%s: %r, the nm text says %r" % (k, top[k], v)
    return top, c


def check_retained(dump_path, nm_path, top, c, sample):
    """top's and keeps' retained bytes of each sampled symbol: the bytes that
    leave when it is removed and the rest searched again from "_"."""
    reach = reach_of(dump_path)
    items = {b(it["name"]): it for it in top["items"]}
    for n in sample:
        lost = reach.lost([n])
        want = sum(c.size(x) for x in lost)
        if n in items:
            assert items[n]["retained"] == want, "top: %r retains %d, the search says %d" % (
                n, items[n]["retained"], want)
        else:
            assert want == 0, "%r retains %d bytes but is not listed" % (n, want)
        k = run_json("keeps", "--format=json", "--sizes=" + nm_path, "-n", "1", dump_path, n.decode())
        assert k["size"] == c.size(n), "keeps: %r size %d, nm says %d" % (n, k["size"], c.size(n))
        assert k["retained"] == want, "keeps: %r retains %d, the search says %d" % (n, k["retained"], want)
        assert k["removed"] == len(lost), "keeps: %r removes %d, the search says %d" % (n, k["removed"], len(lost))
        by_package = {}
        owner = package_owner(dump_path)
        for x in lost:
            if c.size(x):
                p = owner.get(x, b"").decode()
                by_package[p] = by_package.get(p, 0) + c.size(x)
        got = {p["package"]: p["bytes"] for p in k["bytes_by_package"]}
        assert got == by_package, "keeps: %r by package %r, the search says %r" % (
            n, sorted(got.items())[:8], sorted(by_package.items())[:8])


def sample_symbols(dump_path, c, count=30):
    """The largest by own bytes, the first steps from the root, and names
    spread over the rest."""
    d = dump_of(dump_path)
    live = [n for n in d.names if n in d.dist and b"\n" not in n]
    largest = sorted((n for n in live if c.size(n) > 0), key=lambda n: -c.size(n))[:8]
    near_root = sorted(live, key=lambda n: d.dist[n])[:6]
    step = max(1, len(live) // (count - len(largest) - len(near_root)))
    out = []
    for n in largest + near_root + live[::step]:
        if n not in out:
            out.append(n)
    return out[:count]


@test
def made_nm_own_sizes_and_summary():
    # a -c dump (totals known) with an nm file written here
    with made_nm() as nm:
        top, c = check_top_symbols(MODERN, nm)
        assert c.pooled == 123456 + 15, c.pooled
        assert c.unmatched == 4321 + (0 if c is costs_of(MODERN, nm, True) else 77), c.unmatched
        assert top["total_bytes"] == dump_of(MODERN).sizes["total"] - dump_of(MODERN).sizes["bsssize"]


@test
def made_nm_retained():
    with made_nm() as nm:
        top, c = check_top_symbols(MODERN, nm)
        check_retained(MODERN, nm, top, c, sample_symbols(MODERN, c))


@test
def made_nm_hazard_names():
    # names with spaces, quotes, " -> " and Unicode read back from nm lines;
    # no -c totals: the total is unknown, and so is what is unexplained
    with made_nm(HAZARDS) as nm:
        picked = picked_names(HAZARDS)
        assert any(b" -> " in n for n in picked) or any(b" " in n for n in picked), "fixture: no odd names"
        top, c = check_top_symbols(HAZARDS, nm)
        assert top["total_bytes"] is None and top["unexplained_bytes"] is None, top
        odd = [n for n in picked if b" " in n][:10]
        check_retained(HAZARDS, nm, top, c, odd)


@test
def made_nm_data_and_bss():
    # B is bss; a D larger than all of the -c datsize can only be bss; the
    # rest of D is file bytes, "maybe bss" when large and the data does not
    # fit in datsize
    d = dump_of(MODERN)
    datsize = d.sizes["datsize"]
    live = [n for n in d.names if n in d.dist and re.match(rb"^[a-z/]+\.[a-z][A-Za-z]*$", n)]
    big, mid, small, bss = live[-4:]
    extra = [(big, datsize + 1, b"D"), (mid, datsize - 10, b"D"), (mid, 20, b"d"),
             (small, 100, b"D"), (bss, 5000, b"B")]
    with tempfile.TemporaryDirectory() as tmp:
        nm = os.path.join(tmp, "modern.nm-size.txt")
        with open(nm, "wb") as f:
            for i, (n, size, letter) in enumerate(extra):
                f.write(b"%8x %10d %s %s\n" % (0x500000 + 64 * i, size, letter, n))
        top, c = check_top_symbols(MODERN, nm)
        assert top["memory_only_bytes"] == datsize + 1 + 5000, top["memory_only_bytes"]
        items = {b(it["name"]): it for it in top["items"]}
        assert items[mid].get("maybe_bss") is True and items[mid]["size"] == datsize + 10, items[mid]
        assert small in items and "maybe_bss" not in items[small], items.get(small)
        assert big not in items or items[big]["size"] == 0, items.get(big)


@test
def gzip_and_crlf_sizes_like_plain():
    with made_nm() as nm:
        with open(nm, "rb") as f:
            data = f.read()
        want = top_json(MODERN, nm)
        for name, variant in (("sizes-without-a-gz-name", gzip.compress(data)),
                              ("crlf.txt", data.replace(b"\n", b"\r\n"))):
            path = os.path.join(os.path.dirname(nm), name)
            with open(path, "wb") as f:
                f.write(variant)
            assert top_json(MODERN, path) == want, "%s: not what the plain sizes give" % name


@test
def bad_sizes_input():
    with tempfile.TemporaryDirectory() as tmp:
        nm = os.path.join(tmp, "broken.nm.txt")
        good = b" 401000        100 T main.main\n       0          0 _ go.go\n"
        with open(nm, "wb") as f:
            f.write(good + b" 401100        xx T main.init\n" + good)
        for cmd in ("top", "keeps", "why", "check"):
            args = {"top": [], "keeps": ["main.main"], "why": ["main.main"], "check": ["--deny=x"]}[cmd]
            rc, out, err = run(cmd, "--sizes=" + nm, *([HELLO] + args if cmd != "check" else args + [HELLO]))
            assert rc == 2, "%s: exit %d for a sizes file that is not nm output" % (cmd, rc)
            assert b"broken.nm.txt:3" in err, "%s: the message does not name the file and line: %r" % (cmd, err)
        empty = os.path.join(tmp, "empty.txt")
        open(empty, "wb").close()
        rc, out, err = run("top", "--sizes=" + empty, HELLO)
        assert rc == 2 and b"empty.txt" in err, (rc, err)
        rc, out, err = run("top", "--sizes=" + os.path.join(tmp, "missing.txt"), HELLO)
        assert rc == 2 and b"missing.txt" in err, (rc, err)
        rc, out, err = run("top", "--sizes=" + HELLO, HELLO)
        assert rc == 2 and b"hello-go1.19.deps.txt:1" in err, "a dump given as sizes: %r" % err
        # gzip of broken nm text: the line is still named
        gz = os.path.join(tmp, "broken.nm.txt.gz")
        with open(nm, "rb") as f, open(gz, "wb") as g:
            g.write(gzip.compress(f.read()))
        rc, out, err = run("top", "--sizes=" + gz, HELLO)
        assert rc == 2 and b"broken.nm.txt.gz:3" in err, (rc, err)


def etcd(version, calls=True):
    dump = shared("etcd-go%s.deps%s.txt.gz" % (version, "-and-calls" if calls else ""))
    nm = shared("etcd-go%s.nm-size.txt.gz" % version)
    return dump, nm


@test
def etcd126_own_sizes_and_summary():
    check_top_symbols(*etcd("1.26"))


@test
def etcd119_own_sizes_and_summary():
    check_top_symbols(*etcd("1.19"))


@test
def etcd119_without_calls_own_sizes():
    # no -c: no totals, no datsize; every large D may be bss
    dump, nm = etcd("1.19", calls=False)
    top, c = check_top_symbols(dump, nm)
    assert top["total_bytes"] is None and c.maybe_bss, top


@test
def etcd126_retained_symbols():
    dump, nm = etcd("1.26")
    top = top_json(dump, nm)
    c = tool_costs(dump, nm, top)
    check_retained(dump, nm, top, c, sample_symbols(dump, c))


@test
def etcd119_retained_symbols():
    dump, nm = etcd("1.19")
    top = top_json(dump, nm)
    c = tool_costs(dump, nm, top)
    check_retained(dump, nm, top, c, sample_symbols(dump, c, 15))


@test
def abi0_bodies_count_for_their_symbol():
    # go tool nm names an assembly function's ABI0 body "X.abi0" when the
    # linker also keeps an ABIInternal copy of X; the dump prints both copies
    # as X (the self-edges "runtime.args -> runtime.args"). The body's bytes
    # are X's, not bytes "the dump does not name".
    with made_nm() as nm:
        c = costs_of(MODERN, nm, abi0=True)
        assert c.abi0_bytes == 77, "fixture: %d bytes of .abi0 bodies" % c.abi0_bytes
        top = top_json(MODERN, nm)
        assert (top["matched_bytes"], top["unmatched_bytes"]) == (c.matched, c.unmatched), \
            "matched %d, unmatched %d; with the ABI0 body counted for its symbol %d and %d" % (
                top["matched_bytes"], top["unmatched_bytes"], c.matched, c.unmatched)
    dump, nm = etcd("1.26")
    exact = costs_of(dump, nm)
    assert exact.abi0_bytes > 100000, "fixture: %d bytes of .abi0 bodies" % exact.abi0_bytes
    c = costs_of(dump, nm, abi0=True)
    top = top_json(dump, nm)
    items = {b(it["name"]): it for it in top["items"]}
    name = b"vendor/golang.org/x/crypto/chacha20poly1305.chacha20Poly1305Seal"
    assert name in items and items[name]["size"] == c.size(name), \
        "%r: size %r, nm says %d (its .abi0 line)" % (name, items.get(name, {}).get("size"), c.size(name))
    assert top["matched_bytes"] == c.matched, "matched_bytes %d, with the ABI0 bodies %d" % (top["matched_bytes"], c.matched)
    assert top["unmatched_bytes"] == c.unmatched, "unmatched_bytes %d, without the ABI0 bodies %d" % (
        top["unmatched_bytes"], c.unmatched)


_members = {}


def package_members(dump_path):
    if dump_path not in _members:
        d = dump_of(dump_path)
        first = {n: package_of(n) for n in d.names}
        known = set(first.values())
        members = {}
        for n, p in first.items():
            p = refine_promoted(n, p, known)
            if p is not None:
                members.setdefault(p, []).append(n)
        _members[dump_path] = members
    return _members[dump_path]


def package_owner(dump_path):
    return {n: p for p, ns in package_members(dump_path).items() for n in ns}


def check_packages(dump_path, nm_path, limit=None):
    """top --packages --by=retained: each package's own bytes and the bytes
    that leave when all of its symbols leave, by a full search per package."""
    top = top_json(dump_path, nm_path, "--packages", "--by=retained")
    assert top["packages"] is True and top["by"] == "retained", top["by"]
    c = tool_costs(dump_path, nm_path, top)
    reach = reach_of(dump_path)
    members = package_members(dump_path)
    items = {b(it["name"]): it for it in top["items"]}
    ret = [it["retained"] for it in top["items"]]
    assert ret == sorted(ret, reverse=True), "not largest first"
    names = sorted(members, key=lambda p: -sum(c.size(n) for n in members[p]))
    if limit is not None and len(names) > limit:
        step = len(names) / limit
        names = [names[int(i * step)] for i in range(limit)]
    bad = []
    for p in names:
        own = sum(c.size(n) for n in members[p])
        lost = retained(reach, c, members[p])
        it = items.get(p, {"size": 0, "retained": 0})
        if (it["size"], it["retained"]) != (own, lost):
            bad.append("%s: size %d retained %d, the dump says %d and %d" % (
                p.decode(), it["size"], it["retained"], own, lost))
    assert not bad, "%d of %d packages differ:\n%s" % (len(bad), len(names), "\n".join(bad[:20]))
    return top, c


@test
def made_nm_packages():
    with made_nm() as nm:
        check_packages(MODERN, nm)


@test
def etcd126_packages():
    check_packages(*etcd("1.26"))


def check_why_sizes(dump_path, nm_path, query, package=False):
    a = run_json("why", "--format=json", "--sizes=" + nm_path, dump_path, query)
    top = top_json(dump_path, nm_path)
    c = tool_costs(dump_path, nm_path, top)
    reach = reach_of(dump_path)
    d = dump_of(dump_path)
    ref.check_chain(d, {"chain": [{k: s[k] for k in ("symbol", "package", "flags", "via")} for s in a["chain"]],
                        "target": a["target"]})
    for chain in (a["chain"], a.get("code_chain") or []):
        for s in chain:
            n = b(s["symbol"])
            assert s["size"] == c.size(n), "step %r: size %d, nm says %d" % (n, s["size"], c.size(n))
            want = retained(reach, c, [n])
            assert s["retained"] == want, "step %r: retained %d, the search says %d" % (n, s["retained"], want)
    if package:
        members = package_members(dump_path)[b(query)]
        assert a["size"] == sum(c.size(n) for n in members), (a["size"], sum(c.size(n) for n in members))
        assert a["retained"] == retained(reach, c, members), a["retained"]
    else:
        n = b(a["target"])
        assert a["size"] == c.size(n) and a["retained"] == retained(reach, c, [n]), (a["size"], a["retained"])
    return a


@test
def made_nm_why():
    with made_nm() as nm:
        check_why_sizes(MODERN, nm, "main.dynReflect")
        check_why_sizes(MODERN, nm, "fmt", package=True)


@test
def etcd126_why():
    dump, nm = etcd("1.26")
    check_why_sizes(dump, nm, "go.etcd.io/etcd/etcdserver.NewServer")
    check_why_sizes(dump, nm, "regexp", package=True)
    check_why_sizes(dump, nm, "go.etcd.io/etcd/raft", package=True)


# ---- check -----------------------------------------------------------------------

def check_run(*args, want_rc):
    rc, out, err = run("check", *args)
    assert rc == want_rc, "check %r: exit %d, not %d: %s%s" % (args, rc, want_rc, out.decode(errors="replace"),
                                                               err.decode(errors="replace"))
    return out, err


def check_json(*args, want_rc):
    out, err = check_run("--format=json", *args, want_rc=want_rc)
    a = json.loads(out.decode("utf-8"))
    assert {"passed", "violations", "size"} <= set(a), sorted(a)
    assert a["passed"] is (want_rc == 0), a["passed"]
    assert (len(a["violations"]) == 0) is (want_rc == 0), a["violations"]
    for v in a["violations"]:
        assert {"rule", "what", "chain", "code_chain"} <= set(v), sorted(v)
    return a


def check_edge_chain(d, chain):
    """Each step is a recorded edge of the dump, from a root line on."""
    assert chain, "empty chain"
    names = [b(s) for s in chain]
    assert (b"_", names[0], "root") in d.edge_set, "no line '_ -> %r'" % names[0]
    for x, y in zip(names, names[1:]):
        assert (x, y, "dep") in d.edge_set or (x, y, "call") in d.edge_set, "no edge %r -> %r" % (x, y)
    return names


def linked(dump_path, pkg):
    """The package has a live symbol its name proves is its own."""
    d = dump_of(dump_path)
    return any(n in d.dist for n in package_members(dump_path).get(pkg, ()))


@test
def check_deny_exact():
    dump, _nm = etcd("1.26")
    d = dump_of(dump)
    assert linked(dump, b"net/http"), "fixture: net/http is not linked"
    a = check_json("--deny=net/http", dump, want_rc=1)
    assert len(a["violations"]) == 1, a["violations"]
    v = a["violations"][0]
    assert v["rule"] == "deny" and "net/http" in v["what"], v
    names = check_edge_chain(d, v["chain"])
    assert package_of(names[-1]) == b"net/http", "the chain ends at %r" % names[-1]
    if v["code_chain"]:
        names = check_edge_chain(d, v["code_chain"])
        assert package_of(names[-1]) == b"net/http", names[-1]


@test
def check_deny_glob():
    dump, _nm = etcd("1.26")
    d = dump_of(dump)
    glob = "github.com/prometheus/*"
    want = sorted(p for p, ms in package_members(dump).items()
                  if p.startswith(b"github.com/prometheus/") and any(n in d.dist for n in ms))
    assert len(want) >= 2, "fixture: %r" % want
    a = check_json("--deny=" + glob, dump, want_rc=1)
    got = []
    for v in a["violations"]:
        assert v["rule"] == "deny" and glob in v["what"], v
        names = check_edge_chain(d, v["chain"])
        got.append(package_of(names[-1]))
        assert got[-1].decode() in v["what"], (got[-1], v["what"])
    assert sorted(got) == want, "denied %r, linked %r" % (got, want)


@test
def check_deny_not_linked():
    # plugin names appear only in content-addressable symbols (if at all)
    dump, _nm = etcd("1.26")
    d = dump_of(dump)
    assert not linked(dump, b"plugin"), "fixture: plugin is linked"
    a = check_json("--deny=plugin", "--deny=github.com/evil/*", dump, want_rc=0)
    assert a["violations"] == [], a


@test
def check_deny_small():
    # no ../shared needed: regexp is linked in the hazards program, plugin is not
    d = dump_of(HAZARDS)
    assert linked(HAZARDS, b"regexp") and not linked(HAZARDS, b"plugin")
    a = check_json("--deny=regexp", "--deny=plugin", HAZARDS, want_rc=1)
    assert [v["rule"] for v in a["violations"]] == ["deny"], a
    names = check_edge_chain(d, a["violations"][0]["chain"])
    assert package_of(names[-1]) == b"regexp", names[-1]


def file_total(path):
    """A build's file bytes by its -c totals: total= counts bss, which takes
    memory at run time and no byte of the file."""
    sizes = dump_of(path).sizes
    return sizes["total"] - sizes.get("bsssize", 0)


@test
def check_max_size():
    dumps = [MODERN]
    try:
        dumps.append(etcd("1.26")[0])
    except Skip:
        pass   # the small dump alone
    for dump in dumps:
        total = file_total(dump)
        a = check_json("--max-size=%d" % (total - 1), dump, want_rc=1)
        assert a["size"] == total and [v["rule"] for v in a["violations"]] == ["max-size"], a
        assert str(total) in a["violations"][0]["what"], a["violations"][0]["what"]
        a = check_json("--max-size=%d" % total, dump, want_rc=0)
        assert a["size"] == total, a
    # a dump without totals: the size is not known, and that is bad input
    rc, out, err = run("check", "--max-size=1", HAZARDS)
    assert rc == 2 and b"hazards-go1.19.deps.txt" in err, (rc, err)


@test
def check_size_without_totals():
    # no total= line: the build's size is the sum of the symbol sizes, all of
    # the file bytes nm lists (pooled blocks too), bss left out
    with made_nm(HAZARDS, extra_data=[(b"runtime.bssThing", 9999, b"B")]) as nm:
        c = costs_of(HAZARDS, nm)
        want = c.matched + c.unmatched + c.pooled
        a = check_json("--max-size=%d" % (want - 1), "--sizes=" + nm, HAZARDS, want_rc=1)
        assert a["size"] == want, "size %d, the nm file lists %d bytes (%d of them pooled)" % (
            a["size"], want, c.pooled)
        check_json("--max-size=%d" % want, "--sizes=" + nm, HAZARDS, want_rc=0)


@test
def check_max_size_units():
    total = file_total(MODERN)
    for arg, limit in (("2MB", 2 * 10 ** 6), ("3MB", 3 * 10 ** 6), ("2MiB", 2 << 20), ("1MiB", 1 << 20)):
        check_json("--max-size=" + arg, MODERN, want_rc=1 if total > limit else 0)


@test
def check_max_growth():
    old, _ = etcd("1.19")
    new, _ = etcd("1.26")
    t0, t1 = file_total(old), file_total(new)
    growth = 100.0 * (t1 - t0) / t0
    a = check_json("--max-growth=%.1f" % (growth - 0.1), "--baseline=" + old, new, want_rc=1)
    v = [v for v in a["violations"] if v["rule"] == "max-growth"]
    assert len(v) == 1 and ("%.1f%%" % growth) in v[0]["what"], a
    if v[0]["chain"]:
        check_edge_chain(dump_of(new), v[0]["chain"])
    check_json("--max-growth=%.1f" % (growth + 0.1), "--baseline=" + old, new, want_rc=0)
    # shrinking is no growth
    check_json("--max-growth=0", "--baseline=" + new, old, want_rc=0)


@test
def check_reflect():
    a = check_json("--no-reflect-methods", HAZARDS, want_rc=1)
    assert [v["rule"] for v in a["violations"]] == ["no-reflect-methods"], a
    what = a["violations"][0]["what"]
    assert "main.main" in what and "cannot prove" in what, what
    names = check_edge_chain(dump_of(HAZARDS), a["violations"][0]["chain"])
    assert names[-1] == b"main.main", names
    # hello calls no reflect method lookup: nothing links one in
    d = dump_of(HELLO)
    lookups = [e for e in d.edge_set if re.match(rb"^reflect\.(Value|\(\*rtype\)|Type)\.Method(ByName)?$", e[1])]
    assert not lookups, "fixture: hello reaches %r" % lookups[:3]
    a = check_json("--no-reflect-methods", HELLO, want_rc=0)
    # a Go 1.26 dump names the culprit, and says it for certain
    a = check_json("--no-reflect-methods", MODERN, want_rc=1)
    what = a["violations"][0]["what"]
    assert "main.dynReflect" in what and "cannot prove" not in what, what


@test
def check_bad_input():
    for args in ([HAZARDS], ["--max-growth=5", HAZARDS], ["--max-size=lots", MODERN],
                 ["--deny=x", "/nonexistent/deps.txt"],
                 ["--max-growth=5", "--baseline=" + HAZARDS, MODERN],
                 ["--deny=x", "--sizes=/nonexistent/sizes.txt", MODERN]):
        rc, out, err = run("check", *args)
        assert rc == 2, "exit %d for %r" % (rc, args)
        assert err.strip(), "no message for %r" % (args,)
    rc, out, err = run("check", "--deny=x", "--sizes=/nonexistent/sizes.txt", MODERN)
    assert b"sizes.txt" in err, err
    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "notnm.txt")
        with open(bad, "wb") as f:
            f.write(b" 401000        100 T main.main\nthis is not nm\n")
        rc, out, err = run("check", "--max-size=1", "--sizes=" + bad, MODERN)
        assert rc == 2 and b"notnm.txt:2" in err, (rc, err)


# ---- check --format=markdown, through a Markdown renderer ----------------------

RENDER = "import sys, markdown; sys.stdout.write(markdown.markdown(sys.stdin.read(), extensions=sys.argv[1:]))"


def render_markdown(text, extensions=()):
    """HTML of the Markdown text; extensions such as "tables" (GitHub's
    pipe tables, which plain Markdown lacks)."""
    for py in (sys.executable, "/usr/bin/python3"):
        if not os.path.exists(py):
            continue
        p = subprocess.run([py, "-c", RENDER] + list(extensions), input=text,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode == 0:
            return p.stdout.decode("utf-8")
    raise Skip("python3-markdown is not installed (scripts/install-deps.sh)")


def text_of(fragment):
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def check_markdown(args, want_rc):
    a = check_json(*args, want_rc=want_rc)
    out, _ = check_run("--format=markdown", *args, want_rc=want_rc)
    page = render_markdown(out)
    with_chain = [v for v in a["violations"] if v["chain"]]
    assert page.count("<details>") == page.count("</details>") == len(with_chain), page
    # what was broken reads as it does in JSON: no emphasis out of names or globs
    text = text_of(page)
    for v in a["violations"]:
        assert v["what"] in text, "rendered:\n%s\nlacks %r" % (page, v["what"])
        assert "<em>" not in page, "emphasis in the rendered check:\n%s" % page
    # each chain inside its details block, every name a code span
    blocks = re.findall(r"<details>(.*?)</details>", page, re.S)
    for v, block in zip(with_chain, blocks):
        for s in v["chain"] + (v["code_chain"] or []):
            as_html = "<code>%s</code>" % html.escape(s, quote=False)
            assert as_html in block or ("`%s`" % s) in block, "%r is not a code span in:\n%s" % (s, block)
    return page


@test
def check_markdown_deny_and_reflect():
    check_markdown(["--no-reflect-methods", "--deny=regexp", HAZARDS], 1)
    page = check_markdown(["--deny=plugin", HELLO], 0)
    assert "passed" in text_of(page), page


@test
def check_markdown_glob_with_stars():
    # a glob such as '*/internal/*' (its stars) survives the renderer
    check_markdown(["--deny=*exp*", HAZARDS], 1)


@test
def check_text_lists_chain():
    out, _ = check_run("--deny=regexp", HAZARDS, want_rc=1)
    a = check_json("--deny=regexp", HAZARDS, want_rc=1)
    text = out.decode()
    for s in a["violations"][0]["chain"]:
        assert s in text, "text output lacks %r" % s


# ---- diff --format=markdown with sizes, through a Markdown renderer ------------

def format_bytes(n):
    """Bytes as the reports print them: decimal units."""
    if n < 1000:
        return "%d B" % n
    if n < 1000 ** 2:
        return "%.1f kB" % (n / 1e3)
    if n < 1000 ** 3:
        return "%.2f MB" % (n / 1e6)
    return "%.2f GB" % (n / 1e9)


def new_packages(old_path, new_path, nm_new, abi0):
    """{package: bytes} of the packages with a live symbol in NEW and none
    in OLD; bytes: the nm sizes of the package's symbols in NEW."""
    def live_packages(path):
        d = dump_of(path)
        return {p for p, ns in package_members(path).items() if any(n in d.dist for n in ns)}
    c = costs_of(new_path, nm_new, abi0)
    members = package_members(new_path)
    return {p: sum(c.size(n) for n in members[p])
            for p in live_packages(new_path) - live_packages(old_path)}


def code_texts(fragment):
    return [html.unescape(t) for t in re.findall(r"<code>(.*?)</code>", fragment, re.S)]


def check_diff_markdown(old_path, new_path, nm_old, nm_new, limit, abi0=False):
    """The table of new packages is a <table> with each package and its bytes,
    the largest `limit` of them, the rest cut with "… and N more new
    packages"; each shown package's chain is in a <details> whose <summary>
    names it, and the chain is a path of the dump's lines from a root to one
    of the package's symbols; names with backticks and quotes stay whole."""
    out, err = run("diff", "--format=markdown", "-n", str(limit), "--sizes-old=" + nm_old,
                   "--sizes-new=" + nm_new, old_path, new_path)[1:]
    page = render_markdown(out, ["tables"])
    want = new_packages(old_path, new_path, nm_new, abi0)
    assert want, "fixture: no new package between %s and %s" % (old_path, new_path)
    tables = re.findall(r"<table>(.*?)</table>", page, re.S)
    assert tables and "new package" in tables[0], "no <table> of new packages in:\n%s" % page[:3000]
    rows = re.findall(r"<tr>(.*?)</tr>", tables[0].split("</thead>", 1)[1], re.S)
    shown = []
    for row in rows:
        cells = [text_of(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        pkg = cells[0].encode()
        assert pkg in want, "%r in the table is not new (new: %r)" % (pkg, sorted(want)[:20])
        assert cells[1] == format_bytes(want[pkg]), "%s: %r in the table, its symbols have %d bytes (%s)" % (
            pkg.decode(), cells[1], want[pkg], format_bytes(want[pkg]))
        shown.append(pkg)
    assert len(shown) == min(limit, len(want)), "%d rows for %d new packages, limit %d" % (
        len(shown), len(want), limit)
    if len(want) > limit:
        rest = sorted(want.values(), reverse=True)[limit:]
        assert min(want[p] for p in shown) >= max(rest), "a larger new package is left out of the table"
        more = "… and %d more new packages" % (len(want) - limit)
        assert more in text_of(page), "no %r in:\n%s" % (more, text_of(page)[:3000])
    assert ("%d packages newly linked" % len(want)) in text_of(page), text_of(page)[:600]
    # one details block per shown package, its summary naming it
    new = dump_of(new_path)
    owner = package_owner(new_path)
    blocks = dict()
    for summary, body in re.findall(r"<details>\s*<summary>(.*?)</summary>(.*?)</details>", page, re.S):
        if summary.startswith("Why "):
            names = code_texts(summary)
            assert len(names) == 1, summary
            # Python-Markdown leaves an HTML block's inside as it is; GitHub
            # renders it as Markdown after the blank line, so render it here
            blocks[names[0].encode()] = render_markdown(body.encode())
    assert set(blocks) == set(shown), "details for %r, table shows %r" % (sorted(blocks), shown)
    for pkg, body in blocks.items():
        lists = re.findall(r"<ol>(.*?)</ol>", body, re.S)
        assert lists, "no chain for %s:\n%s" % (pkg.decode(), body)
        chain = [code_texts(li)[0].encode() for li in re.findall(r"<li>(.*?)</li>", lists[0], re.S)]
        assert (b"_", chain[0], "root") in new.edge_set, "%s: chain starts at %r, not a root" % (pkg.decode(), chain[0])
        for a, z in zip(chain, chain[1:]):
            assert any((a, z, k) in new.edge_set for k in ("dep", "call")), \
                "%s: no line %r -> %r in the dump" % (pkg.decode(), a, z)
        assert owner.get(chain[-1]) == pkg, "%s: chain ends at %r, of %r" % (
            pkg.decode(), chain[-1], owner.get(chain[-1]))
    return page


@test
def diff_markdown_sizes_small():
    # hello -> hazards (Go 1.19, tests/data): new packages, nm files made here
    with tempfile.TemporaryDirectory() as tmp:
        nm_old, nm_new = os.path.join(tmp, "old.nm"), os.path.join(tmp, "new.nm")
        write_nm_for(HELLO, nm_old)
        write_nm_for(HAZARDS, nm_new)
        # a cut table, then every added name listed
        check_diff_markdown(HELLO, HAZARDS, nm_old, nm_new, 3)
        page = check_diff_markdown(HELLO, HAZARDS, nm_old, nm_new, 100000)
    page = page + "".join(render_markdown(body.encode())
                          for body in re.findall(r"<details>(.*?)</details>", page, re.S))
    old, new = dump_of(HELLO), dump_of(HAZARDS)
    added = [n for n in new.dist if n not in old.dist and b"\n" not in n and b"\r" not in n]
    odd = [n for n in added if b"`" in n or b'"' in n]
    assert any(b"`" in n for n in odd), "fixture: no added name with a backtick"
    codes = set(code_texts(page))
    lost = [n for n in odd if n.decode() not in codes]
    assert not lost, "%d of %d names with backticks or quotes are not whole code spans: %r" % (
        len(lost), len(odd), lost[:10])


@test
def diff_markdown_sizes_etcd():
    old, nm_old = etcd("1.19")
    new, nm_new = etcd("1.26")
    check_diff_markdown(old, new, nm_old, nm_new, 50, abi0=True)


# ---- the -c lines after a namedata target ------------------------------------

@test
def calls_after_namedata_line():
    # A namedata target may continue on the next line (a raw newline in a
    # struct tag), but "A calls B" with a live A and a key=value line are
    # lines of their own: the Go 1.21-1.26 modern dumps end their dep lines
    # with a namedata target right before the calls.
    text = (b"# example.com/x\n_ -> main.main\nmain.main -> main.f\n"
            b"main.main -> type:.namedata.*func()-\nmain.main calls main.f\n"
            b"textsize=100\ntotal=100\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "calls.txt")
        with open(path, "wb") as f:
            f.write(text)
        s = run_json("stats", "--format=json", path)
        assert s["call_edges"] == 1 and s["sizes"] == {"textsize": 100, "total": 100}, s
    bad = []
    for v in range(21, 28):
        path = os.path.join(DATA, "modern-go1.%d.deps-and-calls.txt.gz" % v)
        d = dump_of(path)
        s = run_json("stats", "--format=json", path)
        if (s["call_edges"], s["sizes"], s["symbols"]) != (d.call_edges, d.sizes, len(d.names)):
            bad.append("go1.%d: %d call edges, sizes %r, %d symbols; the dump has %d, %r, %d" % (
                v, s["call_edges"], s["sizes"], s["symbols"], d.call_edges, d.sizes, len(d.names)))
    assert not bad, "\n".join(bad)


def main():
    # test-cli.py's TAP runner, over these tests (or those named after the program)
    only = sys.argv[2:]
    ref.TESTS[:] = [t for t in TESTS if not only or t.__name__ in only]
    return ref.main()


if __name__ == "__main__":
    sys.exit(main())
