//go:build !unix

package output

import (
	"io/fs"
	"os"
)

// inode is not known here: every build writes every file.
func inode(fs.FileInfo) (uint64, bool) { return 0, false }

// noFollow is not available here; the workspace is made by this package.
const noFollow = 0

// openForWrite creates or truncates the file p for writing.
func openForWrite(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
}
