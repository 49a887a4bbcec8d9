package sourcecheck

import "timeline/internal/content"

// Cited returns every distinct source address of the operations and
// entries, each with the files (and lines) that cite it, in the order first
// cited.
func Cited(s *content.Site) []Source {
	var list []Source
	index := make(map[string]int)
	cite := func(title, path string, src []content.Source) {
		for _, x := range src {
			i, ok := index[x.URL]
			if !ok {
				i = len(list)
				index[x.URL] = i
				list = append(list, Source{URL: x.URL, Title: x.Title, Publisher: x.Publisher,
					Archive: s.Settings.ArchiveLink(x), Given: x.ArchiveGiven()})
			}
			if !list[i].Given && x.ArchiveGiven() {
				// Another file gives an archived copy: prefer it.
				list[i].Archive, list[i].Given = x.Archive, true
			}
			list[i].CitedBy = append(list[i].CitedBy, Citation{Title: title, Path: path, Line: x.Line})
		}
	}
	for _, o := range s.Operations {
		cite(o.Name, o.Path, o.Sources)
	}
	for _, e := range s.Entries {
		cite(e.Title, e.Path, e.Sources)
	}
	return list
}
