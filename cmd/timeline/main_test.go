package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output inside testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"timeline": func() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr, os.Getenv)) },
	})
}

// TestScript runs the command end to end on the sites in testdata/script.
// Each script's $WORK starts with the project's templates, static files and
// province list, so a script only holds the content it is about.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			for _, dir := range []string{"templates", "static"} {
				if err := os.CopyFS(filepath.Join(env.WorkDir, dir), os.DirFS(filepath.Join("..", "..", dir))); err != nil {
					return err
				}
			}
			data, err := os.ReadFile("../../content/provinces.yaml")
			if err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Join(env.WorkDir, "content"), 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(env.WorkDir, "content", "provinces.yaml"), data, 0o644)
		},
	})
}

// TestSchemaUpToDate keeps the committed JSON Schema in step with the
// provinces, operations and rules it is generated from.
func TestSchemaUpToDate(t *testing.T) {
	want, err := schemaFor("../..")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("../..", SchemaFile))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("%s is out of date; run: go run ./cmd/timeline schema", SchemaFile)
	}
}
