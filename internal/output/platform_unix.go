//go:build unix

package output

import (
	"io/fs"
	"syscall"
)

// inode returns the file's inode number.
func inode(info fs.FileInfo) (uint64, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return uint64(st.Ino), true
}

// noFollow makes opening a link to write through it fail.
const noFollow = syscall.O_NOFOLLOW
