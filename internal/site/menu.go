package site

// MenuItem is a link of the site's main menu.
type MenuItem struct {
	URL   string // relative to the site root: "compare/"
	Title string // the link's text: "Compare"
}

// Menu returns the links of the main menu, in order: the generated pages
// every site has, then its free pages ("about") in the order of their
// slugs. No entry page is ever in it, so that the header of entry pages
// can be rendered once per depth.
func (s *Site) Menu() []MenuItem {
	items := []MenuItem{
		{URL: "", Title: "Timeline"},
		{URL: "compare/", Title: "Compare"},
		{URL: "operations/", Title: "Operations"},
		{URL: "provinces/", Title: "Provinces"},
		{URL: "sources/", Title: "Sources"},
	}
	for _, p := range s.FreePages() {
		items = append(items, MenuItem{URL: p.Slug + "/", Title: p.Title})
	}
	return items
}
