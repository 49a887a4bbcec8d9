package content

import (
	"strings"
	"testing"
)

const durableSettings = `title: Test
base_url: https://example.org/timeline/
gone_publishers:
  - host: gone.example
    publisher: Gone News
    since: 2023-02-13
    source: {title: "Gone News closes", publisher: "Watchdog", url: "https://watchdog.example/gone", date: 2023-02-13}
mirrors: [copies.example]
`

func TestLintSources(t *testing.T) {
	const p = "content/entries/2025/snuol-raid.md"
	const field = p + ":12: sources[1].url: "
	entry := func(url, publisher, archive string) string {
		e := strings.Replace(goodEntry, "https://example.org/report", url, 1)
		e = strings.Replace(e, `"Example News"`, publisher, 1)
		if archive != "" {
			e = strings.Replace(e, "    date: 2025-07-17", "    date: 2025-07-17\n    archive: "+archive, 1)
		}
		return e
	}
	const keep = `; cite the article's own address (keep "(via …)" in publisher if a copy is what you read)`
	tests := []struct {
		name, entry, want string
	}{
		{"an article", entry("https://example.org/2025/07/17/raid", "Example News", ""), ""},
		{"gone publisher without archive", entry("https://gone.example/raid/", "Gone News", ""),
			field + `Gone News (gone.example) stopped publishing on 13 February 2023 and this source has no archive; look for a saved copy at https://web.archive.org/web/20250717/https://gone.example/raid/ and add its address as archive: (CONTRIBUTING.md, "Archived copies")` + "\n"},
		{"gone publisher, subdomain", entry("https://www.en.gone.example/raid/", "Gone News", ""),
			field + `Gone News (gone.example) stopped publishing on 13 February 2023 and this source has no archive; look for a saved copy at https://web.archive.org/web/20250717/https://www.en.gone.example/raid/ and add its address as archive: (CONTRIBUTING.md, "Archived copies")` + "\n"},
		{"gone publisher with archive", entry("https://gone.example/raid/", "Gone News", "https://web.archive.org/web/20230101000000/https://gone.example/raid/"), ""},
		{"a host that merely ends alike", entry("https://notgone.example/raid/", "Other", ""), ""},
		{"image endpoint", entry("https://rfa.example/news/raid.html/@@images/image/social_media", "RFA", ""),
			field + "https://rfa.example/news/raid.html/@@images/image/social_media points at an image, not at the article" + keep + "\n"},
		{"image file", entry("https://example.org/photos/raid.JPG", "Example News", ""),
			field + "https://example.org/photos/raid.JPG points at an image, not at the article" + keep + "\n"},
		{"hashtag listing", entry("https://example.org/en/hashtag/JacobSims", "Example News", ""),
			field + "https://example.org/en/hashtag/JacobSims points at a tag listing, not at the article" + keep + "\n"},
		{"category listing, page 10", entry("https://example.org/category/justice/page/10/", "Example News", ""),
			field + "https://example.org/category/justice/page/10/ points at a category listing, not at the article" + keep + "\n"},
		{"article filed under a category", entry("https://example.org/category/world/2026/01/23/title", "Example News", ""), ""},
		{"search by query", entry("https://example.org/?s=scam", "Example News", ""),
			field + "https://example.org/?s=scam points at a search page, not at the article" + keep + "\n"},
		{"search page", entry("https://example.org/search?keyword=scam", "Example News", ""),
			field + "https://example.org/search?keyword=scam points at a search page, not at the article" + keep + "\n"},
		{"post number is not a search", entry("https://example.org/?p=2380", "Example News", ""), ""},
		{"mirror named with via", entry("https://test.copies.example/en/article/4919", `"AFP (via copies.example)"`, ""),
			field + `copies.example copies other publishers' articles and its copies come and go; cite the original article if you can find it, or add an archive: of this copy (CONTRIBUTING.md, "Archived copies")` + "\n"},
		{"mirror passed off as the publisher", entry("https://copies.example/en/article/4919", "AFP", ""),
			field + `copies.example copies other publishers' articles and its copies come and go; cite the original article if you can find it, or name the original publisher with "(via copies.example)" in publisher and add an archive: of this copy (CONTRIBUTING.md, "Archived copies")` + "\n"},
		{"mirror with archive", entry("https://copies.example/en/article/4919", `"AFP (via copies.example)"`, "https://archive.ph/abcde"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := siteFS(t, map[string]string{p: tt.entry})
			fsys["content/site.yaml"].Data = []byte(durableSettings)
			s, ps := Load(fsys, Options{})
			if len(ps) > 0 {
				t.Fatalf("unexpected problems:\n%s", problemLines(ps))
			}
			if g := s.Settings.Gone; len(g) != 1 || g[0].Source == nil || g[0].Source.URL != "https://watchdog.example/gone" || g[0].Line != 4 {
				t.Fatalf("gone_publishers read as %+v", g)
			}
			if got := problemLines(Lint(s)); got != tt.want {
				t.Errorf("Lint:\ngot:\n%swant:\n%s", got, tt.want)
			}
		})
	}
}

func TestGonePublisherSettingsProblems(t *testing.T) {
	fsys := siteFS(t, nil)
	fsys["content/site.yaml"].Data = []byte("title: Test\nbase_url: https://example.org/\ngone_publishers:\n  - host: https://gone.example/\n    publisher: Gone\n    since: 2023-13-01\n    source: {title: Closed, publisher: Watchdog, url: \"ftp://watchdog.example/\"}\n")
	_, ps := Load(fsys, Options{})
	got := problemLines(ps)
	for _, want := range []string{
		"content/site.yaml:4: gone_publishers[1].host: \"https://gone.example/\" is not a host name",
		"content/site.yaml:6: gone_publishers[1].since: \"2023-13-01\" has no month 13",
		"content/site.yaml:7: gone_publishers[1].source[1].url: ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
}

func TestArchiveLink(t *testing.T) {
	day, month := &Date{2025, 7, 17}, &Date{2023, 2, 0}
	tests := []struct {
		src  Source
		want string
	}{
		{Source{URL: "https://example.org/a?x=1", Date: day}, "https://web.archive.org/web/20250717/https://example.org/a?x=1"},
		{Source{URL: "https://example.org/a#part", Date: month}, "https://web.archive.org/web/202302/https://example.org/a"},
		{Source{URL: "http://example.org/a"}, "https://web.archive.org/web/http://example.org/a"},
		{Source{URL: "https://example.org/a", Date: day, Archive: "https://archive.ph/x"}, "https://archive.ph/x"},
	}
	// An undated source on a publisher that stopped publishing: the day before
	// it went, so that the nearest capture is of the article.
	set := Settings{Gone: []GonePublisher{{Host: "gone.example", Publisher: "Gone", Since: Date{2023, 3, 1}}}}
	for src, want := range map[Source]string{
		{URL: "https://gone.example/a"}:              "https://web.archive.org/web/20230228/https://gone.example/a",
		{URL: "https://gone.example/a", Date: month}: "https://web.archive.org/web/202302/https://gone.example/a",
		{URL: "https://other.example/a"}:             "https://web.archive.org/web/https://other.example/a",
	} {
		if got := set.ArchiveLink(src); got != want {
			t.Errorf("%+v: ArchiveLink() = %q, want %q", src, got, want)
		}
	}
	for _, tt := range tests {
		if got := (Settings{}).ArchiveLink(tt.src); got != tt.want {
			t.Errorf("%+v: ArchiveLink() = %q, want %q", tt.src, got, tt.want)
		}
		if got := tt.src.ArchiveGiven(); got != (tt.src.Archive != "") {
			t.Errorf("%+v: ArchiveGiven() = %v", tt.src, got)
		}
	}
}

// FuzzSourceAddress checks, for any address and date, that the Wayback
// address keeps the page's address whole (less any fragment) after a
// timestamp of the date's digits, and that judging the address never
// panics.
func FuzzSourceAddress(f *testing.F) {
	f.Add("https://vodenglish.news/category/justice/page/10/", 2022, 9, 0)
	f.Add("http://rfa.org/a.html/@@images/image/social_media#x", 2024, 10, 3)
	f.Add("https://example.org/?s=scam", 0, 0, 0)
	f.Fuzz(func(t *testing.T, u string, y, m, d int) {
		_ = notTheArticle(u)
		_ = Host(u)
		var date *Date
		if y >= minYear && y <= maxYear && m >= 1 && m <= 12 && d >= 0 && d <= 28 {
			date = &Date{y, m, d}
		}
		got := WaybackURL(u, date)
		page, _, _ := strings.Cut(u, "#")
		if !strings.HasPrefix(got, WaybackPrefix) || !strings.HasSuffix(got, page) {
			t.Fatalf("WaybackURL(%q, %v) = %q", u, date, got)
		}
		if date != nil && got != WaybackPrefix+strings.ReplaceAll(date.String(), "-", "")+"/"+page {
			t.Fatalf("WaybackURL(%q, %v) = %q: the timestamp is not the date", u, date, got)
		}
	})
}
