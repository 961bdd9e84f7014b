/*
 * The FP/SIMD register file in memory and the two routines that move it
 * (arch/arm64/kernel/fpsimd_asm.S). Linux: arch/arm64/include/asm/fpsimd.h and
 * uapi/asm/ptrace.h (struct user_fpsimd_state). Most code wants
 * kernel_neon_begin/end from asm/neon.h instead.
 */
#ifndef _ASM_FPSIMD_H
#define _ASM_FPSIMD_H

#include <linux/types.h>
#include <linux/compiler.h>

struct user_fpsimd_state {
	u64 vregs[32 * 2];	/* V0-V31, 128 bits each, low half first (C here has no FP types) */
	u32 fpsr;		/* at byte 512: cumulative exception flags, QC */
	u32 fpcr;		/* at byte 516: rounding mode, FZ, DN, trap enables */
	u32 __reserved[2];
} __aligned(16);

_Static_assert(offsetof(struct user_fpsimd_state, fpsr) == 512, "fpsimd_asm.S expects FPSR at 512");

/* Store V0-V31, FPSR, FPCR into *state / load them from it. FP must be enabled (CPACR_EL1.FPEN). */
void fpsimd_save_state(struct user_fpsimd_state *state);
void fpsimd_load_state(const struct user_fpsimd_state *state);

struct task_struct;
/*
 * Context switch: if next is a user task whose registers are not the ones
 * in this CPU, save the owner's V0-V31/FPSR/FPCR/TPIDR_EL0 into its task and
 * load next's. Kernel threads leave the registers alone. Interrupts masked.
 */
void fpsimd_thread_switch(struct task_struct *next);
/* The task is exiting: its registers need not be saved any more. */
void fpsimd_release_task(struct task_struct *t);

#endif
