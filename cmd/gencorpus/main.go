// Gencorpus writes a synthetic timeline site for benchmarks.
//
// Usage:
//
//	go run ./cmd/gencorpus [-from SITE] [-seed N] N DIR
//	go run ./cmd/gencorpus -hugo [-seed N] N DIR
//
// It copies SITE's settings, operations, pages, templates and static files
// (default: the current folder) into DIR and adds N synthetic entries. With
// -hugo it writes the same entries as a Hugo site with a minimal theme, the
// yardstick of bench/build.sh.
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
	hugo := flag.Bool("hugo", false, "write the entries as a Hugo site instead")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus [-from SITE | -hugo] [-seed N] N DIR")
		os.Exit(2)
	}
	n, err := strconv.Atoi(flag.Arg(0))
	if err != nil || n < 0 {
		fmt.Fprintf(os.Stderr, "gencorpus: N must be a count, got %q\n", flag.Arg(0))
		os.Exit(2)
	}
	write := func() error { return corpus.Write(flag.Arg(1), n, *seed, *from) }
	if *hugo {
		write = func() error { return corpus.WriteHugo(flag.Arg(1), n, *seed) }
	}
	if err := write(); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d entries to %s\n", n, flag.Arg(1))
}
