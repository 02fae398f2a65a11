//go:build !unix

package loader

import "os"

// openNoBlock opens name for reading (see open_unix.go: elsewhere opening
// a file does not wait for a writer).
func openNoBlock(name string) (*os.File, error) { return os.Open(name) }
