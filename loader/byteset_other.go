//go:build !amd64 || purego

package loader

const hasAVX2 = false

func indexSetAVX2(p *byte, n int, lo, hi *[16]byte) int { panic("no AVX2") }
