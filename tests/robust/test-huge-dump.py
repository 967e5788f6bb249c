#!/usr/bin/env python3
"""A 30x dump (about 7.9 million lines, 780 MB, made by ../shared/tools/scale-dump
from the etcd -dumpdep -c dump) loads, with the right counts, under the
memory budget the README states ("about N bytes per line of dump at peak").

usage: test-huge-dump.py DEPVIEW_CLI SHARED_DIR README [--sanitized]

The dump is piped from scale-dump into `depview-cli stats -`, so it never
touches the disk; the CLI's peak RSS comes from wait4(). Exit 77 (skip)
without ../shared, or in a sanitizer build, where the RSS is the sanitizer's.
"""
import gzip
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

FACTOR = 30
SLACK = 1.10  # "about": a tenth over the stated figure still passes


def skip(why):
    print("SKIP: " + why)
    sys.exit(77)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    cli, shared, readme = sys.argv[1:4]
    source = os.path.join(shared, "testdata", "etcd-go1.19.deps-and-calls.txt.gz")
    scale = os.path.join(shared, "tools", "scale-dump")
    if "--sanitized" in sys.argv[4:]:
        skip("sanitizer build: its peak RSS is the sanitizer's; the release build runs this")
    if not (os.path.exists(source) and os.path.exists(scale)):
        skip("no %s or %s (../shared is not here)" % (source, scale))

    m = re.search(r"about (\d+) bytes per line of dump at peak", open(readme, encoding="utf-8").read())
    if not m:
        print("the README states no memory budget ('about N bytes per line of dump at peak')")
        return 1
    per_line = int(m.group(1))

    # what the file will hold, from the text (scale-dump keeps "# " headers
    # and key=value size lines once, and repeats every other line)
    lines = gzip.open(source).read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    once = sum(1 for l in lines if l.startswith(b"# ")
               or (b"=" in l and b" -> " not in l and b" calls " not in l))
    calls = sum(1 for l in lines if b" calls " in l and b" -> " not in l)
    expect_lines = len(lines) + (FACTOR - 1) * (len(lines) - once)
    expect_calls = FACTOR * calls
    budget = per_line * expect_lines

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        gen = subprocess.Popen([sys.executable, scale, source, str(FACTOR)], stdout=subprocess.PIPE)
        child = subprocess.Popen([cli, "stats", "--format=json", "-"], stdin=gen.stdout,
                                 stdout=out, stderr=err)
        gen.stdout.close()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        gen.wait()
        took = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")

    peak = usage.ru_maxrss * 1024
    print("%d lines in %.1f s, peak RSS %.0f MB = %.1f bytes per line (README: about %d, "
          "budget with %d%% slack %.0f MB)"
          % (expect_lines, took, peak / 1e6, peak / expect_lines, per_line,
             round((SLACK - 1) * 100), budget * SLACK / 1e6))
    if child.returncode < 0:
        print("depview-cli was killed by %s\n%s" % (signal.Signals(-child.returncode).name, stderr))
        return 1
    if child.returncode != 0:
        # failing is allowed, with a message; the counts are then not checked
        print("depview-cli refused the dump (exit %d): %s" % (child.returncode, stderr.strip()))
        return 0 if child.returncode == 2 and stderr.strip() else 1
    st = json.loads(stdout)
    failed = 0
    for key, want in (("lines", expect_lines), ("call_edges", expect_calls), ("unreadable_lines", 0)):
        if st[key] != want:
            print("%s: %d, expected %d" % (key, st[key], want))
            failed = 1
    if gen.returncode != 0:
        print("scale-dump failed (exit %d)" % gen.returncode)
        failed = 1
    if peak > budget * SLACK:
        print("peak RSS %.0f MB is over the README's budget (%.0f MB)" % (peak / 1e6, budget * SLACK / 1e6))
        failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main())
