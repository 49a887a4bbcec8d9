package serve

import (
	"bytes"

	"timeline/internal/content"
)

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
	// The panel is shared by every request served at once: copy it, never
	// append to it, or two requests would write into its spare capacity.
	out := make([]byte, 0, len(page)+len(panel))
	return append(append(append(out, page[:at]...), panel...), page[at:]...)
}
