// Package parallel runs independent pieces of work on every core: the
// loading of entries and the rendering of pages. The number of goroutines is
// bounded by GOMAXPROCS, so a build never runs more at once than the machine
// (or the container's CPU quota, which Go reads) allows.
package parallel

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// For calls fn(i) for every i in [0, n), on up to GOMAXPROCS goroutines, and
// returns when all calls have returned. Calls must not depend on each other;
// they may run in any order.
func For(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var crash atomic.Pointer[Panic]
	for range workers {
		wg.Go(func() {
			defer func() {
				if v := recover(); v != nil {
					crash.CompareAndSwap(nil, &Panic{Value: v, Stack: debug.Stack()})
					next.Store(int64(n)) // stop handing out work
				}
			}()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
	if p := crash.Load(); p != nil {
		panic(p)
	}
}

// Panic is what For panics with, in the caller's goroutine, when a call
// panicked in a worker: a program can then recover it in one place, and
// report the bug instead of crashing.
type Panic struct {
	Value any    // what the call panicked with
	Stack []byte // the worker's stack at the panic
}

func (p *Panic) Error() string { return fmt.Sprintf("%v\n\n%s", p.Value, p.Stack) }

// ForErr is For for work that can fail. Every call runs; it returns the
// error of the lowest i that failed, so the same broken input gives the same
// message whatever the scheduling.
func ForErr(n int, fn func(i int) error) error {
	errs := make([]error, n)
	For(n, func(i int) { errs[i] = fn(i) })
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
