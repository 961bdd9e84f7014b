/*
 * Page faults in user address spaces (Linux: mm/memory.c handle_mm_fault,
 * do_anonymous_page, do_wp_page; arch/arm64/mm/fault.c for the ESR side,
 * which is arch/arm64/mm/fault.c here).
 *
 * A region (VMA) is only a promise; the first touch of each page lands here:
 *   - no PTE, read          -> map the shared zero page, read-only
 *   - no PTE, write         -> a fresh zeroed page, writable and dirty
 *   - zero page, write      -> copy-on-write: a fresh page replaces it
 *   - present, AF clear     -> set the access flag (reclaim cleared it to see
 *                              whether the page is used; FEAT_HAFDBS CPUs set
 *                              it in hardware and never fault)
 *   - present, clean, write -> mark dirty (software dirty-bit management)
 *   - swap entry            -> swap the page back in (mm/swap code)
 * Anything the VMA does not allow is refused and the task is killed.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pgtable.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <asm/tlbflush.h>
#include <asm/mmu_context.h>
#include <string.h>

struct page *zero_page;

void zero_page_init(void)
{
	zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!zero_page)
		panic("no memory for the zero page");
	SetPageReserved(zero_page);	/* never freed, never on an LRU */
}

/* A new anonymous page mapped at addr of mm: reverse map, counters, LRU. */
static void page_add_new_anon(struct page *page, struct mm_struct *mm, unsigned long addr)
{
	page->mapping = mm;
	page->index = addr & PAGE_MASK;
	atomic_set(&page->_mapcount, 0);	/* first mapper of a page nobody else sees (Linux: page_add_new_anon_rmap) */
	SetPageSwapBacked(page);
	inc_mm_counter(mm, MM_ANONPAGES);
	lru_add_new_anon(page, mm, addr);
}

/* Replace a present PTE with another (different page): break-before-make (ARM ARM D8.14.1). */
static void set_pte_bbm(struct mm_struct *mm, unsigned long addr, pte_t *ptep, pte_t pte)
{
	WRITE_ONCE(*ptep, 0);
	flush_tlb_page(mm_asid(mm), addr);
	set_pte_at(mm, addr, ptep, pte);
}

/* A relaxation of a live PTE (AF set, dirty): no BBM needed; flush the stale entry. */
static void set_pte_relaxed(struct mm_struct *mm, unsigned long addr, pte_t *ptep, pte_t pte)
{
	WRITE_ONCE(*ptep, pte);
	flush_tlb_page(mm_asid(mm), addr);
}

static enum fault_result do_anonymous_page(struct mm_struct *mm, struct vm_area_struct *vma,
					   unsigned long addr, pte_t *ptep, unsigned int flags)
{
	struct page *page;
	pte_t pte;

	if (!(flags & (FAULT_FLAG_WRITE | FAULT_FLAG_INSTRUCTION))) {
		/* Reads of untouched memory share one page of zeros, never writable. */
		pte = pte_wrprotect(pfn_pte(page_to_pfn(zero_page), vma->vm_page_prot)) | PTE_SPECIAL | PTE_AF;
		WRITE_ONCE(*ptep, pte);
		dsb(ishst);
		return VM_FAULT_OK;
	}
	page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO | __GFP_NOWARN);
	if (!page)
		return VM_FAULT_OOM;
	pte = pfn_pte(page_to_pfn(page), vma->vm_page_prot) | PTE_AF;
	if (flags & FAULT_FLAG_WRITE)
		pte = pte_mkdirty(pte);
	page_add_new_anon(page, mm, addr);
	set_pte_at(mm, addr, ptep, pte);	/* an exec fault: the zeroes must be what is fetched */
	return VM_FAULT_OK;
}

/* Write to the zero page: give the task its own page (copy-on-write of zeros). */
static enum fault_result do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma,
				    unsigned long addr, pte_t *ptep)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO | __GFP_NOWARN);

	if (!page)
		return VM_FAULT_OOM;
	page_add_new_anon(page, mm, addr);
	set_pte_bbm(mm, addr, ptep, pte_mkdirty(pfn_pte(page_to_pfn(page), vma->vm_page_prot) | PTE_AF));
	return VM_FAULT_OK;
}

enum fault_result handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int flags,
				  const char **why)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	pte_t *ptep, pte;

	count_vm_event(PGFAULT);
	trace_fault(addr);
	if (!vma) {
		*why = "no mapping (VMA) at this address";
		return VM_FAULT_SIGSEGV;
	}
	if ((flags & FAULT_FLAG_WRITE) && !(vma->vm_flags & VM_WRITE)) {
		*why = "write to a region that is not writable";
		return VM_FAULT_SIGSEGV;
	}
	if ((flags & FAULT_FLAG_INSTRUCTION) && !(vma->vm_flags & VM_EXEC)) {
		*why = "instruction fetch from a region that is not executable";
		return VM_FAULT_SIGSEGV;
	}
	/*
	 * PROT_EXEC implies PROT_READ: the page is mapped readable anyway
	 * (vm_get_page_prot), so refusing a read only until the first
	 * instruction fetch would be inconsistent. Linux/arm64 does the same
	 * unless the CPU has FEAT_EPAN, which we do not use.
	 */
	if (!(flags & (FAULT_FLAG_WRITE | FAULT_FLAG_INSTRUCTION)) && !(vma->vm_flags & (VM_READ | VM_EXEC))) {
		*why = "read from a region that is not readable";
		return VM_FAULT_SIGSEGV;
	}
	ptep = pte_alloc(mm->pgd, addr & PAGE_MASK, GFP_KERNEL, &mm->nr_pgtables);
	if (!ptep) {
		*why = "no memory for a page table";
		return VM_FAULT_OOM;
	}
	pte = READ_ONCE(*ptep);
	if (pte_none(pte)) {
		enum fault_result r = do_anonymous_page(mm, vma, addr, ptep, flags);

		if (r == VM_FAULT_OOM)
			*why = "out of memory for a new page";
		return r;
	}
	if (is_swap_pte(pte)) {
		enum fault_result r = do_swap_page(mm, vma, addr, ptep, pte, flags);

		if (r != VM_FAULT_OK)
			*why = r == VM_FAULT_OOM ? "out of memory for swap-in" :
			       "the page could not be read back from swap";
		return r;
	}
	if (!pte_present(pte)) {
		*why = "non-present PTE of unknown kind";
		return VM_FAULT_SIGBUS;
	}
	if ((flags & FAULT_FLAG_WRITE) && pte_special(pte))
		return do_wp_page(mm, vma, addr, ptep);
	if ((flags & FAULT_FLAG_WRITE) && !pte_write(pte)) {
		*why = "write to a read-only page";
		return VM_FAULT_SIGSEGV;
	}
	/* Access flag and dirty state, tracked in software where the CPU does not. */
	pte = pte_mkyoung(pte);
	if (flags & FAULT_FLAG_WRITE)
		pte = pte_mkdirty(pte);
	set_pte_relaxed(mm, addr, ptep, pte);
	return VM_FAULT_OK;
}
