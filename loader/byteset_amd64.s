//go:build amd64 && !purego

#include "textflag.h"

// func indexSetAVX2(p *byte, n int, lo, hi *[16]byte) int
TEXT ·indexSetAVX2(SB), NOSPLIT, $0-40
	MOVQ p+0(FP), SI
	MOVQ n+8(FP), CX
	MOVQ lo+16(FP), AX
	MOVQ hi+24(FP), DX
	VBROADCASTI128 (AX), Y4 // lo table, in both lanes
	VBROADCASTI128 (DX), Y5 // hi table
	MOVL $0x0F0F0F0F, BX
	MOVD BX, X6
	VPBROADCASTD X6, Y6     // low-nibble mask
	XORQ DI, DI

loop:
	CMPQ DI, CX
	JAE  none
	VMOVDQU (SI)(DI*1), Y0
	VPSRLW  $4, Y0, Y1
	VPAND   Y6, Y0, Y0      // low nibbles
	VPAND   Y6, Y1, Y1      // high nibbles
	VPSHUFB Y0, Y4, Y2      // lo[c&15]
	VPSHUFB Y1, Y5, Y3      // hi[c>>4]
	VPTEST  Y2, Y3          // ZF: no byte has lo & hi
	JNZ     found
	ADDQ    $32, DI
	JMP     loop

found:
	VPAND    Y2, Y3, Y2
	VPXOR    Y7, Y7, Y7
	VPCMPEQB Y7, Y2, Y2     // 0xFF where not in the set
	VPMOVMSKB Y2, BX
	NOTL     BX
	TZCNTL   BX, BX
	ADDQ     BX, DI
	MOVQ     DI, ret+32(FP)
	VZEROUPPER
	RET

none:
	MOVQ CX, ret+32(FP)
	VZEROUPPER
	RET
