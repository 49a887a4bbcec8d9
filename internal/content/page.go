package content

var pageFields = []string{"title", "description"}

// decodePage checks a free page's front matter.
func decodePage(doc *document, slug string, ps *Problems) *Page {
	d := &decoder{doc: doc, ps: ps}
	fs := d.fields(doc.root, "", pageFields)
	p := &Page{Path: doc.path, Slug: slug, BodyLine: doc.bodyLine, Hash: doc.hash}
	if d.require(fs, "title", "title: \"About this timeline\"") {
		p.Title = d.text(fs["title"])
	}
	if f, ok := fs["description"]; ok {
		p.Description = d.text(f)
	}
	return p
}
