package serve

import (
	"bytes"
	"html/template"

	"timeline/internal/content"
)

// warningPanel lists the site's warnings at the top of every page of the
// preview, in a <details> element: open, and closed with one click (or a
// key press) on its summary, without JavaScript. Its style is a file the
// server serves, since the pages' Content-Security-Policy allows no inline
// style.
var warningPanel = template.Must(template.New("warnings").Parse(`<link rel="stylesheet" href="{{.Base}}__timeline/panel.css">` +
	`<details class="timeline-warnings" open><summary>{{.Count}} in the preview (only you see this panel; click to hide it)</summary>` +
	`<p>Allowed, but worth a look. <code>timeline check</code> prints the same; a warning a person has checked can be acknowledged with <code>reviewed:</code> (see CONTRIBUTING.md).</p><ol>` +
	`{{range .Warnings}}<li><code>{{.Path}}{{if .Line}}:{{.Line}}{{end}}</code>{{if .Field}} <strong>{{.Field}}</strong>:{{end}} {{.Msg}}</li>{{end}}</ol></details>`))

// panelStyle is the warning panel's stylesheet, at panelPath.
const panelStyle = `.timeline-warnings { margin: 0; padding: .5rem 1rem; background: #fff7d6; color: #1b1b1b; border-bottom: 2px solid #8a6d00; font: 0.95rem/1.4 system-ui, sans-serif; }
.timeline-warnings summary { cursor: pointer; font-weight: bold; }
.timeline-warnings li { margin: .3rem 0; }
.timeline-warnings code { background: #f3ecd0; padding: 0 .2rem; }
@media (prefers-color-scheme: dark) { .timeline-warnings { background: #2e2810; color: #eee; border-color: #e0c050; } .timeline-warnings code { background: #3d3518; } }
`

// renderWarnings renders the warning panel once per build, for every page
// served until the next; nil when there is nothing to show.
func renderWarnings(basePath string, warnings content.Problems) []byte {
	if len(warnings) == 0 {
		return nil
	}
	var panel bytes.Buffer
	err := warningPanel.Execute(&panel, map[string]any{
		"Base": basePath, "Warnings": warnings, "Count": content.Quantity(len(warnings), "warning", "warnings"),
	})
	if err != nil {
		return nil
	}
	return panel.Bytes()
}

// injectWarnings puts the rendered warning panel at the start of a page's
// body.
func injectWarnings(page, panel []byte) []byte {
	if len(panel) == 0 {
		return page
	}
	// Minified pages have no <body> tag: the body starts after </head>.
	at := 0
	if i := bytes.Index(page, []byte("<body")); i >= 0 {
		if end := bytes.IndexByte(page[i:], '>'); end >= 0 {
			at = i + end + 1
		}
	} else if i := bytes.Index(page, []byte("</head>")); i >= 0 {
		at = i + len("</head>")
	}
	return append(page[:at:at], append(panel, page[at:]...)...)
}
