// Package geo owns Cambodia's provinces as the site knows them: official
// names, the aliases contributors may write instead (towns such as Poipet,
// older spellings such as Kracheh), each province's place on the tile map, and
// the "did you mean" suggestion for a name it does not know.
//
// The list itself is data (content/provinces.yaml); this package only
// indexes and matches it.
package geo

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"timeline/internal/slug"
)

// Province is one of Cambodia's 25 provinces (Phnom Penh, the capital, counts
// as one of them).
type Province struct {
	Name    string   // official English name, as shown on the site
	Slug    string   // URL segment: "preah-sihanouk"
	Aliases []string // other names accepted in front matter
	Row     int      // tile-map row, 0 at the top (north)
	Col     int      // tile-map column, 0 at the left (west)
	ISO     string   // ISO 3166-2:KH code: "KH-10"; "" when the data file gives none
	Label   string   // up to four letters for a map tile: "KRT"; the site's own, not a standard
	Khmer   string   // the name in Khmer script; "" when not yet checked against two sources
}

// TileLabel is the label of the province's map tile: its Label, or its
// initials when the data file gives none.
func (p Province) TileLabel() string {
	if p.Label != "" {
		return p.Label
	}
	var b strings.Builder
	for _, w := range strings.Fields(p.Name) {
		b.WriteString(strings.ToUpper(string([]rune(w)[:1])))
	}
	return b.String()
}

// Gazetteer finds provinces by official name or alias.
type Gazetteer struct {
	provinces []Province
	byKey     map[string]int // matchKey(name or alias) -> index in provinces
}

// ProvinceError is a mistake in the province list: Index is the province
// it is found at (0-based, in the order given), Field "name", "aliases" or
// "row".
type ProvinceError struct {
	Index int
	Field string
	Msg   string
}

func (e *ProvinceError) Error() string { return e.Msg }

// NewGazetteer indexes the provinces. It returns a *ProvinceError naming
// the first name or alias that is empty or that two provinces share, or a
// tile placed twice.
func NewGazetteer(provinces []Province) (*Gazetteer, error) {
	g := &Gazetteer{provinces: provinces, byKey: make(map[string]int)}
	tiles := make(map[[2]int]string)
	for i := range provinces {
		p := &g.provinces[i]
		if p.Slug == "" {
			p.Slug = slug.Make(p.Name)
		}
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			k := matchKey(n)
			field := "aliases"
			if n == p.Name {
				field = "name"
			}
			if k == "" {
				return nil, &ProvinceError{i, field, fmt.Sprintf("province %q: name or alias %q has no letters or digits", p.Name, n)}
			}
			if j, dup := g.byKey[k]; dup && j != i {
				return nil, &ProvinceError{i, field, fmt.Sprintf("province %q: name %q is already used by %q", p.Name, n, provinces[j].Name)}
			}
			g.byKey[k] = i
		}
		for _, o := range provinces[:i] {
			switch {
			case p.ISO != "" && o.ISO == p.ISO:
				return nil, fmt.Errorf("province %q: ISO code %s is already %q's", p.Name, p.ISO, o.Name)
			case p.Label != "" && o.Label == p.Label:
				return nil, fmt.Errorf("province %q: label %s is already %q's", p.Name, p.Label, o.Name)
			}
		}
		t := [2]int{p.Row, p.Col}
		if other, dup := tiles[t]; dup {
			return nil, &ProvinceError{i, "row", fmt.Sprintf("province %q: tile row %d col %d is already taken by %q", p.Name, p.Row, p.Col, other)}
		}
		tiles[t] = p.Name
	}
	return g, nil
}

// Provinces returns every province in the order of the data file.
func (g *Gazetteer) Provinces() []Province { return g.provinces }

// Lookup returns the province whose official name or alias matches name,
// ignoring case, accents, spaces and punctuation.
func (g *Gazetteer) Lookup(name string) (Province, bool) {
	i, ok := g.byKey[matchKey(name)]
	if !ok {
		return Province{}, false
	}
	return g.provinces[i], true
}

// Suggest returns the official name of the province whose name or alias is
// nearest to name, or "" when nothing is near enough to be a likely typo.
func (g *Gazetteer) Suggest(name string) string {
	keys := make([]string, 0, len(g.byKey))
	for k := range g.byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys) // stable choice between equally near names
	best := Nearest(matchKey(name), keys)
	if best == "" {
		return ""
	}
	return g.provinces[g.byKey[best]].Name
}

// Nearest returns the candidate nearest to s by edit distance, or "" when the
// nearest one is too far to be a likely typo (more than a third of its length).
func Nearest(s string, candidates []string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := editDistance(s, c)
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" || bestDist > max(2, len([]rune(best))/3) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// matchKey folds a name for matching: lower case, accents removed, letters
// and digits only ("Kratié" and "kratie" and "Krati-e" all give "kratie").
func matchKey(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining accent: drop
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Pattern returns a regular expression, in the syntax JSON Schema
// validators share (ECMA-262, RE2), that matches the spellings of names
// that Lookup accepts: any capitalisation, accents on Latin letters, and
// spaces, hyphens or apostrophes anywhere, as in "kratie", "Kratié",
// "Phnom-Penh". It does not match letters outside the Latin script that
// Lookup would also drop; no contributor writes those.
func Pattern(names []string) string {
	alts := make([]string, 0, len(names))
	for _, n := range names {
		var b strings.Builder
		for i, r := range matchKey(n) {
			if i > 0 {
				b.WriteString(patternGap)
			}
			b.WriteString(runeClass(r))
		}
		alts = append(alts, b.String())
	}
	sort.Strings(alts)
	return "^" + patternGap + "(?:" + strings.Join(alts, "|") + ")" + patternGap + "$"
}

// patternGap matches what matchKey drops between letters: anything but
// ASCII letters and digits and Latin letters with accents.
const patternGap = `[^0-9A-Za-zÀ-ɏ]*`

// runeClass matches r in either case, with or without an accent.
func runeClass(r rune) string {
	if !unicode.IsLetter(r) {
		return regexp.QuoteMeta(string(r))
	}
	set := []rune{unicode.ToLower(r), unicode.ToUpper(r)}
	for c := rune(0xC0); c <= 0x24F; c++ {
		if base := []rune(norm.NFD.String(string(c))); len(base) > 1 && unicode.ToLower(base[0]) == r {
			set = append(set, c)
		}
	}
	var b strings.Builder
	b.WriteByte('[')
	for _, c := range set {
		b.WriteRune(c) // literal: ECMA-262 and RE2 write escapes differently
	}
	b.WriteByte(']')
	return b.String()
}
