/*
 * Scratch address spaces for the self-tests that need a user tree of their
 * own (mm/pgtable_test.c, arch/arm64/mm/tlbflush_test.c, context_test.c):
 * an mm_struct with its own pgd, set up and torn down like a task's
 * (pgd_alloc ... unmap_range, free_pgd_range). Test code only, inline so
 * that nothing of it is linked unless a test uses it. Asking the MMU what it
 * makes of such a tree: asm/mmu_probe.h.
 */
#ifndef _LINUX_MM_SELFTEST_H
#define _LINUX_MM_SELFTEST_H

#include <linux/types.h>
#include <linux/mm.h>
#include <linux/mm_types_task.h>
#include <linux/mmu_gather.h>
#include <linux/pgtable.h>
#include <asm/mmu_context.h>
#include <string.h>

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
 * LRU: one mapping (page_mapcount 1), counted in rss_anon, so unmap_range
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
	atomic_set(&page->_mapcount, 0);	/* mapped once */
	inc_mm_counter(mm, MM_ANONPAGES);
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
