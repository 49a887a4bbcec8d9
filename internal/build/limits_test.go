package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"timeline/internal/corpus"
	"timeline/internal/output"
)

// TestStuckTemplateTimesOut: a template whose loops would run for hours
// (each under the range limit, nested) fails the build once a page takes
// longer than the page time limit, naming the template; the output folder
// is left as it was.
func TestStuckTemplateTimesOut(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := corpus.Write(src, 5, 1, "../.."); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(src, "templates", "home.html")
	data, _ := os.ReadFile(home)
	loop := `{{range until 10000}}{{range until 10000}}{{range until 10000}}{{end}}{{end}}{{end}}`
	os.WriteFile(home, []byte(strings.Replace(string(data), `{{define "main"}}`, `{{define "main"}}`+loop, 1)), 0o644)
	ob, err := output.Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer ob.Abort()
	start := time.Now()
	_, err = Run(os.DirFS(src), Options{PageTimeout: 300 * time.Millisecond}, ob)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the build took %v to give up", took)
	}
	if err == nil || !strings.Contains(err.Error(), "templates/home.html: rendering / took more than 300ms") {
		t.Fatalf("error %v, want the page time limit naming templates/home.html", err)
	}
}
