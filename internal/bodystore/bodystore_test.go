package bodystore

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"timeline/internal/content"
)

func open(t *testing.T, p string) *Store {
	t.Helper()
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestBodiesComeBackAfterReopening: what Append wrote is what Read reads, in
// this process and in the next one, which keeps the id and appends after
// the bodies already there.
func TestBodiesComeBackAfterReopening(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bodies")
	s := open(t, p)
	bodies := []string{"<p>one</p>", "", "<p>deux — ២</p>"}
	refs := make([]content.BodyRef, len(bodies))
	for i, b := range bodies {
		ref, err := s.Append(b)
		if err != nil {
			t.Fatal(err)
		}
		refs[i] = ref
	}
	id, size := s.ID(), s.Size()
	s.Close()

	again := open(t, p)
	if again.ID() != id || again.Size() != size {
		t.Fatalf("reopened: id %s size %d, want %s %d", again.ID(), again.Size(), id, size)
	}
	more, err := again.Append("<p>three</p>")
	if err != nil || more.Offset != size {
		t.Fatalf("a new body went to %d (%v), want the end of the file, %d", more.Offset, err, size)
	}
	for i, ref := range append(refs, more) {
		want := append(bodies, "<p>three</p>")[i]
		if got, err := again.Read(ref); err != nil || got != want {
			t.Errorf("body %d = %q, %v; want %q", i, got, err, want)
		}
	}
}

// TestForeignFileStartsAnew: a file that is not a body store (empty, or of
// another layout) is emptied and gets an id of its own, so no cache saved
// for another file is used with it.
func TestForeignFileStartsAnew(t *testing.T) {
	dir := t.TempDir()
	ids := map[string]bool{}
	for name, data := range map[string]string{"empty": "", "other": "something else entirely, longer than a header line\n", "old": "timeline bodies 0 x\n"} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(data), 0o644)
		s := open(t, p)
		if s.Size() != headerSize || len(s.ID()) != 32 || ids[s.ID()] {
			t.Errorf("%s: size %d, id %q (seen: %v)", name, s.Size(), s.ID(), ids[s.ID()])
		}
		ids[s.ID()] = true
	}
}

// TestGetRefusesRefsOutsideTheFile: a reference past the end or into the
// header, from a damaged cache, is an error, not a body.
func TestGetRefusesRefsOutsideTheFile(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "bodies"))
	ref, _ := s.Append("<p>x</p>")
	for _, bad := range []content.BodyRef{{Offset: ref.Offset, Length: ref.Length + 1}, {Offset: 0, Length: 4}, {Offset: ref.Offset, Length: -1}} {
		if got, err := s.Read(bad); err == nil {
			t.Errorf("Get(%+v) = %q, want an error", bad, got)
		}
	}
}

// TestConcurrentPuts: bodies put from many goroutines at once each come
// back whole, also when read while others are put and written out.
func TestConcurrentPuts(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "bodies"))
	refs := make([]content.BodyRef, 200)
	var wg sync.WaitGroup
	for i := range refs {
		wg.Go(func() {
			ref, err := s.Append(fmt.Sprintf("<p>body %d</p>%s", i, strings.Repeat(" ", 4<<10)))
			if err != nil {
				t.Error(err)
			}
			if got, _ := s.Read(ref); !strings.HasPrefix(got, fmt.Sprintf("<p>body %d</p>", i)) {
				t.Errorf("body %d read while others are appended = %.20q", i, got)
			}
			refs[i] = ref
		})
	}
	wg.Wait()
	for i, ref := range refs {
		if got, _ := s.Read(ref); got != fmt.Sprintf("<p>body %d</p>%s", i, strings.Repeat(" ", 4<<10)) {
			t.Errorf("body %d = %.20q", i, got)
		}
	}
}

// TestAppendsAreWrittenInBatches: appended text stays in memory until
// there is flushAt of it or Flush is called, and reads back meanwhile,
// also in a read that spans text written and text pending.
func TestAppendsAreWrittenInBatches(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bodies")
	s := open(t, p)
	onDisk := func() int64 {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return info.Size()
	}
	small, _ := s.Append("<p>small</p>")
	if got, err := s.Read(small); err != nil || got != "<p>small</p>" {
		t.Errorf("pending text reads back as %q, %v", got, err)
	}
	if n := onDisk(); n != headerSize {
		t.Errorf("one small append made the file %d bytes, want it still pending (%d)", n, headerSize)
	}
	big := strings.Repeat("x", flushAt)
	bigRef, _ := s.Append(big)
	if n := onDisk(); n != s.Size() {
		t.Errorf("after %d bytes appended the file has %d of %d", flushAt, n, s.Size())
	}
	tail, _ := s.Append("<p>tail</p>")
	span := content.BodyRef{Offset: small.Offset, Length: tail.Offset + tail.Length - small.Offset}
	if got, err := s.Read(span); err != nil || got != "<p>small</p>"+big+"<p>tail</p>" {
		t.Errorf("a read over written and pending text: %d bytes, %v", len(got), err)
	}
	if got, _ := s.Read(bigRef); got != big {
		t.Errorf("the big text came back as %d bytes", len(got))
	}
	if err := s.Flush(); err != nil || onDisk() != s.Size() {
		t.Errorf("after Flush (%v) the file has %d of %d bytes", err, onDisk(), s.Size())
	}
}
