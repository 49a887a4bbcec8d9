package content

import "testing"

// TestCaretEscapesControlCharacters: the quoted line reaches a terminal,
// so control characters in it are escaped, and the caret still sits under
// the character it points at.
func TestCaretEscapesControlCharacters(t *testing.T) {
	tests := []struct {
		name string
		p    Problem
		want string
	}{
		{"plain", Problem{Column: 7, Excerpt: "title: \"a"}, "title: \"a\n      ^"},
		{"tab shown as arrow", Problem{Column: 2, Excerpt: "\tkind: raid"}, "→kind: raid\n ^"},
		{"escape before the column", Problem{Column: 3, Excerpt: "\x1b[2Jx: y"}, "\\x1b[2Jx: y\n     ^"},
		{"direction control", Problem{Column: 2, Excerpt: "\u202eab"}, "\\u202eab\n      ^"},
		{"no column", Problem{Excerpt: "a\x07b"}, "a\\x07b"},
		{"column past the end", Problem{Column: 40, Excerpt: "a\x07b"}, "a\\x07b"},
		{"no excerpt", Problem{Column: 3}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Caret(""); got != tt.want {
				t.Errorf("Caret = %q, want %q", got, tt.want)
			}
		})
	}
}
