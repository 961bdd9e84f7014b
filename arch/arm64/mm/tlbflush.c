/*
 * TLB maintenance (asm/tlbflush.h; Linux: arch/arm64/include/asm/tlbflush.h).
 *
 * A TLB entry may be used by the MMU until it is invalidated, however the
 * table in memory changed. After changing a live entry (valid -> invalid,
 * or anything -> something else), every CPU must forget the old one:
 *
 *   dsb ishst        the new entry is in memory, visible to every table
 *                    walker in the inner-shareable domain (ARM ARM D8.2.6)
 *   tlbi <op>is      invalidate matching entries on every CPU of the domain
 *   dsb ish          ... and wait until they all have (D8.13.6 / B2.3.12)
 *   isb              this CPU refetches what it already fetched under the
 *                    old translation
 *
 * Which entries a TLBI hits (D8.13.5):
 *   vale1is   VA + ASID, last level only (the page or block, not the walk cache)
 *   vae1is    VA + ASID, every level: the walk cache's table entries too
 *   vaale1is  VA, any ASID, last level: global (kernel) mappings
 *   aside1is  every entry of one ASID (nG entries)
 *   vmalle1is everything at EL1&0, including global entries and the walk cache
 *   vmalle1   the same, this CPU only (after ASID rollover, see context.c)
 * The by-VA operand holds VA[55:12] in bits [43:0] and the ASID in [63:48].
 *
 * tlb_stats counts TLBI instructions issued: page (vale1is), walk (vae1is), kernel
 * (vaale1is), asid (aside1is), all (vmalle1is and local vmalle1); range
 * counts calls of flush_tlb_range, however they were carried out.
 */
#include <linux/kernel.h>
#include <linux/shell.h>
#include <asm/barrier.h>
#include <asm/memory.h>
#include <asm/tlbflush.h>

struct tlb_stats tlb_stats;

#define __tlbi(op, arg)	__asm__ __volatile__("tlbi " #op ", %0" :: "r"(arg) : "memory")
#define __tlbi0(op)	__asm__ __volatile__("tlbi " #op ::: "memory")

static inline unsigned long tlbi_vaddr(unsigned long va, unsigned int asid)
{
	return ((va >> 12) & ((1UL << 44) - 1)) | ((unsigned long)asid << 48);
}

static inline void count(unsigned long *counter, unsigned long n)
{
	__atomic_add_fetch(counter, n, __ATOMIC_RELAXED);
}

void flush_tlb_all(void)
{
	dsb(ishst);
	__tlbi0(vmalle1is);
	dsb(ish);
	isb();
	count(&tlb_stats.all, 1);
}

void flush_tlb_asid(unsigned int asid)
{
	dsb(ishst);
	__tlbi(aside1is, (unsigned long)asid << 48);
	dsb(ish);
	isb();
	count(&tlb_stats.asid, 1);
}

void flush_tlb_page(unsigned int asid, unsigned long va)
{
	dsb(ishst);
	__tlbi(vale1is, tlbi_vaddr(va, asid));
	dsb(ish);
	isb();
	count(&tlb_stats.page, 1);
}

/*
 * One TLBI per page up to MAX_TLBI_OPS pages; beyond that a loop of TLBIs
 * costs more than refilling the TLB, so drop the whole ASID (Linux:
 * __flush_tlb_range and its MAX_DVM_OPS). The per-page TLBIs need only one
 * dsb ish at the end: it waits for all of them.
 */
void __flush_tlb_range(unsigned int asid, unsigned long start, unsigned long end, bool last_level)
{
	unsigned long pages;

	start &= PAGE_MASK;
	end = ALIGN(end, PAGE_SIZE);
	if (end <= start)
		return;
	count(&tlb_stats.range, 1);
	pages = (end - start) >> PAGE_SHIFT;
	if (pages > MAX_TLBI_OPS) {
		flush_tlb_asid(asid);
		return;
	}
	dsb(ishst);
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		if (last_level)
			__tlbi(vale1is, tlbi_vaddr(va, asid));
		else
			__tlbi(vae1is, tlbi_vaddr(va, asid));
	}
	dsb(ish);
	isb();
	count(last_level ? &tlb_stats.page : &tlb_stats.walk, pages);
}

void flush_tlb_range(unsigned int asid, unsigned long start, unsigned long end)
{
	__flush_tlb_range(asid, start, end, true);
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	unsigned long pages;

	start &= PAGE_MASK;
	end = ALIGN(end, PAGE_SIZE);
	if (end <= start)
		return;
	pages = (end - start) >> PAGE_SHIFT;
	if (pages > MAX_TLBI_OPS) {
		flush_tlb_all();
		return;
	}
	dsb(ishst);
	for (unsigned long va = start; va < end; va += PAGE_SIZE)
		__tlbi(vaale1is, tlbi_vaddr(va, 0));
	dsb(ish);
	isb();
	count(&tlb_stats.kernel, pages);
}

/* Non-shareable: only this CPU's TLB, so only this CPU's barriers (nsh). */
void local_flush_tlb_all(void)
{
	dsb(nshst);
	__tlbi0(vmalle1);
	dsb(nsh);
	isb();
	count(&tlb_stats.all, 1);
}

static int cmd_tlb(int argc, char **argv)
{
	printk("TLBI issued: vale1is %lu (in %lu range flushes), vae1is %lu, vaale1is %lu, aside1is %lu, vmalle1[is] %lu\n",
	       tlb_stats.page, tlb_stats.range, tlb_stats.walk, tlb_stats.kernel, tlb_stats.asid, tlb_stats.all);
	return 0;
}
shell_command("tlb", "tlb", "TLB invalidations issued so far, by kind", cmd_tlb);
