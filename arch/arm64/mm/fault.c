/*
 * Exceptions from EL0 and user-address faults taken by the kernel
 * (Linux: arch/arm64/mm/fault.c do_page_fault, arch/arm64/kernel/
 * entry-common.c el0t_64_sync_handler). ESR_EL1 says what happened:
 *   EC 0x15 SVC            -> a system call (arch/arm64/kernel/syscall.c)
 *   EC 0x24/0x20 DABT/IABT -> a page fault: ISS.WnR says read or write,
 *                             ISS.DFSC the kind (translation, access flag,
 *                             permission) and level
 *   anything else          -> the task did something illegal: report, kill
 * A user task is never allowed to take the kernel down.
 */
#include <linux/kernel.h>
#include <linux/mman.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <asm/esr.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <uapi/signal.h>
#include <uapi/wait.h>

void el0_svc(struct pt_regs *regs);

static unsigned int esr_to_fault_flags(unsigned long esr)
{
	unsigned long ec = ESR_ELx_EC(esr);

	if (ec == ESR_ELx_EC_IABT_LOW || ec == ESR_ELx_EC_IABT_CUR)
		return FAULT_FLAG_INSTRUCTION;
	/* Cache maintenance reports WnR = 1 but only needs read access. */
	if ((esr & ESR_ELx_WNR) && !(esr & ESR_ELx_CM))
		return FAULT_FLAG_WRITE;
	return 0;
}

static const char *access_name(unsigned int flags)
{
	return (flags & FAULT_FLAG_INSTRUCTION) ? "instruction fetch" :
	       (flags & FAULT_FLAG_WRITE) ? "write" : "read";
}

/*
 * ESR_ELx.DFSC/IFSC: only translation, access flag and permission faults
 * (0b0001LL, 0b0010LL, 0b0011LL; ARM ARM D17.2.40) are about page tables
 * that the kernel can fix.
 */
static bool fsc_is_mm_fault(unsigned long esr)
{
	unsigned long type = esr & ESR_ELx_FSC_TYPE;

	return type == ESR_ELx_FSC_FAULT || type == ESR_ELx_FSC_ACCESS || type == ESR_ELx_FSC_PERM;
}

/* The report Linux prints for an unhandled user fault (show_signal / __do_user_fault). */
static void user_fault_report(struct pt_regs *regs, unsigned long esr, const char *what,
			      const char *why)
{
	struct task_struct *t = current;

	printk("%s[%d]: unhandled %s at 0x%016lx, pc 0x%016lx: %s\n", t->comm, t->pid, what,
	       (unsigned long)regs->far, (unsigned long)regs->pc, why);
	printk("%s[%d]:   ESR_EL1 0x%08lx: EC 0x%02lx (%s)", t->comm, t->pid, esr,
	       (unsigned long)ESR_ELx_EC(esr), esr_get_class_string(esr));
	switch (ESR_ELx_EC(esr)) {
	case ESR_ELx_EC_DABT_LOW:
	case ESR_ELx_EC_IABT_LOW:
		if (fsc_is_mm_fault(esr))
			printk(", %s at level %lu", esr_fsc_string(esr), esr & 3);
		else
			printk(", %s", esr_fsc_string(esr));
		break;
	}
	printk("\n%s[%d]: killed (the kernel carries on)\n", t->comm, t->pid);
}

static void do_user_page_fault(struct pt_regs *regs, unsigned long esr)
{
	unsigned int flags = esr_to_fault_flags(esr) | FAULT_FLAG_USER;
	unsigned long addr = regs->far;
	const char *why = "";
	enum fault_result r;

	if (!fsc_is_mm_fault(esr)) {
		/*
		 * Not about the mapping: retrying after handle_mm_fault would
		 * fault again forever. An alignment fault (a misaligned exclusive
		 * or atomic access, ESR.DFSC 0b100001) or an external abort is
		 * SIGBUS, as in Linux's fault_info table; anything else SIGSEGV.
		 */
		unsigned long fsc = esr & ESR_ELx_FSC;

		why = esr_fsc_string(esr);
		r = (fsc == 0x21 || fsc == 0x10 || (fsc >= 0x14 && fsc <= 0x17)) ? VM_FAULT_SIGBUS :
										    VM_FAULT_SIGSEGV;
	} else if (addr >= TASK_SIZE) {
		why = "address in the kernel half";
		r = VM_FAULT_SIGSEGV;
	} else {
		r = handle_mm_fault(current->mm, addr, flags, &why);
	}
	if (r == VM_FAULT_OK)
		return;
	if (r == VM_FAULT_OOM) {
		/* The OOM killer has run (and may have chosen us): end like a SIGKILL. */
		printk("%s[%d]: out of memory at 0x%016lx (%s), killed\n", current->comm,
		       current->pid, addr, why);
		do_exit(W_EXITCODE(0, SIGKILL));
	}
	user_fault_report(regs, esr, access_name(flags), why);
	if (r == VM_FAULT_SIGBUS)
		do_exit(W_EXITCODE(0, SIGBUS));
	force_sig_segv();
}

void do_el0_sync(struct pt_regs *regs, unsigned long esr)
{
	/* Like Linux: user exceptions run with interrupts on (they may sleep). */
	local_irq_enable();
	switch (ESR_ELx_EC(esr)) {
	case ESR_ELx_EC_SVC64:
		el0_svc(regs);
		return;
	case ESR_ELx_EC_DABT_LOW:
	case ESR_ELx_EC_IABT_LOW:
		do_user_page_fault(regs, esr);
		return;
	case ESR_ELx_EC_PC_ALIGN:
		user_fault_report(regs, esr, "misaligned pc", "PC not 4-byte aligned");
		break;
	case ESR_ELx_EC_SP_ALIGN:
		user_fault_report(regs, esr, "misaligned sp", "SP not 16-byte aligned");
		break;
	default:
		user_fault_report(regs, esr, "exception", "instruction not allowed at EL0");
		break;
	}
	force_sig_segv();
}

/*
 * After handle_mm_fault said "resolved": does the entry now let an
 * unprivileged access of this kind through? If not, retrying would fault
 * again, forever, with nothing able to preempt the kernel; the copy must
 * fail with -EFAULT instead (a PROT_NONE page, or any handler bug that
 * "resolves" a fault without changing the entry).
 */
static bool uaccess_would_succeed(struct mm_struct *mm, unsigned long addr, unsigned int flags)
{
	pte_t *ptep = pte_lookup(mm->pgd, addr);
	pte_t pte = ptep ? ptep_get(ptep) : 0;

	if (!pte_present(pte) || !(pte & PTE_USER))
		return false;
	if (!(pte & PTE_AF) && !cpu_has_hw_af())
		return false;
	if (flags & FAULT_FLAG_WRITE)
		return !(pte & PTE_RDONLY) || (pte_write(pte) && cpu_has_hw_dbm());
	return true;
}

struct uaccess_fault_stat uaccess_fault_stat;

/*
 * A fault at EL1. If it is a user access by uaccess code (the PC has an
 * exception-table entry), resolve it like a user fault -- the buffer may
 * just not be paged in yet -- and let the fixup return -EFAULT otherwise.
 * Returns 0 if handled (retry the instruction), -1 otherwise.
 */
int do_kernel_fault(struct pt_regs *regs, unsigned long esr)
{
	const struct exception_table_entry *e;
	extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];
	const char *why;
	bool uaccess = false;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if ((unsigned long)&e->insn + e->insn == regs->pc)
			uaccess = true;
	if (!uaccess || regs->far >= TASK_SIZE || !current->mm || !fsc_is_mm_fault(esr))
		return -1;
	/* What the uaccess suite checks: el1h_64_sync_handler let IRQs back in. */
	uaccess_fault_stat.faults++;
	if (irqs_disabled())
		uaccess_fault_stat.irqs_disabled++;
	if (handle_mm_fault(current->mm, regs->far, esr_to_fault_flags(esr), &why) == VM_FAULT_OK &&
	    uaccess_would_succeed(current->mm, regs->far, esr_to_fault_flags(esr)))
		return 0;
	return -1;	/* the caller applies the fixup: the copy returns -EFAULT */
}
