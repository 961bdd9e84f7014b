/*
 * mmu_gather: batch the work of unmapping (Linux: include/asm-generic/tlb.h,
 * mm/mmu_gather.c). While PTEs are cleared, the pages they mapped and the
 * range they covered are collected; then one TLB flush covers the whole
 * range, and only after it are the pages freed -- so no CPU can still reach
 * a page through a stale TLB entry once it is reused.
 */
#ifndef _LINUX_MMU_GATHER_H
#define _LINUX_MMU_GATHER_H

#include <linux/types.h>

struct mm_struct;
struct page;

#define MMU_GATHER_BATCH 64

struct mmu_gather {
	struct mm_struct *mm;
	unsigned long start, end;	/* range to flush ([start, end), empty if start >= end) */
	unsigned int nr;		/* pages waiting in pages[] */
	struct page *pages[MMU_GATHER_BATCH];
	unsigned int nr_tables;		/* page-table pages waiting in tables[] */
	void *tables[MMU_GATHER_BATCH];
	bool freed_tables;		/* a table was unlinked: flush the walk cache too */
	bool fullmm;			/* tearing down the whole mm: one ASID flush */
	unsigned long freed;		/* pages freed through this gather */
};

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm, bool fullmm);
/* Note that the PTE for va was cleared. */
void tlb_flush_pte_range(struct mmu_gather *tlb, unsigned long va, unsigned long size);
/* Queue a page to be released (put_page) after the flush; flushes when the batch is full. */
void tlb_remove_page(struct mmu_gather *tlb, struct page *page);
/*
 * Queue a page-table page (kernel VA) whose upper entry for addr was just
 * cleared: the flush then invalidates every level (walk cache included) and
 * only after it is the page freed (Linux: tlb_remove_table, freed_tables).
 */
void tlb_remove_table(struct mmu_gather *tlb, void *table, unsigned long addr);
/* Free one table page after the flush: mm/pgtable.c (Linux: __tlb_remove_table). */
void __tlb_remove_table(void *table);
/* Flush the TLB for the gathered range, then release the gathered pages. */
void tlb_flush_mmu(struct mmu_gather *tlb);
void tlb_finish_mmu(struct mmu_gather *tlb);

#endif
