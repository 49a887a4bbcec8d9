// Feeds of the newest entries: Atom (feed.xml) and JSON Feed (feed.json),
// and the sitemap and robots.txt that point crawlers at every page.

package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"time"

	"timeline/internal/content"
)

// FeedSize is how many of the newest entries the feeds (Atom and JSON Feed)
// carry.
const FeedSize = 50

// Abs returns the absolute URL of a site-relative URL.
func (s *Site) Abs(u string) string { return s.BaseURL + u }

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Link    atomLink `xml:"link"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary,omitempty"`
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Links    []atomLink  `xml:"link"`
	Updated  string      `xml:"updated"`
	Author   string      `xml:"author>name"`
	Entries  []atomEntry `xml:"entry"`
}

// newestFirst returns up to n entries, newest first.
func newestFirst(entries []*content.Entry, n int) []*content.Entry {
	out := make([]*content.Entry, 0, min(n, len(entries)))
	for i := len(entries) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, entries[i])
	}
	return out
}

func atomTime(d content.Date) string { return d.Time().Format(time.RFC3339) }

// Atom returns the Atom feed of the newest entries. Its dates come from the
// entries, never from the clock, so the same content gives the same feed.
func (s *Site) Atom() ([]byte, error) {
	f := atomFeed{
		Title:    s.Content.Settings.Title,
		Subtitle: s.Content.Settings.Description,
		ID:       s.BaseURL,
		Links: []atomLink{
			{Href: s.Abs("feed.xml"), Rel: "self", Type: "application/atom+xml"},
			{Href: s.BaseURL, Rel: "alternate", Type: "text/html"},
		},
		Updated: "2000-01-01T00:00:00Z",
		Author:  s.Content.Settings.Title,
	}
	for _, e := range newestFirst(s.Content.Entries, FeedSize) {
		u := s.Abs(EntryURL(e))
		f.Entries = append(f.Entries, atomEntry{
			Title: e.Title, ID: u, Link: atomLink{Href: u}, Updated: atomTime(e.Date), Summary: e.Summary,
		})
	}
	if len(f.Entries) > 0 {
		f.Updated = f.Entries[0].Updated
	}
	return marshalXML(f)
}

type sitemapURL struct {
	Loc string `xml:"loc"`
}

type sitemap struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

// Sitemap returns sitemap.xml listing every page but the 404 page.
func (s *Site) Sitemap() ([]byte, error) {
	var m sitemap
	for _, p := range s.Pages {
		if p.Template == "404.html" {
			continue
		}
		m.URLs = append(m.URLs, sitemapURL{Loc: s.Abs(p.URL)})
	}
	return marshalXML(m)
}

// Robots returns robots.txt: everything may be crawled; the sitemap is named.
func (s *Site) Robots() []byte {
	return fmt.Appendf(nil, "User-agent: *\nAllow: /\n\nSitemap: %s\n", s.Abs("sitemap.xml"))
}

func marshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode xml: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

type jsonFeedItem struct {
	ID            string   `json:"id"`
	URL           string   `json:"url"`
	Title         string   `json:"title"`
	Summary       string   `json:"summary,omitempty"`
	ContentText   string   `json:"content_text"`
	DatePublished string   `json:"date_published"`
	Tags          []string `json:"tags,omitempty"`
}

type jsonFeed struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Description string         `json:"description,omitempty"`
	Language    string         `json:"language,omitempty"`
	Items       []jsonFeedItem `json:"items"`
}

// JSONFeed returns feed.json (JSON Feed 1.1) of the newest entries.
func (s *Site) JSONFeed() ([]byte, error) {
	f := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: s.Content.Settings.Title, HomePageURL: s.BaseURL,
		FeedURL: s.Abs("feed.json"), Description: s.Content.Settings.Description, Language: s.Content.Settings.Language, Items: []jsonFeedItem{}}
	for _, e := range newestFirst(s.Content.Entries, FeedSize) {
		u := s.Abs(EntryURL(e))
		text := e.Summary
		if text == "" {
			text = e.Title
		}
		f.Items = append(f.Items, jsonFeedItem{ID: u, URL: u, Title: e.Title, Summary: e.Summary, ContentText: text,
			DatePublished: atomTime(e.Date), Tags: e.Tags})
	}
	return marshalJSON(f)
}
