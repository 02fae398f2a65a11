//go:build !amd64 || purego

package bytescan

const hasAVX2 = false

func indexSetAVX2(p *byte, n int, lo, hi *[16]byte) int { panic("no AVX2") }

func censusAVX2(p *byte, n int) uint32 { panic("no AVX2") }
