package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// fileState is what a build knows of one file it wrote: its content's hash
// and the file's identity, size and modification time just after writing.
// A later build trusts the hash only while the file on disk still has that
// identity, size and time, so a file changed by anyone else is written again.
// input, when the build gave one (see Build.SetInputs), names what the file
// was made from, so that a later build made from the same may keep the file
// without making it again.
type fileState struct {
	sum   [16]byte
	ino   uint64
	size  int64
	mtime int64
	input string
}

// manifest maps output names to what was written there.
type manifest map[string]fileState

func sum(data []byte) [16]byte {
	full := sha256.Sum256(data)
	return [16]byte(full[:16])
}

// stateOf describes a file on disk; ok is false where the system gives no
// file identity, and then no file is ever trusted.
func stateOf(info fs.FileInfo) (fileState, bool) {
	ino, ok := inode(info)
	if !ok || !info.Mode().IsRegular() {
		return fileState{}, false
	}
	return fileState{ino: ino, size: info.Size(), mtime: info.ModTime().UnixNano()}, true
}

// manifestPath names the manifest of the buffer folder dir, by its inode,
// which stays the same when the folder is renamed or swapped.
func (f *Folder) manifestPath(dir string) (string, bool) {
	info, err := os.Lstat(dir)
	if err != nil {
		return "", false
	}
	ino, ok := inode(info)
	if !ok {
		return "", false
	}
	return filepath.Join(f.state, strconv.FormatUint(ino, 10)+".manifest"), true
}

// readManifest reads the manifest of dir and deletes it, so that a build
// interrupted while it changes dir leaves it marked as unknown. It returns
// nil when there is none or it cannot be read.
func (f *Folder) readManifest(dir string) manifest {
	p, ok := f.manifestPath(dir)
	if !ok {
		return nil
	}
	data, err := os.ReadFile(p)
	os.Remove(p)
	if err != nil {
		return nil
	}
	m := make(manifest)
	for line := range strings.Lines(string(data)) {
		var st fileState
		var hexSum, name string
		fields := strings.SplitN(strings.TrimSuffix(line, "\n"), " ", 6)
		if len(fields) != 6 {
			return nil
		}
		var err1, err2, err3 error
		st.ino, err1 = strconv.ParseUint(fields[0], 10, 64)
		st.size, err2 = strconv.ParseInt(fields[1], 10, 64)
		st.mtime, err3 = strconv.ParseInt(fields[2], 10, 64)
		hexSum, st.input, name = fields[3], strings.TrimPrefix(fields[4], "-"), fields[5]
		if err1 != nil || err2 != nil || err3 != nil || len(hexSum) != 32 || strings.ContainsAny(st.input, "- ") || CheckName(name) != nil {
			return nil
		}
		if n, err := hex.Decode(st.sum[:], []byte(hexSum)); err != nil || n != len(st.sum) {
			return nil
		}
		m[name] = st
	}
	return m
}

// writeManifest records what dir holds, written whole or not at all.
func (f *Folder) writeManifest(dir string, m manifest) error {
	p, ok := f.manifestPath(dir)
	if !ok {
		return nil
	}
	var buf bytes.Buffer
	for _, name := range slices.Sorted(maps.Keys(m)) {
		st := m[name]
		input := st.input
		if input == "" {
			input = "-"
		}
		fmt.Fprintf(&buf, "%d %d %d %x %s %s\n", st.ino, st.size, st.mtime, st.sum, input, name)
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("record output state: %w", err)
	}
	if err := os.Rename(tmp, p); err != nil {
		return fmt.Errorf("record output state: %w", err)
	}
	return nil
}

// pruneManifests removes manifests of folders that are neither the
// published one nor the spare.
func (f *Folder) pruneManifests() {
	keep := map[string]bool{}
	for _, dir := range []string{f.final, f.spare} {
		if p, ok := f.manifestPath(dir); ok {
			keep[p] = true
		}
	}
	found, _ := filepath.Glob(filepath.Join(f.state, "*.manifest*"))
	for _, p := range found {
		if !keep[p] {
			os.Remove(p)
		}
	}
}
