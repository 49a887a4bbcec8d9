package content

import (
	"fmt"
	"html/template"
)

// Bodies keeps rendered entry bodies out of memory, for a build of a large
// site that renders few of its entry pages: an entry then holds only where
// its body is (see Entry.HTML). A Bodies must be safe for concurrent use.
type Bodies interface {
	Put(html template.HTML) (BodyRef, error)
	Get(ref BodyRef) (template.HTML, error)
}

// BodyRef is where a Bodies keeps one body.
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
	html, err := e.body.bodies.Get(e.body.ref)
	if err != nil {
		return "", fmt.Errorf("%s: read the rendered body back: %w", e.Path, err)
	}
	return html, nil
}

// keepBody sets the entry's rendered body: into bodies when there is one
// that takes it, in memory otherwise.
func (e *Entry) keepBody(html template.HTML, bodies Bodies) {
	if bodies != nil {
		if ref, err := bodies.Put(html); err == nil {
			e.body = body{bodies: bodies, ref: ref}
			return
		}
	}
	e.body = body{html: html}
}
