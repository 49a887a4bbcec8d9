package render

import (
	"bytes"
	"cmp"
	"runtime"
	"sync"
	"sync/atomic"
)

// maxPooledBuffer is the largest buffer kept for reuse: the data files of a
// large site (megabytes each) would otherwise stay in memory for the rest of
// the build, as the capacity of buffers that hold 10 KB pages.
const maxPooledBuffer = 1 << 20

// fileWriters is how many goroutines write output files at once.
const fileWriters = 4

// fileWriter writes rendered files to a Writer from a few goroutines, in
// the order they are done: on a disk, creating files and folders waits on
// the file system, and several writers keep it busy while the renderers go
// on. Buffers go round from the renderers to the writers and back.
type fileWriter struct {
	buffers   sync.Pool
	done      chan renderedFile
	writers   sync.WaitGroup
	mu        sync.Mutex
	err       error       // the first write that failed; nothing is written after it
	abandoned atomic.Bool // set when the build was given up: nothing more is written
}

// renderedFile is a file ready to be written.
type renderedFile struct {
	name string
	data *bytes.Buffer // from the pool; returned there once written
}

// startWriters starts the goroutines that write to w.
func startWriters(w Writer) *fileWriter {
	f := &fileWriter{done: make(chan renderedFile, 2*runtime.GOMAXPROCS(0))}
	f.buffers.New = func() any { return new(bytes.Buffer) }
	for range fileWriters {
		f.writers.Go(func() {
			for r := range f.done {
				if f.failed() == nil && !f.abandoned.Load() {
					if err := w.WriteFile(r.name, r.data.Bytes()); err != nil {
						f.mu.Lock()
						f.err = cmp.Or(f.err, err)
						f.mu.Unlock()
					}
				}
				f.recycle(r.data)
			}
		})
	}
	return f
}

// failed returns the error of the first write that failed, if any.
func (f *fileWriter) failed() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

// buffer returns an empty buffer to render a file into.
func (f *fileWriter) buffer() *bytes.Buffer {
	b := f.buffers.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

// recycle gives back a buffer that is not to be written.
func (f *fileWriter) recycle(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBuffer {
		f.buffers.Put(b)
	}
}

// write queues a file; the buffer goes back to the pool once written.
func (f *fileWriter) write(name string, data *bytes.Buffer) { f.done <- renderedFile{name, data} }

// close waits for every queued file to be written and returns the first
// error. No file may be queued after it.
func (f *fileWriter) close() error {
	close(f.done)
	f.writers.Wait()
	return f.failed()
}

// abandon stops the writing of further files.
func (f *fileWriter) abandon() { f.abandoned.Store(true) }
