package content

import (
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"go.yaml.in/yaml/v3"

	"timeline/internal/sitefs"
)

var settingsFields = []string{"title", "description", "base_url", "language", "repository", "branch", "gone_publishers", "mirrors"}

// ReadSettings reads content/site.yaml alone, for callers that need the
// settings before (or without) loading the whole site.
func ReadSettings(fsys fs.FS) (Settings, Problems) {
	fsys = sitefs.New(fsys)
	var ps Problems
	s := loadSettings(fsys, &ps)
	return s, ps
}

// ParseBaseURL reads the address a site is published at, from site.yaml or
// a command line, and returns it normalised the one way every part of the
// program uses it: an absolute http(s) URL whose path ends in "/", without
// query or fragment ("https://example.org/timeline?x" becomes
// "https://example.org/timeline/"). Its Path is the site's base path.
func ParseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("base URL %q: want an absolute http(s) URL such as https://example.github.io/timeline/", raw)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.ForceQuery, u.Fragment = "", false, ""
	return u, nil
}

// ParseRepository reads the address of the site's source repository, from
// site.yaml or a command line, and returns it normalised: an absolute
// http(s) URL without a trailing "/", for "edit this page" links to add
// /edit/<branch>/<path> to.
func ParseRepository(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("repository %q: want an absolute http(s) URL such as https://github.com/owner/timeline", raw)
	}
	return strings.TrimSuffix(raw, "/"), nil
}

// loadSettings reads content/site.yaml; what is missing keeps its default.
func loadSettings(fsys fs.FS, ps *Problems) Settings {
	s := Settings{Language: "en", Branch: "main"}
	doc := readDataFile(fsys, SettingsFile, ps)
	if doc == nil {
		return s
	}
	d := &decoder{doc: doc, ps: ps}
	fs := d.fields(doc.root, "", settingsFields)
	if d.require(fs, "title", "title: \"Cambodia's scam-compound crackdowns\"") {
		s.Title = d.text(fs["title"])
	}
	if f, ok := fs["description"]; ok {
		s.Description = d.text(f)
	}
	if d.require(fs, "base_url", "base_url: \"https://example.org/timeline/\"") {
		if raw := d.webURL(fs["base_url"]); raw != "" {
			if u, err := ParseBaseURL(raw); err == nil { // webURL has said what is wrong otherwise
				s.BaseURL = u.String()
			}
		}
	}
	if f, ok := fs["language"]; ok {
		s.Language = d.text(f)
	}
	if f, ok := fs["repository"]; ok && strings.TrimSpace(f.value.Value) != "" {
		if raw := d.webURL(f); raw != "" {
			s.Repository, _ = ParseRepository(raw) // webURL has said what is wrong otherwise
		}
	}
	if f, ok := fs["branch"]; ok {
		s.Branch = d.text(f)
	}
	if f, ok := fs["gone_publishers"]; ok {
		s.Gone = d.gonePublishers(f)
	}
	if f, ok := fs["mirrors"]; ok {
		s.Mirrors = d.texts(f)
	}
	return s
}

// gonePublishers reads the list of publishers whose sites are offline.
func (d *decoder) gonePublishers(f field) []GonePublisher {
	const want = "want a list of publishers, each with host, publisher, since (the day it stopped publishing) and source (the report that says so)"
	if f.value.Kind != yaml.SequenceNode {
		d.errorf(f.value, f.name, "%s, got %s", want, kindName(f.value))
		return nil
	}
	var out []GonePublisher
	d.eachMapping(f, []string{"host", "publisher", "since", "source"}, want+", got %s", func(n *yaml.Node, name string, fs map[string]field) {
		g := GonePublisher{Line: d.doc.line(n)}
		if d.require(fs, "host", "host: vodenglish.news") {
			g.Host = strings.ToLower(d.text(fs["host"]))
			if strings.Contains(g.Host, "/") {
				d.errorf(fs["host"].value, fs["host"].name, "%q is not a host name; write the name alone, as in vodenglish.news", g.Host)
			}
		}
		if d.require(fs, "publisher", "publisher: VOD English") {
			g.Publisher = d.text(fs["publisher"])
		}
		if d.require(fs, "since", "since: 2023-02-13") {
			g.Since, _ = d.date(fs["since"])
		}
		if f, ok := fs["source"]; ok {
			// One source, read as a list of one, with the same rules.
			list := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{f.value}, Line: f.value.Line, Column: f.value.Column}
			if src := d.sources(field{name: f.name, key: f.key, value: list}); len(src) == 1 {
				g.Source = &src[0]
			}
		}
		out = append(out, g)
	})
	return out
}
