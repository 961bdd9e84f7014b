/* CPU helpers used by generic code. */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <linux/threads.h>

/* "yield" hints the core that this is a spin-wait loop (ARM ARM C6.2.353). */
static inline void cpu_relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

/*
 * Per-CPU data: TPIDR_EL1 holds the address of this CPU's struct cpu_info
 * (arch/arm64/kernel/smp.c), whose first member is the CPU number. Linux keeps a
 * per-CPU offset there instead; the idea is the same: one register read.
 */
struct task_struct;
struct cpu_info {
	unsigned int cpu;
	struct task_struct *curr_task;	/* the task running on this CPU ("current") */
	struct task_struct *idle;	/* its idle task (the boot context on CPU 0) */
	unsigned int hardirq_depth;	/* > 0 inside handle_arch_irq (in_interrupt) */
};

static inline struct cpu_info *this_cpu_info(void)
{
	unsigned long p;

	__asm__ __volatile__("mrs %0, tpidr_el1" : "=r"(p));
	return (struct cpu_info *)p;
}

static inline unsigned int smp_processor_id(void)
{
	unsigned long p;

	__asm__ __volatile__("mrs %0, tpidr_el1" : "=r"(p));
	return ((const struct cpu_info *)p)->cpu;
}

/* Point TPIDR_EL1 at the boot CPU's cpu_info; first thing start_kernel does. */
void smp_setup_boot_cpu(void);

#endif
