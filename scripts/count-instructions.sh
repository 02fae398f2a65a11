#!/usr/bin/env bash
# Instructions the loader's stages execute (decode, clean, build) on a
# corpus of N generated plans, counted by valgrind's cachegrind: a figure
# that repeats to about 0.1% on a machine whose timings swing by ±15%.
# Compare two versions by running it in each checkout.
#
#   scripts/count-instructions.sh [N]      (N plans, default 200)
#
# The count is of one test-binary run of BenchmarkStages1000 with
# -benchtime 2x (three passes over the corpus, with start-up), on one
# core with the collector off, so that neither scheduling nor collection
# varies. It leaves out what instructions do not show: page faults, cache
# misses, system calls. Time those with scripts/bench-load.sh.
#
# Needs: go, valgrind (apt-get install valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "count-instructions: valgrind not found (apt-get install valgrind)" >&2; exit 2; }
n=${1:-200}
dir=${PLANVIEW_CORPUS:-/tmp/planview-corpus-$n}
if [ ! -d "$dir" ] || [ "$(ls "$dir" | wc -l)" -ne "$n" ]; then
  rm -rf "$dir"
  go run ./cmd/gencorpus -n "$n" -o "$dir" >/dev/null
fi
bin=$(mktemp -d)/loader.test
trap 'rm -rf "$(dirname "$bin")"' EXIT
go test -c -o "$bin" ./loader
out=$(GOMAXPROCS=1 GOGC=off PLANVIEW_CORPUS=$dir valgrind --tool=cachegrind --cache-sim=no \
  --cachegrind-out-file=/dev/null "$bin" -test.run '^$' -test.bench 'BenchmarkStages1000$' -test.benchtime 2x 2>&1)
echo "corpus:       $dir, $n files, $(( $(du -sb "$dir" | cut -f1) / 1000000 )) MB"
echo "instructions: $(echo "$out" | sed -nE 's/.*I +refs: +//p')"
