//go:build unix

package output

import (
	"errors"
	"io/fs"
	"os"
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

// openForWrite creates or truncates the file p for writing, failing on a
// link. It opens with the system call itself: os.OpenFile would also try
// to add the file to the network poller, which a regular file refuses,
// four more system calls per file that a build of 10,000 pages pays
// 10,000 times.
func openForWrite(p string) (*os.File, error) {
	for {
		fd, err := syscall.Open(p, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0o644)
		switch {
		case err == nil:
			return os.NewFile(uintptr(fd), p), nil
		case !errors.Is(err, syscall.EINTR):
			return nil, &os.PathError{Op: "open", Path: p, Err: err}
		}
	}
}
