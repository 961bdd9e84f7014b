/*
 * The reverse map of anonymous pages: from a page to the PTE that maps it
 * (Linux: mm/rmap.c, folio_referenced, page_vma_mapped_walk).
 *
 * Linux finds every mapping of an anonymous page through its anon_vma
 * (pages are shared after fork). Here an anonymous page has one mapping,
 * recorded when it is mapped: page->mapping = the mm, page->index = the
 * user virtual address. The PTE is then one page-table walk away.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types_task.h>
#include <linux/pgtable.h>
#include <linux/swap.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include "lru.h"

/*
 * The PTE that maps page, or NULL if the page has no reverse map or its
 * PTE no longer maps it (unmapped, swapped out, replaced). Allocates
 * nothing; the caller keeps the tables alive (the page is on an LRU or
 * isolated by the caller, so its owner has not torn them down).
 */
pte_t *page_pte(struct page *page)
{
	struct mm_struct *mm = page->mapping;
	pte_t *ptep;
	pte_t pte;

	if (!mm || !mm->pgd)
		return NULL;
	ptep = pte_lookup(mm->pgd, page->index);
	if (!ptep)
		return NULL;
	pte = ptep_get(ptep);
	if (!pte_present(pte) || pte_pfn(pte) != page_to_pfn(page))
		return NULL;
	return ptep;
}

/*
 * Linux's ptep_clear_flush_young: clear the access flag atomically (the MMU
 * may set it, or the dirty state, at the same time: FEAT_HAFDBS), and if it
 * was set, invalidate the TLB entry for the page. Without the TLBI a CPU
 * that still caches the old translation (AF = 1) keeps using it and never
 * sets AF again (nor takes the access-flag fault), so the next look would
 * call a page in use "not referenced". That is a wrong guess, not a
 * correctness problem, which is why aging batches these flushes instead
 * (mm/lru_gen.c). One flush_tlb_page (TLBI VALE1IS) per call that returns true.
 */
bool page_referenced(struct page *page)
{
	pte_t *ptep = page_pte(page);
	struct mm_struct *mm = page->mapping;

	if (!ptep || !ptep_test_and_clear_young(ptep))
		return false;
	flush_tlb_page(mm_asid(mm), page->index);
	__atomic_add_fetch(&lru_stat.tlb_flushes, 1, __ATOMIC_RELAXED);	/* maybe without lru_lock */
	return true;
}
