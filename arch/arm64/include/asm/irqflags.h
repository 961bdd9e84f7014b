/*
 * Masking IRQs on this CPU through PSTATE.DAIF (ARM ARM C5.2.2). The I bit
 * is bit 7 of DAIF; "msr daifset, #2" sets it, "msr daifclr, #2" clears it.
 */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

#define DAIF_I_BIT	(1UL << 7)

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags;

	__asm__ __volatile__("mrs %0, daif\n\tmsr daifset, #2" : "=r"(flags) :: "memory");
	return flags;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("msr daif, %0" :: "r"(flags) : "memory");
}

static inline void local_irq_enable(void)
{
	__asm__ __volatile__("msr daifclr, #2" ::: "memory");
}

static inline void local_irq_disable(void)
{
	__asm__ __volatile__("msr daifset, #2" ::: "memory");
}

static inline int irqs_disabled(void)
{
	unsigned long flags;

	__asm__ __volatile__("mrs %0, daif" : "=r"(flags));
	return (flags & DAIF_I_BIT) != 0;
}

#endif
