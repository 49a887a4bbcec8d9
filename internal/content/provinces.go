package content

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"

	"timeline/internal/geo"
	"timeline/internal/slug"
)

var provinceFields = []string{"name", "aliases", "row", "col", "iso", "label", "km"}

var (
	isoCode    = regexp.MustCompile(`^KH-([1-9]|1[0-9]|2[0-5])$`)
	tileLabel  = regexp.MustCompile(`^[A-Z]{2,4}$`)
	khmerWords = regexp.MustCompile(`^[\x{1780}-\x{17FF}\x{19E0}-\x{19FF}]+( [\x{1780}-\x{17FF}\x{19E0}-\x{19FF}]+)*$`)
)

func loadProvinces(fsys fs.FS, ps *Problems) *geo.Gazetteer {
	doc := readDataFile(fsys, ProvincesFile, ps)
	if doc == nil {
		return nil
	}
	d := &decoder{doc: doc, ps: ps}
	if doc.root.Kind != yaml.SequenceNode || len(doc.root.Content) == 0 {
		d.errorf(doc.root, "", "want a list of provinces, each with name, aliases, row and col")
		return nil
	}
	var list []geo.Province
	var fieldsOf []map[string]field
	before := len(*ps)
	for i, n := range doc.root.Content {
		name := fmt.Sprintf("[%d]", i+1)
		if n.Kind != yaml.MappingNode {
			d.errorf(n, name, "want name, aliases, row and col, got %s", kindName(n))
			continue
		}
		fs := d.fields(n, name, provinceFields)
		var p geo.Province
		if d.require(fs, "name", "name: Kratie") {
			p.Name = d.text(fs["name"])
			d.provinceName(fs["name"], p.Name)
		}
		if f, ok := fs["aliases"]; ok {
			p.Aliases = d.texts(f)
		}
		p.Row = d.gridIndex(fs, "row")
		p.Col = d.gridIndex(fs, "col")
		p.ISO = d.matching(fs, "iso", isoCode, "an ISO 3166-2:KH code such as KH-10")
		p.Label = d.matching(fs, "label", tileLabel, "two to four capital letters such as KRT")
		p.Khmer = d.matching(fs, "km", khmerWords, "the name in Khmer script, checked against two sources cited at the top of the file")
		list = append(list, p)
		fieldsOf = append(fieldsOf, fs)
	}
	if len(*ps) > before {
		return nil
	}
	g, err := geo.NewGazetteer(list)
	var pe *geo.ProvinceError
	switch {
	case errors.As(err, &pe) && pe.Index < len(fieldsOf):
		name := fmt.Sprintf("[%d]", pe.Index+1)
		f, ok := fieldsOf[pe.Index][pe.Field]
		if !ok {
			f = fieldsOf[pe.Index]["name"]
		}
		d.errorf(f.value, name+"."+pe.Field, "%s; each name, alias and tile belongs to one province", pe.Msg)
		return nil
	case err != nil:
		ps.Add(ProvincesFile, 0, "", "%v", err)
		return nil
	}
	return g
}

// provinceName reports a province name that cannot make the address of
// its page (provinces/<slug>/).
func (d *decoder) provinceName(f field, name string) {
	s := slug.Make(name)
	switch {
	case name == "":
	case s == "":
		d.errorf(f.value, f.name, "%q has no letters or digits to make the address of its page from; write the province's name", name)
	case windowsReserved(s):
		d.errorf(f.value, f.name, "%q makes the address provinces/%s/, a reserved device name on Windows; write the province's full name", name, s)
	case len(s) > maxSlugLen:
		d.errorf(f.value, f.name, "%q is too long to make an address from (at most %d letters and digits); write the province's name", name, maxSlugLen)
	}
}

// matching returns the optional text field key when it matches re, and
// records a problem saying what it wants when it does not.
func (d *decoder) matching(fs map[string]field, key string, re *regexp.Regexp, want string) string {
	f, ok := fs[key]
	if !ok {
		return ""
	}
	v := d.text(f)
	if !re.MatchString(v) {
		d.errorf(f.value, f.name, "want %s, got %q", want, v)
		return ""
	}
	return v
}

func (d *decoder) gridIndex(fs map[string]field, key string) int {
	if !d.require(fs, key, key+": 0") {
		return 0
	}
	f := fs[key]
	n, err := strconv.Atoi(f.value.Value)
	if err != nil || n < 0 || n > 9 {
		d.errorf(f.value, f.name, "want a whole number from 0 to 9, got %q", f.value.Value)
		return 0
	}
	return n
}
