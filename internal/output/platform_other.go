//go:build !unix

package output

import "io/fs"

// inode is not known here: every build writes every file.
func inode(fs.FileInfo) (uint64, bool) { return 0, false }

// noFollow is not available here; the workspace is made by this package.
const noFollow = 0
