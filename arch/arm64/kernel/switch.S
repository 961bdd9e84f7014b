/*
 * Switching between tasks (Linux: cpu_switch_to and ret_from_fork in
 * arch/arm64/kernel/entry.S). A switch only has to save what the C calling
 * convention says a callee must preserve (x19-x29, sp) and where to resume
 * (lr); everything else the caller of schedule() already saved.
 */
#include <asm/assembler.h>
#include <asm/ptrace.h>

/* cpu_switch_to(prev, next): save prev's callee-saved state, load next's; returns prev in next. */
ENTRY cpu_switch_to
	mov	x10, x0
	stp	x19, x20, [x10], #16
	stp	x21, x22, [x10], #16
	stp	x23, x24, [x10], #16
	stp	x25, x26, [x10], #16
	stp	x27, x28, [x10], #16
	mov	x9, sp
	stp	x29, x9, [x10], #16
	str	lr, [x10]
	mov	x10, x1
	ldp	x19, x20, [x10], #16
	ldp	x21, x22, [x10], #16
	ldp	x23, x24, [x10], #16
	ldp	x25, x26, [x10], #16
	ldp	x27, x28, [x10], #16
	ldp	x29, x9, [x10], #16
	mov	sp, x9
	ldr	lr, [x10]
	ret
END cpu_switch_to

/*
 * A new task's first return from cpu_switch_to lands here (its saved lr).
 * Kernel threads: x19 = fn, x20 = arg. User tasks: x19 = 0 and the pt_regs at
 * the top of the kernel stack hold the EL0 entry state.
 */
ENTRY ret_from_fork
	bl	schedule_tail		/* x0 = prev, from cpu_switch_to */
	cbz	x19, 1f
	mov	x0, x20
	blr	x19			/* kernel thread body */
	bl	kthread_exit		/* its return value is in x0 */
1:	mov	x29, xzr
	b	ret_to_user
END ret_from_fork
