package render

import (
	"bytes"
	"html/template"
	"strings"

	"timeline/internal/content"
	"timeline/internal/memo"
)

// Card renders an entry as an item of a list (the "entry-card" template).
// A card depends only on the entry and on how deep the page is in the site,
// which changes nothing but the start of its relative links; so each card is
// rendered once per build, with a mark where the links start, and each list
// puts in its own way back to the root.
func (v *View) Card(e *content.Entry) (template.HTML, error) {
	c, err := v.memo.Get(memo.EntryKey("card", e).Reused(), func() (string, error) {
		inner, err := v.nested()
		if err != nil {
			return "", err
		}
		marked := *inner
		marked.root = rootMark(v.memo)
		var buf bytes.Buffer
		if err := v.tmpl.ExecuteTemplate(&buf, "entry-card", map[string]any{"V": &marked, "E": e}); err != nil {
			return "", err
		}
		return buf.String(), nil
	})
	if err != nil {
		return "", err
	}
	return template.HTML(reroot(c, rootMark(v.memo), v.root)), nil // #nosec: produced by html/template
}

// rootMark stands for the way back to the site's root in the cards that m
// keeps, rendered for any depth. It is made of characters that links keep
// as they are, and holds the memo's secret word (see memo.Memo.Secret),
// random and kept with the cards, so that no text of the content, which
// the minifier may unescape, can pass for it.
func rootMark(m *memo.Memo) string { return "__timeline-root-" + m.Secret() + "__/" }

// reroot puts root, the way from a page back to the site's root, in place
// of mark in a card. Only a link can put the mark right after `="`: in
// text and in other attribute values html/template escapes the quote.
func reroot(card, mark, root string) string {
	if root == "" {
		card = strings.ReplaceAll(card, `="`+mark+`"`, `="./"`) // as Link("") gives
	}
	return strings.ReplaceAll(card, `="`+mark, `="`+root)
}
