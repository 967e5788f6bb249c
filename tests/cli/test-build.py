#!/usr/bin/env python3
"""depview-cli build end to end, with a real Go toolchain: the dump it keeps
loads, the binary it keeps is read for sizes (counted against `go tool nm`),
the user's -ldflags survive, a second (cached) build still gives the dump, a
failing build shows the compiler's message, and no go gives a clear error.

Usage: test-build.py PATH/TO/depview-cli      (prints TAP)
Environment: G_TEST_SRCDIR (the tests/ folder); DV_GO_TOOLCHAIN, the
go-toolchain script used when `go` is not on PATH. Without a toolchain the
tests that build are skipped.
"""

import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import traceback

CLI = os.path.abspath(sys.argv[1])
SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
GO_DATA = os.path.join(SRCDIR, "data", "go")
HELLO = os.path.join(GO_DATA, "hello", "hello.go")
BROKEN = os.path.join(GO_DATA, "broken", "broken.go")
TMP = tempfile.mkdtemp(prefix="dv-build-")


class Skip(Exception):
    pass


def find_go():
    """(go command, None) or (None, why there is none); called once."""
    go = shutil.which("go")
    if go:
        return go, None
    tool = os.environ.get("DV_GO_TOOLCHAIN") or os.path.join(
        SRCDIR, "..", "..", "shared", "tools", "go-toolchain")
    if not os.access(tool, os.X_OK):
        return None, "no Go toolchain: no go on PATH and no %s" % tool
    # one unpacking at a time: the C tests may ask at the same moment
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    os.makedirs(cache, exist_ok=True)
    lock = ["flock", os.path.join(cache, "depview-go-toolchain.lock")] if shutil.which("flock") else []
    r = subprocess.run(lock + [tool, "1.26"], capture_output=True, text=True)
    go = os.path.join(r.stdout.strip(), "bin", "go")
    if r.returncode != 0 or not os.access(go, os.X_OK):
        return None, "no Go toolchain: %s 1.26 failed: %s" % (tool, r.stderr.strip()[-300:])
    return go, None


GO, GO_MISSING = find_go()


def go_env(**extra):
    env = dict(os.environ)
    env.pop("GOFLAGS", None)
    env.update(GO111MODULE="off", GOPATH=os.path.join(TMP, "gopath"), GO=GO or "")
    env.update(extra)
    return env


def need_go():
    if GO is None:
        raise Skip(GO_MISSING)


def cli(args, cwd=TMP, env=None):
    return subprocess.run([CLI] + args, cwd=cwd, env=env if env is not None else go_env(),
                          capture_output=True, text=True)


def dump_lines(path):
    with gzip.open(path, "rb") as f:
        return f.read().split(b"\n")


def nm_defined(binary):
    """symbols with a section, counted by `go tool nm -size` itself"""
    out = subprocess.run([GO, "tool", "nm", "-size", binary], env=go_env(),
                         capture_output=True, text=True, check=True).stdout
    return sum(1 for l in out.splitlines() if l.split()[2] in "TtRrDdBb")


# ---- tests --------------------------------------------------------------------

def test_default_dir_dump_and_sizes():
    need_go()
    work = os.path.join(TMP, "default")
    os.mkdir(work)
    r = cli(["build", HELLO], cwd=work)
    assert r.returncode == 0, r.stderr
    out = os.path.join(work, "depview-out")
    dump = os.path.join(out, "deps.txt.gz")
    binary = os.path.join(out, "hello")
    lines = dump_lines(dump)
    assert lines[0] == b"# command-line-arguments", lines[0]
    assert lines[1].startswith(b"_ -> _rt0_"), lines[1]
    assert any(b" calls " in l for l in lines), "no call edges: -c was not passed"
    assert not any(l.startswith(b"# ") for l in lines[1:]), "a second section"
    # what it says it wrote, and the next commands
    assert "depview-out/deps.txt.gz" in r.stdout and "depview-out/hello" in r.stdout, r.stdout
    assert "depview-cli top --sizes=depview-out/hello depview-out/deps.txt.gz" in r.stdout, r.stdout
    # the dump loads
    s = cli(["stats", "--format=json", dump])
    assert s.returncode == 0, s.stderr
    stats = json.loads(s.stdout)
    assert stats["unreadable_lines"] == 0 and stats["call_edges"] > 0, stats
    # the binary is the sizes file: as many symbols as go tool nm lists
    n = nm_defined(binary)
    assert ("sizes file: %d symbols" % n) in r.stdout, (n, r.stdout)


def test_stats_counts_match():
    need_go()
    out = os.path.join(TMP, "stats")
    r = cli(["build", "-o", out, HELLO])
    assert r.returncode == 0, r.stderr
    lines = [l for l in dump_lines(os.path.join(out, "deps.txt.gz")) if l]
    s = cli(["stats", os.path.join(out, "deps.txt.gz")])
    assert s.returncode == 0, s.stderr
    assert "lines              %d\n" % len(lines) in s.stdout, (len(lines), s.stdout)
    assert "unreadable lines   0\n" in s.stdout, s.stdout


def test_cached_build_still_dumps():
    need_go()
    a, b = os.path.join(TMP, "first"), os.path.join(TMP, "second")
    for out in (a, b, b):  # the last one over an up-to-date binary
        r = cli(["build", "-o", out, HELLO])
        assert r.returncode == 0, r.stderr
    first = dump_lines(os.path.join(a, "deps.txt.gz"))
    second = dump_lines(os.path.join(b, "deps.txt.gz"))
    assert len(first) > 1000 and first == second, (len(first), len(second))


def test_user_ldflags_kept():
    need_go()
    out = os.path.join(TMP, "ldflags")
    # (-trimpath would leave -ldflags out of the build info)
    r = cli(["build", "-o", out, "-ldflags", "-X main.version=7", "-tags", "netgo", HELLO])
    assert r.returncode == 0, r.stderr
    info = subprocess.run([GO, "version", "-m", os.path.join(out, "hello")], env=go_env(),
                          capture_output=True, text=True, check=True).stdout
    assert '-ldflags="-X main.version=7 -dumpdep -c"' in info, info
    assert "-tags=netgo" in info, info
    assert len(dump_lines(os.path.join(out, "deps.txt.gz"))) > 1000


def test_goflags_ldflags_kept():
    need_go()
    out = os.path.join(TMP, "goflags")
    r = cli(["build", "-o", out, HELLO], env=go_env(GOFLAGS="-ldflags=-X=main.version=8"))
    assert r.returncode == 0, r.stderr
    info = subprocess.run([GO, "version", "-m", os.path.join(out, "hello")], env=go_env(),
                          capture_output=True, text=True, check=True).stdout
    assert '-ldflags="-X=main.version=8 -dumpdep -c"' in info, info


def test_user_strip_keeps_dump_warns_sizes():
    need_go()
    out = os.path.join(TMP, "stripped")
    r = cli(["build", "-o", out, "-ldflags=-s", HELLO])
    assert r.returncode == 0, r.stderr
    assert "stripped (built with -ldflags=-s?)" in r.stderr, r.stderr
    assert "--sizes" not in r.stdout, r.stdout
    assert len(dump_lines(os.path.join(out, "deps.txt.gz"))) > 1000


def test_hazards_dump_is_go_builds_own():
    """the kept dump is, byte for byte, what go build itself prints"""
    need_go()
    source = os.path.join(SRCDIR, "data", "hazards-go1.19.go")
    out = os.path.join(TMP, "hazards")
    r = cli(["build", "-o", out, source])
    assert r.returncode == 0, r.stderr
    ref = subprocess.run([GO, "build", "-ldflags=-dumpdep -c", "-o", os.path.join(TMP, "hz"), source],
                         env=go_env(), capture_output=True, check=True).stderr
    with gzip.open(os.path.join(out, "deps.txt.gz"), "rb") as f:
        kept = f.read()
    assert b"\nline -> tag\twith tab" in kept  # a name cut by a raw newline, kept as it came
    assert kept == ref, (len(kept), len(ref))
    s = cli(["stats", "--format=json", os.path.join(out, "deps.txt.gz")])
    assert s.returncode == 0 and json.loads(s.stdout)["unreadable_lines"] == 0, s.stdout


def test_not_elf_gets_nm_sizes():
    """a Windows binary is not read here: go tool nm's output is kept instead"""
    need_go()
    out = os.path.join(TMP, "windows")
    r = cli(["build", "-o", out, HELLO], env=go_env(GOOS="windows", GOARCH="amd64"))
    assert r.returncode == 0, r.stderr
    with open(os.path.join(out, "hello.exe"), "rb") as f:
        assert f.read(2) == b"MZ"
    with open(os.path.join(out, "sizes.txt")) as f:
        rows = [l.split() for l in f]
    assert len(rows) > 1000 and all(len(r) >= 4 for r in rows if r[1] != "U")
    assert "--sizes=%s" % os.path.join(out, "sizes.txt") in r.stdout, r.stdout


def test_failing_build_shows_compiler():
    need_go()
    out = os.path.join(TMP, "broken")
    r = cli(["build", "-o", out, BROKEN])
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "broken.go:7" in r.stderr and "syntax error" in r.stderr, r.stderr
    assert "go build failed" in r.stderr, r.stderr
    assert "Wrote" not in r.stdout, r.stdout
    assert not os.path.exists(out), os.listdir(out)


def test_failing_link_shows_linker():
    need_go()
    if platform.machine() not in ("x86_64", "AMD64"):
        raise Skip("the fixture's assembly is for amd64")
    out = os.path.join(TMP, "linkfail")
    r = cli(["build", "-o", out, "./linkfail"], cwd=GO_DATA)  # GOPATH mode: no absolute paths
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "relocation target nowhere.notdefined not defined" in r.stderr, r.stderr
    assert " -> " not in r.stderr, "dump lines shown as messages"
    assert not os.path.exists(out), os.listdir(out)


def test_not_main_package():
    need_go()
    r = cli(["build", "-o", os.path.join(TMP, "fmt"), "fmt"])
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "no dump" in r.stderr, r.stderr


def test_missing_go():
    empty = os.path.join(TMP, "empty-bin")
    os.makedirs(empty, exist_ok=True)
    env = dict(os.environ, PATH=empty)
    env.pop("GO", None)
    r = cli(["build", HELLO], env=env)
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "no “go” command on PATH" in r.stderr and "set GO" in r.stderr, r.stderr
    assert not os.path.exists(os.path.join(TMP, "depview-out"))
    r = cli(["build", HELLO], env=dict(env, GO="/nonexistent/go"))
    assert r.returncode == 2 and "GO=/nonexistent/go" in r.stderr, r.stderr


FAKE_GO = r"""#!/usr/bin/env python3
# stands in for go build: records its arguments, writes a binary to -o
# when it succeeds, and prints on stderr what $FAKE_STDERR holds; exits $FAKE_EXIT
import os, shutil, sys
args = sys.argv[1:]
with open(os.environ["FAKE_ARGS"], "w") as f:
    f.write("\n".join(args))
if os.environ.get("FAKE_EXIT", "0") == "0":
    shutil.copy(os.environ["FAKE_BINARY"], args[args.index("-o") + 1])
with open(os.environ["FAKE_STDERR"], "rb") as f:
    sys.stderr.buffer.write(f.read())
sys.exit(int(os.environ.get("FAKE_EXIT", "0")))
"""


def fake_build(stderr_bytes, args, exit_status=0, env_extra=None):
    """depview-cli build against a fake go: (result, go's argv, out dir)"""
    fake = os.path.join(TMP, "fake-go")
    with open(fake, "w") as f:
        f.write(FAKE_GO)
    os.chmod(fake, 0o755)
    with open(os.path.join(TMP, "fake-stderr"), "wb") as f:
        f.write(stderr_bytes)
    out = os.path.join(TMP, "fake-out")
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, GO=fake, FAKE_ARGS=os.path.join(TMP, "fake-args"),
               FAKE_BINARY=CLI, FAKE_STDERR=os.path.join(TMP, "fake-stderr"),
               FAKE_EXIT=str(exit_status))
    env.pop("GOFLAGS", None)
    env.update(env_extra or {})
    r = cli(["build", "-o", out] + args, env=env)
    with open(os.path.join(TMP, "fake-args")) as f:
        return r, f.read().split("\n"), out


DUMP = (b"_ -> _rt0_amd64_linux\n"
        b"runtime.(*lfstack).push -> go:string.\" -> node=\"\n"
        b"main.main -> type:.namedata.B.multi\n"
        b"line -> tag\twith tab <UsedInIface>\n"
        b"main.main calls fmt.Println\n"
        b"textsize=1234\n")


def test_sections_told_apart():
    """go's own lines, a compiler's section and the linker's warnings are
    shown; the dump, its header first, goes to the file as it came"""
    err = (b"go: downloading example.com/x v1.0.0\n"
           b"# example.com/lib\n"
           b"lib/a.go:3:2: declared and not used: x\n"
           b"# example.com/cmd\n"
           b"warning: a linker warning before the dump\n"
           + DUMP)
    r, argv, out = fake_build(err, ["example.com/cmd"])
    assert r.returncode == 0, r.stderr
    with gzip.open(os.path.join(out, "deps.txt.gz"), "rb") as f:
        assert f.read() == b"# example.com/cmd\n" + DUMP
    for line in ("go: downloading example.com/x v1.0.0", "# example.com/lib",
                 "lib/a.go:3:2: declared and not used: x",
                 "warning: a linker warning before the dump"):
        assert line + "\n" in r.stderr, (line, r.stderr)
    assert " -> " not in r.stderr and "# example.com/cmd" not in r.stderr, r.stderr
    assert "the linker's dump, 7 lines" in r.stdout, r.stdout
    assert "the binary" in r.stdout and os.path.exists(os.path.join(out, "cmd")), r.stdout


def test_go_command_line():
    """ours after each of theirs; -C first; every other flag as it was;
    the operands after --"""
    r, argv, out = fake_build(b"# x\n" + DUMP,
                              ["-tags", "netgo", "-C", "sub", "-ldflags", "-s -X a.b=c",
                               "-ldflags=all=-w", "-trimpath", "./cmd/app", "-v"],
                              env_extra={"GOFLAGS": "-mod=mod -ldflags=-X=v.v=1"})
    assert r.returncode == 0, r.stderr
    assert argv == ["build", "-C=sub", "-o", os.path.join(out, "app"),
                    "-ldflags=-dumpdep -c",
                    "-ldflags=-X=v.v=1 -dumpdep -c",
                    "-ldflags=-s -X a.b=c -dumpdep -c",
                    "-ldflags=all=-w -dumpdep -c",
                    "-tags", "netgo", "-trimpath",
                    "--", "./cmd/app", "-v"], argv


def test_failed_link_shows_odd_lines():
    """a link that fails after its dump: the lines that are not dump lines
    are shown, nothing is kept"""
    r, argv, out = fake_build(b"# x\n" + DUMP + b"main.f: relocation target x.y not defined\n",
                              ["x"], exit_status=1)
    assert r.returncode == 2, r.stderr
    assert "main.f: relocation target x.y not defined" in r.stderr, r.stderr
    assert "go build failed (exit status 1)" in r.stderr, r.stderr
    assert " -> " not in r.stderr, r.stderr
    assert not os.path.exists(out), os.listdir(out)


def test_usage():
    r = cli(["build", "--help"], env=dict(os.environ))
    assert r.returncode == 0 and "deps.txt.gz" in r.stdout, r
    r = cli(["build", "-o"], env=dict(os.environ))
    assert r.returncode == 2 and "-o needs a value" in r.stderr, r.stderr


TESTS = [
    test_usage,
    test_sections_told_apart,
    test_go_command_line,
    test_failed_link_shows_odd_lines,
    test_missing_go,
    test_default_dir_dump_and_sizes,
    test_stats_counts_match,
    test_cached_build_still_dumps,
    test_user_ldflags_kept,
    test_goflags_ldflags_kept,
    test_user_strip_keeps_dump_warns_sizes,
    test_hazards_dump_is_go_builds_own,
    test_not_elf_gets_nm_sizes,
    test_failing_build_shows_compiler,
    test_failing_link_shows_linker,
    test_not_main_package,
]


def main():
    print("1..%d" % len(TESTS))
    failed = 0
    try:
        for i, t in enumerate(TESTS, 1):
            try:
                t()
                print("ok %d - %s" % (i, t.__name__))
            except Skip as e:
                print("ok %d - %s # SKIP %s" % (i, t.__name__, e))
            except Exception:
                failed += 1
                print("not ok %d - %s" % (i, t.__name__))
                for line in traceback.format_exc().splitlines():
                    print("# " + line)
            sys.stdout.flush()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
