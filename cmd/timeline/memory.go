package main

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// memoryFloor is the soft memory limit for small and medium sites: near it
// the garbage collector works harder, so that a 10,000-entry build stays
// under 150 MiB instead of letting its heap grow to twice what it uses. It
// never makes a build fail. GOMEMLIMIT, when set, replaces all of this.
const memoryFloor = 120 << 20

// liveHeapFactor is how far above the live heap the limit is kept. A limit
// at or under the live heap would have the collector run without pause
// (a 50,000-entry site took twice as long for it); with this headroom a
// large site costs memory in proportion to its size, and time too.
const liveHeapFactor = 1.3

// governMemory sets the soft memory limit and then, in a goroutine until
// ctx ends, raises it whenever the live heap (as the last collection
// measured it) grows past what the limit leaves room for.
func governMemory(ctx context.Context) {
	debug.SetMemoryLimit(memoryFloor)
	go raiseMemoryLimit(ctx, memoryFloor)
}

func raiseMemoryLimit(ctx context.Context, limit int64) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		if want := int64(float64(sample[0].Value.Uint64()) * liveHeapFactor); want > limit {
			limit = want
			debug.SetMemoryLimit(limit)
		}
	}
}

// startCPUProfile profiles the process into the file at path until the
// returned function is called.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
