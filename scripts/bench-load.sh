#!/usr/bin/env bash
# Loading speed and memory against cat, on a generated corpus of 1,000 plans.
#
#   scripts/bench-load.sh [N]      (N plans, default 1000)
#
# Generates the corpus once into $PLANVIEW_CORPUS (default
# /tmp/planview-corpus-N), times `cat` over it, runs BenchmarkLoad1000 on it,
# and prints both times and the ratio. The benchmark also reports peak heap
# and peak RSS against the size of the files.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
dir=${PLANVIEW_CORPUS:-/tmp/planview-corpus-$n}
if [ ! -d "$dir" ] || [ "$(ls "$dir" | wc -l)" -ne "$n" ]; then
  rm -rf "$dir"
  go run ./cmd/gencorpus -n "$n" -o "$dir"
fi
size=$(du -sb "$dir" | cut -f1)
cat "$dir"/*.txt > /dev/null # warm the page cache
best=
for _ in 1 2 3; do
  s=$(date +%s%N); cat "$dir"/*.txt > /dev/null; e=$(date +%s%N)
  t=$(( (e - s) / 1000 ))
  if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
done
echo "corpus: $dir, $n files, $((size / 1000000)) MB"
echo "cat:    $((best / 1000)).$(( (best % 1000) / 100 )) ms (best of 3)"
out=$(PLANVIEW_CORPUS=$dir go test ./loader -run '^$' -bench 'BenchmarkLoad1000$' -benchtime 10x -count 1)
echo "$out" | grep -E '^Benchmark'
load_ns=$(echo "$out" | awk '/^BenchmarkLoad1000/ {print $3}')
awk -v l="$load_ns" -v c="$best" 'BEGIN { printf "load:   %.1f ms = %.1fx cat\n", l / 1e6, (l / 1e3) / c }'
