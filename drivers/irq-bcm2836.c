/*
 * The BCM2836 per-core ("local") interrupt controller on the Raspberry Pi 2/3
 * and QEMU raspi3b ("brcm,bcm2836-l1-intc", BCM2836 ARM-local peripherals
 * QA7 rev 3.4). It routes each core's generic-timer interrupts; DT
 * specifier <n flags>: n = 0 CNTPSIRQ, 1 CNTPNSIRQ, 2 CNTHPIRQ, 3 CNTVIRQ,
 * 8 = the GPU's (legacy) controller. Linux: drivers/irqchip/irq-bcm2836.c.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/of.h>
#include <asm/io.h>

#define LOCAL_TIMER_INT_CONTROL0	0x40	/* + 4 * cpu: bits 0-3 enable timer IRQs */
#define LOCAL_IRQ_PENDING0		0x60	/* + 4 * cpu: pending sources */

static void __iomem *local_base;

static void bcm2836_enable(unsigned int hwirq)
{
	if (hwirq < 4)
		writel(readl(local_base + LOCAL_TIMER_INT_CONTROL0) | (1u << hwirq),
		       local_base + LOCAL_TIMER_INT_CONTROL0);
}

static void bcm2836_disable(unsigned int hwirq)
{
	if (hwirq < 4)
		writel(readl(local_base + LOCAL_TIMER_INT_CONTROL0) & ~(1u << hwirq),
		       local_base + LOCAL_TIMER_INT_CONTROL0);
}

/* Level-triggered sources: no acknowledge; the handler clears the cause. */
static void bcm2836_handle(struct pt_regs *regs)
{
	u32 pending = readl(local_base + LOCAL_IRQ_PENDING0);

	for (unsigned int i = 0; i < 4; i++)
		if (pending & (1u << i))
			generic_handle_irq(i);
}

static int bcm2836_xlate(const u32 *cells, int n)
{
	return n >= 1 ? (int)cells[0] : -1;
}

static const struct irq_chip bcm2836_chip = {
	.name = "bcm2836-l1",
	.enable = bcm2836_enable,
	.disable = bcm2836_disable,
	.handle = bcm2836_handle,
	.xlate = bcm2836_xlate,
};

int bcm2836_l1_intc_of_init(int node)
{
	u64 base, size;

	if (of_address_to_resource(node, 0, &base, &size))
		return -1;
	local_base = ioremap(base, 0x100);
	if (!local_base)
		return -1;
	set_irq_chip(&bcm2836_chip);
	printk("bcm2836-l1-intc: per-core interrupt controller at 0x%lx\n", (unsigned long)base);
	return 0;
}
