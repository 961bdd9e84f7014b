/*
 * System call entry (Linux: arch/arm64/kernel/syscall.c invoke_syscall).
 * The AArch64 Linux convention: number in x8, arguments in x0-x5, result in
 * x0, negative errno on failure. The table is in kernel/sys.c.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <asm/ptrace.h>

void el0_svc(struct pt_regs *regs)
{
	unsigned long nr = regs->regs[8];
	syscall_fn_t fn = nr < NR_SYSCALLS ? sys_call_table[nr] : NULL;

	if (!fn) {
		regs->regs[0] = (u64)-ENOSYS;
		return;
	}
	regs->regs[0] = (u64)fn(regs->regs[0], regs->regs[1], regs->regs[2],
				regs->regs[3], regs->regs[4], regs->regs[5]);
}
