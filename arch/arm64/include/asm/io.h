/*
 * MMIO accessors. Device registers are mapped Device-nGnRE; the accessors
 * use volatile single accesses and, like Linux's readl/writel, order them
 * against normal memory with barriers (a DMB before a write so earlier
 * memory writes are visible to the device; after a read so later reads of
 * memory the device wrote are not hoisted above it).
 */
#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <linux/types.h>
#include <asm/barrier.h>
#include <asm/processor.h>

#define __iomem

static inline u32 __raw_readl(const volatile void __iomem *addr)
{
	u32 v;

	__asm__ __volatile__("ldr %w0, [%1]" : "=r"(v) : "r"(addr));
	return v;
}

static inline void __raw_writel(u32 v, volatile void __iomem *addr)
{
	__asm__ __volatile__("str %w0, [%1]" :: "rZ"(v), "r"(addr));
}

static inline u32 readl_relaxed(const volatile void __iomem *addr) { return __raw_readl(addr); }
static inline void writel_relaxed(u32 v, volatile void __iomem *addr) { __raw_writel(v, addr); }
static inline u32 readl(const volatile void __iomem *addr)
{
	u32 v = __raw_readl(addr);

	dmb(oshld);
	return v;
}
static inline void writel(u32 v, volatile void __iomem *addr)
{
	dmb(oshst);
	__raw_writel(v, addr);
}

/*
 * Map [phys, phys + size) as Device-nGnRE memory and return its virtual
 * address, or NULL when the window is full. May allocate page-table pages.
 * Mappings are permanent (no iounmap yet).
 */
void __iomem *ioremap(phys_addr_t phys, size_t size);

#endif
