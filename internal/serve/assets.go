package serve

import (
	"embed"
	"html/template"
)

// assets are the server's own parts of a page, kept as files so that they
// read as HTML, CSS and JavaScript: the problem page, the warning panel and
// its stylesheet, and the reload script.
//
//go:embed assets
var assets embed.FS

var (
	// problemPage is served in place of every page while the site does not
	// build: each problem with its file, line, field and fix.
	problemPage = template.Must(template.ParseFS(assets, "assets/problems.html"))

	// warningPanel lists the site's warnings at the top of every page of
	// the preview, in a <details> element: open, and closed with one click
	// (or a key press) on its summary, without JavaScript. Its style is a
	// file the server serves, since the pages' Content-Security-Policy
	// allows no inline style.
	warningPanel = template.Must(template.ParseFS(assets, "assets/warnings.html"))

	// panelStyle is the warning panel's stylesheet, at panelPath.
	panelStyle = mustRead("assets/panel.css")

	// reloadScript reloads the page when the server reports a build newer
	// than the one the page came from; it is served at scriptPath.
	reloadScript = mustRead("assets/reload.js")
)

// mustRead returns an embedded file, which is always there.
func mustRead(name string) []byte {
	data, err := assets.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return data
}
