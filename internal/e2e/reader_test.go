package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestComparePhoneLayout checks, at 360 px, that the compare tables keep
// their measure column in view while the operations scroll inside the
// table's frame, that one operation at a time fits beside it, and that the
// page itself does not scroll sideways.
func TestComparePhoneLayout(t *testing.T) {
	s := servedSite(t)
	ctx := browser(t)
	setViewport(t, ctx, 360, 800, true)
	open(t, ctx, s.base+"compare/")
	if eval[bool](t, ctx, sidewaysScroll) {
		t.Fatal("the compare page scrolls sideways at 360 px")
	}
	type layout struct {
		Scrolls    bool    `json:"scrolls"`
		LabelLeft  float64 `json:"labelLeft"`
		FrameLeft  float64 `json:"frameLeft"`
		FrameRight float64 `json:"frameRight"`
		LastLeft   float64 `json:"lastLeft"`
		LastRight  float64 `json:"lastRight"`
		CellWidth  float64 `json:"cellWidth"`
		LabelRight float64 `json:"labelRight"`
	}
	got := eval[layout](t, ctx, `(() => {
		const frame = document.querySelector("table.compare").closest(".table-scroll");
		const scrolls = frame.scrollWidth > frame.clientWidth + 1;
		frame.scrollLeft = frame.scrollWidth;
		const row = frame.querySelector("tbody tr");
		const label = row.querySelector("th").getBoundingClientRect();
		const cells = row.querySelectorAll("td");
		const last = cells[cells.length - 1].getBoundingClientRect();
		const f = frame.getBoundingClientRect();
		return {scrolls, labelLeft: label.left, labelRight: label.right, frameLeft: f.left, frameRight: f.right,
			lastLeft: last.left, lastRight: last.right, cellWidth: cells[0].getBoundingClientRect().width};
	})()`)
	if !got.Scrolls {
		t.Errorf("the officials' table does not scroll inside its frame at 360 px; four operations cannot fit")
	}
	if got.LabelLeft < got.FrameLeft-1 || got.LabelLeft > got.FrameLeft+1 {
		t.Errorf("scrolled to the last operation, the row labels sit at x=%.0f, not at the frame's left edge %.0f", got.LabelLeft, got.FrameLeft)
	}
	if got.LastLeft < got.LabelRight-1 || got.LastRight > got.FrameRight+1 {
		t.Errorf("scrolled to the end, the last operation (%.0f–%.0f) is not wholly in view beside the labels (to %.0f) in the frame (to %.0f)", got.LastLeft, got.LastRight, got.LabelRight, got.FrameRight)
	}
	if got.CellWidth < 150 {
		t.Errorf("an operation's column is %.0f px wide at 360 px; too narrow to read", got.CellWidth)
	}
}

// TestHomeOverview checks the overview on the home page: drawn without
// JavaScript, first on a phone before the filters (closed there, open on a
// desktop) and the entries, with a mark per entry that links to it and a
// headline figure card per operation.
func TestHomeOverview(t *testing.T) {
	s := servedSite(t)
	ctx := browser(t)
	setScripts(t, ctx, false)
	open(t, ctx, s.base)
	type overview struct {
		Marks    int      `json:"marks"`
		Merged   int      `json:"merged"`
		Hrefs    []string `json:"hrefs"`
		Bands    int      `json:"bands"`
		Cards    int      `json:"cards"`
		Desc     string   `json:"desc"`
		Headline []string `json:"headline"`
	}
	ov := eval[overview](t, ctx, `(() => {
		const svg = document.querySelector(".overview-chart");
		const marks = [...svg.querySelectorAll("a")];
		return {marks: marks.length,
			merged: marks.map(a => +((a.getAttribute("aria-label").match(/and (\d+) more entr/) || [0, 0])[1])).reduce((a, b) => a + b, 0),
			hrefs: marks.map(a => new URL(a.getAttribute("href"), location.href).href), bands: svg.querySelectorAll(".band").length,
			cards: document.querySelectorAll(".headline").length, desc: svg.querySelector("desc").textContent,
			headline: [...document.querySelectorAll(".headline dt")].map(d => d.textContent)};
	})()`)
	if ov.Marks+ov.Merged != len(s.res.Site.Content.Entries) {
		t.Errorf("the overview marks %d entries (%d marks, %d merged), want all %d", ov.Marks+ov.Merged, ov.Marks, ov.Merged, len(s.res.Site.Content.Entries))
	}
	for _, h := range ov.Hrefs {
		if !strings.Contains(h, "/timeline/entries/") {
			t.Errorf("an overview mark links to %s, not an entry", h)
			break
		}
	}
	if ops := len(s.res.Site.OperationGroups); ov.Bands != ops || ov.Cards != ops {
		t.Errorf("%d bands and %d headline cards, want one of each per operation (%d)", ov.Bands, ov.Cards, ops)
	}
	if !strings.Contains(ov.Desc, "entries") || len(ov.Headline) == 0 {
		t.Errorf("text alternative %q, headline figures %v", ov.Desc, ov.Headline)
	}

	// With JavaScript on a phone: overview first, filters closed.
	setScripts(t, ctx, true)
	setViewport(t, ctx, 360, 800, true)
	open(t, ctx, s.base)
	do(t, ctx, chromedp.WaitVisible("#filter-box"))
	order := eval[[]float64](t, ctx, `["#overview-heading", "#filter-box", ".entry-card"].map(q => document.querySelector(q).getBoundingClientRect().top)`)
	if !(order[0] < order[1] && order[1] < order[2]) || order[0] > 800 {
		t.Errorf("on a phone the overview (y=%.0f), filters (%.0f) and first entry (%.0f) should come in that order, the overview on the first screen", order[0], order[1], order[2])
	}
	if eval[bool](t, ctx, `document.getElementById("filter-box").open`) {
		t.Errorf("the filters are open on a phone; they should wait behind their disclosure")
	}
	setViewport(t, ctx, 1280, 900, false)
	open(t, ctx, s.base)
	do(t, ctx, chromedp.WaitVisible("#filters"))
	if !eval[bool](t, ctx, `document.getElementById("filter-box").open`) {
		t.Errorf("the filters are closed on a desktop")
	}
}

// TestProvinceMaps checks the labelled maps: the provinces page leads with
// the map of all entries, every tile shows a label and is named with the
// province's English and Khmer names, tiles with no entries look different
// (a dashed outline), and province pages give the Khmer name in lang="km".
func TestProvinceMaps(t *testing.T) {
	s := servedSite(t)
	ctx := browser(t)
	setViewport(t, ctx, 360, 800, true)
	open(t, ctx, s.base+"provinces/")
	type tile struct {
		Label  string `json:"label"`
		Name   string `json:"name"`
		Dashed bool   `json:"dashed"`
		Count  string `json:"count"`
	}
	first := eval[string](t, ctx, `document.querySelector("main h1").nextElementSibling.nextElementSibling.className`)
	if first != "tile-map" {
		t.Errorf("after its heading and introduction the provinces page shows %q, want the map", first)
	}
	tiles := eval[[]tile](t, ctx, `[...document.querySelectorAll(".tile-map svg a")].map(a => ({label: ((a.querySelector(".tile-label") || {}).firstChild || {}).textContent || "",
		name: a.getAttribute("aria-label"), count: ((a.querySelector(".tile-count") || {}).textContent || "").trim(),
		dashed: getComputedStyle(a.querySelector("rect")).strokeDasharray !== "none"}))`)
	if len(tiles) != 25 {
		t.Fatalf("the map has %d tiles, want 25", len(tiles))
	}
	for _, tl := range tiles {
		if tl.Label == "" || !strings.HasPrefix(tl.Name, tl.Label) {
			t.Errorf("tile %q: label %q, want a label that starts its name", tl.Name, tl.Label)
		}
		if !regexp.MustCompile(`\p{Khmer}`).MatchString(tl.Name) {
			t.Errorf("tile %q has no Khmer name", tl.Name)
		}
		if empty := tl.Count == ""; empty != tl.Dashed {
			t.Errorf("tile %q: count %q, dashed outline %v; want empty tiles, and only they, dashed", tl.Name, tl.Count, tl.Dashed)
		}
	}
	open(t, ctx, s.base+"provinces/kratie/")
	km := eval[string](t, ctx, `(document.querySelector("h1 [lang=km]") || {}).textContent || ""`)
	if !regexp.MustCompile(`^\p{Khmer}+$`).MatchString(km) {
		t.Errorf("Kratie's page gives %q as its Khmer name, want Khmer script marked lang=km", km)
	}
}

// TestEntryCitation checks that an entry page says when it was last
// updated (from its front matter) and gives a citation with its title, the
// site's name, its date and its permanent address.
func TestEntryCitation(t *testing.T) {
	s := servedSite(t)
	ctx := browser(t)
	e := s.res.Site.Content.Entries[0]
	open(t, ctx, s.base+"entries/"+e.Slug+"/")
	updated := eval[string](t, ctx, `(document.querySelector(".updated time") || {}).getAttribute?.("datetime") || ""`)
	if d := e.LastUpdated(); d == nil || updated != d.String() {
		t.Errorf("%s: last updated %q, want the front matter's %v", e.Path, updated, d)
	}
	cite := eval[string](t, ctx, `(document.querySelector(".citation") || {}).textContent || ""`)
	for _, want := range []string{e.Title, s.res.Site.Content.Settings.Title, e.Date.Display(), s.base + "entries/" + e.Slug + "/"} {
		if !strings.Contains(cite, want) {
			t.Errorf("citation %q lacks %q", cite, want)
		}
	}
	open(t, ctx, s.base+"corrections/")
	if feed := eval[string](t, ctx, `document.querySelector('link[href$="corrections.xml"]').title`); !strings.Contains(feed, "corrections") {
		t.Errorf("the corrections page does not announce its feed: %q", feed)
	}
}

// TestPrint checks the entry, operation and compare pages as printed: no
// navigation or filters, each source's address printed after its link, and
// the charts and maps kept.
func TestPrint(t *testing.T) {
	s := servedSite(t)
	ctx := browser(t)
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	type printed struct {
		NavShown    bool    `json:"navShown"`
		FooterShown bool    `json:"footerShown"`
		After       string  `json:"after"`
		Href        string  `json:"href"`
		Charts      int     `json:"charts"`
		Hidden      int     `json:"hidden"`
		Sticky      string  `json:"sticky"`
		Width       float64 `json:"width"`
	}
	for _, u := range []string{"entries/" + s.res.Site.Content.Entries[0].Slug + "/", "operations/2025/", "compare/"} {
		open(t, ctx, s.base+u)
		p := eval[printed](t, ctx, `(() => {
			const shown = el => !!el && getComputedStyle(el).display !== "none";
			const ext = document.querySelector('main a[rel~="external"]');
			const svgs = [...document.querySelectorAll("main figure svg")];
			const th = document.querySelector("table.compare th");
			return {navShown: shown(document.querySelector("nav[aria-label=Main]")), footerShown: shown(document.querySelector(".site-footer")),
				after: ext ? getComputedStyle(ext, "::after").content : "", href: ext ? ext.getAttribute("href") : "",
				charts: svgs.length, hidden: svgs.filter(s => s.getBoundingClientRect().width < 50).length,
				sticky: th ? getComputedStyle(th).position : "", width: document.documentElement.scrollWidth};
		})()`)
		if p.NavShown || p.FooterShown {
			t.Errorf("%s printed with its navigation (%v) or footer (%v)", u, p.NavShown, p.FooterShown)
		}
		if p.Href == "" || !strings.Contains(p.After, p.Href) {
			t.Errorf("%s: a source link prints %q after it, want its address %q", u, p.After, p.Href)
		}
		if u == "compare/" && (p.Charts < 3 || p.Hidden > 0 || p.Sticky == "sticky") {
			t.Errorf("compare page printed with %d charts and maps (%d squeezed), measure column %q", p.Charts, p.Hidden, p.Sticky)
		}
	}
}
