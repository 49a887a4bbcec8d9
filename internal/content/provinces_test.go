package content

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestRealProvinceNames checks the real province list: every province has
// its ISO 3166-2:KH code (KH-1 to KH-25, each once), a map label and a
// Khmer name.
func TestRealProvinceNames(t *testing.T) {
	s, ps := Load(siteFS(t, nil), Options{})
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	codes := map[string]bool{}
	for _, p := range s.Provinces.Provinces() {
		if p.ISO == "" || p.Label == "" || p.Khmer == "" {
			t.Errorf("%s: iso %q, label %q, km %q; want all three", p.Name, p.ISO, p.Label, p.Khmer)
		}
		codes[p.ISO] = true
	}
	for i := 1; i <= 25; i++ {
		if !codes[fmt.Sprintf("KH-%d", i)] {
			t.Errorf("no province has code KH-%d", i)
		}
	}
}

func TestProvinceFieldProblems(t *testing.T) {
	tests := []struct{ line, want string }{
		{"iso: KH-26", `content/provinces.yaml:1: [1].iso: want an ISO 3166-2:KH code such as KH-10, got "KH-26"`},
		{"label: kr", `content/provinces.yaml:1: [1].label: want two to four capital letters such as KRT, got "kr"`},
		{"km: Kratie", `content/provinces.yaml:1: [1].km: want the name in Khmer script`},
	}
	for _, tc := range tests {
		fsys := siteFS(t, nil)
		fsys["content/provinces.yaml"] = &fstest.MapFile{Data: []byte("- {name: Kratie, row: 0, col: 0, " + tc.line + "}\n")}
		_, ps := Load(fsys, Options{})
		if got := problemLines(ps); !strings.Contains(got, tc.want) {
			t.Errorf("%s: problems\n%s\nwant one containing %s", tc.line, got, tc.want)
		}
	}
}
