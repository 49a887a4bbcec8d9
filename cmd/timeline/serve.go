package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"time"

	"timeline/internal/build"
	"timeline/internal/content"
	"timeline/internal/serve"
)

func (c *command) serve(ctx context.Context, args []string) error {
	fs := c.flags("serve")
	src := fs.String("src", ".", "site folder, holding content/, templates/ and static/")
	out := fs.String("out", "public", "output folder to build into and serve")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; keep it on loopback unless you mean to share the preview")
	drafts := fs.Bool("drafts", false, "include entries marked draft: true")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	defer ln.Close()

	// Serve under the same base path as the published site, at this address.
	settings, problems := content.Load(os.DirFS(*src), content.Options{})
	basePath := "/"
	if u, err := url.Parse(settings.Settings.BaseURL); err == nil && u.Path != "" {
		basePath = u.Path
	}
	base := "http://" + ln.Addr().String() + basePath
	if len(problems) > 0 {
		c.report(*src, problems, "error")
		return errReported
	}
	n, err := c.buildTo(*src, *out, build.Options{BaseURL: base, Drafts: *drafts})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "built %d pages; serving %s at %s (Ctrl-C to stop)\n", n, *out, base)

	srv := &http.Server{Handler: serve.Handler(*out, basePath), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, "stopped")
	}
	return nil
}
