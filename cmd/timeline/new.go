package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"

	"timeline/internal/content"
	"timeline/internal/geo"
)

// provinceList collects -province flags.
type provinceList []string

func (p *provinceList) String() string     { return strings.Join(*p, ", ") }
func (p *provinceList) Set(v string) error { *p = append(*p, v); return nil }

// maxNewSlug keeps generated file names short; contributors may rename.
const maxNewSlug = 60

func (c *command) newEntry(args []string) error {
	fs := c.flags("new")
	src := fs.String("src", ".", "site folder, holding content/")
	date := fs.String("date", "", "date of the event: YYYY-MM-DD, or YYYY-MM when only the month is known (required)")
	operation := fs.String("operation", "", "id of the operation it belongs to, such as 2025 (required)")
	kind := fs.String("kind", "", "kind of event: "+strings.Join(content.Kinds, ", "))
	var provinces provinceList
	fs.Var(&provinces, "province", "a province or alias, such as Kratie or Poipet; repeat for several, or use nationwide (required)")
	fs.Usage = func() {
		fmt.Fprintln(c.stderr, `usage: timeline new "Title" -date 2025-07-15 -operation 2025 -province Kratie [-province ...] [-kind raid]`)
		fs.PrintDefaults()
	}
	// The title may come before or after the flags.
	var title string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return errUsage
		}
		if fs.NArg() == 0 {
			break
		}
		if title != "" {
			fmt.Fprintf(c.stderr, "timeline new: unexpected argument %q; put the title in quotes\n", fs.Arg(0))
			return errUsage
		}
		title, rest = fs.Arg(0), fs.Args()[1:]
	}
	var missing []string
	if strings.TrimSpace(title) == "" {
		missing = append(missing, `a title in quotes`)
	}
	if *date == "" {
		missing = append(missing, "-date")
	}
	if *operation == "" {
		missing = append(missing, "-operation")
	}
	if len(provinces) == 0 {
		missing = append(missing, "-province")
	}
	if len(missing) > 0 {
		fmt.Fprintf(c.stderr, "timeline new: missing %s\n", strings.Join(missing, ", "))
		fs.Usage()
		return errUsage
	}

	site, _ := content.Load(os.DirFS(*src), content.Options{Drafts: true})
	var errs []string
	d, err := content.ParseDate(*date)
	if err != nil {
		errs = append(errs, "-date: "+err.Error())
	}
	var opIDs []string
	found := false
	for _, o := range site.Operations {
		opIDs = append(opIDs, o.ID)
		found = found || o.ID == *operation
	}
	if !found {
		errs = append(errs, fmt.Sprintf("-operation: unknown operation %q; known operations: %s", *operation, strings.Join(opIDs, ", ")))
	}
	var names []string
	for _, p := range provinces {
		if strings.EqualFold(p, content.Nationwide) {
			names = append(names, content.Nationwide)
			continue
		}
		pr, ok := site.Provinces.Lookup(p)
		if !ok {
			msg := fmt.Sprintf("-province: unknown province %q", p)
			if s := site.Provinces.Suggest(p); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			errs = append(errs, msg)
			continue
		}
		names = append(names, pr.Name)
	}
	if *kind != "" && !slices.Contains(content.Kinds, *kind) {
		errs = append(errs, fmt.Sprintf("-kind: unknown kind %q; allowed: %s", *kind, strings.Join(content.Kinds, ", ")))
	}
	slug := shortSlug(title)
	if slug == "" {
		errs = append(errs, fmt.Sprintf("title %q has no letters or digits to make a file name from", title))
	}
	if len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(c.stderr, "timeline new: "+e)
		}
		return errReported
	}
	for _, e := range site.Entries {
		if e.Slug == slug {
			return fmt.Errorf("%s already exists with this file name; choose another title, or edit that file", e.Path)
		}
	}
	rel := path.Join(content.EntriesDir, fmt.Sprintf("%04d", d.Year), slug+".md")
	target := filepath.Join(*src, filepath.FromSlash(rel))
	if _, err := os.Stat(target); err == nil || !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s already exists; nothing was written", rel)
	}
	var buf bytes.Buffer
	err = entryTemplate.Execute(&buf, map[string]any{
		"Title": title, "Date": d.String(), "Added": later(d, today()).String(), "Operation": *operation, "Provinces": names, "Kind": *kind,
		"Kinds": strings.Join(content.Kinds, ", "), "Figures": strings.Join(content.FigureKeys, ", "),
		"Schema": strings.Repeat("../", strings.Count(rel, "/")) + SchemaFile,
	})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	// O_EXCL: never overwrite, even if the file appeared since the check.
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("create %s: %w", rel, err)
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "created %s (a draft)\nnext: replace every TODO with what your sources say, preview it with: go run ./cmd/timeline serve -drafts\nthen delete the line draft: true and run: go run ./cmd/timeline check\n", rel)
	return nil
}

// shortSlug makes a file name from a title, cut at a word boundary.
func shortSlug(title string) string {
	s := geo.Slugify(title)
	for len(s) > maxNewSlug {
		i := strings.LastIndexByte(s[:maxNewSlug], '-')
		if i <= 0 {
			s = s[:maxNewSlug]
			break
		}
		s = s[:i]
	}
	return strings.Trim(s, "-")
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
