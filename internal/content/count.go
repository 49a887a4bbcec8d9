package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// MaxCount is the largest count accepted in a figure. No crackdown figure in
// the record comes near it; a larger value is a typo (an extra zero, a
// pasted phone number).
const MaxCount = 10_000_000

// Count is a non-negative number as a source states it, with its qualifier:
// "1,000+" is at least a thousand, "~150,000" about 150,000. The qualifier is
// part of the fact and is always shown with the number.
type Count struct {
	N         int64  // the number itself
	Qualifier string // "", "~" (about), ">" (more than), "<" (fewer than) or "+" (or more)
}

// String formats the count with thousands separators and its qualifier:
// "1,000+", "~150,000", "3,075".
func (c Count) String() string {
	n := groupThousands(c.N)
	switch c.Qualifier {
	case "":
		return n
	case "+":
		return n + "+"
	default:
		return c.Qualifier + n
	}
}

// Words spells the qualifier out for screen readers and tooltips:
// "at least 1,000", "about 150,000".
func (c Count) Words() string {
	n := groupThousands(c.N)
	switch c.Qualifier {
	case "~":
		return "about " + n
	case ">":
		return "more than " + n
	case "<":
		return "fewer than " + n
	case "+":
		return "at least " + n
	}
	return n
}

// Exact reports whether the count has no qualifier.
func (c Count) Exact() bool { return c.Qualifier == "" }

var countRE = regexp.MustCompile(`^(~|>|<)?\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(\+)?$`)

// ParseCount reads a count as written in front matter: an integer, or a
// string such as "1,000+", "~150,000", ">500", "<20". It returns an error that
// says what to write instead.
func ParseCount(s string) (Count, error) {
	s = strings.TrimSpace(s)
	m := countRE.FindStringSubmatch(s)
	if m == nil || (m[1] != "" && m[3] != "") {
		if strings.HasPrefix(s, "-") {
			return Count{}, fmt.Errorf("%q is negative; counts start at 0", s)
		}
		return Count{}, fmt.Errorf("%q is not a count; write a number (1500), or a number with one qualifier as the source gives it (\"1,500+\", \"~1,500\", \">1,500\"), and describe anything vaguer in the text", s)
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(m[2], ",", ""), 10, 64)
	if err != nil || n > MaxCount {
		return Count{}, fmt.Errorf("%q is larger than %s; check for a typo", s, groupThousands(MaxCount))
	}
	q := m[1]
	if m[3] != "" {
		q = "+"
	}
	return Count{N: n, Qualifier: q}, nil
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// FigureKeys lists the figures an entry or operation may report, in the
// order they are shown.
var FigureKeys = []string{
	"arrested", "detained", "charged", "rescued", "deported",
	"foreigners", "cambodians", "women", "locations", "compounds", "closed", "devices_seized",
}

// FigureLabels names each figure for readers.
var FigureLabels = map[string]string{
	"arrested":       "Arrested",
	"detained":       "Detained",
	"charged":        "Charged",
	"rescued":        "Rescued",
	"deported":       "Deported",
	"foreigners":     "Foreigners",
	"cambodians":     "Cambodians",
	"women":          "Women",
	"locations":      "Locations raided",
	"compounds":      "Compounds",
	"closed":         "Locations closed",
	"devices_seized": "Devices seized",
}

// Kinds lists the allowed values of an entry's kind.
var Kinds = []string{"raid", "arrest", "deportation", "rescue", "order", "statement", "report", "legal", "other"}
