/* Hooks into the synchronous exception handlers. */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#include <linux/types.h>
#include <linux/list.h>
#include <asm/ptrace.h>

/*
 * A BRK instruction with immediate imm, executed at EL1, calls fn. If fn
 * returns 0 the exception is handled and execution resumes after the BRK
 * (Linux: register_kernel_break_hook in arch/arm64/kernel/debug-monitors.c).
 */
struct break_hook {
	struct list_head node;
	u16 imm;
	int (*fn)(struct pt_regs *regs, unsigned long esr);
};
void register_break_hook(struct break_hook *hook);
void unregister_break_hook(struct break_hook *hook);

/*
 * Exception table: for an instruction that may fault on purpose (a user
 * access), the address to resume at instead. Both are stored relative to the
 * entry itself, as Linux's struct exception_table_entry.
 */
struct exception_table_entry {
	int insn, fixup;
};
bool fixup_exception(struct pt_regs *regs);

/* Print "[<pc>] sym+off/size" lines for the frame-pointer chain starting at fp. */
void dump_backtrace(unsigned long fp, unsigned long pc);

/*
 * What the exception handlers in arch/arm64/kernel/traps.c call out to:
 * a fault taken at EL1 (a uaccess fixup or an oops; arch/arm64/mm/fault.c,
 * 0 if handled), a synchronous exception from EL0 (arch/arm64/mm/fault.c:
 * page faults, SVC, everything else kills the task), and the work before the
 * eret back to EL0 (kernel/exit.c: a pending kill, a reschedule).
 */
int do_kernel_fault(struct pt_regs *regs, unsigned long esr);
void do_el0_sync(struct pt_regs *regs, unsigned long esr);
void exit_to_user_mode(struct pt_regs *regs);

#endif
