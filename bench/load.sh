#!/bin/sh
# Load benchmark on the real etcd dumps and on a 10x dump made from the
# -dumpdep -c one (about 2.6 million lines, 255 MB); sizes (cost-*) next to
# the load with the nm files. Needs ../shared.
set -eu
bench=$1
shared=$2
builddir=$3
need () {
  [ -f "$shared/testdata/$1" ] || { echo "SKIP: no $shared/testdata/$1 (../shared is not here)"; exit 77; }
}
case "${4:-}" in
  etcd-deps)
    need etcd-go1.19.deps.txt.gz
    exec "$bench" "$shared/testdata/etcd-go1.19.deps.txt.gz" 5 ;;
  etcd-calls)
    need etcd-go1.19.deps-and-calls.txt.gz
    exec "$bench" "$shared/testdata/etcd-go1.19.deps-and-calls.txt.gz" 5 ;;
  etcd-go1.26-calls)
    need etcd-go1.26.deps-and-calls.txt.gz
    exec "$bench" "$shared/testdata/etcd-go1.26.deps-and-calls.txt.gz" 5 ;;
  etcd-calls-plain)
    need etcd-go1.19.deps-and-calls.txt.gz
    plain="$builddir/etcd-calls.txt"
    [ -s "$plain" ] || gzip -dc "$shared/testdata/etcd-go1.19.deps-and-calls.txt.gz" > "$plain"
    exec "$bench" "$plain" 5 "$shared/testdata/etcd-go1.19.deps-and-calls.txt.gz" ;;
  etcd-calls-10x)
    need etcd-go1.19.deps-and-calls.txt.gz
    big="$builddir/etcd-calls-10x.txt"
    [ -s "$big" ] || python3 "$shared/tools/scale-dump" "$shared/testdata/etcd-go1.19.deps-and-calls.txt.gz" 10 > "$big"
    # the same text gzipped, made once, for the gzip -dc | wc -l ratio
    [ -s "$big.gz" ] || gzip -c "$big" > "$big.gz"
    exec "$bench" "$big" 3 "$big.gz" ;;
  cost-etcd-go1.19|cost-etcd-go1.26)
    v=${4#cost-etcd-}
    need etcd-$v.deps-and-calls.txt.gz
    need etcd-$v.nm-size.txt.gz
    exec "$bench" "$shared/testdata/etcd-$v.deps-and-calls.txt.gz" "$shared/testdata/etcd-$v.nm-size.txt.gz" 5 ;;
  cost-etcd-calls-10x)
    need etcd-go1.19.deps-and-calls.txt.gz
    need etcd-go1.19.nm-size.txt.gz
    big="$builddir/etcd-calls-10x.txt"
    bignm="$builddir/etcd-nm-10x.txt"
    [ -s "$big" ] || python3 "$shared/tools/scale-dump" "$shared/testdata/etcd-go1.19.deps-and-calls.txt.gz" 10 > "$big"
    # the same copies, every name of copy k prefixed scale<k>/, so each copy has its sizes
    [ -s "$bignm" ] || python3 "$(dirname "$0")/scale-nm" "$shared/testdata/etcd-go1.19.nm-size.txt.gz" 10 > "$bignm"
    exec "$bench" "$big" "$bignm" 3 ;;
esac
echo "usage: load.sh BENCH SHARED BUILDDIR etcd-deps|etcd-calls|etcd-go1.26-calls|etcd-calls-plain|etcd-calls-10x|cost-etcd-go1.19|cost-etcd-go1.26|cost-etcd-calls-10x" >&2
exit 2
