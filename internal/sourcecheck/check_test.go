package sourcecheck

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// publisher is a local server that answers as the sites a check meets do.
func publisher(t *testing.T, agents *sync.Map) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		agents.Store(r.URL.Path, r.Header.Get("User-Agent"))
		w.Write([]byte("<html>article</html>"))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/ok", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/moved-twice", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/moved", http.StatusFound)
	})
	mux.HandleFunc("/moved-to-nothing", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/missing", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusInternalServerError) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<html>"))
		w.(http.Flusher).Flush()
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// closedPort returns an address where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/article"
}

func quickChecker() *Checker {
	c := New()
	c.HostDelay = 0
	c.Timeout = 300 * time.Millisecond
	c.Concurrency = 8
	return c
}

func TestCheckAnswers(t *testing.T) {
	var agents sync.Map
	srv := publisher(t, &agents)
	u := srv.URL
	refused := closedPort(t)
	tests := []struct {
		url     string
		verdict Verdict
		status  int
		final   string
		hops    []Hop
		err     string
	}{
		{u + "/ok", OK, 200, u + "/ok", nil, ""},
		{u + "/moved", Moved, 200, u + "/ok", []Hop{{u + "/moved", 301}}, ""},
		{u + "/moved-twice", Moved, 200, u + "/ok", []Hop{{u + "/moved-twice", 302}, {u + "/moved", 301}}, ""},
		{u + "/moved-to-nothing", Dead, 404, u + "/missing", []Hop{{u + "/moved-to-nothing", 301}}, ""},
		{u + "/missing", Dead, 404, u + "/missing", nil, ""},
		{u + "/gone", Dead, 410, u + "/gone", nil, ""},
		{u + "/broken", Failed, 500, u + "/broken", nil, ""},
		{u + "/slow", Failed, 0, u + "/slow", nil, "timed out after 300ms"},
		{u + "/slow-body", Failed, 0, u + "/slow-body", nil, "timed out after 300ms"},
		{u + "/loop", Failed, 302, u + "/loop", nil, "more than 10 redirects"},
		{refused, Failed, 0, refused, nil, "connection refused"},
	}
	var urls []string
	for _, tt := range tests {
		urls = append(urls, tt.url)
	}
	start := time.Now()
	results := quickChecker().Check(context.Background(), urls)
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("the check took %s: the timeout did not cut the slow answers short", took)
	}
	for i, tt := range tests {
		r := results[i]
		if r.URL != tt.url || r.Verdict != tt.verdict || r.Status != tt.status || r.Final != tt.final || r.Err != tt.err {
			t.Errorf("%s:\ngot  %s %d final %s err %q\nwant %s %d final %s err %q", tt.url, r.Verdict, r.Status, r.Final, r.Err, tt.verdict, tt.status, tt.final, tt.err)
		}
		if tt.url != u+"/loop" && !equalHops(r.Hops, tt.hops) {
			t.Errorf("%s: hops %v, want %v", tt.url, r.Hops, tt.hops)
		}
	}
	if ua, _ := agents.Load("/ok"); ua != DefaultUserAgent {
		t.Errorf("user agent %q, want %q", ua, DefaultUserAgent)
	}
}

func equalHops(a, b []Hop) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestCheckIsPolite checks the pause between requests to one host and the
// bound on requests in flight across hosts.
func TestCheckIsPolite(t *testing.T) {
	var mu sync.Mutex
	var inFlight, most int32
	times := make(map[string][]time.Time)
	handler := func(w http.ResponseWriter, r *http.Request) {
		n := atomic.AddInt32(&inFlight, 1)
		defer atomic.AddInt32(&inFlight, -1)
		mu.Lock()
		most = max(most, n)
		times[r.Host] = append(times[r.Host], time.Now())
		mu.Unlock()
		time.Sleep(30 * time.Millisecond)
	}
	var urls []string
	for range 4 {
		srv := httptest.NewServer(http.HandlerFunc(handler))
		t.Cleanup(srv.Close)
		for j := range 3 {
			urls = append(urls, srv.URL+"/a"+strings.Repeat("x", j))
		}
	}
	c := New()
	c.Concurrency, c.HostDelay, c.Timeout = 2, 100*time.Millisecond, 2*time.Second
	for _, r := range c.Check(context.Background(), urls) {
		if r.Verdict != OK {
			t.Errorf("%s: %s %s", r.URL, r.Verdict, r.Answer())
		}
	}
	if most > 2 {
		t.Errorf("%d requests in flight at once, want at most 2", most)
	}
	if most < 2 {
		t.Errorf("at most %d request in flight: hosts were not checked side by side", most)
	}
	for host, ts := range times {
		if len(ts) != 3 {
			t.Errorf("%s: %d requests, want 3", host, len(ts))
		}
		for i := 1; i < len(ts); i++ {
			if gap := ts[i].Sub(ts[i-1]); gap < 100*time.Millisecond {
				t.Errorf("%s: requests %s apart, want at least 100ms", host, gap)
			}
		}
	}
}

// TestCheckStopsWhenCancelled: addresses not yet checked fail at once.
func TestCheckStopsWhenCancelled(t *testing.T) {
	var agents sync.Map
	srv := publisher(t, &agents)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c := New()
	for _, r := range c.Check(ctx, []string{srv.URL + "/ok", srv.URL + "/missing"}) {
		if r.Verdict != Failed || r.Err == "" {
			t.Errorf("%s: %s %q, want a failure saying why", r.URL, r.Verdict, r.Err)
		}
	}
}
