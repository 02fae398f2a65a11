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

// Byte constants for censusAVX2, each repeated over 32 bytes.
#define REP32(name, b) \
	DATA name+0(SB)/8, $(b*0x0101010101010101); \
	DATA name+8(SB)/8, $(b*0x0101010101010101); \
	DATA name+16(SB)/8, $(b*0x0101010101010101); \
	DATA name+24(SB)/8, $(b*0x0101010101010101); \
	GLOBL name(SB), RODATA|NOPTR, $32

// func censusAVX2(p *byte, n int) uint32
//
// Bit 1: E2 80 A8..AE or E2 81 A6..A9 (separators, bidi controls); bit 2:
// EF BB BF or EF BD 9C (U+FEFF, ｜); bit 4: E3 80 80 (U+3000). Each is
// ORed over the whole range into an accumulator, tested at the end.
TEXT ·censusAVX2(SB), NOSPLIT, $0-20
	MOVQ p+0(FP), SI
	MOVQ n+8(FP), CX
	MOVL $0xE2E2E2E2, AX
	MOVD AX, X8
	VPBROADCASTD X8, Y8        // E2
	MOVL $0xEFEFEFEF, AX
	MOVD AX, X9
	VPBROADCASTD X9, Y9        // EF
	MOVL $0xE3E3E3E3, AX
	MOVD AX, X10
	VPBROADCASTD X10, Y10      // E3
	MOVL $0x80808080, AX
	MOVD AX, X11
	VPBROADCASTD X11, Y11      // 80
	VPXOR Y12, Y12, Y12        // accumulator: separators, bidi
	VPXOR Y13, Y13, Y13        // accumulator: FEFF, ｜
	VPXOR Y14, Y14, Y14        // accumulator: U+3000
	XORQ DI, DI

cloop:
	CMPQ DI, CX
	JAE  cdone
	VMOVDQU (SI)(DI*1), Y0     // first bytes
	VMOVDQU 1(SI)(DI*1), Y1    // second
	VMOVDQU 2(SI)(DI*1), Y2    // third

	// U+3000: E3 80 80.
	VPCMPEQB Y10, Y0, Y3
	VPCMPEQB Y11, Y1, Y4
	VPAND    Y4, Y3, Y3
	VPCMPEQB Y11, Y2, Y5
	VPAND    Y5, Y3, Y3
	VPOR     Y3, Y14, Y14

	// E2 80 A8..AE: third - A8 <= 6 (unsigned), as min(x, 6) == x.
	VPCMPEQB Y8, Y0, Y3        // E2
	VPTEST   Y3, Y3
	JZ       cef
	VPSUBB   ·cA8(SB), Y2, Y5
	VPMINUB  ·c06(SB), Y5, Y6
	VPCMPEQB Y6, Y5, Y5        // third in A8..AE
	VPAND    Y4, Y5, Y5        // and second 80
	// E2 81 A6..A9.
	VPCMPEQB ·c81(SB), Y1, Y6
	VPSUBB   ·cA6(SB), Y2, Y7
	VPMINUB  ·c03(SB), Y7, Y15
	VPCMPEQB Y15, Y7, Y7       // third in A6..A9
	VPAND    Y6, Y7, Y7
	VPOR     Y7, Y5, Y5
	VPAND    Y3, Y5, Y5
	VPOR     Y5, Y12, Y12

cef:
	// EF BB BF, EF BD 9C.
	VPCMPEQB Y9, Y0, Y3        // EF
	VPTEST   Y3, Y3
	JZ       cnext
	VPCMPEQB ·cBB(SB), Y1, Y5
	VPCMPEQB ·cBF(SB), Y2, Y6
	VPAND    Y6, Y5, Y5
	VPCMPEQB ·cBD(SB), Y1, Y6
	VPCMPEQB ·c9C(SB), Y2, Y7
	VPAND    Y7, Y6, Y6
	VPOR     Y6, Y5, Y5
	VPAND    Y3, Y5, Y5
	VPOR     Y5, Y13, Y13

cnext:
	ADDQ $32, DI
	JMP  cloop

cdone:
	XORL AX, AX
	VPTEST Y12, Y12
	JZ   c2
	ORL  $1, AX
c2:
	VPTEST Y13, Y13
	JZ   c4
	ORL  $2, AX
c4:
	VPTEST Y14, Y14
	JZ   cret
	ORL  $4, AX
cret:
	MOVL AX, ret+16(FP)
	VZEROUPPER
	RET

REP32(·cA8, 0xA8)
REP32(·cA6, 0xA6)
REP32(·c06, 0x06)
REP32(·c03, 0x03)
REP32(·c81, 0x81)
REP32(·cBB, 0xBB)
REP32(·cBF, 0xBF)
REP32(·cBD, 0xBD)
REP32(·c9C, 0x9C)
