package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"time"

	"timeline/internal/content"
	"timeline/internal/report"
	"timeline/internal/slug"
)

// issue turns an event report (the body of an issue opened with the
// "Report an event" form) into a draft entry, and prints its path. The
// body comes from a file, or from the issue event GitHub Actions writes
// (GITHUB_EVENT_PATH), never from the command line or a shell variable.
func (c *command) issue(args []string) error {
	fs := c.flags("issue")
	src := fs.String("src", ".", "site folder, holding content/")
	event := fs.String("event", "", "GitHub's event file for an issue (the workflow passes $GITHUB_EVENT_PATH)")
	bodyFile := fs.String("body", "", "file holding the issue's body (instead of -event)")
	number := fs.Int("number", 0, "the issue's number, with -body")
	fs.Usage = func() {
		fmt.Fprintln(c.stderr, "usage: timeline issue [-src DIR] (-event FILE | -body FILE [-number N])\n\nWrites a draft entry made from a \"Report an event\" issue and prints its path.")
		fs.PrintDefaults()
	}
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if (*event == "") == (*bodyFile == "") {
		fs.Usage()
		return errUsage
	}
	body, n, err := readReport(*event, *bodyFile)
	if err != nil {
		return err
	}
	if *number != 0 {
		n = *number
	}
	site, ps := content.Load(os.DirFS(*src), content.Options{Drafts: true})
	for _, p := range ps {
		if p.Path == content.ProvincesFile || path.Dir(p.Path) == content.OperationsDir {
			return fmt.Errorf("cannot read the site's lists: %s", p)
		}
	}
	e := report.Draft(report.Parse(body), report.Site{Provinces: site.Provinces, Operations: site.OperationIDs()}, n)
	year := time.Now().Year()
	if e.Date != nil {
		year = e.Date.Year
	}
	name := slug.Shorten(slug.Make(e.Title), maxNewSlug)
	if name == "" {
		name = "event-report"
	}
	if n > 0 {
		name += "-" + strconv.Itoa(n)
	}
	rel, err := freeEntryPath(*src, site, year, name)
	if err != nil {
		return err
	}
	if err := createNew(filepath.Join(*src, filepath.FromSlash(rel)), rel, []byte(e.Text)); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, rel)
	return nil
}

// readReport reads the body (and number) of an issue from GitHub's event
// file, or the body from a file.
func readReport(event, bodyFile string) (string, int, error) {
	if bodyFile != "" {
		data, err := readBounded(bodyFile)
		return string(data), 0, err
	}
	data, err := readBounded(event)
	if err != nil {
		return "", 0, err
	}
	var ev struct {
		Issue *struct {
			Number int    `json:"number"`
			Body   string `json:"body"`
		} `json:"issue"`
	}
	if err := json.Unmarshal(data, &ev); err != nil || ev.Issue == nil {
		return "", 0, fmt.Errorf("%s is not an issue event: %v", event, err)
	}
	return ev.Issue.Body, ev.Issue.Number, nil
}

// readBounded reads a file of at most a few event reports' size.
func readBounded(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 4*report.MaxBody+1))
	if err == nil && len(data) > 4*report.MaxBody {
		err = errors.New(name + " is too large for an event report")
	}
	return data, err
}

// freeEntryPath returns content/entries/YEAR/SLUG.md, with a number added
// when an entry already has that file name.
func freeEntryPath(src string, site *content.Site, year int, slug string) (string, error) {
	taken := map[string]bool{}
	for _, e := range site.Entries {
		taken[e.Slug] = true
	}
	for i := 1; i < 100; i++ {
		s := slug
		if i > 1 {
			s = fmt.Sprintf("%s-%d", slug, i)
		}
		rel := path.Join(content.EntriesDir, fmt.Sprintf("%04d", year), s+".md")
		if _, err := os.Lstat(filepath.Join(src, filepath.FromSlash(rel))); !taken[s] && errors.Is(err, os.ErrNotExist) {
			return rel, nil
		}
	}
	return "", fmt.Errorf("no free file name for %s", slug)
}
