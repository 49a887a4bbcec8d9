package content

import (
	"testing"
	"testing/fstest"
)

func TestParseBaseURL(t *testing.T) {
	tests := []struct {
		raw, want, path string // want "" when raw is refused
	}{
		{"https://example.org/timeline/", "https://example.org/timeline/", "/timeline/"},
		{"https://example.org/timeline", "https://example.org/timeline/", "/timeline/"},
		{"https://example.org", "https://example.org/", "/"},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080/", "/"},
		{"https://example.org/timeline?utm=x#top", "https://example.org/timeline/", "/timeline/"},
		{"https://example.org/timeline/?", "https://example.org/timeline/", "/timeline/"},
		{"https://example.org/a%20b", "https://example.org/a%20b/", "/a b/"},
		{"", "", ""},
		{"example.org/timeline/", "", ""},
		{"/timeline/", "", ""},
		{"ftp://example.org/", "", ""},
		{"javascript:alert(1)", "", ""},
		{"https:///timeline/", "", ""},
		{"https://exa mple.org/", "", ""},
	}
	for _, tt := range tests {
		u, err := ParseBaseURL(tt.raw)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseBaseURL(%q) = %q, want an error", tt.raw, u)
		case tt.want != "" && err != nil:
			t.Errorf("ParseBaseURL(%q): %v", tt.raw, err)
		case tt.want != "" && (u.String() != tt.want || u.Path != tt.path):
			t.Errorf("ParseBaseURL(%q) = %q with path %q, want %q with path %q", tt.raw, u, u.Path, tt.want, tt.path)
		}
		if err != nil {
			if want := `base URL "` + tt.raw + `": want an absolute http(s) URL such as https://example.github.io/timeline/`; err.Error() != want {
				t.Errorf("ParseBaseURL(%q) error %q, want %q", tt.raw, err, want)
			}
			continue
		}
		if again, err := ParseBaseURL(u.String()); err != nil || again.String() != u.String() {
			t.Errorf("ParseBaseURL is not idempotent: %q -> %q -> %q (%v)", tt.raw, u, again, err)
		}
	}
}

func TestParseRepository(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"https://github.com/owner/timeline", "https://github.com/owner/timeline"},
		{"https://github.com/owner/timeline/", "https://github.com/owner/timeline"},
		{"http://git.example.org/timeline", "http://git.example.org/timeline"},
		{"github.com/owner/timeline", ""},
		{"javascript:alert(1)", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := ParseRepository(tt.raw)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseRepository(%q) = %q, want an error", tt.raw, got)
		case tt.want != "" && (err != nil || got != tt.want):
			t.Errorf("ParseRepository(%q) = %q, %v; want %q", tt.raw, got, err, tt.want)
		}
	}
}

// TestSettingsAddresses checks that site.yaml's base_url and repository
// come out as ParseBaseURL and ParseRepository make them.
func TestSettingsAddresses(t *testing.T) {
	tests := []struct {
		yaml          string
		baseURL, repo string
		problems      int
	}{
		{"base_url: https://example.org/timeline\nrepository: https://github.com/o/t/\n", "https://example.org/timeline/", "https://github.com/o/t", 0},
		{"base_url: \"https://example.org/t/?x=1\"\n", "https://example.org/t/", "", 0},
		{"base_url: example.org\nrepository: github.com/o/t\n", "", "", 2},
		{"base_url: https://example.org/\nrepository: \" \"\n", "https://example.org/", "", 0},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{SettingsFile: {Data: []byte("title: T\n" + tt.yaml)}}
		s, ps := ReadSettings(fsys)
		if s.BaseURL != tt.baseURL || s.Repository != tt.repo || len(ps) != tt.problems {
			t.Errorf("%q: base URL %q, repository %q, %d problems %v; want %q, %q, %d", tt.yaml, s.BaseURL, s.Repository, len(ps), ps, tt.baseURL, tt.repo, tt.problems)
		}
	}
}
