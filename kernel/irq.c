/*
 * The interrupt handler table and the dispatch from the vectors.
 * Linux: kernel/irq/irqdesc.c (generic_handle_irq), drivers/irqchip/irqchip.c.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/of.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <asm/irq.h>

struct irq_desc {
	irq_handler_t handler;
	void *data;
	const char *name;
	unsigned long count;
};

static struct irq_desc irq_desc[NR_IRQS];
static const struct irq_chip *root_chip;
static unsigned long spurious_irqs;

static const struct {
	const char *compatible;
	int (*init)(int node);
} irqchips[] = {
	{ "arm,gic-v3", gic_v3_of_init },
	{ "arm,cortex-a15-gic", gic_v2_of_init },
	{ "arm,gic-400", gic_v2_of_init },
	{ "brcm,bcm2836-l1-intc", bcm2836_l1_intc_of_init },
};

int irqchip_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(irqchips); i++) {
		int node = of_find_compatible(-1, irqchips[i].compatible);

		if (node < 0 || !of_get_property(node, "interrupt-controller", NULL))
			continue;
		if (irqchips[i].init(node) == 0)
			return 0;
		printk("irq: %s found but failed to initialise\n", irqchips[i].compatible);
		return -1;
	}
	printk("irq: no supported interrupt controller in the device tree\n");
	return -1;
}

void set_irq_chip(const struct irq_chip *chip)
{
	root_chip = chip;
}

const struct irq_chip *irq_get_chip(void)
{
	return root_chip;
}

void handle_arch_irq(struct pt_regs *regs)
{
	this_cpu_info()->hardirq_depth++;
	if (root_chip)
		root_chip->handle(regs);
	this_cpu_info()->hardirq_depth--;
}

int request_irq(unsigned int hwirq, irq_handler_t handler, const char *name, void *data)
{
	if (hwirq >= NR_IRQS || !root_chip)
		return -1;
	if (irq_desc[hwirq].handler) {
		printk("irq %u: already claimed by %s\n", hwirq, irq_desc[hwirq].name);
		return -1;
	}
	irq_desc[hwirq].data = data;
	irq_desc[hwirq].name = name;
	irq_desc[hwirq].handler = handler;
	root_chip->enable(hwirq);
	return 0;
}

void generic_handle_irq(unsigned int hwirq)
{
	struct irq_desc *desc = hwirq < NR_IRQS ? &irq_desc[hwirq] : NULL;

	if (!desc || !desc->handler) {
		if (spurious_irqs++ < 10)
			printk("irq %u: no handler, ignored\n", hwirq);
		return;
	}
	desc->count++;
	desc->handler(hwirq, desc->data);
}

int of_irq_to_hwirq(int node, int index)
{
	u32 cells[4];
	int parent, n = of_irq_get(node, index, cells, &parent);

	if (n < 0 || !root_chip)
		return -1;
	return root_chip->xlate(cells, n);
}

unsigned long irq_count(unsigned int hwirq)
{
	return hwirq < NR_IRQS ? irq_desc[hwirq].count : 0;
}

/*
 * Like /proc/interrupts: one line per claimed interrupt, then the IPI rows
 * with a column per CPU. A device interrupt's one count is CPU 0's: SPIs
 * are routed to CPU 0 and only CPU 0 enables its timer PPI.
 */
void show_interrupts(void)
{
	char head[64] = "     ";
	int n = 5;

	/* "CPUn" right-aligned over each CPU's 10-digit column, as Linux prints it */
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpumask_test_cpu(cpu, cpu_possible_mask)) {
			char name[8];

			snprintf(name, sizeof(name), "CPU%u", cpu);
			n += snprintf(head + n, sizeof(head) - (size_t)n, " %10s", name);
		}
	printk("%s\n", head);
	for (unsigned int i = 0; i < NR_IRQS; i++)
		if (irq_desc[i].handler)
			printk("%4u: %10lu  %s  %s\n", i, irq_desc[i].count,
			       root_chip->name, irq_desc[i].name);
	show_ipi_list();	/* per-CPU IPI rows, as Linux's arch_show_interrupts */
	printk(" Err: %10lu\n", spurious_irqs);
}
