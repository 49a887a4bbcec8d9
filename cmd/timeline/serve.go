package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"syscall"
	"time"

	"timeline/internal/build"
	"timeline/internal/content"
	"timeline/internal/output"
	"timeline/internal/serve"
)

func (c *command) serve(ctx context.Context, args []string) error {
	fs := c.flags("serve")
	src := fs.String("src", ".", "site folder, holding content/, templates/ and static/")
	out := fs.String("out", "public", "output folder to build into and serve")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; keep it on loopback unless you mean to share the preview")
	drafts := fs.Bool("drafts", false, "show entries marked draft: true, marked as drafts (a draft never stops the preview, with or without this flag)")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if err := c.checkOut(*src, *out); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("%s is already in use, perhaps by another timeline serve; stop that one, or preview on another port: timeline serve -addr %s", *addr, nextPort(*addr))
	}
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	defer ln.Close()

	// Serve under the base path of the published site, at this address.
	basePath := "/"
	settings, _ := content.ReadSettings(os.DirFS(*src)) // problems show once the build runs
	if u, err := content.ParseBaseURL(settings.BaseURL); err == nil {
		basePath = u.Path
	}
	base := serve.Address(ln.Addr().String(), basePath)
	srv := serve.New(*src, *out, basePath, build.Options{BaseURL: base, Drafts: *drafts}, c.stdout)
	defer srv.Close()
	if _, err := srv.Rebuild(); errors.Is(err, output.ErrForeign) || errors.Is(err, output.ErrBusy) {
		return err // the output folder is not ours to write, or another build holds it
	}
	watchCtx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	watchDone, err := srv.Watch(watchCtx)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "serving %s at %s (watching content/, templates/ and static/; Ctrl-C to stop)\n", *out, base)

	hs, limited := serve.NewHTTPServer(ln, serve.HostGuard(*addr, ln.Addr().String(), srv))
	done := make(chan error, 1)
	go func() { done <- hs.Serve(limited) }()
	select {
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		stopWatch()
		<-watchDone // let a rebuild in progress finish
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		hs.Shutdown(shutdown) // open event streams end with the timeout
		fmt.Fprintln(c.stdout, "stopped")
	}
	return nil
}

// nextPort suggests the address after addr: "127.0.0.1:8081" for
// "127.0.0.1:8080".
func nextPort(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	n, perr := strconv.Atoi(port)
	if err != nil || perr != nil || n >= 65535 {
		return "127.0.0.1:8081"
	}
	return net.JoinHostPort(host, strconv.Itoa(n+1))
}
