/* Entry from the IRQ vectors into the root interrupt controller. */
#ifndef _ASM_IRQ_H
#define _ASM_IRQ_H
#include <asm/ptrace.h>
void handle_arch_irq(struct pt_regs *regs);
#endif
