package site

import "testing"

// TestJoinJSONListMatchesMarshal: a list joined from elements encoded one
// by one is byte for byte the list encoded whole.
func TestJoinJSONListMatchesMarshal(t *testing.T) {
	type item struct {
		Name string            `json:"name"`
		List []string          `json:"list"`
		Map  map[string]int    `json:"map,omitempty"`
		Sub  []jsonCiter       `json:"sub"`
		Any  map[string]string `json:"any"`
	}
	for _, items := range [][]item{
		{},
		{{Name: "one"}},
		{{Name: "<b> & \u2028", List: []string{"a", ""}, Map: map[string]int{"z": 1, "a": 2}, Sub: []jsonCiter{{Title: "t", URL: "https://x/"}}},
			{Name: "two", List: []string{}, Any: map[string]string{}}},
	} {
		want, err := marshalJSON(items)
		if err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(items))
		for i, it := range items {
			if parts[i], err = listElementJSON(it); err != nil {
				t.Fatal(err)
			}
		}
		if got := joinJSONList(parts); string(got) != string(want) {
			t.Errorf("joined:\n%s\nwhole:\n%s", got, want)
		}
	}
}
