/*
 * Bringing a swapped-out page back (Linux: mm/memory.c do_swap_page,
 * mm/swap_state.c, mm/workingset.c for the refault). The PTE holds a swap
 * entry; its offset is the zram slot. A fresh page is filled from the slot,
 * mapped where the entry was, and handed to the LRU policy as a refault.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <asm/mmu_context.h>

/* meminfo's SwapTotal / SwapFree (pages). */
unsigned long total_swap_pages(void)
{
	return zram_nr_slots();
}

unsigned long nr_free_swap_pages(void)
{
	return zram_nr_slots() - zram_slots_used();
}

void free_swap_entry(swp_entry_t entry)
{
	zram_free_slot(swp_offset(entry));
}

enum fault_result do_swap_page(struct mm_struct *mm, struct vm_area_struct *vma,
			       unsigned long addr, pte_t *ptep, pte_t orig, unsigned int flags)
{
	swp_entry_t entry = pte_to_swp_entry(orig);
	unsigned long slot = swp_offset(entry);
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN);
	unsigned long shadow;
	pte_t pte;

	if (!page)
		return VM_FAULT_OOM;
	/*
	 * The allocation may have reclaimed or called the OOM killer, whose
	 * reaper can have unmapped this very PTE and freed the slot (which a
	 * pageout may then have reused for another task). Only if the PTE still
	 * holds the entry we read does the slot still belong to it (Linux:
	 * do_swap_page's pte_same check under the PTE lock).
	 */
	if (!pte_same(READ_ONCE(*ptep), orig)) {
		__free_page(page);
		return VM_FAULT_OK;	/* nothing to do, or the caller faults again */
	}
	if (zram_read_page(slot, page)) {
		/* The data is gone: only this task can be hurt by it. */
		printk("%s[%d]: swap-in of 0x%lx from slot %lu failed: data corrupt\n",
		       current->comm, current->pid, addr, slot);
		__free_page(page);
		return VM_FAULT_SIGBUS;
	}
	count_vm_event(PGMAJFAULT);
	count_vm_event(PSWPIN);
	shadow = zram_get_shadow(slot);
	/*
	 * A refault is a page reclaim evicted coming back: only a slot that
	 * holds the policy's shadow (bit 0 set, written by pageout) is one.
	 * A slot written any other way (zram_write_page with no eviction
	 * behind it) is a plain swap-in. Linux counts WORKINGSET_REFAULT in
	 * workingset_refault() / lru_gen_refault(), which __read_swap_cache_async
	 * calls only when get_shadow_from_swap_cache() found a shadow entry.
	 */
	if (shadow & 1)
		count_vm_event(WORKINGSET_REFAULT);
	page->mapping = mm;
	page->index = addr & PAGE_MASK;
	atomic_set(&page->_mapcount, 0);	/* first mapper of a page nobody else sees (Linux: page_add_new_anon_rmap) */
	SetPageSwapBacked(page);
	inc_mm_counter(mm, MM_ANONPAGES);
	dec_mm_counter(mm, MM_SWAPENTS);
	lru_policy->add(page, true, shadow);
	zram_free_slot(slot);
	/* The swap copy is dropped, so the page is dirty again (it has no copy anywhere). */
	pte = pte_mkdirty(pfn_pte(page_to_pfn(page), vma->vm_page_prot) | PTE_AF);
	/* Text swapped in lands in a frame that may just have held other code. */
	set_pte_at(mm, addr, ptep, pte);
	return VM_FAULT_OK;
}
