// Command gencorpus writes a corpus of varied plan files made from the
// embedded seeds, for benchmarks:
//
//	go run ./cmd/gencorpus -n 1000 -o /tmp/corpus-1000
package main

import (
	"flag"
	"fmt"
	"os"

	"planview/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of plan files")
	out := flag.String("o", "", "output folder (created if needed)")
	seed := flag.Int64("seed", 1, "random seed; the same seed gives the same files")
	flag.Parse()
	if *out == "" || *n < 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -n N -o DIR [-seed S]")
		os.Exit(2)
	}
	total, err := corpus.Generate(*out, *n, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	fmt.Printf("%d plans, %.1f MB in %s\n", *n, float64(total)/1e6, *out)
}
