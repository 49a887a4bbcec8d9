package site

import (
	"slices"
	"testing"

	"timeline/internal/content"
)

func TestMenu(t *testing.T) {
	s := testSite(t)
	s.Content.Pages = []*content.Page{{Slug: "about", Title: "About"}, {Slug: "method", Title: "Method"}}
	want := []MenuItem{
		{"", "Timeline"}, {"compare/", "Compare"}, {"operations/", "Operations"}, {"provinces/", "Provinces"},
		{"sources/", "Sources"}, {"about/", "About"}, {"method/", "Method"},
	}
	if got := s.Menu(); !slices.Equal(got, want) {
		t.Errorf("Menu() = %v, want %v", got, want)
	}
}
