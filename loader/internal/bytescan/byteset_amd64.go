//go:build amd64 && !purego

package bytescan

import "golang.org/x/sys/cpu"

// hasAVX2 is whether the vector code of this file's assembly may run.
var hasAVX2 = cpu.X86.HasAVX2

// indexSetAVX2 returns the offset of the first byte of p[:n] (n a multiple
// of 32) in the set lo/hi (see byteSet), or n.
//
//go:noescape
func indexSetAVX2(p *byte, n int, lo, hi *[16]byte) int

// censusAVX2 looks at the offsets below n (a multiple of 32; p[:n+2]
// readable) for the three-byte sequences census reports, and returns its
// bits for those found.
//
//go:noescape
func censusAVX2(p *byte, n int) uint32
