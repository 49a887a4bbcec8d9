//go:build darwin

package content

import (
	"io/fs"
	"syscall"
)

// changeTime returns the time of the file's last change (its ctime), in
// nanoseconds, and its inode number, or zeros when info does not hold them.
func changeTime(info fs.FileInfo) (int64, uint64) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0
	}
	return st.Ctimespec.Nano(), uint64(st.Ino)
}
