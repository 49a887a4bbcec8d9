package serve

import (
	"fmt"
	"io"
	"net/http"
	"time"
)

func (s *Server) broadcast(v uint64) {
	s.subsMu.Lock()
	defer s.subsMu.Unlock()
	for ch := range s.subs {
		select {
		case ch <- v:
		default: // a slow client gets the next version instead
		}
	}
}

func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming not supported", http.StatusInternalServerError)
		return
	}
	ch := make(chan uint64, 1)
	s.subsMu.Lock()
	if len(s.subs) >= MaxStreams {
		s.subsMu.Unlock()
		w.Header().Set("Retry-After", "5")
		http.Error(w, "too many live-reload streams open; close some tabs of the preview", http.StatusServiceUnavailable)
		return
	}
	s.subs[ch] = struct{}{}
	s.subsMu.Unlock()
	// An event stream stays open for as long as the page: lift the
	// server's write timeout for it alone.
	http.NewResponseController(w).SetWriteDeadline(time.Time{})
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	defer func() {
		s.subsMu.Lock()
		delete(s.subs, ch)
		s.subsMu.Unlock()
	}()
	fmt.Fprintf(w, "retry: 500\ndata: %d\n\n", s.Version())
	flusher.Flush()
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case v := <-ch:
			fmt.Fprintf(w, "data: %d\n\n", v)
			flusher.Flush()
		case <-keepAlive.C:
			io.WriteString(w, ": keep-alive\n\n")
			flusher.Flush()
		}
	}
}
