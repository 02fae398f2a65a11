//go:build unix

package loader

import (
	"os"
	"syscall"
)

// openNoBlock opens name for reading without blocking: opening a named
// pipe with no writer would wait forever. O_NONBLOCK changes nothing for
// the reads of a regular file.
func openNoBlock(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
