/*
 * FP/SIMD for the kernel: the parts of Linux's arch/arm64/kernel/fpsimd.c
 * that let kernel code borrow the NEON registers (kernel_neon_begin/end),
 * for liblz4 in mm/zram.c. The interface and its rules are in asm/neon.h.
 *
 * Linux saves the interrupted task's FP state into its task_struct and
 * restores it lazily on the way back to user space; here the state is saved
 * on entry and restored on exit, every time (about 70 instructions, against
 * tens of thousands for an lz4 call), so no task, context switch or
 * exception path needs to know FP/SIMD exists. That stays correct the day
 * user programs are built with FP: whatever they had in V0-V31 is back in
 * place when the kernel returns.
 *
 * User tasks' own FP/SIMD state (and TPIDR_EL0, the thread pointer) is
 * switched at context switch, eagerly but only when it has to: this CPU
 * remembers whose registers it holds (Linux: fpsimd_last_state), and
 * switching to a kernel thread, or back to the task that still owns them,
 * moves nothing. Linux goes further and defers the load to the return to
 * user space (TIF_FOREIGN_FPSTATE); here the load happens in the switch,
 * which costs the same when the next thing the task does is return to EL0.
 * Eager, not trap-on-first-use (CPACR_EL1.FPEN = 0b01, as Linux once did):
 * the compiler uses SIMD registers for memcpy and struct copies, so almost
 * every user task uses FP within its first slice and a trap would only add
 * an exception to the save and load.
 */
#include <linux/kernel.h>
#include <asm/barrier.h>
#include <asm/fpsimd.h>
#include <asm/irqflags.h>
#include <asm/neon.h>
#include <asm/processor.h>
#include <asm/sysreg.h>
#include <linux/sched.h>

/* ID_AA64PFR0_EL1.FP [19:16] and .AdvSIMD [23:20]: 0xf means not implemented. */
#define ID_AA64PFR0_FP_SHIFT		16
#define ID_AA64PFR0_ADVSIMD_SHIFT	20

/* One save area per CPU: interrupts are masked inside, so nothing else can use it. */
static struct kernel_neon_cpu {
	struct user_fpsimd_state saved;
	unsigned long irqflags;		/* DAIF before kernel_neon_begin */
	unsigned long cpacr;		/* CPACR_EL1 before kernel_neon_begin */
	bool busy;
} kernel_neon_cpu[NR_CPUS];

bool system_supports_fpsimd(void)
{
	unsigned long pfr0 = read_sysreg(id_aa64pfr0_el1);

	return ((pfr0 >> ID_AA64PFR0_FP_SHIFT) & 0xf) != 0xf &&
	       ((pfr0 >> ID_AA64PFR0_ADVSIMD_SHIFT) & 0xf) != 0xf;
}

void fpsimd_init(void)
{
	if (!system_supports_fpsimd()) {
		printk("fpsimd: this CPU has no FP/AdvSIMD: lz4 compression (zram) is not available\n");
		return;
	}
	/* CPACR_EL1.FPEN = 0b11: no trap at EL0 or EL1 (ARM ARM D17.2.30). */
	write_sysreg(read_sysreg(cpacr_el1) | CPACR_EL1_FPEN, cpacr_el1);
	isb();	/* a system register write takes effect after a context synchronisation */
	printk("fpsimd: FP/AdvSIMD enabled at EL0/EL1 (CPACR_EL1.FPEN=0b11)\n");
}

void kernel_neon_begin(void)
{
	unsigned long flags = arch_local_irq_save();
	struct kernel_neon_cpu *c = &kernel_neon_cpu[smp_processor_id()];
	unsigned long cpacr = read_sysreg(cpacr_el1);

	BUG_ON(c->busy);	/* nested kernel_neon_begin: Linux's may_use_simd() says no */
	c->busy = true;
	c->irqflags = flags;
	c->cpacr = cpacr;
	if ((cpacr & CPACR_EL1_FPEN) != CPACR_EL1_FPEN) {	/* fpsimd_init did not run here */
		write_sysreg(cpacr | CPACR_EL1_FPEN, cpacr_el1);
		isb();
	}
	fpsimd_save_state(&c->saved);
}

void kernel_neon_end(void)
{
	struct kernel_neon_cpu *c = &kernel_neon_cpu[smp_processor_id()];

	BUG_ON(!c->busy);
	fpsimd_load_state(&c->saved);
	if ((c->cpacr & CPACR_EL1_FPEN) != CPACR_EL1_FPEN) {	/* leave CPACR_EL1 as found */
		write_sysreg(c->cpacr, cpacr_el1);
		isb();
	}
	c->busy = false;
	arch_local_irq_restore(c->irqflags);
}

/* Whose user registers this CPU holds (NULL: nobody's). Owner: this CPU, interrupts masked. */
static struct task_struct *fpsimd_last_state[NR_CPUS];

void fpsimd_thread_switch(struct task_struct *next)
{
	struct task_struct **owner = &fpsimd_last_state[smp_processor_id()];

	if (!next->mm || *owner == next || !system_supports_fpsimd())
		return;
	if (*owner) {
		fpsimd_save_state(&(*owner)->fpsimd_state);
		(*owner)->tp_value = read_sysreg(tpidr_el0);
	}
	fpsimd_load_state(&next->fpsimd_state);
	write_sysreg(next->tp_value, tpidr_el0);
	*owner = next;
}

void fpsimd_release_task(struct task_struct *t)
{
	unsigned long flags = arch_local_irq_save();

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (fpsimd_last_state[cpu] == t)
			fpsimd_last_state[cpu] = NULL;
	arch_local_irq_restore(flags);
}
