package corpus

import (
	"os"
	"path/filepath"
)

// WriteHugo creates in dir a Hugo site with the same n entries as Write
// (same seed, same files, but for the kind field, which Hugo reserves, named
// event_kind), and a minimal theme that makes comparable pages: one per
// entry with its figures, provinces and sources, a home page listing every
// entry, and a list page per province, operation and tag. It is the
// yardstick of bench/build.sh; Hugo's pages are lighter than ours, which
// the README's table says.
func WriteHugo(dir string, n int, seed uint64) error {
	for name, text := range hugoFiles {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return writeEntries(dir, n, seed, "event_kind")
}

const hugoList = `{{ define "main" }}<h1>{{ .Title }}</h1><ol>{{ range .Pages }}<li><time>{{ .Date.Format "2006-01-02" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.figures.arrested }}</li>{{ end }}</ol>{{ end }}
`

var hugoFiles = map[string]string{
	"hugo.toml": `baseURL = "https://example.org/timeline/"
title = "Benchmark timeline"
disableKinds = ["RSS"]
[taxonomies]
  province = "provinces"
  operation = "operation"
  tag = "tags"
[markup.goldmark.renderer]
  unsafe = false
`,
	"layouts/_default/baseof.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="{{ "css/site.css" | relURL }}"></head>
<body><header><a href="{{ "/" | relURL }}">Timeline</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
`,
	"layouts/_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
<p>Operation {{ .Params.operation }} · {{ range .Params.provinces }}<a href="{{ (printf "provinces/%s/" (urlize .)) | relURL }}">{{ . }}</a> {{ end }}</p>
<dl><dt>Arrested</dt><dd>{{ .Params.figures.arrested }}</dd><dt>Rescued</dt><dd>{{ .Params.figures.rescued }}</dd></dl>
{{ .Content }}
<ul>{{ range .Params.sources }}<li><a href="{{ .url }}">{{ .title }}</a>, {{ .publisher }}</li>{{ end }}</ul></article>{{ end }}
`,
	"layouts/_default/list.html":     hugoList,
	"layouts/_default/terms.html":    hugoList,
	"layouts/_default/taxonomy.html": hugoList,
	"layouts/index.html": `{{ define "main" }}<h1>{{ .Site.Title }}</h1><ol>{{ range where .Site.RegularPages "Section" "entries" }}<li><time>{{ .Date.Format "2006-01-02" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.figures.arrested }}</li>{{ end }}</ol>{{ end }}
`,
	"static/css/site.css": "body{font-family:system-ui;max-width:60rem;margin:auto}\n",
}
