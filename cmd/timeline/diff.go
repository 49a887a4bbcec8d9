package main

import (
	"errors"
	"flag"
	"fmt"

	"timeline/internal/content"
	"timeline/internal/diff"
)

// diff compares two versions of the content: folders, or git revisions of
// the repository the site is in.
func (c *command) diff(args []string) error {
	fs := c.flags("diff")
	src := fs.String("src", ".", "site folder; a revision is looked up in its git repository")
	format := fs.String("format", "text", "text, or markdown for a pull request's job summary")
	fs.Usage = func() {
		fmt.Fprintln(c.stderr, "usage: timeline diff [-src DIR] [-format text|markdown] OLD [NEW]\n\nOLD and NEW are site folders or git revisions (main, HEAD~1, a commit); NEW is the site folder when left out.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() < 1 || fs.NArg() > 2 || *format != "text" && *format != "markdown" {
		fs.Usage()
		return errUsage
	}
	sides := []string{fs.Arg(0), *src}
	if fs.NArg() == 2 {
		sides[1] = fs.Arg(1)
	}
	var sites [2]*content.Site
	for i, side := range sides {
		fsys, err := diff.ContentAt(*src, side)
		if err != nil {
			return err
		}
		s, ps := content.Load(fsys, content.Options{Drafts: true})
		if len(ps) > 0 {
			fmt.Fprintf(c.stderr, "timeline diff: %s has %s; run timeline check on it (the comparison is of what could be read)\n", side, content.Quantity(len(ps), "problem", "problems"))
		}
		sites[i] = s
	}
	return diff.Compare(sites[0], sites[1]).Write(c.stdout, *format == "markdown")
}
