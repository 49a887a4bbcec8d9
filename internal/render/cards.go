package render

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/tdewolff/minify/v2"

	"timeline/internal/content"
	"timeline/internal/site"
)

// Card renders an entry as an item of a list (the "entry-card" template).
// A card depends only on the entry and on how deep the page is in the site,
// which changes nothing but the start of its relative links; so each card is
// rendered once per build, with a mark where the links start, and each list
// puts in its own way back to the root.
//
// When pages are minified, a card is also minified once, not on every list
// that shows it (an entry is on five to ten lists): the page gets a
// placeholder, an empty item that minifies to itself, and the minified
// card takes its place in the minified page. Both are items of the same
// list, so the minifier treats the space around them alike.
func (v *View) Card(e *content.Entry) (template.HTML, error) {
	kind := "card"
	if v.cards != nil {
		kind = "card-min"
	}
	c, err := v.memo.Get(site.EntryKey(kind, e), func() (string, error) {
		inner, err := v.nested()
		if err != nil {
			return "", err
		}
		marked := *inner
		marked.root = rootMark
		var buf bytes.Buffer
		if err := v.tmpl.ExecuteTemplate(&buf, "entry-card", map[string]any{"V": &marked, "E": e}); err != nil {
			return "", err
		}
		if v.cards == nil {
			return buf.String(), nil
		}
		var min bytes.Buffer
		if err := v.cards.m.Minify("text/html", &min, &buf); err != nil {
			return "", fmt.Errorf("minify card of %s: %w", e.Path, err)
		}
		return min.String(), nil
	})
	if err != nil {
		return "", err
	}
	c = reroot(c, v.root)
	if v.cards != nil {
		v.cards.cards = append(v.cards.cards, c)
		return template.HTML(v.cards.placeholder + strconv.Itoa(len(v.cards.cards)-1) + `"></li>`), nil
	}
	return template.HTML(c), nil // #nosec: produced by html/template
}

// rootMark stands for the way back to the site's root in cards rendered
// for any depth. It is made of characters that links keep as they are, and
// holds a random word made once per process (cards are kept across the
// preview's builds), so that no text of the content, which the minifier
// may unescape, can pass for it.
var rootMark = "__timeline-root-" + rand.Text() + "__/"

// reroot puts root, the way from a page back to the site's root, in place
// of the mark in a card. Only a link can put the mark right after `="`: in
// text and in other attribute values html/template escapes the quote.
func reroot(card, root string) string {
	if root == "" {
		card = strings.ReplaceAll(card, `="`+rootMark+`"`, `="./"`) // as Link("") gives
	}
	return strings.ReplaceAll(card, `="`+rootMark, `="`+root)
}

// cardSplicer holds the minified cards of one page, in the order of their
// placeholders.
type cardSplicer struct {
	m *minify.M
	// placeholder starts the stand-in for card n: placeholder + n +
	// `"></li>`, which the minifier leaves as it is. It holds a random
	// word, made once per build, so that no text of the content (which
	// the minifier may unescape inside an attribute) can pass for it.
	placeholder string
	cards       []string
}

// newCardSplicer returns a splicer whose placeholders no content can imitate.
func newCardSplicer(m *minify.M) *cardSplicer {
	return &cardSplicer{m: m, placeholder: `<li data-timeline-card="` + rand.Text() + "-"}
}

// forPage returns an empty splicer for one page, with the same placeholder.
func (c *cardSplicer) forPage() *cardSplicer {
	return &cardSplicer{m: c.m, placeholder: c.placeholder}
}

// splice writes the minified page to w with each placeholder replaced by
// its card.
func (c *cardSplicer) splice(w *bytes.Buffer, page []byte) error {
	placed := 0
	for {
		i := bytes.Index(page, []byte(c.placeholder))
		if i < 0 {
			break
		}
		w.Write(page[:i])
		rest := page[i+len(c.placeholder):]
		end := bytes.Index(rest, []byte(`"></li>`))
		if end < 0 {
			return fmt.Errorf("card placeholder not closed")
		}
		n, err := strconv.Atoi(string(rest[:end]))
		if err != nil || n < 0 || n >= len(c.cards) {
			return fmt.Errorf("card placeholder %q names no card", rest[:end])
		}
		w.WriteString(c.cards[n])
		placed++
		page = rest[end+len(`"></li>`):]
	}
	w.Write(page)
	if placed != len(c.cards) {
		return fmt.Errorf("%d of %d card placeholders survived minification", placed, len(c.cards))
	}
	return nil
}
