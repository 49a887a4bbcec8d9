package geo

import (
	"testing"
)

func testGazetteer(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := NewGazetteer([]Province{
		{Name: "Preah Sihanouk", Aliases: []string{"Sihanoukville", "Kampong Som"}, Row: 4, Col: 0},
		{Name: "Banteay Meanchey", Aliases: []string{"Poipet"}, Row: 0, Col: 0},
		{Name: "Kratie", Aliases: []string{"Kracheh"}, Row: 1, Col: 3},
		{Name: "Kampot", Row: 4, Col: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestLookup(t *testing.T) {
	g := testGazetteer(t)
	tests := map[string]string{
		"Preah Sihanouk": "Preah Sihanouk", "preah sihanouk": "Preah Sihanouk", "Sihanoukville": "Preah Sihanouk",
		"Kampong-Som": "Preah Sihanouk", "POIPET": "Banteay Meanchey", "Kratié": "Kratie", "Kracheh": "Kratie",
	}
	for in, want := range tests {
		p, ok := g.Lookup(in)
		if !ok || p.Name != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", in, p.Name, ok, want)
		}
	}
	if p, ok := g.Lookup("Atlantis"); ok {
		t.Errorf("Lookup(Atlantis) = %q, want not found", p.Name)
	}
}

func TestSuggest(t *testing.T) {
	g := testGazetteer(t)
	tests := map[string]string{"Sihanoukvile": "Preah Sihanouk", "Kompot": "Kampot", "Poi Pett": "Banteay Meanchey", "Atlantis": "", "x": ""}
	for in, want := range tests {
		if got := g.Suggest(in); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNewGazetteerRejectsClashes(t *testing.T) {
	if _, err := NewGazetteer([]Province{{Name: "Kep", Row: 0, Col: 0}, {Name: "Kampot", Aliases: []string{"kep"}, Row: 0, Col: 1}}); err == nil {
		t.Error("alias shared by two provinces: no error")
	}
	if _, err := NewGazetteer([]Province{{Name: "Kep", Row: 0, Col: 0}, {Name: "Kampot", Row: 0, Col: 0}}); err == nil {
		t.Error("two provinces on one tile: no error")
	}
}

// FuzzLookup checks the province matcher: it never panics, a name it
// accepts leads to a province whose own name it accepts again (so that
// aliases normalise in one step), and a suggestion is always a real
// province.
func FuzzLookup(f *testing.F) {
	for _, s := range []string{"Preah Sihanouk", "sihanoukville", "Kratié", "POIPET", "Kompot", "", "ភ្នំពេញ", "Kampong\x00Som", "k r a t i e"} {
		f.Add(s)
	}
	g := testGazetteer(f)
	f.Fuzz(func(t *testing.T, name string) {
		if p, ok := g.Lookup(name); ok {
			q, ok2 := g.Lookup(p.Name)
			if !ok2 || q.Name != p.Name {
				t.Fatalf("Lookup(%q) = %q, but Lookup(%q) = %q, %v", name, p.Name, p.Name, q.Name, ok2)
			}
		}
		if s := g.Suggest(name); s != "" {
			if _, ok := g.Lookup(s); !ok {
				t.Fatalf("Suggest(%q) = %q, which is not a province", name, s)
			}
		}
	})
}
