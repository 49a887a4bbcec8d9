package render

import (
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
	"time"

	"github.com/Masterminds/sprig/v3"
)

// Limits on what a template may do, so that a theme change in a pull
// request cannot hang or crash the build (README, "Reliability").
const (
	// MaxRange is the longest list that until, untilStep and seq make,
	// and the largest number a range may count to when written in the
	// template.
	MaxRange = 10000
	// MaxRepeat is the longest text that repeat makes, in bytes.
	MaxRepeat = 1 << 20
	// MaxNesting is how deeply Cached and Card may call each other.
	MaxNesting = 8
	// PageTimeout is the longest one page may take to render; the
	// slowest page of a 10,000-entry site takes about 20 ms.
	PageTimeout = 20 * time.Second
)

// removedFuncs are sprig functions that make a different value on every
// build (random values, keys, certificates, salted hashes, the time
// since now) or that depend on the machine's time zone. sprig's hermetic
// map already leaves out now, date, env, the rand* strings and uuidv4.
var removedFuncs = []string{
	"randInt", "randBytes", "shuffle", "uuidv4",
	"randAlphaNum", "randAlpha", "randAscii", "randNumeric",
	"genPrivateKey", "derivePassword", "buildCustomCert",
	"genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey",
	"encryptAES", "decryptAES", "bcrypt", "htpasswd",
	"ago", "toDate", "mustToDate", "now", "date", "env", "expandenv", "getHostByName",
}

// sprigFuncs returns sprig's hermetic functions without removedFuncs, and
// with the list makers bounded by MaxRange and MaxRepeat.
func sprigFuncs() template.FuncMap {
	f := sprig.HermeticHtmlFuncMap()
	for _, name := range removedFuncs {
		delete(f, name)
	}
	generic := sprig.GenericFuncMap()
	until := generic["until"].(func(int) []int)
	f["until"] = func(n int) ([]int, error) {
		if err := checkCount("until", n); err != nil {
			return nil, err
		}
		return until(n), nil
	}
	untilStep := generic["untilStep"].(func(int, int, int) []int)
	f["untilStep"] = func(start, stop, step int) ([]int, error) {
		if step == 0 {
			return nil, nil
		}
		if err := checkCount("untilStep", (stop-start)/step); err != nil {
			return nil, err
		}
		return untilStep(start, stop, step), nil
	}
	seq := generic["seq"].(func(...int) string)
	f["seq"] = func(params ...int) (string, error) {
		n := 0
		switch len(params) {
		case 1:
			n = params[0]
		case 2:
			n = params[1] - params[0]
		case 3:
			if params[1] != 0 {
				n = (params[2] - params[0]) / params[1]
			}
		}
		if err := checkCount("seq", n); err != nil {
			return "", err
		}
		return seq(params...), nil
	}
	f["repeat"] = func(count int, s string) (string, error) {
		if count < 0 || len(s) > 0 && count > MaxRepeat/len(s) {
			return "", fmt.Errorf("repeat makes at most %d bytes", MaxRepeat)
		}
		return strings.Repeat(s, count), nil
	}
	return f
}

func checkCount(fn string, n int) error {
	if n > MaxRange || n < -MaxRange {
		return fmt.Errorf("%s makes lists of at most %d items, not %d", fn, MaxRange, n)
	}
	return nil
}

// checkTemplates reports what in the parsed templates of t could hang or
// crash a build, with the file and line: a template that calls itself,
// directly or through others (the stack would overflow), and a range over
// a number written in the template above MaxRange.
func checkTemplates(t *template.Template) error {
	calls := make(map[string][]call)
	for _, tmpl := range t.Templates() {
		if tmpl.Tree == nil || tmpl.Tree.Root == nil {
			continue
		}
		var errs []string
		walkNodes(tmpl.Tree.Root, func(n parse.Node) {
			switch n := n.(type) {
			case *parse.TemplateNode:
				calls[tmpl.Name()] = append(calls[tmpl.Name()], call{n.Name, where(tmpl, n)})
			case *parse.CommandNode:
				if name, ok := cachedName(n); ok {
					calls[tmpl.Name()] = append(calls[tmpl.Name()], call{name, where(tmpl, n)})
				}
			case *parse.RangeNode:
				if c, ok := constantCount(n.Pipe); ok && c > MaxRange {
					errs = append(errs, fmt.Sprintf("%s: range over %d; templates may count to %d at most", where(tmpl, n), c, MaxRange))
				}
			}
		})
		if len(errs) > 0 {
			return fmt.Errorf("%s", strings.Join(errs, "\n"))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(calls)) {
		if path := cycle(calls, name); path != nil {
			return fmt.Errorf("%s: template %q calls itself (through %s); templates may not recurse", path[0].at, name, describe(path))
		}
	}
	return nil
}

// call is one place where a template calls another.
type call struct {
	name string
	at   string // "templates/_parts.html:12"
}

func where(t *template.Template, n parse.Node) string {
	loc, _ := t.Tree.ErrorContext(n)
	if i := strings.LastIndexByte(loc, ':'); i > 0 { // drop the column
		loc = loc[:i]
	}
	return loc
}

// cycle returns the calls that lead from start back to start, or nil.
func cycle(calls map[string][]call, start string) []call {
	seen := make(map[string]bool)
	var visit func(name string, path []call) []call
	visit = func(name string, path []call) []call {
		for _, c := range calls[name] {
			p := append(slices.Clip(path), c)
			if c.name == start {
				return p
			}
			if !seen[c.name] {
				seen[c.name] = true
				if found := visit(c.name, p); found != nil {
					return found
				}
			}
		}
		return nil
	}
	return visit(start, nil)
}

func describe(path []call) string {
	var parts []string
	for _, c := range path {
		parts = append(parts, fmt.Sprintf("%q at %s", c.name, c.at))
	}
	return strings.Join(parts, ", then ")
}

// cachedName returns the template name of a call ".Cached "name"".
func cachedName(n *parse.CommandNode) (string, bool) {
	if len(n.Args) != 2 {
		return "", false
	}
	var ident []string
	switch f := n.Args[0].(type) {
	case *parse.FieldNode:
		ident = f.Ident
	case *parse.ChainNode:
		ident = f.Field
	}
	s, ok := n.Args[1].(*parse.StringNode)
	if !ok || len(ident) == 0 || ident[len(ident)-1] != "Cached" {
		return "", false
	}
	return s.Text, true
}

// constantCount returns the number a range counts to when the template
// writes it ("range 1000000", "range until 1000000").
func constantCount(p *parse.PipeNode) (int64, bool) {
	if p == nil || len(p.Cmds) != 1 {
		return 0, false
	}
	args := p.Cmds[0].Args
	if len(args) == 2 {
		if id, ok := args[0].(*parse.IdentifierNode); ok && id.Ident == "until" {
			args = args[1:]
		}
	}
	if len(args) != 1 {
		return 0, false
	}
	num, ok := args[0].(*parse.NumberNode)
	if !ok {
		return 0, false
	}
	if num.IsInt {
		return num.Int64, true
	}
	n, err := strconv.ParseFloat(num.Text, 64)
	return int64(n), err == nil
}

// walkNodes calls fn for n and every node under it.
func walkNodes(n parse.Node, fn func(parse.Node)) {
	if n == nil {
		return
	}
	fn(n)
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			walkNodes(c, fn)
		}
	case *parse.ActionNode:
		if n.Pipe != nil {
			walkNodes(n.Pipe, fn)
		}
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			walkNodes(c, fn)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walkNodes(a, fn)
		}
	case *parse.IfNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.TemplateNode:
		if n.Pipe != nil {
			walkNodes(n.Pipe, fn)
		}
	}
}

func walkBranch(b *parse.BranchNode, fn func(parse.Node)) {
	if b.Pipe != nil {
		walkNodes(b.Pipe, fn)
	}
	if b.List != nil {
		walkNodes(b.List, fn)
	}
	if b.ElseList != nil {
		walkNodes(b.ElseList, fn)
	}
}
