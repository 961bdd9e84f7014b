/*
 * The 4-level page-table API (mm/pgtable.c), with Linux's names. Works on
 * any table tree: a user mm's (TTBR0) or the kernel's (TTBR1). Page-table
 * pages come from the buddy allocator; physical <-> virtual through the
 * linear map. ARM levels L0..L3 = pgd, pud, pmd, pte.
 *
 * None of these flush the TLB unless they say so; the callers that change
 * a live mapping use the helpers in asm/tlbflush.h or an mmu_gather.
 */
#ifndef _LINUX_PGTABLE_H
#define _LINUX_PGTABLE_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <asm/pgtable.h>

struct mm_struct;
struct mmu_gather;

/* Pointers to the entry for addr at each level (the table must exist). */
pgd_t *pgd_offset_pgd(pgd_t *pgd, unsigned long addr);
pud_t *pud_offset(pgd_t *pgdp, unsigned long addr);
pmd_t *pmd_offset(pud_t *pudp, unsigned long addr);
pte_t *pte_offset_kernel(pmd_t *pmdp, unsigned long addr);

/* A zeroed L0 table for a new address space; NULL on failure. */
pgd_t *pgd_alloc(void);

/*
 * The PTE for addr, allocating missing intermediate tables (gfp); NULL if a
 * table cannot be allocated or addr is covered by a block mapping.
 * *nr_tables (if not NULL) is increased by the tables allocated.
 */
pte_t *pte_alloc(pgd_t *pgd, unsigned long addr, gfp_t gfp, unsigned long *nr_tables);
/* The PTE for addr if every level is a table, else NULL. Allocates nothing. */
pte_t *pte_lookup(pgd_t *pgd, unsigned long addr);

/*
 * Map [va, va + size) to [pa, ...) with prot, 4 KiB pages (and 2 MiB/1 GiB
 * blocks when block_ok and alignment allows). Fails (-ENOMEM/-EEXIST)
 * without undoing. Only invalid entries are filled: no TLB flush needed.
 */
int map_pages(pgd_t *pgd, unsigned long va, phys_addr_t pa, unsigned long size,
	      pgprot_t prot, bool block_ok, unsigned long *nr_tables);

/*
 * Clear every PTE in [start, end) of mm. Present user pages are handed to
 * the gather (freed after the TLB flush), swap entries to free_swap_entry().
 * Returns the number of PTEs cleared. Flushes via the gather.
 */
unsigned long unmap_range(struct mmu_gather *tlb, struct mm_struct *mm,
			  unsigned long start, unsigned long end);

/*
 * After unmap_range of [start, end): free the page-table pages below it that
 * are empty and translate nothing outside the hole [floor, ceiling) (ceiling
 * 0: the top), i.e. are shared with no VMA (Linux: free_pgtables ->
 * free_pgd_range(tlb, addr, end, floor, ceiling)). Each entry is cleared
 * now, the table page handed to the gather and freed after its TLB flush.
 * Takes them off mm->nr_pgtables; returns how many were freed.
 */
unsigned long free_pgtables(struct mmu_gather *tlb, struct mm_struct *mm, unsigned long start,
			    unsigned long end, unsigned long floor, unsigned long ceiling);

/* New permissions for present PTEs in [start, end); flushes the TLB for the range. Returns PTEs changed. */
unsigned long change_protection(struct mm_struct *mm, unsigned long start, unsigned long end,
				pgprot_t newprot);

/* Free every page-table page of a user tree (after unmap_range of everything), and the pgd. */
void free_pgd_range(pgd_t *pgd, unsigned long *nr_tables);

/*
 * Split a 2 MiB (pmd) or 1 GiB (pud) block that maps addr into a table of
 * the next level with the same attributes, by break-before-make (ARM ARM
 * D8.14.1): invalidate the block entry, TLBI, then install the table.
 * asid < 0 for kernel (global) mappings.
 */
int split_block(pgd_t *pgd, unsigned long addr, int asid);

/* Everything a walk of one address saw, level by level. */
struct pt_walk {
	int levels;		/* entries filled in desc[] (1..4) */
	unsigned int index[4];	/* index into the table at L0..L3 */
	u64 desc[4];		/* the descriptor read at each level */
	phys_addr_t table[4];	/* physical address of the table at each level */
	bool valid;		/* the walk ended in a page or block */
	int block_level;	/* 1 or 2 for a block, 3 for a page, -1 if none */
	phys_addr_t pa;		/* output address for addr (when valid) */
};

/* Walk addr in the tree rooted at pgd, like the MMU would (no permission check). */
void pt_walk(pgd_t *pgd, unsigned long addr, struct pt_walk *w);
/* Print a walk: one line per level with index, descriptor and decoded attributes. */
void pt_walk_print(const struct pt_walk *w, unsigned long addr);
/* Decode descriptor attributes into buf ("USER RW XN AF nG SH=IS ATTR=NORMAL ..."). */
void pte_decode(u64 desc, int level, char *buf, size_t size);

/*
 * ptdump: print the ranges of [start, end) with the same attributes merged,
 * like Linux's /sys/kernel/debug/kernel_page_tables.
 */
void ptdump_walk(pgd_t *pgd, unsigned long start, unsigned long end);
/* "---[ name ]---" headers ptdump prints where a region starts (Linux: address_markers). */
struct ptdump_marker {
	unsigned long start_address;
	const char *name;
};
/* Sorted by address, ended by a NULL name; the architecture provides them (default: none). */
const struct ptdump_marker *ptdump_markers(void);

/* Page-table pages in use by all trees (meminfo PageTables). */
unsigned long nr_pagetable_pages(void);

#endif
