/* Assembly helpers. */
#ifndef _ASM_ASSEMBLER_H
#define _ASM_ASSEMBLER_H

/* PC-relative address of sym (works before and after the MMU is on, +-4 GiB). */
	.macro	adr_l, dst, sym
	adrp	\dst, \sym
	add	\dst, \dst, :lo12:\sym
	.endm

/* Load a 64-bit constant with up to four movz/movk. */
	.macro	mov_q, reg, val
	movz	\reg, #:abs_g3:\val
	movk	\reg, #:abs_g2_nc:\val
	movk	\reg, #:abs_g1_nc:\val
	movk	\reg, #:abs_g0_nc:\val
	.endm

	.macro	ENTRY, name
	.globl	\name
	.type	\name, %function
\name:
	.endm

	.macro	END, name
	.size	\name, . - \name
	.endm

#endif
