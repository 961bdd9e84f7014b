/*
 * pt_regs: the register frame the exception entry code (arch/arm64/kernel/entry.S)
 * saves on the kernel stack, as in Linux's arch/arm64/include/asm/ptrace.h.
 * Offsets are used from assembly: keep S_* in step with the struct.
 */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#define S_X0		0
#define S_LR		(30 * 8)
#define S_SP		(31 * 8)
#define S_PC		(32 * 8)
#define S_PSTATE	(33 * 8)
#define S_ESR		(34 * 8)
#define S_FAR		(35 * 8)
#define S_STACKFRAME	(36 * 8)
#define PT_REGS_SIZE	(38 * 8)

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct pt_regs {
	u64 regs[31];		/* x0..x30 */
	u64 sp;			/* SP of the interrupted context (SP_EL0 if from EL0) */
	u64 pc;			/* ELR_EL1: where to return */
	u64 pstate;		/* SPSR_EL1: the interrupted PSTATE */
	u64 esr;		/* ESR_EL1 at entry (syndrome) */
	u64 far;		/* FAR_EL1 at entry (faulting address) */
	u64 stackframe[2];	/* {x29, pc}: lets the unwinder walk through the exception */
};

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->pstate & 0xf) == 0;	/* M[3:0] == EL0t */
}

void show_regs(const struct pt_regs *regs);
/* Print an oops report for regs and panic with reason. */
__attribute__((noreturn)) void die(const char *reason, struct pt_regs *regs);
#endif

#endif
