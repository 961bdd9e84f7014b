/*
 * Helpers for the page-table, TLB and ASID self-tests (mm/pgtable_test.c,
 * arch/arm64/mm/tlbflush_test.c, arch/arm64/mm/context_test.c):
 *
 *  - ask the MMU itself: AT S1E1R/S1E1W/S1E0R/S1E0W translate an address as
 *    an EL1/EL0 read/write would, and leave the answer in PAR_EL1
 *    (ARM ARM C5.5.x, D17.2.113): F (bit 0) = 0: PA in [47:12], memory
 *    attributes (MAIR encoding) in [63:56], shareability in [8:7];
 *    F = 1: the fault status code in FST [6:1] (as ESR's DFSC);
 *  - load or store through an address that may fault: the instruction gets
 *    an exception-table entry, so a fault resumes at the fixup instead of
 *    oopsing (asm/traps.h). LDTR/STTR check EL0's permissions (a user access
 *    from EL1, unaffected by PAN); LDR/STR check EL1's;
 *  - scratch address spaces: an mm_struct with its own pgd, set up and torn
 *    down like a task's (pgd_alloc ... unmap_range, free_pgd_range).
 */
#ifndef _ASM_MM_TEST_H
#define _ASM_MM_TEST_H

#include <linux/types.h>
#include <linux/mm.h>
#include <linux/mm_types_task.h>
#include <linux/mmu_gather.h>
#include <linux/pgtable.h>
#include <asm/barrier.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/sysreg.h>
#include <string.h>

#define PAR_F			(1UL << 0)
#define PAR_FST(par)		(((par) >> 1) & 0x3f)
#define PAR_PA(par)		((par) & PTE_ADDR_MASK)
#define PAR_ATTR(par)		((par) >> 56)
#define PAR_SH(par)		(((par) >> 7) & 3)
#define FST_TRANSLATION(lvl)	(0x04UL | (unsigned long)(lvl))		/* translation fault, level 0..3 */
#define FST_ACCESS_FLAG(lvl)	(0x08UL | (unsigned long)(lvl))
#define FST_PERMISSION(lvl)	(0x0cUL | (unsigned long)(lvl))

#define DEFINE_AT(name, op)						\
static inline u64 name(unsigned long va)				\
{									\
	unsigned long flags = arch_local_irq_save();			\
	u64 par;							\
									\
	__asm__ __volatile__("at " #op ", %0" :: "r"(va));		\
	isb();								\
	par = read_sysreg(par_el1);					\
	arch_local_irq_restore(flags);					\
	return par;							\
}
DEFINE_AT(at_s1e1r, s1e1r)
DEFINE_AT(at_s1e1w, s1e1w)
DEFINE_AT(at_s1e0r, s1e0r)
DEFINE_AT(at_s1e0w, s1e0w)

/* The MAIR_EL1 attribute byte for a descriptor's AttrIndx. */
static inline unsigned int mair_attr(u64 desc)
{
	return (unsigned int)(MAIR_EL1_VALUE >> (((desc & PTE_ATTRINDX_MASK) >> 2) * 8)) & 0xff;
}

/* insn [addr] with an exception-table entry; err = 1 if it faulted. */
#define __PROBE(insn, val, addr, err)					\
	__asm__ __volatile__(						\
	"	mov	%w[e], #0\n"					\
	"1:	" insn "	%x[v], [%x[a]]\n"			\
	"	b	3f\n"						\
	"2:	mov	%w[e], #1\n"					\
	"3:\n"								\
	"	.pushsection __ex_table, \"a\"\n"			\
	"	.balign	4\n"						\
	"	.long	1b - .\n"					\
	"	.long	2b - .\n"					\
	"	.popsection\n"						\
	: [e] "=&r"(err), [v] "+r"(val) : [a] "r"(addr) : "memory")

/* Load a u64 as EL0 would (LDTR); false if it faulted. */
static inline bool probe_user_read(unsigned long addr, u64 *out)
{
	u64 val = 0;
	int err;

	__PROBE("ldtr", val, addr, err);
	*out = val;
	return !err;
}

static inline bool probe_user_write(unsigned long addr, u64 val)
{
	int err;

	__PROBE("sttr", val, addr, err);
	return !err;
}

/* An ordinary EL1 load (subject to PAN on user pages); false if it faulted. */
static inline bool probe_kernel_read(unsigned long addr, u64 *out)
{
	u64 val = 0;
	int err;

	__PROBE("ldr", val, addr, err);
	*out = val;
	return !err;
}

/* A fresh address space: its own zeroed pgd, no ASID yet. False if out of memory. */
static inline bool test_mm_init(struct mm_struct *mm)
{
	memset(mm, 0, sizeof(*mm));
	INIT_LIST_HEAD(&mm->mmap);
	mm->pgd = pgd_alloc();
	mm->nr_pgtables = 1;
	return mm->pgd != NULL;
}

/*
 * Map one page of memory at va in mm, as the fault handler does minus the
 * LRU: one mapping (_mapcount 0), counted in rss_anon, so unmap_range
 * releases it like a task's page. Returns the page, or NULL.
 */
static inline struct page *test_mm_map_page(struct mm_struct *mm, unsigned long va, pgprot_t prot)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	if (!page)
		return NULL;
	if (map_pages(mm->pgd, va, page_to_phys(page), PAGE_SIZE, prot, false, &mm->nr_pgtables)) {
		__free_page(page);
		return NULL;
	}
	page->_mapcount = 0;
	mm->rss_anon++;
	return page;
}

/*
 * Tear down like a task's exit: leave TTBR0 if it is ours, unmap everything
 * (pages back to the allocator after one ASID flush), free the tables.
 */
static inline void test_mm_destroy(struct mm_struct *mm)
{
	struct mmu_gather tlb;

	if (!mm->pgd)
		return;
	if (cpu_active_mm() == mm)
		switch_mm(NULL);
	tlb_gather_mmu(&tlb, mm, true);
	unmap_range(&tlb, mm, 0, TASK_SIZE);
	tlb_finish_mmu(&tlb);
	free_pgd_range(mm->pgd, &mm->nr_pgtables);
	destroy_context(mm);
	mm->pgd = NULL;
}

#endif
