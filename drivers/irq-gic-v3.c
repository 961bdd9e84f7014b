/*
 * GICv3 (ARM IHI 0069): QEMU virt with gic-version=3. The distributor
 * (GICD) routes SPIs, a per-CPU redistributor (GICR) owns SGIs and PPIs,
 * and the CPU interface is a set of system registers (ICC_*_EL1) instead of
 * MMIO. Linux: drivers/irqchip/irq-gic-v3.c.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/of.h>
#include <linux/smp.h>
#include <asm/barrier.h>
#include <asm/io.h>
#include <asm/sysreg.h>

#define GICD_CTLR		0x0000
#define GICD_CTLR_RWP		(1u << 31)
#define GICD_CTLR_ARE		(1u << 4)
#define GICD_CTLR_ENABLE_G1	(1u << 1)
#define GICD_CTLR_ENABLE_G0	(1u << 0)
#define GICD_TYPER		0x0004
#define GICD_IGROUPR(n)		(0x0080 + 4 * (n))
#define GICD_ISENABLER(n)	(0x0100 + 4 * (n))
#define GICD_ICENABLER(n)	(0x0180 + 4 * (n))
#define GICD_IPRIORITYR(n)	(0x0400 + 4 * (n))
#define GICD_IROUTER(n)		(0x6000 + 8 * (n))

#define GICR_TYPER		0x0008
#define GICR_TYPER_LAST		(1u << 4)
#define GICR_WAKER		0x0014
#define GICR_WAKER_PROCESSOR_SLEEP	(1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP	(1u << 2)
#define GICR_FRAME_SIZE		0x20000	/* RD_base + SGI_base, 64 KiB each */
#define GICR_SGI_BASE		0x10000
#define GICR_IGROUPR0		0x0080
#define GICR_ISENABLER0		0x0100
#define GICR_ICENABLER0		0x0180
#define GICR_IPRIORITYR(n)	(0x0400 + 4 * (n))

/* CPU interface registers by encoding (older assemblers lack the names). */
#define ICC_SRE_EL1		S3_0_C12_C12_5
#define ICC_PMR_EL1		S3_0_C4_C6_0
#define ICC_IAR1_EL1		S3_0_C12_C12_0
#define ICC_EOIR1_EL1		S3_0_C12_C12_1
#define ICC_CTLR_EL1		S3_0_C12_C12_4
#define ICC_IGRPEN1_EL1		S3_0_C12_C12_7
#define ICC_SGI1R_EL1		S3_0_C12_C11_5

static void __iomem *gicd;
/*
 * Each CPU's redistributor SGI_base frame, found by its own MPIDR
 * (gic_find_redist), set by that CPU in gic_v3_cpu_init. SGIs and PPIs are
 * private: enabling the timer's PPI reaches only the CPU that asks.
 */
static void __iomem *gicr_sgi[NR_CPUS];
static void __iomem *gicr_region;	/* all redistributors, mapped once by the boot CPU */
static u64 gicr_region_size;
static unsigned int gic_nr_irqs;

static void gicd_wait_rwp(void)
{
	while (readl(gicd + GICD_CTLR) & GICD_CTLR_RWP)
		cpu_relax();
}

static void gic_v3_enable(unsigned int hwirq)
{
	if (hwirq < 32)
		writel(1u << hwirq, gicr_sgi[smp_processor_id()] + GICR_ISENABLER0);
	else
		writel(1u << (hwirq % 32), gicd + GICD_ISENABLER(hwirq / 32));
}

static void gic_v3_disable(unsigned int hwirq)
{
	if (hwirq < 32)
		writel(1u << hwirq, gicr_sgi[smp_processor_id()] + GICR_ICENABLER0);
	else
		writel(1u << (hwirq % 32), gicd + GICD_ICENABLER(hwirq / 32));
	gicd_wait_rwp();
}

static void gic_v3_handle(struct pt_regs *regs)
{
	for (;;) {
		unsigned long intid = read_sysreg(ICC_IAR1_EL1) & 0xffffff;

		if (intid >= 1020 && intid <= 1023)
			return;
		if (intid < NR_IPI)
			handle_IPI((unsigned int)intid);
		else
			generic_handle_irq((unsigned int)intid);
		write_sysreg(intid, ICC_EOIR1_EL1);
		isb();
	}
}

static int gic_v3_xlate(const u32 *cells, int n)
{
	if (n < 2)
		return -1;
	return (int)(cells[1] + (cells[0] == 1 ? 16 : 32));
}

/*
 * SGIs through ICC_SGI1R_EL1 (IHI 0069, its register description), one write per target:
 * Aff3 [55:48], Aff2 [39:32], Aff1 [23:16] name the cluster, TargetList
 * [15:0] the Aff0 values in it, INTID [27:24], IRM 0 (use the list). Linux
 * batches CPUs of one cluster into one write (gic_send_sgi); with four CPUs
 * one each is as clear. The DSB makes earlier normal-memory writes visible
 * before the SGI can be taken: the system-register write is not a memory
 * access, so a DMB does not order it (Linux: gic_ipi_send_mask uses dsb).
 */
static void gic_v3_ipi_send(const struct cpumask *mask, unsigned int ipi)
{
	unsigned int cpu;

	dsb(ishst);
	for_each_cpu(cpu, mask) {
		u64 mpidr = cpu_logical_map(cpu);
		u64 val = ((mpidr >> 32) & 0xff) << 48 | ((mpidr >> 16) & 0xff) << 32 |
			  ((mpidr >> 8) & 0xff) << 16 | (u64)ipi << 24 | 1UL << (mpidr & 0xf);

		write_sysreg(val, ICC_SGI1R_EL1);
	}
	isb();
}

static int gic_v3_cpu_init(void);

static const struct irq_chip gic_v3_chip = {
	.name = "GICv3",
	.enable = gic_v3_enable,
	.disable = gic_v3_disable,
	.handle = gic_v3_handle,
	.xlate = gic_v3_xlate,
	.ipi_send = gic_v3_ipi_send,
	.cpu_init = gic_v3_cpu_init,
};

/* The redistributor frame whose GICR_TYPER affinity matches this CPU's MPIDR. */
static void __iomem *gic_find_redist(void __iomem *base, u64 size)
{
	u64 mpidr = read_sysreg(mpidr_el1);
	u32 aff = (u32)((mpidr & 0xffffff) | ((mpidr >> 32) & 0xff) << 24);

	for (u64 off = 0; off + GICR_FRAME_SIZE <= size; off += GICR_FRAME_SIZE) {
		u64 typer = readl(base + off + GICR_TYPER) | (u64)readl(base + off + GICR_TYPER + 4) << 32;

		if ((u32)(typer >> 32) == aff)
			return base + off;
		if (typer & GICR_TYPER_LAST)
			break;
	}
	return NULL;
}

/*
 * This CPU's redistributor and CPU interface: wake the redistributor
 * (GICR_WAKER.ProcessorSleep = 0, wait for ChildrenAsleep to clear), SGIs
 * and PPIs Group 1 at middle priority with only the IPI SGIs enabled, then
 * the system-register CPU interface. Run by every CPU for itself.
 */
static int gic_v3_cpu_init(void)
{
	unsigned int cpu = smp_processor_id();
	void __iomem *rd = gic_find_redist(gicr_region, gicr_region_size);
	void __iomem *sgi;

	if (!rd) {
		printk("GICv3: CPU%u: no redistributor for MPIDR 0x%lx\n", cpu,
		       (unsigned long)read_sysreg(mpidr_el1));
		return -1;
	}
	sgi = rd + GICR_SGI_BASE;
	gicr_sgi[cpu] = sgi;
	writel(readl(rd + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP, rd + GICR_WAKER);
	while (readl(rd + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP)
		cpu_relax();
	writel(~0u, sgi + GICR_ICENABLER0);
	writel(~0u, sgi + GICR_IGROUPR0);
	for (unsigned int i = 0; i < 8; i++)
		writel(0xa0a0a0a0, sgi + GICR_IPRIORITYR(i));
	writel((1u << NR_IPI) - 1, sgi + GICR_ISENABLER0);

	/* CPU interface through system registers (ICC_SRE_EL1.SRE). */
	write_sysreg(read_sysreg(ICC_SRE_EL1) | 1, ICC_SRE_EL1);
	isb();
	write_sysreg(0xf0, ICC_PMR_EL1);
	write_sysreg(0, ICC_CTLR_EL1);
	write_sysreg(1, ICC_IGRPEN1_EL1);
	isb();
	return 0;
}

int gic_v3_of_init(int node)
{
	u64 dbase, dsize, rbase, rsize;

	if (of_address_to_resource(node, 0, &dbase, &dsize) ||
	    of_address_to_resource(node, 1, &rbase, &rsize)) {
		printk("GICv3: node has no distributor/redistributor reg entries\n");
		return -1;
	}
	if (rsize > 0x200000)	/* the early ioremap window holds 2 MiB */
		rsize = 0x200000 - 0x10000 * 2;
	gicd = ioremap(dbase, 0x10000);
	gicr_region = ioremap(rbase, rsize);
	gicr_region_size = rsize;
	if (!gicd || !gicr_region)
		return -1;
	gic_nr_irqs = min(32 * ((readl(gicd + GICD_TYPER) & 0x1f) + 1), 1020u);

	/* Distributor: everything Group 1, middle priority, routed to CPU 0. */
	writel(0, gicd + GICD_CTLR);
	gicd_wait_rwp();
	for (unsigned int i = 1; i < gic_nr_irqs / 32; i++) {
		writel(~0u, gicd + GICD_ICENABLER(i));
		writel(~0u, gicd + GICD_IGROUPR(i));
	}
	for (unsigned int i = 8; i < gic_nr_irqs / 4; i++)
		writel(0xa0a0a0a0, gicd + GICD_IPRIORITYR(i));
	for (unsigned int i = 32; i < gic_nr_irqs; i++) {
		writel(0, gicd + GICD_IROUTER(i));
		writel(0, gicd + GICD_IROUTER(i) + 4);
	}
	writel(GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1 | GICD_CTLR_ENABLE_G0, gicd + GICD_CTLR);
	gicd_wait_rwp();

	if (gic_v3_cpu_init())
		return -1;
	set_irq_chip(&gic_v3_chip);
	printk("GICv3: %u interrupts, GICD at 0x%lx, GICR at 0x%lx\n", gic_nr_irqs,
	       (unsigned long)dbase, (unsigned long)rbase);
	return 0;
}
