/*
 * Interrupts: one root interrupt controller (GICv2, GICv3, or the BCM2836
 * per-core controller) found in the device tree, and a table of handlers by
 * hardware interrupt number (Linux: kernel/irq/, much flattened).
 */
#ifndef _LINUX_IRQ_H
#define _LINUX_IRQ_H

#include <linux/types.h>
#include <asm/ptrace.h>

struct cpumask;

#define NR_IRQS		1024

typedef void (*irq_handler_t)(unsigned int hwirq, void *data);

struct irq_chip {
	const char *name;
	void (*enable)(unsigned int hwirq);
	void (*disable)(unsigned int hwirq);
	/* Acknowledge and dispatch every pending interrupt (calls generic_handle_irq). */
	void (*handle)(struct pt_regs *regs);
	/* DT interrupt specifier -> hardware number, or -1. */
	int (*xlate)(const u32 *cells, int ncells);
	/*
	 * SMP; NULL where the controller cannot (the BCM2836's mailboxes are
	 * not driven: secondaries then stay parked). ipi_send raises SGI ipi
	 * on every CPU in mask; cpu_init sets up the calling CPU's own
	 * interface (GICv2 banked GICC and SGI/PPI enables, GICv3 its own
	 * redistributor): the boot CPU's from the probe, each secondary's
	 * from secondary_start_kernel.
	 */
	void (*ipi_send)(const struct cpumask *mask, unsigned int ipi);
	int (*cpu_init)(void);
};

/* Find the controller in the device tree and initialise it. Returns 0 or -1 with a message. */
int irqchip_init(void);
void set_irq_chip(const struct irq_chip *chip);
const struct irq_chip *irq_get_chip(void);

int request_irq(unsigned int hwirq, irq_handler_t handler, const char *name, void *data);
void generic_handle_irq(unsigned int hwirq);
/* The hwirq for the index-th "interrupts" entry of a DT node, or -1. */
int of_irq_to_hwirq(int node, int index);
unsigned long irq_count(unsigned int hwirq);
void show_interrupts(void);

/* Per-controller probes (drivers/irq-*.c). */
int gic_v2_of_init(int node);
int gic_v3_of_init(int node);
int bcm2836_l1_intc_of_init(int node);

#endif
