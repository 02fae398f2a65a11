#!/bin/sh
# bench-search.sh — planview's folded search against ripgrep, same corpus,
# same run.
#
# Builds the corpus if missing (N varied plans from the seeds, via
# cmd/gencorpus), times `rg -c QUERY DIR` RUNS times, runs the Go search
# benchmarks on the same folder, and prints the medians and the ratio.
# Then measures the peak RSS of the CLI searching that folder.
#
#   scripts/bench-search.sh             # 1,000 plans, 养老床位
#   N=100 RUNS=51 scripts/bench-search.sh
#
# Needs: go, rg (apt-get install ripgrep), GNU time (optional, for RSS).
set -eu
cd "$(dirname "$0")/.."

N=${N:-1000}
RUNS=${RUNS:-31}
QUERY=${QUERY:-养老床位}
CORPUS=${PLANVIEW_CORPUS_DIR:-${TMPDIR:-/tmp}/planview-corpus}
export PLANVIEW_CORPUS_DIR="$CORPUS"
dir="$CORPUS/n$N"

command -v rg >/dev/null || { echo "bench-search: rg not found (apt-get install ripgrep)" >&2; exit 2; }

if [ ! -f "$dir/.complete" ]; then
	rm -rf "$dir.tmp"
	go run ./cmd/gencorpus -n "$N" -o "$dir.tmp" -seed 1
	touch "$dir.tmp/.complete"
	rm -rf "$dir"
	mv "$dir.tmp" "$dir"
fi
size=$(du -sbL "$dir" | cut -f1)
echo "corpus: $dir ($N plans, $((size / 1000000)) MB); query: $QUERY; $RUNS runs each"

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

rgtimes() {
	i=0
	while [ $i -lt "$RUNS" ]; do
		s=$(date +%s%N)
		rg -c "$QUERY" "$dir" >/dev/null || true
		e=$(date +%s%N)
		echo $(((e - s) / 1000))
		i=$((i + 1))
	done
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rg -c "$QUERY" "$dir" >/dev/null || true # warm the page cache
rgtimes >"$tmp/rg"
go test -run '^$' -bench "^Benchmark(Search|Refine)$N\$" -benchtime "${RUNS}x" -count 1 ./search/ | tee "$tmp/go"
rgtimes >>"$tmp/rg" # before and after the Go run: same conditions

rg_us=$(median <"$tmp/rg")
rg_hits=$(rg -c "$QUERY" "$dir" | awk -F: '{s += $NF} END {print s + 0}')
go_ms=$(awk '/^BenchmarkSearch[0-9]/ {for (i = 1; i <= NF; i++) if ($(i+1) == "ms-median") print $i}' "$tmp/go")
go_hits=$(awk '/^BenchmarkSearch[0-9]/ {for (i = 1; i <= NF; i++) if ($(i+1) == "hits") print $i}' "$tmp/go")
refine_ms=$(awk '/^BenchmarkRefine/ {for (i = 1; i <= NF; i++) if ($(i+1) == "ms-median") print $i}' "$tmp/go")

echo
echo "rg -c $QUERY:           median $(awk -v u="$rg_us" 'BEGIN {printf "%.2f", u / 1000}') ms  ($rg_hits matching lines; rg reads UTF-8/UTF-16 bytes, no folding)"
echo "planview search (folded): median $go_ms ms  ($go_hits hits)"
echo "ratio planview/rg:      $(awk -v g="$go_ms" -v u="$rg_us" 'BEGIN {printf "%.3f", g / (u / 1000)}')   (target <= 0.5)"
echo "refine 养老 -> 养老床:   median $refine_ms ms   (target < 2)"

if [ -x /usr/bin/time ]; then
	go build -o "$tmp/planview" .
	/usr/bin/time -f '%M' -o "$tmp/rss" "$tmp/planview" search --count "$QUERY" --path "$dir" >/dev/null 2>"$tmp/err" || true
	rss=$(tail -1 "$tmp/rss")
	echo "peak RSS of 'planview search --count' on the corpus: $((rss / 1024)) MB ($(awk -v r="$rss" -v s="$size" 'BEGIN {printf "%.2f", r * 1024 / s}') x corpus size)"
fi
