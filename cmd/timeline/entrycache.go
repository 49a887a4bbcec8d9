package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"timeline/internal/bodystore"
	"timeline/internal/content"
	"timeline/internal/memo"
	"timeline/internal/output"
)

// Files a CLI build keeps beside its output folder, so that the next build
// parses only the entries whose files changed.
const (
	entryCacheFile = "entries.cache"      // the parsed entries (content.Cache.Save)
	fragmentsFile  = "fragments.cache"    // where the fragments made from each entry are (memo.Memo.Save)
	bodiesFile     = "entries.bodies"     // their rendered bodies, and those fragments (bodystore)
	compactFile    = "entries.bodies.new" // the bodies being compacted
)

// entryCache is the entries the last build into an output folder parsed,
// the fragments of output it made from them (cards, data rows), and where
// their bodies and fragments are.
type entryCache struct {
	cache     *content.Cache
	fragments *memo.Memo       // nil when bodies is nil
	bodies    *bodystore.Store // nil when the file cannot be used: bodies then stay in memory
	key       string           // the generator and the site folder
}

// openEntryCache opens what the last build into b kept. Anything it cannot
// use only makes a slower build: what cannot be read is said, and a new
// cache is started.
func (c *command) openEntryCache(b *output.Build, generator, src string) *entryCache {
	if abs, err := filepath.Abs(src); err == nil {
		src = abs
	}
	ec := &entryCache{cache: content.NewCache(), key: generator + "\x00" + src}
	f, err := b.OpenState(bodiesFile, os.O_RDWR|os.O_CREATE)
	if err == nil {
		ec.bodies, err = bodystore.New(f)
		if err != nil {
			f.Close()
		}
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "note: %v; entry bodies are kept in memory\n", err)
		return ec
	}
	ec.fragments = c.readFragments(b, ec)
	data, err := b.ReadState(entryCacheFile)
	if errors.Is(err, fs.ErrNotExist) {
		return ec
	}
	if err == nil {
		var cache *content.Cache
		if cache, err = content.ParseCache(data, ec.storeKey(), ec.bodies); err == nil {
			ec.cache = cache
			return ec
		}
	}
	if !errors.Is(err, content.ErrOtherCache) {
		fmt.Fprintf(c.stderr, "note: %v; every entry is read again\n", err)
	}
	return ec
}

// readFragments returns the fragments the last build into b kept, or an
// empty memo in the bodies file.
func (c *command) readFragments(b *output.Build, ec *entryCache) *memo.Memo {
	data, err := b.ReadState(fragmentsFile)
	if err == nil {
		var m *memo.Memo
		if m, err = memo.ParseSpilled(data, ec.storeKey(), ec.bodies); err == nil {
			return m
		}
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, memo.ErrOtherFragments) {
		fmt.Fprintf(c.stderr, "note: %v; every card and data row is made again\n", err)
	}
	return memo.Spilled(ec.bodies)
}

// storeKey names what saved files point into: the generator, the site
// folder and the bodies file.
func (ec *entryCache) storeKey() string { return ec.key + "\x00" + ec.bodies.ID() }

// Bodies returns where loading keeps entry bodies, or nil for memory.
func (ec *entryCache) Bodies() content.Bodies {
	if ec.bodies == nil {
		return nil
	}
	return ec.bodies
}

// keepEntryCache saves the cache beside the output folder when this build
// changed it, and the fragments when the build rendered (rendered is
// false when it stopped at content problems, and made no fragment). A
// build that rendered first compacts the bodies file when fewer than half
// of it is still used; the fragments are then made again by the next
// build. Failing to save is only a slower next build: it is said.
func (c *command) keepEntryCache(b *output.Build, ec *entryCache, rendered bool) {
	if err := ec.cache.Err(); err != nil {
		fmt.Fprintf(c.stderr, "note: %v; every entry was read again\n", err)
	}
	if ec.bodies == nil || !ec.cache.Dirty() && !rendered {
		return
	}
	var compacted bool
	var err error
	if rendered {
		compacted, err = c.compactBodies(b, ec, ec.cache.BodyBytes()+ec.fragments.KeptBytes())
	}
	if err == nil {
		err = ec.bodies.Flush() // before what points into it is saved
	}
	if err == nil && rendered && !compacted {
		err = b.KeepState(fragmentsFile, func(w io.Writer) error { return ec.fragments.Save(w, ec.storeKey()) })
	}
	if err == nil && (ec.cache.Dirty() || compacted) { // a compacted file has a new id
		err = b.KeepState(entryCacheFile, func(w io.Writer) error { return ec.cache.Save(w, ec.storeKey()) })
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "note: %v; the next build parses and makes again what this one could not keep\n", err)
	}
}

// compactBodies rewrites the bodies file with only the bodies the cache
// uses, when live, what is still used of it, is less than half of it
// (edited entries leave their old bodies and fragments behind). The new
// file has a new id, so until the cache that points into it is saved, no
// saved cache is used with it; the fragments are left behind.
func (c *command) compactBodies(b *output.Build, ec *entryCache, live int64) (bool, error) {
	if ec.bodies.Size() <= 2*live+1<<20 {
		return false, nil
	}
	f, err := b.OpenState(compactFile, os.O_RDWR|os.O_CREATE|os.O_TRUNC)
	if err != nil {
		return false, err
	}
	compacted, err := bodystore.New(f)
	if err == nil {
		err = ec.cache.MoveBodies(compacted)
	}
	if err == nil {
		err = compacted.Flush()
	}
	if err == nil {
		err = b.RenameState(compactFile, bodiesFile)
	}
	if err != nil {
		f.Close()
		return false, fmt.Errorf("compact the entry bodies: %w", err)
	}
	ec.bodies.Close()
	ec.bodies = compacted
	return true, nil
}

// close closes the bodies file.
func (ec *entryCache) close() {
	if ec.bodies != nil {
		ec.bodies.Close()
	}
}
