/*
 * GICv2 (ARM IHI 0048B): the default on QEMU virt ("arm,cortex-a15-gic")
 * and the Pi 4's GIC-400. A memory-mapped distributor (GICD) routes
 * interrupts; a memory-mapped CPU interface (GICC) acknowledges them.
 * INTIDs: 0-15 SGIs, 16-31 PPIs (per CPU: the timer), 32+ SPIs.
 * Linux: drivers/irqchip/irq-gic.c.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/of.h>
#include <linux/smp.h>
#include <asm/barrier.h>
#include <asm/io.h>

#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_ISENABLER(n)	(0x100 + 4 * (n))
#define GICD_ICENABLER(n)	(0x180 + 4 * (n))
#define GICD_IPRIORITYR(n)	(0x400 + 4 * (n))
#define GICD_ITARGETSR(n)	(0x800 + 4 * (n))
#define GICD_SGIR		0xf00

#define GICC_CTLR		0x00
#define GICC_PMR		0x04
#define GICC_IAR		0x0c
#define GICC_EOIR		0x10

static void __iomem *gicd, *gicc;
static unsigned int gic_nr_irqs;
/* Each CPU's bit in GICD_ITARGETSR / GICD_SGIR's CPUTargetList (Linux: gic_cpu_map). */
static u8 gic_cpu_map[NR_CPUS];

static void gic_enable(unsigned int hwirq)
{
	writel(1u << (hwirq % 32), gicd + GICD_ISENABLER(hwirq / 32));
}

static void gic_disable(unsigned int hwirq)
{
	writel(1u << (hwirq % 32), gicd + GICD_ICENABLER(hwirq / 32));
}

/* Acknowledge (reading IAR makes the interrupt active), handle, end (EOIR). */
static void gic_handle(struct pt_regs *regs)
{
	for (;;) {
		u32 iar = readl(gicc + GICC_IAR);
		u32 intid = iar & 0x3ff;

		if (intid >= 1020)	/* 1020-1023: spurious, nothing pending */
			return;
		if (intid < NR_IPI)	/* an SGI: IAR[12:10] names the sender, not needed */
			handle_IPI(intid);
		else
			generic_handle_irq(intid);
		writel(iar, gicc + GICC_EOIR);
	}
}

/* DT specifier <type number flags>: type 0 = SPI (INTID 32 + n), 1 = PPI (16 + n). */
static int gic_xlate(const u32 *cells, int n)
{
	if (n < 2)
		return -1;
	return (int)(cells[1] + (cells[0] == 1 ? 16 : 32));
}

/*
 * An SGI through GICD_SGIR: TargetListFilter 0 (the list), CPUTargetList in
 * [23:16], INTID in [3:0] (IHI 0048B 4.3.15). The DMB makes this CPU's
 * earlier writes (the call-function data) visible before the target can
 * take the interrupt and read them (Linux: gic_ipi_send_mask).
 */
static void gic_ipi_send(const struct cpumask *mask, unsigned int ipi)
{
	u32 targets = 0;
	unsigned int cpu;

	for_each_cpu(cpu, mask)
		targets |= gic_cpu_map[cpu];
	dmb(ishst);
	writel_relaxed(targets << 16 | ipi, gicd + GICD_SGIR);
}

/*
 * This CPU's part of the GIC: GICD_ISENABLER0, GICD_IPRIORITYR0-7 and
 * GICD_ITARGETSR0-7 are banked per CPU (SGIs and PPIs are private), and so
 * is the whole GICC. Reading ITARGETSR0 gives this CPU's own target bit.
 */
static int gic_cpu_init(void)
{
	unsigned int cpu = smp_processor_id();

	gic_cpu_map[cpu] = (u8)readl(gicd + GICD_ITARGETSR(0));
	writel(0xffff0000, gicd + GICD_ICENABLER(0));	/* PPIs off until requested here */
	for (unsigned int i = 0; i < 8; i++)
		writel(0xa0a0a0a0, gicd + GICD_IPRIORITYR(i));
	writel((1u << NR_IPI) - 1, gicd + GICD_ISENABLER(0));	/* the IPI SGIs */
	writel(0xf0, gicc + GICC_PMR);	/* let priorities 0x00-0xef through */
	writel(1, gicc + GICC_CTLR);
	return 0;
}

static const struct irq_chip gic_v2_chip = {
	.name = "GICv2",
	.enable = gic_enable,
	.disable = gic_disable,
	.handle = gic_handle,
	.xlate = gic_xlate,
	.ipi_send = gic_ipi_send,
	.cpu_init = gic_cpu_init,
};

int gic_v2_of_init(int node)
{
	u64 dbase, dsize, cbase, csize;

	if (of_address_to_resource(node, 0, &dbase, &dsize) ||
	    of_address_to_resource(node, 1, &cbase, &csize)) {
		printk("GICv2: node has no distributor/CPU interface reg entries\n");
		return -1;
	}
	gicd = ioremap(dbase, 0x1000);
	gicc = ioremap(cbase, 0x2000);
	if (!gicd || !gicc)
		return -1;
	gic_nr_irqs = min(32 * ((readl(gicd + GICD_TYPER) & 0x1f) + 1), 1020u);

	writel(0, gicd + GICD_CTLR);
	for (unsigned int i = 0; i < gic_nr_irqs / 32; i++)
		writel(~0u, gicd + GICD_ICENABLER(i));
	/* Middle priority for everything; SPIs to CPU 0 (bit 0 of each target byte). */
	for (unsigned int i = 0; i < gic_nr_irqs / 4; i++)
		writel(0xa0a0a0a0, gicd + GICD_IPRIORITYR(i));
	for (unsigned int i = 8; i < gic_nr_irqs / 4; i++)
		writel(0x01010101, gicd + GICD_ITARGETSR(i));
	writel(1, gicd + GICD_CTLR);

	gic_cpu_init();
	set_irq_chip(&gic_v2_chip);
	printk("GICv2: %u interrupts, GICD at 0x%lx, GICC at 0x%lx\n", gic_nr_irqs,
	       (unsigned long)dbase, (unsigned long)cbase);
	return 0;
}
