/* Host stand-in for asm/irqflags.h: a user program has no interrupts to mask. */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H
static inline unsigned long arch_local_irq_save(void) { return 0; }
static inline void arch_local_irq_restore(unsigned long flags) { (void)flags; }
static inline void local_irq_enable(void) { }
static inline void local_irq_disable(void) { }
static inline int irqs_disabled(void) { return 1; }
#endif
