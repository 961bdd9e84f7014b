/* CPU helpers used by generic code. */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

/* "yield" hints the core that this is a spin-wait loop (ARM ARM C6.2.353). */
static inline void cpu_relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

/* The CPU number lives in the per-CPU area TPIDR_EL1 points at (kernel/percpu). */
unsigned int smp_processor_id(void);

#define NR_CPUS 4

#endif
