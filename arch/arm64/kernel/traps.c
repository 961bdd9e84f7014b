/*
 * Synchronous exceptions and SErrors taken at EL1: decode, report, and
 * either recover (a registered BRK hook, an exception-table fixup) or die.
 * Linux: arch/arm64/kernel/traps.c, entry-common.c, fault.c (die, show_regs,
 * esr_get_class_string, do_debug_exception).
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/kallsyms.h>
#include <linux/sched.h>
#include <asm/esr.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>
#include <asm/traps.h>
#include <asm/irq.h>

/* Exception class names, from the ESR_EL1.EC table (ARM ARM D17.2.40). */
static const char *const esr_class_str[64] = {
	[0x00] = "Unknown/Uncategorized",
	[0x01] = "WFI/WFE",
	[0x03] = "CP15 MCR/MRC",
	[0x04] = "CP15 MCRR/MRRC",
	[0x05] = "CP14 MCR/MRC",
	[0x06] = "CP14 LDC/STC",
	[0x07] = "ASIMD/FP access",
	[0x0c] = "CP14 MRRC",
	[0x0d] = "BTI",
	[0x0e] = "Illegal execution state",
	[0x11] = "SVC (AArch32)",
	[0x15] = "SVC (AArch64)",
	[0x16] = "HVC (AArch64)",
	[0x17] = "SMC (AArch64)",
	[0x18] = "MSR/MRS (AArch64)",
	[0x19] = "SVE",
	[0x20] = "IABT (lower EL)",
	[0x21] = "IABT (current EL)",
	[0x22] = "PC Alignment",
	[0x24] = "DABT (lower EL)",
	[0x25] = "DABT (current EL)",
	[0x26] = "SP Alignment",
	[0x28] = "FP (AArch32)",
	[0x2c] = "FP (AArch64)",
	[0x2f] = "SError",
	[0x30] = "Breakpoint (lower EL)",
	[0x31] = "Breakpoint (current EL)",
	[0x32] = "Software Step (lower EL)",
	[0x33] = "Software Step (current EL)",
	[0x34] = "Watchpoint (lower EL)",
	[0x35] = "Watchpoint (current EL)",
	[0x38] = "BKPT (AArch32)",
	[0x3c] = "BRK (AArch64)",
};

const char *esr_get_class_string(unsigned long esr)
{
	const char *s = esr_class_str[ESR_ELx_EC(esr)];

	return s ? s : "UNRECOGNIZED EC";
}

/* Data/instruction abort fault status codes (ISS.DFSC/IFSC). */
const char *esr_fsc_string(unsigned long esr)
{
	static const char *const level_faults[] = {
		"address size fault", "translation fault", "access flag fault", "permission fault",
	};
	unsigned long fsc = esr & ESR_ELx_FSC;

	if (fsc < 0x10)
		return level_faults[fsc >> 2];
	switch (fsc) {
	case 0x10: return "synchronous external abort";
	case 0x21: return "alignment fault";
	case 0x30: return "TLB conflict abort";
	default: return "unknown fault status";
	}
}

static void print_symbol(const char *prefix, unsigned long addr)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(addr, &size, &off);

	if (name)
		printk("%s0x%016lx %s+0x%lx/0x%lx\n", prefix, addr, name, off, size);
	else
		printk("%s0x%016lx\n", prefix, addr);
}

/*
 * Walk AAPCS64 frame records: x29 points at {previous x29, return address}.
 * The exception entry code stores one in pt_regs so the walk continues into
 * the interrupted function. Only plausible kernel addresses are followed.
 */
void dump_backtrace(unsigned long fp, unsigned long pc)
{
	printk("Call trace:\n");
	if (pc)
		print_symbol(" ", pc);
	for (int depth = 0; depth < 32 && fp; depth++) {
		unsigned long *frame = (unsigned long *)fp;

		if ((fp & 7) || fp < 0xffff000000000000UL)
			break;
		if (frame[1] == 0)
			break;
		/* frame[1] is a return address: the call was the instruction before. */
		print_symbol(" ", frame[1] - 4);
		if (frame[0] <= fp)	/* stacks grow down: the next frame is higher */
			break;
		fp = frame[0];
	}
}

void show_regs(const struct pt_regs *regs)
{
	print_symbol("pc : ", regs->pc);
	print_symbol("lr : ", regs->regs[30]);
	printk("sp : %016lx  pstate : %08lx (EL%lu%s, DAIF=%lx)\n",
	       (unsigned long)regs->sp, (unsigned long)regs->pstate,
	       (unsigned long)(regs->pstate >> 2) & 3, (regs->pstate & 1) ? "h" : "t",
	       (unsigned long)(regs->pstate >> 6) & 0xf);
	for (int i = 29; i >= 0; i -= 3) {
		printk("x%-2d: %016lx", i, (unsigned long)regs->regs[i]);
		if (i >= 1)
			printk(" x%-2d: %016lx", i - 1, (unsigned long)regs->regs[i - 1]);
		if (i >= 2)
			printk(" x%-2d: %016lx", i - 2, (unsigned long)regs->regs[i - 2]);
		printk("\n");
	}
}

static int die_nesting;

/*
 * Report an exception the kernel cannot handle, then panic: the reason,
 * ESR with its class decoded, FAR, ELR, SPSR, every register and a backtrace.
 */
void die(const char *reason, struct pt_regs *regs)
{
	unsigned long esr = regs->esr;

	local_irq_disable();
	if (die_nesting++) {
		printk("die: recursive fault while reporting (%s)\n", reason);
		panic("recursive fault");
	}
	printk("Internal error: %s: ESR 0x%08lx [#1]\n", reason, esr);
	printk("  ESR_EL1 0x%08lx: EC 0x%02lx (%s), IL %lu, ISS 0x%07lx\n", esr,
	       (unsigned long)ESR_ELx_EC(esr), esr_get_class_string(esr),
	       (esr & ESR_ELx_IL) ? 32UL : 16UL, (unsigned long)ESR_ELx_ISS(esr));
	switch (ESR_ELx_EC(esr)) {
	case ESR_ELx_EC_DABT_CUR: case ESR_ELx_EC_DABT_LOW:
	case ESR_ELx_EC_IABT_CUR: case ESR_ELx_EC_IABT_LOW:
		printk("  %s at level %lu, %s access\n", esr_fsc_string(esr), esr & 3,
		       (esr & ESR_ELx_WNR) ? "write" : "read");
		break;
	}
	printk("  FAR_EL1 0x%016lx  ELR_EL1 0x%016lx  SPSR_EL1 0x%08lx\n",
	       (unsigned long)regs->far, (unsigned long)regs->pc, (unsigned long)regs->pstate);
	show_regs(regs);
	dump_backtrace(regs->regs[29], 0);
	panic("Fatal exception: %s", reason);
}

static const char *const vector_names[16] = {
	"Synchronous (EL1t)", "IRQ (EL1t)", "FIQ (EL1t)", "SError (EL1t)",
	"Synchronous (EL1h)", "IRQ (EL1h)", "FIQ (EL1h)", "SError (EL1h)",
	"Synchronous (EL0, AArch64)", "IRQ (EL0, AArch64)", "FIQ (EL0, AArch64)", "SError (EL0, AArch64)",
	"Synchronous (EL0, AArch32)", "IRQ (EL0, AArch32)", "FIQ (EL0, AArch32)", "SError (EL0, AArch32)",
};

/* Called from entry.S for the vectors the kernel never expects. */
void bad_mode(struct pt_regs *regs, int vector)
{
	printk("Bad mode: unexpected %s exception\n", vector_names[vector & 15]);
	die("unexpected exception vector", regs);
}

static LIST_HEAD(break_hooks);
static DEFINE_SPINLOCK(break_hook_lock);

void register_break_hook(struct break_hook *hook)
{
	unsigned long flags;

	spin_lock_irqsave(&break_hook_lock, flags);
	list_add(&hook->node, &break_hooks);
	spin_unlock_irqrestore(&break_hook_lock, flags);
}

void unregister_break_hook(struct break_hook *hook)
{
	unsigned long flags;

	spin_lock_irqsave(&break_hook_lock, flags);
	list_del(&hook->node);
	spin_unlock_irqrestore(&break_hook_lock, flags);
}

static int call_break_hook(struct pt_regs *regs, unsigned long esr)
{
	struct break_hook *hook;

	list_for_each_entry(hook, &break_hooks, node)
		if (hook->imm == ESR_ELx_BRK_IMM(esr))
			return hook->fn(regs, esr);
	return -1;
}

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

/* If the faulting instruction has an exception-table entry, resume at its fixup. */
bool fixup_exception(struct pt_regs *regs)
{
	for (const struct exception_table_entry *e = __start___ex_table; e < __stop___ex_table; e++) {
		unsigned long insn = (unsigned long)&e->insn + e->insn;

		if (insn == regs->pc) {
			regs->pc = (unsigned long)&e->fixup + e->fixup;
			return true;
		}
	}
	return false;
}

/*
 * Every exception taken from the kernel checks the interrupted task's
 * stack canary: a tick lands in any deep call chain sooner or later, and
 * the check is one load. Before sched_init there is no current task.
 */
static void check_current_stack(void)
{
	check_task_stack_end(this_cpu_info()->curr_task);
}

void el1h_64_sync_handler(struct pt_regs *regs)
{
	unsigned long esr = regs->esr;

	check_current_stack();

	switch (ESR_ELx_EC(esr)) {
	case ESR_ELx_EC_BRK64:
		if (call_break_hook(regs, esr) == 0) {
			regs->pc += 4;
			return;
		}
		die("BRK handler", regs);
	case ESR_ELx_EC_DABT_CUR:
	case ESR_ELx_EC_IABT_CUR: {
		/*
		 * Taking the exception masked IRQs. A uaccess fault runs the
		 * whole fault path -- reclaim, lz4 compression, the OOM killer --
		 * which may take long: keep the timer ticking through it if the
		 * interrupted code had IRQs on (SPSR_EL1.I clear), as Linux's
		 * el1_da does with local_daif_inherit(regs) before do_mem_abort.
		 * Masked again before the fixup (or die) and kernel_exit, whose
		 * ELR/SPSR writes must not be interrupted.
		 */
		int handled;

		if (!(regs->pstate & PSR_I_BIT))
			local_irq_enable();
		handled = do_kernel_fault(regs, esr) == 0;
		local_irq_disable();	/* Linux: local_daif_mask */
		if (handled)
			return;
		if (fixup_exception(regs))
			return;
		die("Oops", regs);
	}
	default:
		die("Oops - unexpected synchronous exception", regs);
	}
}

void el1h_64_irq_handler(struct pt_regs *regs)
{
	check_current_stack();
	handle_arch_irq(regs);
}

void el1h_64_serror_handler(struct pt_regs *regs)
{
	die("SError interrupt", regs);
}

void el0t_64_sync_handler(struct pt_regs *regs)
{
	do_el0_sync(regs, regs->esr);
}

void el0t_64_irq_handler(struct pt_regs *regs)
{
	handle_arch_irq(regs);
}

void el0t_64_serror_handler(struct pt_regs *regs)
{
	die("SError interrupt from EL0", regs);
}
