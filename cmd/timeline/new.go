package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"timeline/internal/content"
	"timeline/internal/slug"
)

// provinceList collects -province flags.
type provinceList []string

func (p *provinceList) String() string     { return strings.Join(*p, ", ") }
func (p *provinceList) Set(v string) error { *p = append(*p, v); return nil }

// maxNewSlug keeps generated file names short; contributors may rename.
const maxNewSlug = 60

// newRequest is what "timeline new" was asked for.
type newRequest struct {
	src, title, date, operation, kind string
	provinces                         provinceList
}

func (c *command) newEntry(args []string) error {
	req, err := c.parseNew(args)
	if err != nil {
		return err
	}
	site, _ := content.Load(os.DirFS(req.src), content.Options{Drafts: true})
	fields, errs := checkNew(req, site)
	if len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(c.stderr, "timeline new: "+e)
		}
		return errReported
	}
	for _, e := range site.Entries {
		if e.Slug == fields.slug {
			return fmt.Errorf("%s already exists with this file name; choose another title, or edit that file", e.Path)
		}
	}
	rel := path.Join(content.EntriesDir, fmt.Sprintf("%04d", fields.date.Year), fields.slug+".md")
	var buf bytes.Buffer
	err = entryTemplate.Execute(&buf, map[string]any{
		"Title": req.title, "Date": fields.date.String(), "Added": later(fields.date, today()).String(), "Operation": req.operation,
		"Provinces": fields.provinces, "Kind": req.kind,
		"Kinds": strings.Join(content.Kinds, ", "), "Figures": strings.Join(content.FigureKeys, ", "),
		"Schema": strings.Repeat("../", strings.Count(rel, "/")) + SchemaFile,
	})
	if err != nil {
		return err
	}
	if err := createNew(filepath.Join(req.src, filepath.FromSlash(rel)), rel, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "created %s (a draft)\nnext: replace every TODO with what your sources say, preview it with: go run ./cmd/timeline serve -drafts\nthen delete the line draft: true and run: go run ./cmd/timeline check\n", rel)
	return nil
}

// parseNew reads the command line of "timeline new": the flags, and the
// title before or after them. It reports every missing flag at once.
func (c *command) parseNew(args []string) (newRequest, error) {
	var req newRequest
	fs := c.flags("new")
	fs.StringVar(&req.src, "src", ".", "site folder, holding content/")
	fs.StringVar(&req.date, "date", "", "date of the event: YYYY-MM-DD, or YYYY-MM when only the month is known (required)")
	fs.StringVar(&req.operation, "operation", "", "id of the operation it belongs to, such as 2025 (required)")
	fs.StringVar(&req.kind, "kind", "", "kind of event: "+strings.Join(content.Kinds, ", "))
	fs.Var(&req.provinces, "province", "a province or alias, such as Kratie or Poipet; repeat for several, or use nationwide (required)")
	fs.Usage = func() {
		fmt.Fprintln(c.stderr, `usage: timeline new "Title" -date 2025-07-15 -operation 2025 -province Kratie [-province ...] [-kind raid]`)
		fs.PrintDefaults()
	}
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return req, err
			}
			return req, errUsage
		}
		if fs.NArg() == 0 {
			break
		}
		if req.title != "" {
			fmt.Fprintf(c.stderr, "timeline new: unexpected argument %q; put the title in quotes\n", fs.Arg(0))
			return req, errUsage
		}
		req.title, rest = fs.Arg(0), fs.Args()[1:]
	}
	var missing []string
	for _, m := range []struct {
		absent bool
		what   string
	}{
		{strings.TrimSpace(req.title) == "", "a title in quotes"}, {req.date == "", "-date"},
		{req.operation == "", "-operation"}, {len(req.provinces) == 0, "-province"},
	} {
		if m.absent {
			missing = append(missing, m.what)
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(c.stderr, "timeline new: missing %s\n", strings.Join(missing, ", "))
		fs.Usage()
		return req, errUsage
	}
	return req, nil
}

// newFields are the checked values a new entry is written with.
type newFields struct {
	date      content.Date
	provinces []string // official names
	slug      string   // file name, without .md
}

// checkNew checks the flags against the site with the rules the entry will
// be checked by, and returns every problem, each naming its flag.
func checkNew(req newRequest, site *content.Site) (newFields, []string) {
	var f newFields
	var errs []string
	var err error
	if f.date, err = content.ParseDate(req.date); err != nil {
		errs = append(errs, "-date: "+err.Error())
	}
	if err := content.CheckOperation(req.operation, site.OperationIDs()); err != nil {
		errs = append(errs, "-operation: "+err.Error())
	}
	for _, p := range req.provinces {
		name, err := content.ProvinceName(site.Provinces, p)
		if err != nil {
			errs = append(errs, "-province: "+err.Error())
			continue
		}
		f.provinces = append(f.provinces, name)
	}
	if err := content.CheckKind(req.kind); err != nil {
		errs = append(errs, "-kind: "+err.Error())
	}
	if f.slug = slug.Shorten(slug.Make(req.title), maxNewSlug); f.slug == "" {
		errs = append(errs, fmt.Sprintf("title %q has no letters or digits to make a file name from", req.title))
	}
	return f, errs
}

// createNew writes a new file at target (rel, for messages), never over an
// existing one.
func createNew(target, rel string, data []byte) error {
	if _, err := os.Stat(target); err == nil || !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s already exists; nothing was written", rel)
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	// O_EXCL: never overwrite, even if the file appeared since the check.
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("create %s: %w", rel, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// entryTemplate is the file "timeline new" writes: every field, each with a
// comment; optional fields are commented out until needed.
var entryTemplate = template.Must(template.New("entry").Parse(`---
# yaml-language-server: $schema={{.Schema}}
# Fill in every TODO from your sources and uncomment the optional fields you
# need. The field reference is in CONTRIBUTING.md.

# A plain, factual headline.
title: {{printf "%q" .Title}}
# YYYY-MM-DD, or YYYY-MM when only the month is known.
date: {{.Date}}
# Last day, for an event over several days.
# end_date: {{.Date}}
# Why the date is uncertain, if it is.
# date_note: "The source gives only 'Wednesday'."
# The operation it belongs to: the name of a file in content/operations/.
operation: "{{.Operation}}"
# Official names or aliases (Poipet, Sihanoukville); nationwide for national events.
provinces: [{{range $i, $p := .Provinces}}{{if $i}}, {{end}}{{$p}}{{end}}]
# Towns, districts, compounds.
places: []
# One of {{.Kinds}}.
kind: {{if .Kind}}{{.Kind}}{{else}}"TODO: one of the kinds above"{{end}}
# One sentence for lists and link previews.
summary: "TODO: one sentence"
# Counts exactly as the source gives them: arrested: 312, foreigners: "1,000+".
# Names: {{.Figures}}.
# A plain count covers this entry's own dates and provinces (for a
# statement or report: a running total up to its date). Say when a value
# covers something else, who gave it and which source:
#   arrested: {value: 3075, source: 1, from: 2025-06-27, as_of: 2025-07-22, area: nationwide, said_by: "Interior Ministry"}
# as_of is a running total up to that day; to ends a closed period.
# Several sources, same value: source: [1, 2]. Sources that disagree about
# the same period and area: a list, one value per source. Tallies at
# different dates: a list, each with its as_of. A note explains a total
# that falls or parts that add up to more than the total.
figures: {}
# [Vietnam, China], or a count for each: {Vietnam: 149, China: 27}
nationalities: []
# For a statement that names the provinces an operation reached:
# reached:
#   - {provinces: [Kratie, Pursat], said_by: "Interior Ministry", source: 1}
# At least one. Cite them in the text by number: [1], [2].
sources:
  - title: "TODO: the article's title as published"
    publisher: "TODO: the outlet; say 'via' when you read a copy elsewhere"
    url: "TODO: https://..."
    # date: {{.Date}}
    # archive: https://web.archive.org/...
tags: []
# A draft stays off the site, and what is still TODO is only a warning, so
# the preview keeps working while you fill it in. Delete this line (or write
# false) when the entry is ready: then every TODO is an error.
draft: true
# The day the entry is added to this record: its "last updated" until it is corrected.
added: {{.Added}}
# After publication, record each change (newest or oldest first, either way):
# corrections:
#   - {date: {{.Added}}, text: "The arrests were 312, not 321.", source: 2}
---
TODO: write what happened in your own words, citing sources by number [1].
`))

// today is the date the command runs, in UTC: the day a new entry is added.
func today() content.Date {
	y, m, d := time.Now().UTC().Date()
	return content.Date{Year: y, Month: int(m), Day: d}
}

// later returns the later of two dates, so that an entry about a future
// day (a scheduled hearing) is not added before its own date.
func later(a, b content.Date) content.Date {
	if a.Before(b) {
		return b
	}
	return a
}
