package main

import (
	"fmt"
	"os"
	"path/filepath"

	"timeline/internal/content"
)

// schema writes the JSON Schema of entries' front matter, generated from the
// site's provinces and operations, to schema/entry.schema.json.
func (c *command) schema(args []string) error {
	fs := c.flags("schema")
	src := fs.String("src", ".", "site folder, holding content/")
	out := fs.String("o", "", "file to write (default: "+SchemaFile+" in the site folder; - for standard output)")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	data, err := schemaFor(*src)
	if err != nil {
		return err
	}
	if *out == "-" {
		_, err := c.stdout.Write(data)
		return err
	}
	target := *out
	if target == "" {
		target = filepath.Join(*src, filepath.FromSlash(SchemaFile))
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(target, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "wrote %s\n", target)
	return nil
}

// schemaFor generates the schema for the site in src. Problems in entries
// do not matter here; the province list and the operations must load.
func schemaFor(src string) ([]byte, error) {
	s, ps := content.Load(os.DirFS(src), content.Options{Drafts: true})
	for _, p := range ps {
		if p.Path == content.ProvincesFile || filepath.ToSlash(filepath.Dir(p.Path)) == content.OperationsDir {
			return nil, fmt.Errorf("cannot make the schema: %s", p)
		}
	}
	var ops []string
	for _, o := range s.Operations {
		ops = append(ops, o.ID)
	}
	return content.EntrySchema(s.Provinces, ops)
}
