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
	"timeline/internal/output"
)

// Files a CLI build keeps beside its output folder, so that the next build
// parses only the entries whose files changed.
const (
	entryCacheFile = "entries.cache"      // the parsed entries (content.Cache.Save)
	bodiesFile     = "entries.bodies"     // their rendered bodies (bodystore)
	compactFile    = "entries.bodies.new" // the bodies being compacted
)

// entryCache is the entries the last build into an output folder parsed,
// and where their bodies are.
type entryCache struct {
	cache  *content.Cache
	bodies *bodystore.Store // nil when the file cannot be used: bodies then stay in memory
	key    string           // the generator and the site folder
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
	data, err := readState(b, entryCacheFile)
	if errors.Is(err, fs.ErrNotExist) {
		return ec
	}
	if err == nil {
		var cache *content.Cache
		if cache, err = content.ParseCache(data, ec.key+"\x00"+ec.bodies.ID(), ec.bodies); err == nil {
			ec.cache = cache
			return ec
		}
	}
	if !errors.Is(err, content.ErrOtherCache) {
		fmt.Fprintf(c.stderr, "note: %v; every entry is read again\n", err)
	}
	return ec
}

// readState reads the state file name whole, in one read.
func readState(b *output.Build, name string) ([]byte, error) {
	f, err := b.OpenState(name, os.O_RDONLY)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	data := make([]byte, info.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return data, nil
}

// Bodies returns where loading keeps entry bodies, or nil for memory.
func (ec *entryCache) Bodies() content.Bodies {
	if ec.bodies == nil {
		return nil
	}
	return ec.bodies
}

// keep saves the cache beside the output folder when this build changed
// it, first compacting the bodies when fewer than half of them are still
// used. Failing to is only a slower next build: it is said.
func (c *command) keepEntryCache(b *output.Build, ec *entryCache) {
	if ec.bodies == nil || !ec.cache.Dirty() {
		return
	}
	err := c.compactBodies(b, ec)
	if err == nil {
		err = b.KeepState(entryCacheFile, func(w io.Writer) error {
			return ec.cache.Save(w, ec.key+"\x00"+ec.bodies.ID())
		})
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "note: %v; the next build reads every entry again\n", err)
	}
}

// compactBodies rewrites the bodies file with only the bodies the cache
// uses, when they are fewer than half of it (edited entries leave their
// old bodies behind). The new file has a new id, so until the cache that
// points into it is saved, no saved cache is used with it.
func (c *command) compactBodies(b *output.Build, ec *entryCache) error {
	if ec.bodies.Size() <= 2*ec.cache.BodyBytes()+1<<20 {
		return nil
	}
	f, err := b.OpenState(compactFile, os.O_RDWR|os.O_CREATE|os.O_TRUNC)
	if err != nil {
		return err
	}
	compacted, err := bodystore.New(f)
	if err == nil {
		err = ec.cache.MoveBodies(compacted)
	}
	if err == nil {
		err = b.RenameState(compactFile, bodiesFile)
	}
	if err != nil {
		f.Close()
		return fmt.Errorf("compact the entry bodies: %w", err)
	}
	ec.bodies.Close()
	ec.bodies = compacted
	return nil
}

// close closes the bodies file.
func (ec *entryCache) close() {
	if ec.bodies != nil {
		ec.bodies.Close()
	}
}
