/*
 * The exception vector table and the code that saves and restores the
 * interrupted context (Linux: arch/arm64/kernel/entry.S).
 *
 * VBAR_EL1 points at a 2 KiB-aligned table of 16 entries, 128 bytes each
 * (ARM ARM D1.10.2): four groups -- current EL using SP_EL0, current EL
 * using SP_ELx, lower EL in AArch64, lower EL in AArch32 -- of four kinds:
 * synchronous, IRQ, FIQ, SError. The kernel always runs on SP_EL1, so only
 * "current EL with SPx" and "lower EL AArch64" are expected.
 */
#include <asm/assembler.h>
#include <asm/ptrace.h>

/* Save x0-x30, the interrupted SP, ELR, SPSR, ESR and FAR as a struct pt_regs. */
	.macro	kernel_entry, el
	sub	sp, sp, #PT_REGS_SIZE
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	.if	\el == 0
	mrs	x21, sp_el0
	.else
	add	x21, sp, #PT_REGS_SIZE
	.endif
	stp	x30, x21, [sp, #S_LR]
	mrs	x22, elr_el1
	mrs	x23, spsr_el1
	stp	x22, x23, [sp, #S_PC]
	mrs	x24, esr_el1
	mrs	x25, far_el1
	stp	x24, x25, [sp, #S_ESR]
	/* A frame record {x29, pc} so backtraces continue into the interrupted code. */
	.if	\el == 0
	stp	xzr, xzr, [sp, #S_STACKFRAME]
	.else
	stp	x29, x22, [sp, #S_STACKFRAME]
	.endif
	add	x29, sp, #S_STACKFRAME
	.endm

	.macro	kernel_exit, el
	ldp	x22, x23, [sp, #S_PC]
	msr	elr_el1, x22
	msr	spsr_el1, x23
	.if	\el == 0
	ldr	x21, [sp, #S_SP]
	msr	sp_el0, x21
	.endif
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	ldr	x30, [sp, #S_LR]
	add	sp, sp, #PT_REGS_SIZE
	eret
	.endm

/* One 128-byte vector slot: branch to its handler. */
	.macro	ventry, label
	.balign	128
	b	\label
	.endm

	.section .vectors, "ax"
	.balign	2048
	.globl	vectors
vectors:
	ventry	el1t_sync_invalid	/* current EL, SP_EL0 */
	ventry	el1t_irq_invalid
	ventry	el1t_fiq_invalid
	ventry	el1t_serror_invalid

	ventry	el1h_sync		/* current EL, SP_EL1 */
	ventry	el1h_irq
	ventry	el1h_fiq_invalid
	ventry	el1h_serror

	ventry	el0_sync		/* lower EL, AArch64 */
	ventry	el0_irq
	ventry	el0_fiq_invalid
	ventry	el0_serror

	ventry	el0_32_sync_invalid	/* lower EL, AArch32 */
	ventry	el0_32_irq_invalid
	ventry	el0_32_fiq_invalid
	ventry	el0_32_serror_invalid

	.text
/* Exceptions the kernel never expects: report which vector and die. */
	.macro	invalid_vector, label, el, index
\label:
	kernel_entry \el
	mov	x0, sp
	mov	x1, #\index
	bl	bad_mode
	.endm

	invalid_vector el1t_sync_invalid, 1, 0
	invalid_vector el1t_irq_invalid, 1, 1
	invalid_vector el1t_fiq_invalid, 1, 2
	invalid_vector el1t_serror_invalid, 1, 3
	invalid_vector el1h_fiq_invalid, 1, 6
	invalid_vector el0_fiq_invalid, 0, 10
	invalid_vector el0_32_sync_invalid, 0, 12
	invalid_vector el0_32_irq_invalid, 0, 13
	invalid_vector el0_32_fiq_invalid, 0, 14
	invalid_vector el0_32_serror_invalid, 0, 15

	.macro	handler, label, el, fn
\label:
	kernel_entry \el
	mov	x0, sp
	bl	\fn
	b	ret_to_\el
	.endm

	handler	el1h_sync, 1, el1h_64_sync_handler
	handler	el1h_irq, 1, el1h_64_irq_handler
	handler	el1h_serror, 1, el1h_64_serror_handler
	handler	el0_sync, 0, el0t_64_sync_handler
	handler	el0_irq, 0, el0t_64_irq_handler
	handler	el0_serror, 0, el0t_64_serror_handler

ret_to_1:
	kernel_exit 1

	.globl	ret_to_user
ret_to_user:
ret_to_0:
	mov	x0, sp
	bl	exit_to_user_mode	/* pending work: reschedule, a pending kill (kernel/) */
	kernel_exit 0
