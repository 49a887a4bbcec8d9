// Package bodystore keeps the rendered bodies of entries, and other
// fragments of output made from one entry (memo.Memo), in one file beside
// the output folder, so that a build of a large site holds in memory only
// what it renders. Text is appended and read back by offset
// (content.BodyRef); text once written is never overwritten, so a saved
// entry cache that points into the file stays valid while later builds
// append to it. A file mostly of text no cache points to any more is
// replaced by a new store that the bodies still used are copied into
// (content.Cache.MoveBodies); the new store has a new id.
package bodystore

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"unsafe"

	"timeline/internal/content"
)

// magic starts the file's header line; the store's id follows it.
const magic = "timeline bodies 1 "

// headerSize is the length of the header line: magic, a 32-digit id and a
// newline. Bodies start after it.
const headerSize = int64(len(magic) + 32 + 1)

// flushAt is how much appended text a store holds in memory before it
// writes it out: appends are many and small (a card, a row), and one write
// for many of them saves most of the system calls.
const flushAt = 256 << 10

// Store is a file of bodies. It is safe for concurrent use. Appended text
// is written out in batches (see flushAt); Flush writes what is pending,
// and must be called before anything that points into the file is saved.
type Store struct {
	f       *os.File
	id      string
	written atomic.Int64 // the file holds all text before this offset
	mu      sync.Mutex
	pending []byte // appended text not written yet, from offset written
}

// New returns the store held by f, opened for reading and writing. A file
// without a valid header (a new, empty one, or one of another layout) is
// emptied and given a new id.
func New(f *os.File) (*Store, error) {
	s := &Store{f: f}
	header := make([]byte, headerSize)
	_, err := f.ReadAt(header, 0)
	id, ok := bytes.CutPrefix(header, []byte(magic))
	if err == nil && ok && len(id) == 33 && id[32] == '\n' {
		size, err := f.Seek(0, io.SeekEnd)
		if err != nil {
			return nil, fmt.Errorf("body store: %w", err)
		}
		s.id = string(id[:32])
		s.written.Store(size)
		return s, nil
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("body store: %w", err)
	}
	if err := s.reset(); err != nil {
		return nil, fmt.Errorf("body store: %w", err)
	}
	return s, nil
}

// reset empties the file and gives it a new id.
func (s *Store) reset() error {
	var raw [16]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return err
	}
	s.id = hex.EncodeToString(raw[:])
	if err := s.f.Truncate(0); err != nil {
		return err
	}
	if _, err := s.f.WriteAt([]byte(magic+s.id+"\n"), 0); err != nil {
		return err
	}
	s.written.Store(headerSize)
	return nil
}

// ID names the store's content: it changes whenever the file is emptied,
// so a cache saved with the id of another file is not used with this one.
func (s *Store) ID() string { return s.id }

// Size is the length of the file, bodies no longer used and text not
// written yet included.
func (s *Store) Size() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.written.Load() + int64(len(s.pending))
}

// Append appends text (a body, or any other fragment of output) and
// returns where it is.
func (s *Store) Append(text string) (content.BodyRef, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ref := content.BodyRef{Offset: s.written.Load() + int64(len(s.pending)), Length: int64(len(text))}
	s.pending = append(s.pending, text...)
	if len(s.pending) >= flushAt {
		if err := s.flush(); err != nil {
			return content.BodyRef{}, err
		}
	}
	return ref, nil
}

// Flush writes out the text appended since the last write.
func (s *Store) Flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.flush()
}

// flush is Flush with s.mu held.
func (s *Store) flush() error {
	if len(s.pending) == 0 {
		return nil
	}
	at := s.written.Load()
	if _, err := s.f.WriteAt(s.pending, at); err != nil {
		return fmt.Errorf("body store: %w", err)
	}
	s.written.Store(at + int64(len(s.pending)))
	s.pending = s.pending[:0]
	return nil
}

// Read reads back the text at ref.
func (s *Store) Read(ref content.BodyRef) (string, error) {
	if ref.Offset < headerSize || ref.Length < 0 {
		return "", fmt.Errorf("body store: %d bytes at %d are outside the file", ref.Length, ref.Offset)
	}
	if ref.Offset+ref.Length > s.written.Load() {
		// Not all written yet: from the pending text when it is all there.
		s.mu.Lock()
		at, end := s.written.Load(), s.written.Load()+int64(len(s.pending))
		switch {
		case ref.Offset+ref.Length > end:
			s.mu.Unlock()
			return "", fmt.Errorf("body store: %d bytes at %d are outside the file", ref.Length, ref.Offset)
		case ref.Offset >= at:
			text := string(s.pending[ref.Offset-at : ref.Offset-at+ref.Length])
			s.mu.Unlock()
			return text, nil
		}
		err := s.flush()
		s.mu.Unlock()
		if err != nil {
			return "", err
		}
	}
	buf := make([]byte, ref.Length)
	if _, err := s.f.ReadAt(buf, ref.Offset); err != nil {
		return "", fmt.Errorf("body store: %w", err)
	}
	return unsafe.String(unsafe.SliceData(buf), len(buf)), nil // buf is not kept: the string is the only copy
}

// Close writes out what is pending and closes the file.
func (s *Store) Close() error {
	err := s.Flush()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}
