package render

import (
	"html/template"
	"io"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// theme returns the files of a small theme: base.html, _parts.html and
// home.html, with extra text appended to each as given.
func theme(parts, home string) fstest.MapFS {
	return fstest.MapFS{
		"templates/base.html":   {Data: []byte(`{{define "base"}}<!doctype html><title>x</title>{{template "main" .}}{{end}}`)},
		"templates/_parts.html": {Data: []byte(`{{define "card"}}card{{end}}` + "\n" + parts)},
		"templates/home.html":   {Data: []byte(`{{template "base" .}}` + "\n" + `{{define "main"}}<p>` + "\n  home\n" + `</p>{{end}}` + "\n" + home)},
	}
}

// TestTemplateLimits: templates that would crash the build (recursion) or
// hang it (a range over a huge number) are refused when the theme is
// loaded, with the file and line.
func TestTemplateLimits(t *testing.T) {
	tests := []struct {
		name, parts, home, want string
	}{
		{"the real shape passes", `{{define "a"}}{{template "card" .}}{{.Cached "card"}}{{end}}`, `{{range 10}}{{end}}`, ""},
		{"a template that includes itself", `{{define "loop"}}{{template "loop" .}}{{end}}`, "",
			`templates/_parts.html:2: template "loop" calls itself (through "loop" at templates/_parts.html:2); templates may not recurse`},
		{"two templates that include each other", `{{define "a"}}{{template "b" .}}{{end}}` + "\n" + `{{define "b"}}{{if .}}{{template "a" .}}{{end}}{{end}}`, "",
			`template "a" calls itself (through "b" at templates/_parts.html:2, then "a" at templates/_parts.html:3)`},
		{"a template that caches itself", `{{define "part"}}{{.Cached "part"}}{{end}}`, "",
			`templates/_parts.html:2: template "part" calls itself`},
		{"a range over a huge number", "", `{{define "x"}}{{range 1000000000}}{{end}}{{end}}`,
			`templates/home.html:5: range over 1000000000; templates may count to 10000 at most`},
		{"a range over until of a huge number", "", `{{define "x"}}{{range $i := until 99999999}}{{end}}{{end}}`,
			`templates/home.html:5: range over 99999999`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() { _, err := LoadTheme(theme(tt.parts, tt.home), true); done <- err }()
			var err error
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("LoadTheme hangs")
			}
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestListMakersAreBounded: until, untilStep, seq and repeat refuse to make
// more than the limits, and the error names the template's line.
func TestListMakersAreBounded(t *testing.T) {
	for src, want := range map[string]string{
		`{{range until 100000}}{{end}}`:             "until makes lists of at most 10000 items",
		`{{range untilStep 0 100000000 2}}{{end}}`:  "untilStep makes lists of at most 10000 items",
		`{{seq 1 1000000}}`:                         "seq makes lists of at most 10000 items",
		`{{repeat 1000000000 "ab"}}`:                "repeat makes at most 1048576 bytes",
		`{{$n := 100000}}{{range until $n}}{{end}}`: "until makes lists",
	} {
		tmpl := template.Must(template.New("templates/x.html").Funcs(funcs()).Parse("\n" + src))
		err := tmpl.Execute(io.Discard, nil)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "templates/x.html:2:") {
			t.Errorf("%s: error %v, want %q at templates/x.html:2", src, err, want)
		}
	}
	var b strings.Builder
	if err := template.Must(template.New("ok").Funcs(funcs()).Parse(`{{range until 3}}{{.}}{{end}}{{seq 3}}{{repeat 2 "a"}}`)).Execute(&b, nil); err != nil || b.String() != "0121 2 3aa" {
		t.Errorf("bounded functions changed within the limits: %q %v", b.String(), err)
	}
}

// TestNoRandomFunctions: no function that gives a different value on each
// build (or reads the clock, the environment or the network) is left.
func TestNoRandomFunctions(t *testing.T) {
	f := funcs()
	for _, name := range removedFuncs {
		if _, ok := f[name]; ok {
			t.Errorf("%s is still in the function map", name)
		}
		if _, err := template.New("x").Funcs(f).Parse("{{" + name + "}}"); err == nil || !strings.Contains(err.Error(), "not defined") {
			t.Errorf("{{%s}} parses: %v", name, err)
		}
	}
	for name := range f {
		l := strings.ToLower(name)
		for _, bad := range []string{"rand", "uuid", "shuffle", "gen", "crypt", "passw", "now", "ago", "env", "host"} {
			if strings.Contains(l, bad) {
				t.Errorf("%s looks non-deterministic and is in the function map", name)
			}
		}
	}
}
