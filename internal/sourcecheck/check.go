// Package sourcecheck checks over the network that the sources a site cites
// still answer, and writes what it finds as a Markdown report.
//
// It is polite to the publishers it visits: a bounded number of requests at
// once, a pause between two requests to the same host, a timeout on every
// request, and a user agent that names the project. It follows redirects
// itself, so that a report can say where a source moved. Nothing here runs
// during a build: the site stays offline and reproducible.
package sourcecheck

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"syscall"
	"time"
)

// Verdict is what a check concluded about an address.
type Verdict string

const (
	OK     Verdict = "ok"     // answered 2xx at the address itself
	Moved  Verdict = "moved"  // answered 2xx after one or more redirects
	Dead   Verdict = "dead"   // answered 404 or 410, or its host no longer exists
	Failed Verdict = "failed" // could not tell: a server error, a refusal, a timeout
)

// Hop is one redirect followed.
type Hop struct {
	URL    string // the address that answered with a redirect
	Status int    // 301, 302, 303, 307 or 308
}

// Result is the outcome of checking one address.
type Result struct {
	URL     string
	Verdict Verdict
	Status  int    // the last answer's status; 0 when there was none
	Final   string // the address of the last answer (URL when no redirect)
	Hops    []Hop  // the redirects followed, in order
	Err     string // why there was no answer: "timed out after 20s", "connection refused"
}

// Answer describes the result for readers: "404 Not Found", "timed out after 20s".
func (r Result) Answer() string {
	if r.Err != "" {
		return r.Err
	}
	return fmt.Sprintf("%d %s", r.Status, http.StatusText(r.Status))
}

// Checker checks addresses. Its zero value is not usable: use New.
type Checker struct {
	Client       *http.Client  // with no redirects followed (New sets one)
	UserAgent    string        // sent with every request
	Concurrency  int           // requests in flight at once, across all hosts
	HostDelay    time.Duration // pause between two requests to the same host
	Timeout      time.Duration // for one address, redirects and reading included
	MaxRedirects int           // more than this is a failure
}

// DefaultUserAgent names the checker and where to read about it.
const DefaultUserAgent = "timeline-source-check/1 (checks that cited sources still answer; one request per source each week)"

// New returns a checker with polite defaults: 4 requests at once, 2
// seconds between two requests to a host, 20 seconds per address, and 10
// redirects at most.
func New() *Checker {
	return &Checker{
		Client: &http.Client{
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		UserAgent: DefaultUserAgent, Concurrency: 4, HostDelay: 2 * time.Second,
		Timeout: 20 * time.Second, MaxRedirects: 10,
	}
}

// Check checks every address and returns the results in the order given.
// Addresses on one host are checked one after another, HostDelay apart;
// hosts are checked side by side, at most Concurrency requests at once.
// When ctx ends, the addresses not yet checked fail with its error.
func (c *Checker) Check(ctx context.Context, urls []string) []Result {
	results := make([]Result, len(urls))
	byHost := make(map[string][]int)
	var hosts []string
	for i, u := range urls {
		h := hostOf(u)
		if _, ok := byHost[h]; !ok {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], i)
	}
	slots := make(chan struct{}, max(1, c.Concurrency))
	var wg sync.WaitGroup
	for _, h := range hosts {
		wg.Go(func() {
			for n, i := range byHost[h] {
				if ctx.Err() != nil || n > 0 && !sleep(ctx, c.HostDelay) {
					results[i] = Result{URL: urls[i], Final: urls[i], Verdict: Failed, Err: "not checked: " + ctx.Err().Error()}
					continue
				}
				select {
				case slots <- struct{}{}:
				case <-ctx.Done():
					results[i] = Result{URL: urls[i], Final: urls[i], Verdict: Failed, Err: "not checked: " + ctx.Err().Error()}
					continue
				}
				results[i] = c.checkOne(ctx, urls[i])
				<-slots
			}
		})
	}
	wg.Wait()
	return results
}

func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return p.Host
}

// sleep waits d, or until ctx ends (false).
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// checkOne requests u, following redirects up to MaxRedirects.
func (c *Checker) checkOne(ctx context.Context, u string) Result {
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	r := Result{URL: u, Final: u}
	for {
		status, location, err := c.get(ctx, r.Final)
		if err != nil {
			r.Verdict, r.Err = Failed, c.describe(err)
			if isNoSuchHost(err) {
				r.Verdict = Dead
			}
			return r
		}
		r.Status = status
		if !isRedirect(status) || location == "" {
			break
		}
		if len(r.Hops) == c.MaxRedirects {
			r.Verdict, r.Err = Failed, fmt.Sprintf("more than %d redirects", c.MaxRedirects)
			return r
		}
		next, err := url.Parse(r.Final)
		if err == nil {
			next, err = next.Parse(location)
		}
		if err != nil || (next.Scheme != "http" && next.Scheme != "https") {
			r.Verdict, r.Err = Failed, fmt.Sprintf("%d redirect to an unusable address %q", status, location)
			return r
		}
		r.Hops = append(r.Hops, Hop{URL: r.Final, Status: status})
		r.Final = next.String()
	}
	switch {
	case r.Status >= 200 && r.Status < 300 && len(r.Hops) == 0:
		r.Verdict = OK
	case r.Status >= 200 && r.Status < 300:
		r.Verdict = Moved
	case r.Status == http.StatusNotFound || r.Status == http.StatusGone:
		r.Verdict = Dead
	default:
		r.Verdict = Failed
	}
	return r
}

// get makes one request and returns the status and the Location header.
// It reads a little of the body, so that a server that stalls after its
// headers still counts against the timeout, and no more.
func (c *Checker) get(ctx context.Context, u string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("User-Agent", c.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	resp, err := c.Client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	if _, err := io.CopyN(io.Discard, resp.Body, 16<<10); err != nil && !errors.Is(err, io.EOF) {
		return 0, "", err
	}
	return resp.StatusCode, resp.Header.Get("Location"), nil
}

func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

func isNoSuchHost(err error) bool {
	var dns *net.DNSError
	return errors.As(err, &dns) && dns.IsNotFound
}

// describe turns a request error into a short phrase for the report.
func (c *Checker) describe(err error) string {
	var dns *net.DNSError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("timed out after %s", c.Timeout)
	case errors.As(err, &dns) && dns.IsNotFound:
		return "host not found: " + dns.Name
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}
