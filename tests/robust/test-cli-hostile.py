#!/usr/bin/env python3
"""depview-cli on hostile files: each run ends in the right answer, or in
exit status 2 with a message that names the file (and the line, where
there is one), never in a crash, a hang or a quiet wrong answer.

usage: test-cli-hostile.py DEPVIEW_CLI [--sanitized]

--sanitized: the CLI is built with ASan/UBSan; times are not compared.

Prints TAP. Expected answers are read off the text each case writes.
"""
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

CLI = os.path.abspath(sys.argv[1])
SANITIZED = "--sanitized" in sys.argv[2:]
TIMEOUT = 300
results = []


def run(*args, stdin=None, input_bytes=None, preexec=None, timeout=TIMEOUT):
    p = subprocess.run([CLI, *args], stdin=stdin, input=input_bytes, capture_output=True,
                       timeout=timeout, preexec_fn=preexec)
    if p.returncode < 0:
        raise AssertionError("killed by signal %s; stderr:\n%s"
                             % (signal.Signals(-p.returncode).name, p.stderr.decode(errors="replace")))
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def expect(cond, what, *context):
    if not cond:
        raise AssertionError(what + "".join("\n" + str(c) for c in context))


def case(fn):
    results.append(fn)
    return fn


def chain_text(pkg, first, n):
    out = []
    for i in range(first, first + n):
        out.append("_ -> %s.f0\n" % pkg if i == 0 else "%s.f%d -> %s.f%d\n" % (pkg, i - 1, pkg, i))
    return "".join(out).encode()


def why_json(path, query):
    code, out, err = run("why", "--format=json", path, query)
    return code, (json.loads(out) if out.strip() else None), err


def stats_json(path):
    code, out, err = run("stats", "--format=json", path)
    expect(code == 0, "stats exit %d" % code, err)
    return json.loads(out), err


@case
def long_line_100mib(tmp):
    path = os.path.join(tmp, "long-deps.txt")
    with open(path, "wb") as f:
        f.write(b"_ -> a\na -> ")
        block = b"x" * (1 << 20)
        for _ in range(100):
            f.write(block)
        f.write(b"\na -> b\nb -> c\n")
    st, err = stats_json(path)
    expect(st["lines"] == 4 and st["unreadable_lines"] == 1, "stats", st)
    expect(re.search(re.escape(path) + r":2: .*longer than", err), "no FILE:2: message", err)
    expect(len(err) < 4096, "the whole line was printed", len(err))
    code, doc, err = why_json(path, "c")
    expect(code == 0 and [s["symbol"] for s in doc["chain"]] == ["a", "b", "c"], "chain", doc, err)


@case
def nul_mid_name(tmp):
    path = os.path.join(tmp, "nul-deps.txt")
    with open(path, "wb") as f:
        f.write(b"_ -> a\na -> fmt.Fpr\0intln\na -> b\n")
    code, out, err = run("why", path, "fmt.Fprintln")
    expect(code == 1 and "no symbol or package" in err, "a name cut by NUL was found", out, err)
    expect(re.search(re.escape(path) + r":2: .*NUL.*column 13", err), "no FILE:2: message", err)
    code, doc, err = why_json(path, "b")
    expect(code == 0 and [s["symbol"] for s in doc["chain"]] == ["a", "b"], "chain", doc, err)


@case
def gzip_truncated_and_corrupt(tmp):
    text = chain_text("main", 0, 20000)
    gz = gzip.compress(text, mtime=0)
    cases = {
        "truncated-deps.txt.gz": gz[: len(gz) // 2],
        "header-only.txt.gz": gz[:10],
        "bad-crc.txt.gz": gz[:-8] + bytes([gz[-8] ^ 0xFF]) + gz[-7:],
        "corrupt-deps.txt.gz": gz[:100] + bytes(b ^ 0x5A for b in gz[100:300]) + gz[300:],
    }
    for name, blob in cases.items():
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(blob)
        for args in (("stats", path), ("why", path, "main.f10")):
            code, out, err = run(*args)
            expect(code == 2, "%s: exit %d" % (name, code), err)
            expect(out == "", "%s: output on stdout" % name, out)
            expect(path in err and ("truncated" in err or "corrupt" in err), "%s: message" % name, err)


@case
def directory(tmp):
    code, out, err = run("why", tmp, "main.main")
    expect(code == 2 and tmp in err and "folder" in err, "exit %d" % code, err)


@case
def missing_file(tmp):
    path = os.path.join(tmp, "no-such-deps.txt")
    code, out, err = run("stats", path)
    expect(code == 2 and path in err, "exit %d" % code, err)


@case
def stdin_errors(tmp):
    # standard input that is a folder, and one that is empty
    fd = os.open(tmp, os.O_RDONLY | os.O_DIRECTORY)
    try:
        code, out, err = run("stats", "-", stdin=fd)
    finally:
        os.close(fd)
    expect(code == 2, "exit %d" % code, err)
    expect("<stdin>" in err, "the message does not say it was standard input", err)
    code, out, err = run("stats", "-", input_bytes=b"")
    expect(code == 2 and "<stdin>" in err and "empty" in err, "exit %d" % code, err)


def drop_root():
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)


@case
def unreadable_file(tmp):
    path = os.path.join(tmp, "secret-deps.txt")
    with open(path, "wb") as f:
        f.write(chain_text("main", 0, 10))
    os.chmod(path, 0)
    os.chmod(tmp, 0o755)
    preexec = None
    if os.getuid() == 0:
        # root reads any file; run the CLI as "nobody", where mode bits apply
        preexec = drop_root
        try:
            code, out, err = run("--version", preexec=preexec)
        except (PermissionError, OSError, subprocess.SubprocessError) as e:
            return "SKIP running as root and cannot run the CLI as uid 65534 (%s): " \
                   "permission bits do not stop root" % e
        if code != 0:
            return "SKIP running as root and the CLI does not start as uid 65534: " \
                   "permission bits do not stop root"
    code, out, err = run("stats", path, preexec=preexec)
    expect(code == 2 and path in err and "ermission" in err, "exit %d" % code, err)


@case
def growing_file(tmp):
    """A writer appends while the CLI reads, as `go build 2>deps.txt` does."""
    path = os.path.join(tmp, "growing-deps.txt")
    first = 200000
    more = 200000
    with open(path, "wb") as f:
        f.write(chain_text("g", 0, first))
    stop = threading.Event()

    def writer():
        with open(path, "ab", buffering=0) as f:
            done = first
            while done < first + more and not stop.is_set():
                n = min(5000, first + more - done)
                f.write(chain_text("g", done, n))
                done += n
                time.sleep(0.002)

    t = threading.Thread(target=writer)
    t.start()
    try:
        code, out, err = run("stats", "--format=json", path)
    finally:
        stop.set()
        t.join()
    if code == 2:
        # refusing a file that changed while it was read is fine, if it says so
        expect(path in err, "exit 2 without the file's name", err)
        return "refused: " + err.strip()
    expect(code == 0, "exit %d" % code, err)
    st = json.loads(out)
    expect(first <= st["lines"] <= first + more, "lines", st)
    # the lines that were there from the start are read right
    code, doc, err = why_json(path, "g.f%d" % (first - 1))
    expect(code == 0 and len(doc["chain"]) == first, "chain to the last first line", err)
    return "read %d of %d lines while they were written" % (st["lines"], first + more)


@case
def hostile_lookup_time(tmp):
    """Long names and a long query that matches none: the suggestions must
    not take quadratic time per name."""
    import random
    rnd = random.Random(1)
    path = os.path.join(tmp, "long-names-deps.txt")
    with open(path, "w") as f:
        f.write("_ -> main.main\n")
        for _ in range(5000):
            f.write("main.main -> main.%s\n" % "".join(rnd.choice("abcdefghij") for _ in range(1000)))
    query = "main." + "".join(rnd.choice("abcdefghij") for _ in range(1000))
    start = time.monotonic()
    code, out, err = run("why", path, query, timeout=120)
    took = time.monotonic() - start
    expect(code == 1 and "no symbol or package" in err, "exit %d" % code, err)
    if SANITIZED:
        return "took %.1f s (sanitizer build: not compared)" % took
    expect(took < 20, "a lookup in a 5 MB dump took %.1f s" % took)
    return "took %.1f s" % took


@case
def unwritable_output(tmp):
    hello = os.path.join(os.path.dirname(__file__), "..", "data", "hello-go1.19.deps.txt")
    for target in (os.path.join(tmp, "no-such-dir", "out.txt"), tmp):
        code, out, err = run("why", "--output=" + target, hello, "fmt.Fprintln")
        expect(code == 2 and target in err, "--output=%s: exit %d" % (target, code), err)
    with open("/dev/full", "wb") as full:
        p = subprocess.run([CLI, "why", hello, "fmt.Fprintln"], stdout=full, capture_output=False,
                           stderr=subprocess.PIPE, timeout=TIMEOUT)
    expect(p.returncode == 2 and b"standard output" in p.stderr, "/dev/full: exit %d" % p.returncode)


def main():
    print("1..%d" % len(results))
    failed = 0
    for i, fn in enumerate(results, 1):
        tmp = tempfile.mkdtemp(prefix="depview-cli-hostile-")
        try:
            note = fn(tmp)
            if note and note.startswith("SKIP"):
                print("ok %d %s # %s" % (i, fn.__name__, note))
            else:
                print("ok %d %s%s" % (i, fn.__name__, " # " + note if note else ""))
        except Exception as e:  # one failing case must not hide the others
            failed += 1
            print("not ok %d %s" % (i, fn.__name__))
            for line in str(e).splitlines() or [type(e).__name__]:
                print("# " + line[:2000])
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
