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
	"sync/atomic"
	"unsafe"

	"timeline/internal/content"
)

// magic starts the file's header line; the store's id follows it.
const magic = "timeline bodies 1 "

// headerSize is the length of the header line: magic, a 32-digit id and a
// newline. Bodies start after it.
const headerSize = int64(len(magic) + 32 + 1)

// Store is a file of bodies. It is safe for concurrent use.
type Store struct {
	f   *os.File
	id  string
	end atomic.Int64 // where the next body goes
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
		s.end.Store(size)
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
	s.end.Store(headerSize)
	return nil
}

// ID names the store's content: it changes whenever the file is emptied,
// so a cache saved with the id of another file is not used with this one.
func (s *Store) ID() string { return s.id }

// Size is the length of the file, bodies no longer used included.
func (s *Store) Size() int64 { return s.end.Load() }

// Append appends text (a body, or any other fragment of output) and
// returns where it is.
func (s *Store) Append(text string) (content.BodyRef, error) {
	n := int64(len(text))
	off := s.end.Add(n) - n
	if _, err := s.f.WriteAt([]byte(text), off); err != nil {
		return content.BodyRef{}, fmt.Errorf("body store: %w", err)
	}
	return content.BodyRef{Offset: off, Length: n}, nil
}

// Read reads back the text at ref.
func (s *Store) Read(ref content.BodyRef) (string, error) {
	if ref.Offset < headerSize || ref.Length < 0 || ref.Offset+ref.Length > s.end.Load() {
		return "", fmt.Errorf("body store: %d bytes at %d are outside the file", ref.Length, ref.Offset)
	}
	buf := make([]byte, ref.Length)
	if _, err := s.f.ReadAt(buf, ref.Offset); err != nil {
		return "", fmt.Errorf("body store: %w", err)
	}
	return unsafe.String(unsafe.SliceData(buf), len(buf)), nil // buf is not kept: the string is the only copy
}

// Close closes the file.
func (s *Store) Close() error { return s.f.Close() }
