package linkcheck

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestCheck(t *testing.T) {
	site := fstest.MapFS{
		"index.html": {Data: []byte(`<a href="a/">a</a><a href="a/#top">top</a><a href="a/#nope">x</a>
<a href="missing/">m</a><a href="https://example.org/x">ext</a><a href="#here">h</a><p id="here">
<link rel="stylesheet" href="static/s.css"><a href="/timeline/a/">abs</a><a href="/elsewhere/">out</a><a href="../up/">up</a>`)},
		"a/index.html": {Data: []byte(`<h1 id="top">A</h1><a href="../">home</a><a href="./">self</a>`)},
		"static/s.css": {Data: []byte(`body{}`)},
		"empty/x.txt":  {Data: []byte(`x`)},
	}
	broken, pages, err := Check(site, "/timeline/")
	if err != nil {
		t.Fatal(err)
	}
	if pages != 2 {
		t.Errorf("checked %d pages, want 2", pages)
	}
	var got []string
	for _, b := range broken {
		got = append(got, b.String())
	}
	want := []string{
		`index.html: link "../up/": points above the site root`,
		`index.html: link "/elsewhere/": leaves the site's base path /timeline/`,
		`index.html: link "a/#nope": no element with id "nope" on a/index.html`,
		`index.html: link "missing/": no such file in the output`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Check found:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
