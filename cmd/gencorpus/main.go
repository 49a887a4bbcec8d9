// Gencorpus writes a synthetic timeline site for benchmarks.
//
// Usage:
//
//	go run ./cmd/gencorpus [-from SITE] N DIR
//
// It copies SITE's settings, operations, pages, templates and static files
// (default: the current folder) into DIR and adds N synthetic entries.
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"

	"timeline/internal/corpus"
)

func main() {
	from := flag.String("from", ".", "site to copy settings, operations and theme from")
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same corpus")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus [-from SITE] [-seed N] N DIR")
		os.Exit(2)
	}
	n, err := strconv.Atoi(flag.Arg(0))
	if err != nil || n < 0 {
		fmt.Fprintf(os.Stderr, "gencorpus: N must be a count, got %q\n", flag.Arg(0))
		os.Exit(2)
	}
	if err := corpus.Write(flag.Arg(1), n, *seed, *from); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d entries to %s\n", n, flag.Arg(1))
}
