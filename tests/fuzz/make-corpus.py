#!/usr/bin/env python3
"""Cut the fuzzer's seed corpus from the real dumps.

usage: make-corpus.py OUTDIR [SHARED_TESTDATA]

Each seed is a small dump: a hazard line of tests/data/hazards-go1.19.deps.txt
(or a piece of the hello dump, or of the etcd dumps when SHARED_TESTDATA is
given) together with the lines that made its parents live, so that the
parser sees it in the causal order of a real dump. A few seeds are the same
text in other encodings (CRLF, gzip, no final newline) or not a dump at all.
The seeds in tests/fuzz/corpus/ were made with this script; run it again to
refresh them.
"""
import gzip
import os
import sys

SEP = b" -> "
FLAGS = (b" <UsedInIface><ReflectMethod>", b" <ReflectMethod>", b" <UsedInIface>")


def strip_flags(name):
    if name.startswith((b"type..namedata.", b"type:.namedata.")):
        return name
    for f in FLAGS:
        if name.endswith(f):
            return name[: -len(f)]
    return name


def records(lines):
    """(first line index, last line index, parent, target) of each dep line,
    split as the format document says: the left side must be _, empty, or a
    name already printed as a target; raw newlines continue the target."""
    known = set()
    out = []
    for i, line in enumerate(lines):
        splits = []
        start = 0
        while True:
            k = line.find(SEP, start)
            if k < 0:
                break
            left = strip_flags(line[:k])
            if left in (b"_", b"") or left in known:
                splits.append(k)
            start = k + 1
        if not splits:
            if out and out[-1][3].startswith(b"type..namedata.") and b" calls " not in line:
                first, _, parent, target = out[-1]
                out[-1] = (first, i, parent, target + b"\n" + line)
                known.add(strip_flags(out[-1][3]))
            continue
        k = splits[0]
        for s in splits[1:]:
            if strip_flags(line[k + 4 :]) in known and strip_flags(line[s + 4 :]) not in known:
                k = s
        out.append((i, i, strip_flags(line[:k]), line[k + 4 :]))
        known.add(strip_flags(line[k + 4 :]))
    return out


def ancestry(lines, wanted):
    """The line indexes of the records in `wanted` and of every record that
    made one of their parents live, in file order."""
    recs = records(lines)
    by_target = {}
    for r in recs:
        by_target.setdefault(strip_flags(r[3]), r)
    keep = set()
    todo = list(wanted)
    while todo:
        r = todo.pop()
        if r[0] in keep:
            continue
        keep.update(range(r[0], r[1] + 1))
        parent = by_target.get(r[2])
        if parent is not None and parent[0] < r[0]:
            todo.append(parent)
    return sorted(keep)


def seed_lines(lines, pick, limit=60):
    recs = records(lines)
    wanted = [r for r in recs if pick(r)][:limit]
    return b"".join(lines[i] + b"\n" for i in ancestry(lines, wanted))


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    outdir = sys.argv[1]
    shared = sys.argv[2] if len(sys.argv) == 3 else None
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.path.join(here, "..", "data")
    os.makedirs(outdir, exist_ok=True)

    def write(name, blob):
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(blob)

    hello = open(os.path.join(data, "hello-go1.19.deps.txt"), "rb").read().split(b"\n")
    hazards = open(os.path.join(data, "hazards-go1.19.deps.txt"), "rb").read().split(b"\n")
    for ls in (hello, hazards):
        if ls and ls[-1] == b"":
            ls.pop()

    head = b"".join(l + b"\n" for l in hello[:80])
    write("hello-head.txt", head)
    write("hello-main.txt", seed_lines(hello, lambda r: r[2] == b"main.main"))
    write("hello-fprintln.txt", seed_lines(hello, lambda r: r[3] == b"fmt.Fprintln"))
    write("hello-head-crlf.txt", head.replace(b"\n", b"\r\n"))
    write("hello-head-no-final-newline.txt", head.rstrip(b"\n"))
    write("hello-head.txt.gz", gzip.compress(head, mtime=0))
    write("hello-head-truncated.txt.gz", gzip.compress(head, mtime=0)[:-9])
    write("hello-two-sections.txt.gz", gzip.compress(head, mtime=0) * 2)
    write("hello-two-binaries.txt", head + head.replace(b"# example.com/hello", b"# example.com/other", 1))
    write("hello-nul-in-name.txt", head.replace(b"runtime.", b"run\0time.", 3))

    write("hazards-arrow-in-target.txt", seed_lines(hazards, lambda r: SEP in r[3]))
    write("hazards-arrow-in-source.txt", seed_lines(hazards, lambda r: SEP in r[2]))
    write("hazards-raw-newline.txt", seed_lines(hazards, lambda r: b"\n" in r[3]))
    write("hazards-flags.txt", seed_lines(hazards, lambda r: r[3].endswith(b">"), 30))
    write("hazards-empty-from.txt", seed_lines(hazards, lambda r: r[2] == b"", 20))
    write("hazards-self-edges.txt", seed_lines(hazards, lambda r: r[2] == strip_flags(r[3]), 10))
    write("hazards-main.txt", seed_lines(hazards, lambda r: r[2] in (b"main.main", b"main.init")))
    write("hazards-generics.txt", seed_lines(hazards, lambda r: b"[" in r[3] and b"main." in r[3]))
    write("hazards-unicode.txt", seed_lines(hazards, lambda r: any(c >= 0x80 for c in r[3]), 20))
    write("hazards-source.go", open(os.path.join(data, "hazards-go1.19.go"), "rb").read())

    write("not-a-dump-png.bin", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0")
    write("not-a-dump-elf.bin", b"\x7fELF\x02\x01\x01" + b"\0" * 57)
    write("empty-lines.txt", b"\n\n \r\n\t\n")

    if shared:
        calls = gzip.open(os.path.join(shared, "etcd-go1.19.deps-and-calls.txt.gz")).read().split(b"\n")
        if calls[-1] == b"":
            calls.pop()
        first_call = next(i for i, l in enumerate(calls) if b" calls " in l and SEP not in l)
        callers = {l.split(b" calls ", 1)[0] for l in calls[first_call : first_call + 40]}
        deps = seed_lines(calls[:first_call], lambda r: strip_flags(r[3]) in callers or r[2] in callers, 120)
        write("etcd-calls.txt", deps + b"".join(l + b"\n" for l in calls[first_call : first_call + 40])
              + b"".join(l + b"\n" for l in calls[-6:]))
        write("etcd-calls-inside-string.txt",
              seed_lines(calls[:first_call], lambda r: b" calls " in r[3], 10))
        write("etcd-calls-only.txt", b"".join(l + b"\n" for l in calls[first_call : first_call + 60]))
        write("etcd-head.txt", b"".join(l + b"\n" for l in calls[:100]))
        nm = gzip.open(os.path.join(shared, "etcd-go1.19.nm-size.txt.gz")).read().split(b"\n")
        write("not-a-dump-nm.txt", b"".join(l + b"\n" for l in nm[:40]))


if __name__ == "__main__":
    main()
