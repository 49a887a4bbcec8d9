package content

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// memBodies keeps bodies in a slice, as a Bodies for tests.
type memBodies struct {
	mu   sync.Mutex
	data []byte
}

func (m *memBodies) Append(html string) (BodyRef, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	ref := BodyRef{Offset: int64(len(m.data)), Length: int64(len(html))}
	m.data = append(m.data, html...)
	return ref, nil
}

func (m *memBodies) Read(ref BodyRef) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if ref.Offset+ref.Length > int64(len(m.data)) {
		return "", errors.New("outside")
	}
	return string(m.data[ref.Offset : ref.Offset+ref.Length]), nil
}

// cachedSite is a site whose entries use what a saved cache must give
// back exactly: a count of zero behind a pointer, empty and missing lists,
// an end date, reviews and corrections.
func cachedSite(t *testing.T, modTime time.Time) fstest.MapFS {
	fsys := siteFS(t, map[string]string{
		"content/entries/2025/a-raid.md": goodEntry,
		"content/entries/2025/b-raid.md": strings.Replace(goodEntry, "kind: raid\n", "kind: raid\nend_date: 2025-07-18\n"+
			"nationalities:\n  China: 0\n  Vietnam: \"~40\"\n  Indonesia:\ntags: []\nplaces: [Snuol]\n", 1),
	})
	for _, f := range fsys {
		f.ModTime = modTime
	}
	return fsys
}

// roundTrip saves c under key and reads it back.
func roundTrip(t *testing.T, c *Cache, key string, bodies Bodies) *Cache {
	t.Helper()
	var buf strings.Builder
	if err := c.Save(&buf, key); err != nil {
		t.Fatal(err)
	}
	back, err := ParseCache([]byte(buf.String()), key, bodies)
	if err == nil {
		err = back.Err()
	}
	if err != nil {
		t.Fatal(err)
	}
	return back
}

// loadFromSavedCache loads fsys without a cache (fresh), then with one
// that it saves and reads back (back), and loads again from that (got).
func loadFromSavedCache(t *testing.T, fsys fs.FS) (fresh, got *Site, back *Cache, ps Problems) {
	t.Helper()
	fresh, ps = Load(fsys, Options{})
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	bodies := &memBodies{}
	c := NewCache()
	if _, ps := Load(fsys, Options{Cache: c, Bodies: bodies}); len(ps) > 0 {
		t.Fatal(ps)
	}
	back = roundTrip(t, c, "key", bodies)
	got, ps = Load(fsys, Options{Cache: back, Bodies: bodies})
	return fresh, got, back, ps
}

// TestSavedCacheGivesBackTheSameEntries: a cache saved by one process and
// read by the next gives entries equal, field for field and body for body,
// to parsing the files, without reading them.
func TestSavedCacheGivesBackTheSameEntries(t *testing.T) {
	fsys := cachedSite(t, time.Unix(1_000_000, 0))
	fresh, got, back, ps := loadFromSavedCache(t, fsys)
	if len(ps) > 0 || back.Hits != 2 || back.Misses != 0 {
		t.Fatalf("from the saved cache: %d reused, %d parsed, problems %v; want 2, 0, none", back.Hits, back.Misses, ps)
	}
	if back.Dirty() {
		t.Errorf("a load that reused every entry marked the cache changed")
	}
	for i, e := range got.Entries {
		want, _ := json.Marshal(fresh.Entries[i])
		have, _ := json.Marshal(e)
		if string(have) != string(want) {
			t.Errorf("%s from the cache:\n%s\nparsed:\n%s", e.Path, have, want)
		}
		wantHTML, _ := fresh.Entries[i].HTML()
		if html, err := e.HTML(); err != nil || html != wantHTML {
			t.Errorf("%s body from the cache = %q, %v; want %q", e.Path, html, err, wantHTML)
		}
	}
	if n := got.Entries[1].Nationalities; len(n) != 3 || n[0].Count == nil || n[0].Count.N != 0 || n[2].Count != nil {
		t.Errorf("nationalities came back as %+v, want China 0, Vietnam ~40, Indonesia without a count", n)
	}
}

// TestSavedCacheDropsStampsOfFilesJustChanged: a file changed within
// raceWindow of the load is saved without its stamp, so the next load
// compares its bytes instead of trusting its size and time.
func TestSavedCacheDropsStampsOfFilesJustChanged(t *testing.T) {
	const p = "content/entries/2025/a-raid.md"
	fsys := cachedSite(t, time.Now())
	bodies := &memBodies{}
	c := NewCache()
	Load(fsys, Options{Cache: c, Bodies: bodies})
	back := roundTrip(t, c, "key", bodies)
	if st := back.entries[p].stamp; st.known() {
		t.Errorf("the stamp of a file changed just before the load was saved: %+v", st)
	}
	// Same size, same time, other bytes: only the bytes tell.
	fsys[p].Data = []byte(strings.Replace(goodEntry, "Raid in Snuol", "Raid in Snoul", 1))
	s, _ := Load(fsys, Options{Cache: back, Bodies: bodies})
	if s.Entries[0].Title != "Raid in Snoul" || back.Misses != 1 {
		t.Errorf("after an edit that kept size and time: title %q, %d parsed; want the new title, 1", s.Entries[0].Title, back.Misses)
	}
	// Once its file has stayed unchanged long enough, an entry found by its
	// bytes gets its stamp back, and later loads need not read it.
	const q = "content/entries/2025/b-raid.md"
	fsys[q].ModTime = time.Now().Add(-time.Hour)
	Load(fsys, Options{Cache: back, Bodies: bodies})
	if again := roundTrip(t, back, "key", bodies); !again.entries[q].stamp.known() {
		t.Errorf("an entry found by its bytes, in a file an hour old, was saved without a stamp")
	}
}

// TestSavedCacheLeavesOutWhatItCannotGiveBack: entries with problems, and
// entries whose bodies are in memory rather than in a Bodies, are not
// saved; they are parsed again.
func TestSavedCacheLeavesOutWhatItCannotGiveBack(t *testing.T) {
	fsys := cachedSite(t, time.Unix(1_000_000, 0))
	fsys["content/entries/2025/c-raid.md"] = &fstest.MapFile{Data: []byte(replaceLine("kind:", "kind: raids"))}
	bodies := &memBodies{}
	c := NewCache()
	Load(fsys, Options{Cache: c, Bodies: bodies})
	back := roundTrip(t, c, "key", bodies)
	if _, ok := back.entries["content/entries/2025/c-raid.md"]; ok || len(back.entries) != 2 {
		t.Errorf("saved %d entries, the one with a problem among them: %v", len(back.entries), ok)
	}
	inMemory := NewCache()
	Load(fsys, Options{Cache: inMemory})
	if back := roundTrip(t, inMemory, "key", bodies); len(back.entries) != 0 {
		t.Errorf("saved %d entries whose bodies were in memory, want none", len(back.entries))
	}
}

// TestParseCacheRefusesOtherCaches: a cache of another key (generator,
// site, bodies file) is ErrOtherCache; a damaged one is an error.
func TestParseCacheRefusesOtherCaches(t *testing.T) {
	fsys := cachedSite(t, time.Unix(1_000_000, 0))
	bodies := &memBodies{}
	c := NewCache()
	Load(fsys, Options{Cache: c, Bodies: bodies})
	var buf strings.Builder
	c.Save(&buf, "key")
	saved := buf.String()
	if _, err := ParseCache([]byte(saved), "other key", bodies); !errors.Is(err, ErrOtherCache) {
		t.Errorf("another key: %v, want ErrOtherCache", err)
	}
	header, _, _ := strings.Cut(saved, "\n")
	middle := len(saved) - (len(saved)-len(header))/2
	for name, data := range map[string]string{
		"empty":               "",
		"header only":         header + "\n",
		"cut short":           saved[:len(saved)-10],
		"a byte changed":      saved[:middle] + string(saved[middle]^0x20) + saved[middle+1:],
		"one entry too many":  strings.Replace(saved, `"Count":2`, `"Count":3`, 1),
		"one entry too few":   strings.Replace(saved, `"Count":2`, `"Count":1`, 1),
		"bytes after the sum": saved + "x",
	} {
		c, err := ParseCache([]byte(data), "key", bodies)
		if err == nil {
			if err = c.Err(); len(c.entries) > 0 {
				t.Errorf("%s: the damaged cache kept %d entries", name, len(c.entries))
			}
		}
		if err == nil || errors.Is(err, ErrOtherCache) {
			t.Errorf("%s: %v, want an error that it is damaged", name, err)
		}
	}
}

// TestSavedCacheGivesBackTheRecord: every entry of the project's own record
// comes back from a saved cache as the loader made it. The record uses
// more of the format than the fixtures (series of tallies, scopes,
// reviews, corrections); comparing JSON also catches an empty list that
// the cache would give back as nil.
func TestSavedCacheGivesBackTheRecord(t *testing.T) {
	fsys := os.DirFS(filepath.Join("..", ".."))
	fresh, got, back, _ := loadFromSavedCache(t, fsys)
	if len(fresh.Entries) < 50 {
		t.Fatalf("the record has %d entries; is the test run from internal/content?", len(fresh.Entries))
	}
	if back.Misses != 0 || len(got.Entries) != len(fresh.Entries) {
		t.Fatalf("%d of %d entries parsed again; want none", back.Misses, len(fresh.Entries))
	}
	for i, e := range got.Entries {
		want, _ := json.Marshal(fresh.Entries[i])
		if have, _ := json.Marshal(e); string(have) != string(want) {
			t.Errorf("%s from the cache:\n%s\nparsed:\n%s", e.Path, have, want)
		}
	}
}
