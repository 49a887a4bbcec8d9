package parallel

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
)

func TestForCallsEachIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		calls := make([]atomic.Int32, n)
		For(n, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("n=%d: index %d called %d times, want 1", n, i, c)
			}
		}
	}
}

func TestForBoundsConcurrency(t *testing.T) {
	var running, peak atomic.Int32
	For(200, func(int) {
		r := running.Add(1)
		for {
			p := peak.Load()
			if r <= p || peak.CompareAndSwap(p, r) {
				break
			}
		}
		runtime.Gosched()
		running.Add(-1)
	})
	if p, max := peak.Load(), int32(runtime.GOMAXPROCS(0)); p > max {
		t.Errorf("%d calls ran at once, more than GOMAXPROCS=%d", p, max)
	}
}

func TestForErrReturnsLowestFailure(t *testing.T) {
	err := ForErr(100, func(i int) error {
		if i == 40 || i == 90 {
			return fmt.Errorf("item %d", i)
		}
		return nil
	})
	if err == nil || err.Error() != "item 40" {
		t.Errorf("ForErr = %v, want item 40", err)
	}
	if err := ForErr(10, func(int) error { return nil }); err != nil {
		t.Errorf("ForErr with no failure = %v", err)
	}
	sentinel := errors.New("x")
	if err := ForErr(1, func(int) error { return sentinel }); !errors.Is(err, sentinel) {
		t.Errorf("ForErr(1) = %v, want the sentinel", err)
	}
}

// TestForPanicsInCaller: a call that panics in a worker makes For panic in
// its caller's goroutine, where it can be recovered, with the worker's
// value and stack.
func TestForPanicsInCaller(t *testing.T) {
	defer func() {
		p, ok := recover().(*Panic)
		if !ok || p.Value != "bad input 7" || !strings.Contains(string(p.Stack), "parallel_test.go") {
			t.Fatalf("recovered %#v", p)
		}
	}()
	For(100, func(i int) {
		if i == 7 {
			panic("bad input 7")
		}
	})
	t.Fatal("For returned after a call panicked")
}
