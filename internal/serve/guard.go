package serve

import (
	"net"
	"net/http"
	"strings"
	"time"

	"golang.org/x/net/netutil"
)

// Limits of the preview server: enough for a contributor's browser tabs,
// small enough that a page on the web, or a script on the machine, cannot
// exhaust it.
const (
	MaxConnections = 256              // open at once; more wait to be accepted
	MaxStreams     = 64               // live-reload event streams open at once
	ReadTimeout    = 30 * time.Second // to read a whole request
	WriteTimeout   = 60 * time.Second // to write a response (event streams excepted)
	IdleTimeout    = 60 * time.Second // a kept-alive connection with no request is closed
)

// NewHTTPServer returns the HTTP server for h with the preview's timeouts,
// and wraps ln so that at most MaxConnections are open at once.
func NewHTTPServer(ln net.Listener, h http.Handler) (*http.Server, net.Listener) {
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
	return hs, netutil.LimitListener(ln, MaxConnections)
}

// HostGuard refuses requests whose Host header is not an address of this
// server: a web page whose own name an attacker has pointed at 127.0.0.1
// ("DNS rebinding") could otherwise read the preview. Accepted are IP
// addresses, "localhost" and names under ".localhost", and the name given
// in -addr, each with the port the server listens on.
func HostGuard(addr, listening string, h http.Handler) http.Handler {
	name, _, _ := net.SplitHostPort(addr)
	_, port, _ := net.SplitHostPort(listening)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hostAllowed(r.Host, name, port) {
			http.Error(w, "this preview answers only to its own address (such as 127.0.0.1 or localhost)", http.StatusMisdirectedRequest)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func hostAllowed(host, name, port string) bool {
	h, p, err := net.SplitHostPort(host)
	if err != nil {
		h, p = strings.Trim(host, "[]"), "80"
	}
	if p != port {
		return false
	}
	h = strings.ToLower(strings.TrimSuffix(h, "."))
	switch {
	case h == "":
		return false
	case net.ParseIP(h) != nil:
		return true
	case h == "localhost" || strings.HasSuffix(h, ".localhost"):
		return true
	}
	return name != "" && net.ParseIP(name) == nil && strings.EqualFold(h, strings.TrimSuffix(name, "."))
}
