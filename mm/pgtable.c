/*
 * The 4-level page-table API (include/linux/pgtable.h): finding, allocating,
 * filling and tearing down translation tables, for a user tree (TTBR0) or the
 * kernel's (TTBR1). Linux spreads the same work over mm/memory.c
 * (__pte_alloc, zap_pte_range, free_pgd_range), mm/mprotect.c
 * (change_protection) and arch/arm64/mm/mmu.c (__create_pgd_mapping,
 * split_pmd/split_pud in later kernels).
 *
 * Tables hold physical addresses; this code reaches a table through the
 * linear map (__va). Every table page comes from the buddy allocator,
 * zeroed, and is counted in nr_pagetable_pages() (meminfo "PageTables").
 * Nothing here takes a lock, and today no caller does either:
 * mm->page_table_lock is initialised but never taken. What keeps a tree
 * consistent now is that one CPU runs and kernel code is not preempted
 * (include/linux/sched.h): an update made in a task's context (fault,
 * munmap, mprotect, exit) runs to its end unless it sleeps or allocates --
 * an allocation may enter direct reclaim, which unmaps pages of any mm
 * through the reverse map -- and no interrupt handler touches page tables.
 * The SMP issue, which brings up the other cores, makes page_table_lock
 * real: a second CPU can then fault or reclaim in the same mm at the same
 * time.
 *
 * The walk of one address, 4 KiB granule, 48-bit VA (ARM ARM D8.2):
 *
 *   VA  [47:39] L0 index (pgd)  [38:30] L1 (pud)  [29:21] L2 (pmd)
 *       [20:12] L3 (pte)        [11:0] offset in the page
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mm_types_task.h>
#include <linux/mmu_gather.h>
#include <linux/pgtable.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <asm/barrier.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include <string.h>

/*
 * Table pages allocated here and not yet freed: the zone counter
 * NR_PAGETABLE (Linux: the node counter, changed in pagetable_pte_ctor /
 * pagetable_dtor). The snapshot adds the CPUs' unfolded differences, so
 * the count is exact while no CPU is allocating or freeing a table.
 */
unsigned long nr_pagetable_pages(void)
{
	return zone_page_state_snapshot(&zone_normal, NR_PAGETABLE);
}

/* A zeroed table page (kernel VA) from the buddy allocator, counted; NULL on failure. */
static u64 *table_alloc(gfp_t gfp, unsigned long *nr_tables)
{
	struct page *page = alloc_page(gfp | __GFP_ZERO);

	if (!page)
		return NULL;
	mod_zone_page_state(page_zone(page), NR_PAGETABLE, 1);
	if (nr_tables)
		(*nr_tables)++;
	return page_address(page);
}

static void table_free(u64 *table, unsigned long *nr_tables)
{
	mod_zone_page_state(page_zone(virt_to_page(table)), NR_PAGETABLE, -1);
	free_page((unsigned long)table);
	if (nr_tables)
		(*nr_tables)--;
}

/* The table a table descriptor points at, by its linear-map address. */
static u64 *table_va(u64 desc)
{
	return (u64 *)__va(desc & PTE_ADDR_MASK);
}

/*
 * Link a new (zeroed) table into a live tree. The zeroes must reach memory
 * before the descriptor that makes them reachable, or a walker on another
 * CPU could read stale garbage as entries: dsb(ishst) first. Invalid ->
 * valid needs no TLB maintenance (ARM ARM D8.14).
 */
static void table_install(u64 *entry, u64 *table)
{
	dsb(ishst);
	WRITE_ONCE(*entry, (u64)__pa(table) | PTE_TYPE_TABLE);
	dsb(ishst);
	isb();
}

pgd_t *pgd_offset_pgd(pgd_t *pgd, unsigned long addr)
{
	return pgd + pgd_index(addr);
}

pud_t *pud_offset(pgd_t *pgdp, unsigned long addr)
{
	return table_va(*pgdp) + pud_index(addr);
}

pmd_t *pmd_offset(pud_t *pudp, unsigned long addr)
{
	return table_va(*pudp) + pmd_index(addr);
}

pte_t *pte_offset_kernel(pmd_t *pmdp, unsigned long addr)
{
	return table_va(*pmdp) + pte_index(addr);
}

/* The caller adds the L0 page to its mm->nr_pgtables (free_pgd_range takes it off). */
pgd_t *pgd_alloc(void)
{
	return table_alloc(GFP_KERNEL, NULL);
}

/* Entry for addr in the next level's table, allocating that table if entry is empty. */
static u64 *next_level(u64 *entry, unsigned long addr, int level, gfp_t gfp, unsigned long *nr_tables)
{
	static const int shift[4] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT, PTE_SHIFT };
	u64 desc = READ_ONCE(*entry);

	if (!pxd_table(desc)) {
		u64 *table;

		if (desc & PTE_VALID)
			return NULL;		/* a block maps this range */
		table = table_alloc(gfp, nr_tables);
		if (!table)
			return NULL;
		table_install(entry, table);
		desc = READ_ONCE(*entry);
	}
	return table_va(desc) + ((addr >> shift[level + 1]) & (PTRS_PER_TABLE - 1));
}

pte_t *pte_alloc(pgd_t *pgd, unsigned long addr, gfp_t gfp, unsigned long *nr_tables)
{
	u64 *entry = pgd_offset_pgd(pgd, addr);

	for (int level = 0; level < 3 && entry; level++)
		entry = next_level(entry, addr, level, gfp, nr_tables);
	return entry;
}

pte_t *pte_lookup(pgd_t *pgd, unsigned long addr)
{
	u64 *entry = pgd_offset_pgd(pgd, addr);

	for (int level = 0; level < 3; level++) {
		u64 desc = READ_ONCE(*entry);

		if (!pxd_table(desc))
			return NULL;
		entry = table_va(desc) + ((addr >> (PGDIR_SHIFT - 9 * (level + 1))) & (PTRS_PER_TABLE - 1));
	}
	return entry;
}

/* ---- map_pages --------------------------------------------------------- */

static const int level_shift[4] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT, PTE_SHIFT };

/*
 * Start of the next entry at a level, or end, whichever comes first (Linux:
 * pmd_addr_end). end = 0 means the top of the address space.
 */
static unsigned long addr_end(unsigned long addr, unsigned long end, int level)
{
	unsigned long size = 1UL << level_shift[level];
	unsigned long next = (addr + size) & ~(size - 1);

	return next - 1 < end - 1 ? next : end;
}

/* prot with the descriptor type of a leaf at level (block at L1/L2, page at L3). */
static u64 leaf_desc(phys_addr_t pa, pgprot_t prot, int level)
{
	u64 type = level == 3 ? PTE_TYPE_PAGE : PTE_TYPE_BLOCK;

	if (!(prot & PTE_VALID))
		type = level == 3 ? PTE_TABLE_BIT : 0;	/* keep an invalid entry invalid */
	return (pa & PTE_ADDR_MASK) | (prot & ~PTE_TYPE_MASK & ~PTE_ADDR_MASK) | type;
}

static int map_level(u64 *table, int level, unsigned long va, unsigned long end, phys_addr_t pa,
		     pgprot_t prot, bool block_ok, unsigned long *nr_tables)
{
	unsigned long size = 1UL << level_shift[level];

	for (unsigned long next; va != end; pa += next - va, va = next) {
		u64 *entry = &table[(va >> level_shift[level]) & (PTRS_PER_TABLE - 1)];
		u64 desc = READ_ONCE(*entry);
		bool fits;

		next = addr_end(va, end, level);
		fits = block_ok && (level == 1 || level == 2) && next - va == size && !(pa & (size - 1));
		if (level == 3 || (fits && !desc)) {
			if (desc)
				return -EEXIST;
			set_pte(entry, leaf_desc(pa, prot, level));
		} else {
			int ret;

			if (!pxd_table(desc)) {
				u64 *t;

				if (desc)
					return -EEXIST;		/* a block, or a swap entry */
				t = table_alloc(GFP_KERNEL, nr_tables);
				if (!t)
					return -ENOMEM;
				table_install(entry, t);
				desc = READ_ONCE(*entry);
			}
			ret = map_level(table_va(desc), level + 1, va, next, pa, prot, block_ok, nr_tables);
			if (ret)
				return ret;
		}
	}
	return 0;
}

int map_pages(pgd_t *pgd, unsigned long va, phys_addr_t pa, unsigned long size,
	      pgprot_t prot, bool block_ok, unsigned long *nr_tables)
{
	unsigned long start = va & PAGE_MASK;
	unsigned long end = ALIGN(va + size, PAGE_SIZE);	/* 0: up to the top */

	if (!size)
		return 0;
	return map_level(pgd, 0, start, end, pa & PAGE_MASK, prot, block_ok, nr_tables);
}

static int __split_block(pgd_t *pgd, unsigned long addr, int asid, unsigned long *nr_tables);

/* ---- unmap_range ------------------------------------------------------- */

struct unmap_state {
	struct mmu_gather *tlb;
	struct mm_struct *mm;
	unsigned long cleared;
};

/* Let go of what a cleared leaf entry referred to. */
static void zap_entry(struct unmap_state *st, pte_t old, unsigned long va, unsigned long size)
{
	if (pte_present(old)) {
		/* The TLB may still hold it: the gather flushes before freeing. */
		tlb_flush_pte_range(st->tlb, va, size);
		if (size == PAGE_SIZE && !pte_special(old) && pfn_valid(pte_pfn(old))) {
			struct page *page = pfn_to_page(pte_pfn(old));

			/* Off the reverse map and the LRU now (Linux: page_remove_rmap), freed after the flush. */
			page_remove_anon(page);
			tlb_remove_page(st->tlb, page);
			if (st->mm && get_mm_counter(st->mm, MM_ANONPAGES))
				dec_mm_counter(st->mm, MM_ANONPAGES);
		}
	} else if (is_swap_pte(old)) {
		free_swap_entry(pte_to_swp_entry(old));
		if (st->mm && get_mm_counter(st->mm, MM_SWAPENTS))
			dec_mm_counter(st->mm, MM_SWAPENTS);
	}
	st->cleared++;
}

static void unmap_level(struct unmap_state *st, u64 *table, int level, unsigned long addr,
			unsigned long end)
{
	for (unsigned long next; addr != end; addr = next) {
		u64 *entry = &table[(addr >> level_shift[level]) & (PTRS_PER_TABLE - 1)];
		u64 desc = READ_ONCE(*entry);
		unsigned long size = 1UL << level_shift[level];

		next = addr_end(addr, end, level);
		if (!desc)
			continue;
		if (level < 3 && pxd_table(desc)) {
			unmap_level(st, table_va(desc), level + 1, addr, next);
			continue;
		}
		if (level < 3 && (desc & PTE_VALID) && (addr & (size - 1) || next - addr != size)) {
			/* Part of a block: make it a table first, then clear what is asked. */
			if (__split_block(st->mm->pgd, addr, (int)mm_asid(st->mm), &st->mm->nr_pgtables) == 0) {
				next = addr;	/* again, now through the new table */
				continue;
			}
			printk("unmap_range: cannot split the block at 0x%lx: left mapped\n", addr);
			continue;
		}
		zap_entry(st, ptep_get_and_clear(entry), addr & ~(size - 1), size);
	}
}

unsigned long unmap_range(struct mmu_gather *tlb, struct mm_struct *mm,
			  unsigned long start, unsigned long end)
{
	struct unmap_state st = { .tlb = tlb, .mm = mm };

	start &= PAGE_MASK;
	end = ALIGN(end, PAGE_SIZE);
	if (start < end)
		unmap_level(&st, mm->pgd, 0, start, end);
	return st.cleared;
}

/* ---- free_pgtables ----------------------------------------------------- */

/* Called by the gather after its TLB flush (mm/mmu_gather.c): now the page may be reused. */
void __tlb_remove_table(void *table)
{
	table_free(table, NULL);
}

static bool table_empty(const u64 *table)
{
	for (int i = 0; i < PTRS_PER_TABLE; i++)
		if (READ_ONCE(table[i]))
			return false;
	return true;
}

struct free_pt_state {
	struct mmu_gather *tlb;
	struct mm_struct *mm;
	unsigned long floor, ceiling;	/* the hole: nothing mapped in [floor, ceiling); ceiling 0 = the top */
	unsigned long freed;
};

/*
 * Free the tables below the entries of table (at level 0..2) for
 * [addr, end): deepest first, so that a PMD table emptied by freeing its
 * PTE tables goes too. A table is freed only if the whole range it
 * translates lies inside the hole (Linux: the floor/ceiling checks of
 * free_pmd_range/free_pud_range) and it holds no entry at all.
 */
static void free_pt_level(struct free_pt_state *st, u64 *table, int level, unsigned long addr,
			  unsigned long end)
{
	unsigned long size = 1UL << level_shift[level];

	for (unsigned long next; addr != end; addr = next) {
		u64 *entry = &table[(addr >> level_shift[level]) & (PTRS_PER_TABLE - 1)];
		u64 desc = READ_ONCE(*entry);
		unsigned long span = addr & ~(size - 1);
		u64 *child;

		next = addr_end(addr, end, level);
		if (!pxd_table(desc))
			continue;		/* empty, or a block (kernel trees only) */
		child = table_va(desc);
		if (level + 1 < 3)
			free_pt_level(st, child, level + 1, addr, next);
		if (span < st->floor || span + size - 1 > st->ceiling - 1 || !table_empty(child))
			continue;
		/*
		 * Unlink first, free after the flush: the MMU's walk cache may hold
		 * this entry (a pointer to child) and go on reading child as a
		 * table after it is reused, until a TLBI that hits every level, not
		 * only the last (ARM ARM D8.14.2; Linux: pte_free_tlb/pmd_free_tlb
		 * set tlb->freed_tables, so tlb_flush() issues TLBI VAE1IS instead
		 * of VALE1IS, and tlb_remove_table() frees after it).
		 */
		WRITE_ONCE(*entry, 0);
		tlb_remove_table(st->tlb, child, span);
		if (st->mm->nr_pgtables)
			st->mm->nr_pgtables--;	/* Linux: mm_dec_nr_ptes/pmds at unlink */
		st->freed++;
	}
}

unsigned long free_pgtables(struct mmu_gather *tlb, struct mm_struct *mm, unsigned long start,
			    unsigned long end, unsigned long floor, unsigned long ceiling)
{
	struct free_pt_state st = { .tlb = tlb, .mm = mm, .floor = floor, .ceiling = ceiling };

	start &= PAGE_MASK;
	end = ALIGN(end, PAGE_SIZE);
	if (start < end)
		free_pt_level(&st, mm->pgd, 0, start, end);
	return st.freed;
}

/* ---- change_protection ------------------------------------------------- */

static unsigned long protect_level(u64 *table, int level, unsigned long addr, unsigned long end,
				   pgprot_t newprot)
{
	unsigned long changed = 0;

	for (unsigned long next; addr != end; addr = next) {
		u64 *entry = &table[(addr >> level_shift[level]) & (PTRS_PER_TABLE - 1)];
		u64 old = READ_ONCE(*entry), new;

		next = addr_end(addr, end, level);
		if (level < 3) {
			if (pxd_table(old))
				changed += protect_level(table_va(old), level + 1, addr, next, newprot);
			continue;	/* blocks are not used for user memory */
		}
		if (!pte_present(old))
			continue;
		/*
		 * Atomically, so a hardware AF/dirty update in between is not lost.
		 * A special page (the shared zero page) is never made writable: with
		 * hardware dirty tracking (TCR_EL1.HD) a writable-clean entry is
		 * written without a fault, and the store would land in the page
		 * every task reads its untouched memory from. Its write must fault
		 * and copy (Linux keeps such entries read-only, without PTE_DBM).
		 */
		do {
			new = pte_modify(old, newprot);
			if (pte_special(new))
				new = pte_wrprotect(new);
			else if (pte_user_exec(new))
				__sync_icache_dcache(new);	/* as set_pte_at: mprotect to PROT_EXEC */
		} while (new != old && !__atomic_compare_exchange_n(entry, &old, new, false,
								    __ATOMIC_RELAXED, __ATOMIC_RELAXED));
		changed += new != old;
	}
	return changed;
}

unsigned long change_protection(struct mm_struct *mm, unsigned long start, unsigned long end,
				pgprot_t newprot)
{
	unsigned long changed;

	start &= PAGE_MASK;
	end = ALIGN(end, PAGE_SIZE);
	if (start >= end)
		return 0;
	changed = protect_level(mm->pgd, 0, start, end, newprot);
	if (changed)
		flush_tlb_range(mm_asid(mm), start, end);	/* begins with dsb(ishst) */
	return changed;
}

/* ---- free_pgd_range ---------------------------------------------------- */

/* Free a table and every table below it; returns the leaf entries still mapped in them. */
static unsigned long free_level(u64 *table, int level, unsigned long *nr_tables)
{
	unsigned long left = 0;

	for (int i = 0; i < PTRS_PER_TABLE; i++) {
		u64 desc = table[i];

		if (!desc)
			continue;
		if (level < 3 && pxd_table(desc))
			left += free_level(table_va(desc), level + 1, nr_tables);
		else if (pte_present(desc) || is_swap_pte(desc))
			left++;
		table[i] = 0;
	}
	table_free(table, nr_tables);
	return left;
}

/*
 * The tree must no longer be reachable by any walker: not in TTBR0 of any CPU
 * (switch_mm away first), and its ASID flushed (tlb_finish_mmu of a fullmm
 * gather does it): a walk cache could otherwise keep a pointer into a table
 * page that is being reused (Linux flushes for tlb->freed_tables).
 */
void free_pgd_range(pgd_t *pgd, unsigned long *nr_tables)
{
	unsigned long left;

	if (!pgd)
		return;
	left = free_level(pgd, 0, nr_tables);
	if (left)
		printk("WARNING: free_pgd_range: %lu entries were still mapped (unmap_range first: "
		       "their pages and swap slots are leaked)\n", left);
}

/* ---- split_block ------------------------------------------------------- */

/*
 * Break-before-make (ARM ARM D8.14.1, "Using break-before-make when updating
 * translation table entries"): a block may not be replaced by a table while
 * the TLB can hold the block, or both could be cached for the same address
 * (a TLB conflict abort, or a mix of the two). So:
 *   1. write an invalid entry       (break)
 *   2. dsb ishst; tlbi by VA; dsb ish; isb   -- no CPU holds the block any more
 *   3. write the table descriptor   (make)
 * Between 1 and 3 the range is unmapped: nothing may touch it, including
 * this code (its stack, the tables themselves) and interrupt handlers, so
 * interrupts are masked. That rules out splitting the linear-map block that
 * holds the page tables or the running stack (Linux only splits the linear
 * map where FEAT_BBM level 2 allows it without a break).
 */
static int __split_block(pgd_t *pgd, unsigned long addr, int asid, unsigned long *nr_tables)
{
	u64 *entry = pgd_offset_pgd(pgd, addr);
	u64 desc = READ_ONCE(*entry), *table, child_type;
	unsigned long flags, block_va, child_size;
	int level;

	for (level = 0; level < 3 && pxd_table(desc); level++) {
		entry = table_va(desc) + ((addr >> level_shift[level + 1]) & (PTRS_PER_TABLE - 1));
		desc = READ_ONCE(*entry);
	}
	if ((level != 1 && level != 2) || !(desc & PTE_VALID) || !pxd_block(desc))
		return -EINVAL;
	table = table_alloc(GFP_KERNEL, nr_tables);
	if (!table)
		return -ENOMEM;

	/* The same attributes, the next level's granule; the contiguous hint does not carry over. */
	child_size = 1UL << level_shift[level + 1];
	child_type = level + 1 == 3 ? PTE_TYPE_PAGE : PTE_TYPE_BLOCK;
	for (int i = 0; i < PTRS_PER_TABLE; i++)
		table[i] = ((desc & PTE_ADDR_MASK) + i * child_size) |
			   (desc & ~PTE_ADDR_MASK & ~PTE_TYPE_MASK & ~PTE_CONT) | child_type;
	block_va = addr & ~((1UL << level_shift[level]) - 1);

	flags = arch_local_irq_save();
	WRITE_ONCE(*entry, 0);					/* break */
	/*
	 * One TLBI by VA removes the whole block from the TLB, whichever address
	 * in it is used (Linux flushes huge mappings with a stride of the block size).
	 */
	if (asid < 0)
		flush_tlb_kernel_range(block_va, block_va + PAGE_SIZE);
	else
		flush_tlb_page((unsigned int)asid, block_va);
	table_install(entry, table);				/* make */
	arch_local_irq_restore(flags);
	return 0;
}

/* The new table is counted in nr_pagetable_pages() but in no mm's nr_pgtables. */
int split_block(pgd_t *pgd, unsigned long addr, int asid)
{
	return __split_block(pgd, addr, asid, NULL);
}
