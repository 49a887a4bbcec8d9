package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPathsCannotEscape checks file names that could make a page escape the
// output folder or break on another system, and symbolic links that could
// pull files from outside the site: each is refused with a message.
func TestPathsCannotEscape(t *testing.T) {
	dir := t.TempDir()
	base := siteFS(t, nil)
	for name, f := range base {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, f.Data, 0o644)
	}
	entries := filepath.Join(dir, "content", "entries", "2025")
	os.MkdirAll(entries, 0o755)
	secret := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(secret, []byte(goodEntry), 0o644)
	cases := map[string]string{
		"con.md":           `file name "con.md" is a reserved device name on Windows`,
		"lpt1.md":          `file name "lpt1.md" is a reserved device name on Windows`,
		`a\..\..\x.md`:     `must be lower-case letters, digits and hyphens`,
		"Raid Night.md":    `rename it to raid-night.md`,
		"raid%2F..%2Fx.md": `must be lower-case letters, digits and hyphens`,
		"raid\u202e.md":    `must be lower-case letters, digits and hyphens`,
	}
	for name := range cases {
		if err := os.WriteFile(filepath.Join(entries, name), []byte(goodEntry), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(secret, filepath.Join(entries, "linked.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Dir(secret), filepath.Join(dir, "content", "entries", "2024")); err != nil {
		t.Fatal(err)
	}
	_, ps := Load(os.DirFS(dir), Options{})
	got := problemLines(ps)
	for name, want := range cases {
		line := ""
		for _, l := range strings.Split(got, "\n") {
			if strings.Contains(l, printable("content/entries/2025/"+name)+":") {
				line = l
			}
		}
		if !strings.Contains(line, want) {
			t.Errorf("%q: got %q, want a problem containing %q", name, line, want)
		}
	}
	for _, link := range []string{"content/entries/2025/linked.md", "content/entries/2024"} {
		if !strings.Contains(got, link+": symbolic links are not allowed in content/") {
			t.Errorf("symbolic link %s not refused:\n%s", link, got)
		}
	}
	if strings.Contains(got, "secret") {
		t.Errorf("a file outside the site was read:\n%s", got)
	}
}
