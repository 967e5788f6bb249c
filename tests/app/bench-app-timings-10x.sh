#!/bin/sh
# The app timing benchmark on the 10x dump (the etcd -dumpdep -c dump made
# ten times over by scale-dump) with matching sizes, every view measured,
# and the compare view against the real etcd go1.26 build with its sizes.
# The big files are made once, in the build directory. Needs ../shared.
# usage: bench-app-timings-10x.sh RUN-UNDER-XVFB BENCH SHARED BUILDDIR SCALE-NM
set -eu
xvfb=$1
bench=$2
shared=$3
builddir=$4
scale_nm=$5
for f in etcd-go1.19.deps-and-calls.txt.gz etcd-go1.19.nm-size.txt.gz \
         etcd-go1.26.deps-and-calls.txt.gz etcd-go1.26.nm-size.txt.gz; do
  [ -f "$shared/testdata/$f" ] || { echo "SKIP: no $shared/testdata/$f (../shared is not here)"; exit 77; }
done
big="$builddir/etcd-calls-10x.txt"
bignm="$builddir/etcd-nm-10x.txt"
[ -s "$big" ] || python3 "$shared/tools/scale-dump" "$shared/testdata/etcd-go1.19.deps-and-calls.txt.gz" 10 > "$big"
[ -s "$bignm" ] || python3 "$scale_nm" "$shared/testdata/etcd-go1.19.nm-size.txt.gz" 10 > "$bignm"
export DEPVIEW_BENCH_SIZES="$bignm"
export DEPVIEW_BENCH_VIEWS=1
export DEPVIEW_BENCH_COMPARE="$shared/testdata/etcd-go1.26.deps-and-calls.txt.gz:$shared/testdata/etcd-go1.26.nm-size.txt.gz"
exec "$xvfb" "$bench" "$big" encoding/json.Marshal
