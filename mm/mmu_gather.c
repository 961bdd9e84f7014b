/*
 * mmu_gather: unmap now, flush once, free after (include/linux/mmu_gather.h;
 * Linux: mm/mmu_gather.c, include/asm-generic/tlb.h).
 *
 * The order is the whole point. A page whose PTE was cleared may still be
 * reachable through a TLB entry on some CPU until the TLBI completes; freed
 * before that, it could be reused (by another task, or as a page table)
 * while a stale translation still writes into it. So unmap_range() clears
 * PTEs and only *collects* the pages and the range here; tlb_flush_mmu()
 * invalidates the range (one TLBI sequence for many PTEs) and only then
 * drops the page references.
 *
 *   tlb_gather_mmu(&tlb, mm, fullmm);
 *   unmap_range(&tlb, mm, start, end);   // may flush early if the batch fills
 *   tlb_finish_mmu(&tlb);                // flush the rest, free the rest
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types_task.h>
#include <linux/mmu_gather.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>

static void reset_range(struct mmu_gather *tlb)
{
	tlb->start = ~0UL;
	tlb->end = 0;
}

/* mm NULL gathers kernel (global) mappings. fullmm: the whole address space is going away. */
void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm, bool fullmm)
{
	tlb->mm = mm;
	tlb->nr = 0;
	tlb->fullmm = fullmm;
	tlb->freed = 0;
	tlb->nr_tables = 0;
	tlb->freed_tables = false;
	reset_range(tlb);
}

void tlb_flush_pte_range(struct mmu_gather *tlb, unsigned long va, unsigned long size)
{
	tlb->start = min(tlb->start, va);
	tlb->end = max(tlb->end, va + size);
}

/* Invalidate what was gathered; nothing is freed here. */
static void tlb_flush(struct mmu_gather *tlb)
{
	if (tlb->start >= tlb->end)
		return;
	if (!tlb->mm)
		flush_tlb_kernel_range(tlb->start, tlb->end);
	else if (tlb->fullmm)
		flush_tlb_asid(mm_asid(tlb->mm));	/* every entry of the mm: one TLBI */
	else
		/* Table entries were cleared: not only the leaves (Linux: last_level = !freed_tables). */
		__flush_tlb_range(mm_asid(tlb->mm), tlb->start, tlb->end, !tlb->freed_tables);
	reset_range(tlb);
}

void tlb_flush_mmu(struct mmu_gather *tlb)
{
	tlb_flush(tlb);
	/* Only now can no CPU reach these pages through the TLB. */
	for (unsigned int i = 0; i < tlb->nr; i++)
		put_page(tlb->pages[i]);
	tlb->freed += tlb->nr;
	tlb->nr = 0;
	for (unsigned int i = 0; i < tlb->nr_tables; i++)
		__tlb_remove_table(tlb->tables[i]);
	tlb->nr_tables = 0;
	tlb->freed_tables = false;
}

/* May flush (and free the batch) before returning: the caller's PTEs must already be cleared. */
void tlb_remove_page(struct mmu_gather *tlb, struct page *page)
{
	tlb->pages[tlb->nr++] = page;
	if (tlb->nr == MMU_GATHER_BATCH)
		tlb_flush_mmu(tlb);
}

void tlb_remove_table(struct mmu_gather *tlb, void *table, unsigned long addr)
{
	/* One address the table translated: a TLBI VAE1IS there drops the cached entry pointing to it. */
	tlb_flush_pte_range(tlb, addr, PAGE_SIZE);
	tlb->freed_tables = true;
	tlb->tables[tlb->nr_tables++] = table;
	if (tlb->nr_tables == MMU_GATHER_BATCH)
		tlb_flush_mmu(tlb);
}

/*
 * Tearing down a whole mm, the caller frees its page tables next
 * (free_pgd_range). A CPU's walk cache may still hold pointers into them,
 * tagged with the mm's ASID: one ASID flush forgets those too, even if no
 * PTE was present (Linux: tlb->freed_tables makes tlb_flush do flush_tlb_mm).
 */
void tlb_finish_mmu(struct mmu_gather *tlb)
{
	if (tlb->fullmm && tlb->mm && tlb->start >= tlb->end)
		tlb_flush_pte_range(tlb, 0, PAGE_SIZE);	/* force the ASID flush */
	tlb_flush_mmu(tlb);
}
