package serve

import (
	"bytes"
	"testing"
)

// The warning panel is shared by every request served at once, so putting
// it into a page must neither change it nor write into its spare capacity:
// two requests doing so together served pages that mixed two builds.
func TestInjectWarningsLeavesThePanelAlone(t *testing.T) {
	for _, tc := range []struct{ name, page, want string }{
		{"body tag", `<html><head></head><body class="x"><h1>A</h1></body></html>`, `<html><head></head><body class="x">PANEL<h1>A</h1></body></html>`},
		{"minified, no body tag", `<html><head></head><h1>A</h1>`, `<html><head></head>PANEL<h1>A</h1>`},
		{"neither", `<h1>A</h1>`, `PANEL<h1>A</h1>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			backing := bytes.Repeat([]byte{'#'}, 64)
			panel := append(backing[:0], "PANEL"...)
			got := injectWarnings([]byte(tc.page), panel)
			if string(got) != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
			if string(panel) != "PANEL" || !bytes.Equal(backing[len(panel):], bytes.Repeat([]byte{'#'}, 64-len(panel))) {
				t.Errorf("the shared panel was written to: %q", backing)
			}
		})
	}
}
