package slug

import (
	"strings"
	"testing"

	"timeline/internal/output"
)

func TestMake(t *testing.T) {
	tests := map[string]string{
		"Preah Sihanouk": "preah-sihanouk", "O'Smach": "osmach", "Kratié": "kratie", "compound raid": "compound-raid",
		"  --Phnom   Penh-- ": "phnom-penh", "../../etc/passwd": "etc-passwd", "ភ្នំពេញ": "", "a/b\\c": "a-b-c", "Running total 2025": "running-total-2025",
	}
	for in, want := range tests {
		if got := Make(in); got != want {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"police-raid-in-kratie", 60, "police-raid-in-kratie"},
		{"police-raid-in-kratie", 14, "police-raid"}, // a cut always falls on a hyphen inside the limit
		{"police-raid-in-kratie", 15, "police-raid-in"},
		{"police-raid-in-kratie", 12, "police-raid"},
		{"abcdefghij-k", 5, "abcde"},
		{"abc-defghij", 5, "abc"},
		{"", 5, ""},
	}
	for _, tt := range tests {
		if got := Shorten(tt.in, tt.max); got != tt.want {
			t.Errorf("Shorten(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

// FuzzMake checks that a slug is always safe as one path segment and that
// making a slug of a slug changes nothing.
func FuzzMake(f *testing.F) {
	for _, s := range []string{"Preah Sihanouk", "../x", "a\x00b", "CON", "ភ្នំពេញ", "O'Smach"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		slug := Make(s)
		for _, r := range slug {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Fatalf("Make(%q) = %q has %q", s, slug, r)
			}
		}
		if slug != "" && (slug[0] == '-' || slug[len(slug)-1] == '-') {
			t.Fatalf("Make(%q) = %q starts or ends with a hyphen", s, slug)
		}
		if again := Make(slug); again != slug {
			t.Fatalf("Make is not idempotent: %q -> %q -> %q", s, slug, again)
		}
		if short := Shorten(slug, 20); len(short) > 20 || Make(short) != short {
			t.Fatalf("Shorten(%q, 20) = %q is not a slug of at most 20 bytes", slug, short)
		}
		if slug != "" {
			for _, page := range []string{"tags/" + slug + "/index.html", "provinces/" + slug + "/page/2/index.html"} {
				if err := output.CheckName(page); err != nil && !strings.Contains(err.Error(), "reserved") {
					t.Fatalf("Make(%q) = %q makes an output path that leaves the folder: %v", s, slug, err)
				}
			}
		}
	})
}
