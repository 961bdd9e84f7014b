/*
 * Saving and restoring the whole FP/SIMD register file: V0-V31 (128 bits
 * each), FPSR and FPCR. In assembly because every C file of the kernel is
 * compiled -mgeneral-regs-only. The layout is struct user_fpsimd_state
 * (asm/fpsimd.h): 32 x 16 bytes of V registers, then FPSR at 512 and
 * FPCR at 516. Linux: arch/arm64/include/asm/fpsimdmacros.h (fpsimd_save,
 * fpsimd_restore) and arch/arm64/kernel/entry-fpsimd.S.
 *
 * FP/SIMD must be enabled at EL1 (CPACR_EL1.FPEN = 0b11) before either is
 * called, or the first access traps.
 */
#include <asm/assembler.h>

/* void fpsimd_save_state(struct user_fpsimd_state *state) */
ENTRY fpsimd_save_state
	stp	q0, q1, [x0, #16 * 0]
	stp	q2, q3, [x0, #16 * 2]
	stp	q4, q5, [x0, #16 * 4]
	stp	q6, q7, [x0, #16 * 6]
	stp	q8, q9, [x0, #16 * 8]
	stp	q10, q11, [x0, #16 * 10]
	stp	q12, q13, [x0, #16 * 12]
	stp	q14, q15, [x0, #16 * 14]
	stp	q16, q17, [x0, #16 * 16]
	stp	q18, q19, [x0, #16 * 18]
	stp	q20, q21, [x0, #16 * 20]
	stp	q22, q23, [x0, #16 * 22]
	stp	q24, q25, [x0, #16 * 24]
	stp	q26, q27, [x0, #16 * 26]
	stp	q28, q29, [x0, #16 * 28]
	stp	q30, q31, [x0, #16 * 30]
	mrs	x8, fpsr
	str	w8, [x0, #16 * 32]
	mrs	x8, fpcr
	str	w8, [x0, #16 * 32 + 4]
	ret
END fpsimd_save_state

/* void fpsimd_load_state(const struct user_fpsimd_state *state) */
ENTRY fpsimd_load_state
	ldp	q0, q1, [x0, #16 * 0]
	ldp	q2, q3, [x0, #16 * 2]
	ldp	q4, q5, [x0, #16 * 4]
	ldp	q6, q7, [x0, #16 * 6]
	ldp	q8, q9, [x0, #16 * 8]
	ldp	q10, q11, [x0, #16 * 10]
	ldp	q12, q13, [x0, #16 * 12]
	ldp	q14, q15, [x0, #16 * 14]
	ldp	q16, q17, [x0, #16 * 16]
	ldp	q18, q19, [x0, #16 * 18]
	ldp	q20, q21, [x0, #16 * 20]
	ldp	q22, q23, [x0, #16 * 22]
	ldp	q24, q25, [x0, #16 * 24]
	ldp	q26, q27, [x0, #16 * 26]
	ldp	q28, q29, [x0, #16 * 28]
	ldp	q30, q31, [x0, #16 * 30]
	ldr	w8, [x0, #16 * 32]
	msr	fpsr, x8
	/*
	 * Writing FPCR may synchronise the pipeline on some cores: skip it
	 * when the value is already there (as Linux's fpsimd_restore does).
	 */
	ldr	w8, [x0, #16 * 32 + 4]
	mrs	x9, fpcr
	cmp	x8, x9
	b.eq	1f
	msr	fpcr, x8
1:	ret
END fpsimd_load_state
