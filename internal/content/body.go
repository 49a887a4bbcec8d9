package content

import (
	"fmt"
	"html/template"
)

// Bodies keeps text out of memory, by reference: rendered entry bodies, for
// a build of a large site that renders few of its entry pages (an entry
// then holds only where its body is, see Entry.HTML), and other fragments
// of output made from one entry (see memo.Spilled). A *bodystore.Store is
// one. A Bodies must be safe for concurrent use.
type Bodies interface {
	Append(text string) (BodyRef, error)
	Read(ref BodyRef) (string, error)
}

// BodyRef is where a Bodies keeps one text.
type BodyRef struct {
	Offset, Length int64
}

// body is an entry's rendered body: held in memory, or kept in a Bodies.
type body struct {
	html   template.HTML
	bodies Bodies // nil when html holds the body
	ref    BodyRef
}

// HTML returns the entry's body, rendered in the site's Markdown dialect.
// It fails only when the body is kept out of memory and cannot be read
// back.
func (e *Entry) HTML() (template.HTML, error) {
	if e.body.bodies == nil {
		return e.body.html, nil
	}
	html, err := e.body.bodies.Read(e.body.ref)
	if err != nil {
		return "", fmt.Errorf("%s: read the rendered body back: %w", e.Path, err)
	}
	return template.HTML(html), nil // #nosec: kept by keepBody, from the Markdown renderer
}

// keepBody sets the entry's rendered body: into bodies when there is one
// that takes it, in memory otherwise.
func (e *Entry) keepBody(html template.HTML, bodies Bodies) {
	if bodies != nil {
		if ref, err := bodies.Append(string(html)); err == nil {
			e.body = body{bodies: bodies, ref: ref}
			return
		}
	}
	e.body = body{html: html}
}
