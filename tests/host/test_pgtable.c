/*
 * The host-only page-table suite "pgtable_host", and the machine on which it
 * and the shared suite "pgtable" (mm/pgtable_test.c) run in
 * build/host/test_pgtable: the real buddy allocator on a fake 64 MiB RAM
 * arena (host_mm_boot), mm/pgtable.c, mm/pgtable_walk.c, mm/mmu_gather.c
 * and arch/arm64/mm/flush.c under ASan/UBSan.
 *
 * The TLB helpers are played by this file: each call is logged, and at the
 * moment of each flush the test looks at what the caller had done so far --
 * the entry a split is replacing must already be invalid (break-before-make),
 * and pages being unmapped must still be allocated (freed only after it).
 * The swap and reverse-map hooks mm/pgtable.c calls (free_swap_entry,
 * page_remove_anon) are this file's too, and record their calls.
 *
 * Why each case runs on the host only:
 *   test_unmap_range        counts free_swap_entry and page_remove_anon calls
 *                           through the hooks defined here, and checks the one
 *                           flush (kind, ASID, range) and that no page was
 *                           freed before it, on the played TLB
 *   test_gather_batches     the flushes of full mmu_gather batches, and pages
 *                           still allocated at each, seen by the played TLB
 *   test_free_pgtables      tables unlinked and not freed at every flush, and
 *                           each flush a walk-cache one: seen at the flush
 *   test_change_protection  the flush it makes (kind, ASID, range), and its
 *                           absence when nothing changed
 *   test_split_block        break-before-make: the entry is invalid at the
 *                           TLBI, which only a played TLB can see
 * After every case (the exit hook) all page-table pages and free pages are back.
 * In the kernel, the MMU's view of the same API is suite "pgtable_mmu".
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/mm_types_task.h>
#include <linux/mmu_gather.h>
#include <linux/pgtable.h>
#include <linux/slab.h>
#include <linux/selftest.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include "host_shim.h"

#define RAM_BASE	0x40000000UL
#define RAM_SIZE	(64UL << 20)

/* ---- the TLB, played by the test ------------------------------------------ */

struct tlb_stats tlb_stats;

enum { F_ALL, F_ASID, F_PAGE, F_RANGE, F_KERNEL, F_LOCAL, F_WALK };
static struct flush { int kind; unsigned int asid; unsigned long start, end; } flushes[64];
static int nr_flushes;
static u64 *watch_entry;		/* split_block: the entry being replaced */
static u64 watched_at_flush = ~0UL;
static struct mmu_gather *watch_tlb;	/* unmap: its pages must outlive the flush */
static int freed_before_flush;
static pgd_t *watch_pgd;		/* free_pgtables: watch_addr must be unreachable at the flush */
static unsigned long watch_addr;
static int reachable_at_flush, tables_freed_before_flush;

static void flushed(int kind, unsigned int asid, unsigned long start, unsigned long end)
{
	if (nr_flushes < (int)ARRAY_SIZE(flushes))
		flushes[nr_flushes] = (struct flush){ kind, asid, start, end };
	nr_flushes++;
	if (watch_entry)
		watched_at_flush = *watch_entry;
	for (unsigned int i = 0; watch_tlb && i < watch_tlb->nr; i++)
		if (page_count(watch_tlb->pages[i]) == 0)
			freed_before_flush++;
	for (unsigned int i = 0; watch_tlb && i < watch_tlb->nr_tables; i++)
		if (page_count(virt_to_page(watch_tlb->tables[i])) == 0)
			tables_freed_before_flush++;
	if (watch_pgd && pte_lookup(watch_pgd, watch_addr))
		reachable_at_flush++;
}

static void reset_flushes(void)
{
	nr_flushes = 0;
	watch_entry = NULL;
	watched_at_flush = ~0UL;
	watch_tlb = NULL;
	freed_before_flush = 0;
	watch_pgd = NULL;
	reachable_at_flush = tables_freed_before_flush = 0;
}

void flush_tlb_all(void) { flushed(F_ALL, 0, 0, 0); tlb_stats.all++; }
void flush_tlb_asid(unsigned int asid) { flushed(F_ASID, asid, 0, 0); tlb_stats.asid++; }
void flush_tlb_page(unsigned int asid, unsigned long va) { flushed(F_PAGE, asid, va, va + PAGE_SIZE); tlb_stats.page++; }
void flush_tlb_range(unsigned int asid, unsigned long s, unsigned long e) { flushed(F_RANGE, asid, s, e); tlb_stats.range++; }
void __flush_tlb_range(unsigned int asid, unsigned long s, unsigned long e, bool last_level)
{
	flushed(last_level ? F_RANGE : F_WALK, asid, s, e);
	tlb_stats.range++;
}
void flush_tlb_kernel_range(unsigned long s, unsigned long e) { flushed(F_KERNEL, 0, s, e); tlb_stats.kernel++; }
void local_flush_tlb_all(void) { flushed(F_LOCAL, 0, 0, 0); tlb_stats.all++; }

unsigned int mm_asid(const struct mm_struct *mm)
{
	return mm ? (unsigned int)(mm->context.id & 0xffff) : 0;
}

/*
 * No CPU runs these address spaces: arch/arm64/mm/context.c is not linked
 * in, and test_mm_destroy (linux/mm_selftest.h) finds no mm in TTBR0 and nothing
 * to give back.
 */
struct mm_struct *cpu_active_mm(void)
{
	return NULL;
}

void switch_mm(struct mm_struct *next)
{
}

void destroy_context(struct mm_struct *mm)
{
}

/* The swap code: record what is released. */
static swp_entry_t swap_freed[8];
static int nr_swap_freed;

void free_swap_entry(swp_entry_t e)
{
	if (nr_swap_freed < 8)
		swap_freed[nr_swap_freed] = e;
	nr_swap_freed++;
}

/* The reverse map / LRU hook: drop one mapping, as mm/lru.c does. */
static unsigned long rmap_removed;

void page_remove_anon(struct page *page)
{
	atomic_dec(&page->_mapcount);
	rmap_removed++;
}

/* ---- helpers --------------------------------------------------------------- */

static unsigned long free_now(void)
{
	drain_all_pages();
	return nr_free_pages();
}

static void mm_init(struct mm_struct *mm, unsigned int asid)
{
	memset(mm, 0, sizeof(*mm));
	INIT_LIST_HEAD(&mm->mmap);
	mm->pgd = pgd_alloc();
	mm->nr_pgtables = 1;
	mm->context.id = (1UL << 16) | asid;
}

static void mm_teardown(struct mm_struct *mm)
{
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, mm, true);
	unmap_range(&tlb, mm, 0, TASK_SIZE);
	tlb_finish_mmu(&tlb);
	free_pgd_range(mm->pgd, &mm->nr_pgtables);
	mm->pgd = NULL;
}

/* A user page at va, refcount 1, counted in rss_anon like the fault handler would. */
static struct page *map_user_page(struct mm_struct *mm, unsigned long va, pgprot_t prot)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	if (!page || map_pages(mm->pgd, va, page_to_phys(page), PAGE_SIZE, prot, false, &mm->nr_pgtables))
		return NULL;
	atomic_set(&page->_mapcount, 0);	/* mapped once */
	inc_mm_counter(mm, MM_ANONPAGES);
	return page;
}

#define USER_RW (PROT_USER_BASE | PTE_AF | PTE_UXN)
#define USER_RO (PROT_USER_BASE | PTE_AF | PTE_UXN | PTE_RDONLY)

/* ---- tests ----------------------------------------------------------------- */

static void test_unmap_range(struct kunit *test)
{
	struct mm_struct mm;
	struct mmu_gather tlb;
	struct page *pages[8];
	unsigned long free0 = free_now(), cleared;
	pte_t *ptep;

	mm_init(&mm, 7);
	for (int i = 0; i < 8; i++)
		pages[i] = map_user_page(&mm, 0x400000 + i * PAGE_SIZE, USER_RW);
	/* Slot 8: a swap entry; slot 9: the zero page (special); slot 10: device memory (no struct page). */
	ptep = pte_alloc(mm.pgd, 0x408000, GFP_KERNEL, &mm.nr_pgtables);
	*ptep = swp_entry_to_pte(swp_entry(1, 77));
	set_mm_counter(&mm, MM_SWAPENTS, 1);
	ptep[1] = pfn_pte(PHYS_PFN(RAM_BASE + 0x100000), PAGE_READONLY | PTE_SPECIAL | PTE_AF);
	ptep[2] = pfn_pte(0x9000, PAGE_READONLY | PTE_AF);
	KUNIT_EXPECT_EQ_MSG(test, get_mm_counter(&mm, MM_ANONPAGES), 8, "8 anonymous pages mapped");

	reset_flushes();
	nr_swap_freed = 0;
	rmap_removed = 0;
	tlb_gather_mmu(&tlb, &mm, false);
	watch_tlb = &tlb;
	cleared = unmap_range(&tlb, &mm, 0x402000, 0x40b000);	/* pages 2..7, swap, zero page, device */
	KUNIT_EXPECT_EQ_MSG(test, cleared, 9, "unmap_range cleared 9 entries");
	KUNIT_EXPECT_EQ_MSG(test, nr_flushes, 0, "nothing flushed yet (batched)");
	KUNIT_EXPECT_EQ_MSG(test, page_count(pages[2]), 1, "unmapped pages are held until the flush");
	tlb_finish_mmu(&tlb);
	KUNIT_EXPECT_EQ_MSG(test, nr_flushes, 1, "one flush for the whole range");
	KUNIT_EXPECT_TRUE_MSG(test, flushes[0].kind == F_RANGE && flushes[0].asid == 7,
			"a range flush of the mm's ASID");
	KUNIT_EXPECT_EQ_MSG(test, flushes[0].start, 0x402000, "flush start: first present page");
	KUNIT_EXPECT_EQ_MSG(test, flushes[0].end, 0x40b000, "flush end: after the last present one");
	KUNIT_EXPECT_EQ_MSG(test, freed_before_flush, 0, "no page was freed before the flush");
	KUNIT_EXPECT_EQ_MSG(test, tlb.freed, 6, "six pages released by the gather");
	KUNIT_EXPECT_EQ_MSG(test, rmap_removed, 6,
			"page_remove_anon for each (not the zero page, not device memory)");
	KUNIT_EXPECT_EQ_MSG(test, page_mapcount(pages[2]), 0, "... so the page is unmapped when it is freed");
	KUNIT_EXPECT_EQ_MSG(test, page_count(pages[2]), 0, "... back in the allocator");
	KUNIT_EXPECT_EQ_MSG(test, page_count(pages[1]), 1, "a page outside the range is untouched");
	KUNIT_EXPECT_EQ_MSG(test, get_mm_counter(&mm, MM_ANONPAGES), 2, "rss_anon counts down");
	KUNIT_EXPECT_EQ_MSG(test, get_mm_counter(&mm, MM_SWAPENTS), 0, "nr_swap counts down");
	KUNIT_EXPECT_EQ_MSG(test, nr_swap_freed, 1, "free_swap_entry called once");
	KUNIT_EXPECT_TRUE_MSG(test, swp_type(swap_freed[0]) == 1 && swp_offset(swap_freed[0]) == 77,
			"... with the entry that was in the PTE");
	KUNIT_EXPECT_TRUE_MSG(test, pte_lookup(mm.pgd, 0x402000) && *pte_lookup(mm.pgd, 0x402000) == 0,
			"the PTE is empty");
	KUNIT_EXPECT_TRUE_MSG(test, *pte_lookup(mm.pgd, 0x401000) != 0, "the PTE before the range is not");
	reset_flushes();

	/* Unmapping nothing flushes nothing. */
	tlb_gather_mmu(&tlb, &mm, false);
	KUNIT_EXPECT_EQ_MSG(test, unmap_range(&tlb, &mm, 0x10000000, 0x20000000), 0,
			"unmap of an empty range");
	tlb_finish_mmu(&tlb);
	KUNIT_EXPECT_EQ_MSG(test, nr_flushes, 0, "... flushes nothing");

	/* Teardown: a fullmm gather flushes the ASID once. */
	tlb_gather_mmu(&tlb, &mm, true);
	KUNIT_EXPECT_EQ_MSG(test, unmap_range(&tlb, &mm, 0, TASK_SIZE), 2, "the last two pages");
	tlb_finish_mmu(&tlb);
	KUNIT_EXPECT_TRUE_MSG(test, nr_flushes == 1 && flushes[0].kind == F_ASID && flushes[0].asid == 7,
			"fullmm: one ASID flush");
	free_pgd_range(mm.pgd, &mm.nr_pgtables);
	KUNIT_EXPECT_EQ_MSG(test, mm.nr_pgtables, 0, "nr_pgtables back to 0");
	KUNIT_EXPECT_EQ_MSG(test, free_now(), free0, "every page and table back");
	reset_flushes();
}

static void test_gather_batches(struct kunit *test)
{
	struct mm_struct mm;
	struct mmu_gather tlb;
	unsigned long free0 = free_now(), n = 2 * MMU_GATHER_BATCH + 10;

	mm_init(&mm, 9);
	for (unsigned long i = 0; i < n; i++)
		map_user_page(&mm, 0x1000000 + i * PAGE_SIZE, USER_RO);
	reset_flushes();
	tlb_gather_mmu(&tlb, &mm, false);
	watch_tlb = &tlb;
	KUNIT_EXPECT_EQ_MSG(test, unmap_range(&tlb, &mm, 0x1000000, 0x1000000 + n * PAGE_SIZE), n,
			"unmap 138 pages");
	KUNIT_EXPECT_EQ_MSG(test, nr_flushes, 2, "two full batches flushed on the way");
	KUNIT_EXPECT_EQ_MSG(test, tlb.freed, 2 * MMU_GATHER_BATCH, "... and their pages freed");
	KUNIT_EXPECT_TRUE_MSG(test, flushes[1].start == 0x1000000 + MMU_GATHER_BATCH * PAGE_SIZE &&
			flushes[1].end == 0x1000000 + 2 * MMU_GATHER_BATCH * PAGE_SIZE,
			"the second flush covers only what was gathered since the first");
	tlb_finish_mmu(&tlb);
	KUNIT_EXPECT_EQ_MSG(test, nr_flushes, 3, "the rest at tlb_finish_mmu");
	KUNIT_EXPECT_EQ_MSG(test, freed_before_flush, 0, "no page freed before the flush that covers it");
	KUNIT_EXPECT_EQ_MSG(test, tlb.freed, n, "all freed");
	reset_flushes();
	mm_teardown(&mm);
	KUNIT_EXPECT_EQ_MSG(test, free_now(), free0, "nothing leaked");
	reset_flushes();
}

static void test_change_protection(struct kunit *test)
{
	struct mm_struct mm;
	pte_t *p;

	mm_init(&mm, 3);
	for (int i = 0; i < 4; i++)
		map_user_page(&mm, 0x400000 + i * PAGE_SIZE, PAGE_SHARED | PTE_AF);
	p = pte_lookup(mm.pgd, 0x400000);
	p[1] = pte_mkdirty(p[1]);		/* software dirty */
	p[2] &= ~PTE_RDONLY;			/* hardware dirty (DBM) */
	p[3] = pte_mkold(p[3]);
	p[4] = swp_entry_to_pte(swp_entry(0, 5));
	reset_flushes();
	KUNIT_EXPECT_EQ_MSG(test, change_protection(&mm, 0x400000, 0x405000, PAGE_READONLY), 4,
			"4 present PTEs changed");
	KUNIT_EXPECT_TRUE_MSG(test, nr_flushes == 1 && flushes[0].kind == F_RANGE && flushes[0].asid == 3,
			"one range flush, the mm's ASID");
	KUNIT_EXPECT_TRUE_MSG(test, flushes[0].start == 0x400000 && flushes[0].end == 0x405000,
			"... over the range");
	KUNIT_EXPECT_TRUE_MSG(test, !pte_write(p[0]) && (p[0] & PTE_RDONLY) && !pte_dirty(p[0]),
			"clean page: read-only, still clean");
	KUNIT_EXPECT_TRUE_MSG(test, pte_dirty(p[1]) && !pte_write(p[1]),
			"software-dirty page: dirty, read-only");
	KUNIT_EXPECT_TRUE_MSG(test, pte_dirty(p[2]) && (p[2] & PTE_RDONLY),
			"hardware-dirty page: dirty kept as PTE_DIRTY, read-only");
	KUNIT_EXPECT_TRUE_MSG(test, !pte_young(p[3]) && pte_young(p[0]), "AF kept as it was");
	KUNIT_EXPECT_TRUE_MSG(test, is_swap_pte(p[4]) && swp_offset(pte_to_swp_entry(p[4])) == 5,
			"swap entry untouched");
	reset_flushes();
	KUNIT_EXPECT_EQ_MSG(test, change_protection(&mm, 0x400000, 0x405000, PAGE_READONLY), 0,
			"again: nothing to change");
	KUNIT_EXPECT_EQ_MSG(test, nr_flushes, 0, "... and no flush");
	KUNIT_EXPECT_EQ_MSG(test, change_protection(&mm, 0x400000, 0x402000, PAGE_SHARED), 2,
			"two back to writable");
	KUNIT_EXPECT_TRUE_MSG(test, pte_write(p[1]) && !(p[1] & PTE_RDONLY),
			"the dirty one is writable at once");
	KUNIT_EXPECT_TRUE_MSG(test, pte_write(p[0]) && (p[0] & PTE_RDONLY),
			"the clean one is writable-clean (first write faults or DBM)");
	p[4] = 0;
	mm_teardown(&mm);
	reset_flushes();
}

static void test_split_block(struct kunit *test)
{
	unsigned long n = 1, free0 = free_now();
	pgd_t *pgd = pgd_alloc();
	pgprot_t prot = PAGE_KERNEL_RO | PTE_NG | PTE_CONT;
	struct pt_walk w, w2;
	int bad = 0;

	map_pages(pgd, 0x40000000, 0x80000000, SZ_1G, prot, true, &n);
	map_pages(pgd, 0xa00000, 0x200000, SZ_2M, prot, true, &n);
	pt_walk(pgd, 0xa00000, &w);
	reset_flushes();
	watch_entry = (u64 *)__va(w.table[2]) + w.index[2];
	KUNIT_EXPECT_EQ_MSG(test, split_block(pgd, 0xa12345, 5), 0, "split a 2 MiB block");
	KUNIT_EXPECT_TRUE_MSG(test,
			nr_flushes == 1 && flushes[0].kind == F_PAGE && flushes[0].asid == 5 && flushes[0].start == 0xa00000,
			"one TLBI by VA (the block's) with the ASID");
	KUNIT_EXPECT_EQ_MSG(test, watched_at_flush, 0,
			"break-before-make: the block entry was invalid at the TLBI");
	KUNIT_EXPECT_TRUE_MSG(test, pxd_table(*watch_entry), "... and is a table after");
	for (unsigned long off = 0; off < SZ_2M; off += PAGE_SIZE) {
		pt_walk(pgd, 0xa00000 + off, &w2);
		if (!w2.valid || w2.block_level != 3 || w2.pa != 0x200000 + off ||
		    (w2.desc[3] & ~PTE_ADDR_MASK & ~PTE_TYPE_MASK) != (w.desc[2] & ~PTE_ADDR_MASK & ~PTE_TYPE_MASK & ~PTE_CONT))
			bad++;
	}
	KUNIT_EXPECT_EQ_MSG(test, bad, 0,
			"512 pages, same addresses and attributes (contiguous hint dropped)");

	reset_flushes();
	KUNIT_EXPECT_EQ_MSG(test, split_block(pgd, 0x7fffffff, -1), 0,
			"split a 1 GiB block, kernel (global)");
	KUNIT_EXPECT_TRUE_MSG(test, nr_flushes == 1 && flushes[0].kind == F_KERNEL && flushes[0].start == 0x40000000,
			"global: flush_tlb_kernel_range at the block's VA");
	pt_walk(pgd, 0x7fffffff, &w2);
	KUNIT_EXPECT_TRUE_MSG(test, w2.valid && w2.block_level == 2 && w2.pa == 0xbfffffff,
			"now 2 MiB blocks, same output address");
	KUNIT_EXPECT_EQ_MSG(test, split_block(pgd, 0x7fffffff, -1), 0, "and split one of those again");
	pt_walk(pgd, 0x7fffffff, &w2);
	KUNIT_EXPECT_TRUE_MSG(test, w2.valid && w2.block_level == 3 && w2.pa == 0xbfffffff, "now pages");
	KUNIT_EXPECT_EQ_MSG(test, split_block(pgd, 0x7fffffff, -1), -EINVAL, "a page cannot be split");
	KUNIT_EXPECT_EQ_MSG(test, split_block(pgd, 0x300000000UL, -1), -EINVAL, "nothing mapped: -EINVAL");
	reset_flushes();

	/* unmap_range of part of a block splits it and clears only that part. */
	{
		struct mm_struct mm = { .pgd = pgd, .context.id = 4 };
		struct mmu_gather tlb;

		INIT_LIST_HEAD(&mm.mmap);
		map_pages(pgd, 0xe00000, 0x400000, SZ_2M, PAGE_READONLY | PTE_AF | PTE_SPECIAL, true, &n);
		tlb_gather_mmu(&tlb, &mm, false);
		KUNIT_EXPECT_EQ_MSG(test, unmap_range(&tlb, &mm, 0xe01000, 0xe03000), 2,
				"unmap 2 pages in a 2 MiB block");
		tlb_finish_mmu(&tlb);
		pt_walk(pgd, 0xe00000, &w2);
		KUNIT_EXPECT_TRUE_MSG(test, w2.valid && w2.block_level == 3,
				"the block was split; the page before is still mapped");
		pt_walk(pgd, 0xe01000, &w2);
		KUNIT_EXPECT_TRUE_MSG(test, !w2.valid, "the unmapped page is gone");
		pt_walk(pgd, 0xe03000, &w2);
		KUNIT_EXPECT_TRUE_MSG(test, w2.valid && w2.pa == 0x403000, "the page after is still mapped");
	}
	free_pgd_range(pgd, &n);
	KUNIT_EXPECT_EQ_MSG(test, n, (unsigned long)-4,
			"4 tables from splits were not counted in n (3 split_block, 1 in mm's)");
	KUNIT_EXPECT_EQ_MSG(test, free_now(), free0, "but every table was freed");
	reset_flushes();
}

/*
 * free_pgtables: munmap of a sparse 1 GiB (one page per 2 MiB) frees the 512
 * PTE tables and the PMD table under it, but nothing a neighbour still
 * uses; each table is unlinked before the flush, the flush drops the walk
 * cache (not only leaves), and the pages are freed only after it.
 */
static void test_free_pgtables(struct kunit *test)
{
	struct mm_struct mm;
	struct mmu_gather tlb;
	unsigned long free0 = free_now(), tables0, hole = SZ_1G, freed, walk_flushes = 0;
	bool all_mapped = true;
	int first_flush;

	mm_init(&mm, 5);
	/* Neighbours: the last page below the hole, the first page above it. */
	all_mapped &= map_user_page(&mm, hole - PAGE_SIZE, USER_RW) != NULL;
	all_mapped &= map_user_page(&mm, 2 * hole, USER_RW) != NULL;
	tables0 = mm.nr_pgtables;
	for (unsigned long a = hole; a < 2 * hole; a += SZ_2M)
		all_mapped &= map_user_page(&mm, a, USER_RW) != NULL;
	KUNIT_EXPECT_TRUE_MSG(test, all_mapped, "1 GiB touched once per 2 MiB, and a page on either side");
	KUNIT_EXPECT_EQ_MSG(test, mm.nr_pgtables - tables0, 513, "... costs 512 PTE tables and a PMD table");

	reset_flushes();
	tlb_gather_mmu(&tlb, &mm, false);
	watch_tlb = &tlb;
	unmap_range(&tlb, &mm, hole, 2 * hole);
	first_flush = nr_flushes;	/* unmap_range's own batches flushed leaves only: fine */
	watch_pgd = mm.pgd;
	watch_addr = hole;
	freed = free_pgtables(&tlb, &mm, hole, 2 * hole, hole, 2 * hole);
	tlb_finish_mmu(&tlb);
	KUNIT_EXPECT_EQ_MSG(test, freed, 513,
			"free_pgtables freed the 512 PTE tables and the PMD table of the hole");
	KUNIT_EXPECT_EQ_MSG(test, mm.nr_pgtables, tables0, "nr_pgtables back to before the mapping");
	KUNIT_EXPECT_EQ_MSG(test, tables_freed_before_flush, 0, "no table page was freed before a TLB flush");
	KUNIT_EXPECT_EQ_MSG(test, reachable_at_flush, 0, "the tables were unlinked before every flush");
	for (int i = first_flush; i < nr_flushes && i < (int)ARRAY_SIZE(flushes); i++)
		walk_flushes += flushes[i].kind == F_WALK || flushes[i].kind == F_ASID;
	KUNIT_EXPECT_TRUE_MSG(test,
			nr_flushes > first_flush && walk_flushes == (unsigned long)(nr_flushes - first_flush),
			"every flush also invalidated the walk cache (vae1is or ASID, not vale1is)");
	KUNIT_EXPECT_TRUE_MSG(test, pte_lookup(mm.pgd, hole - PAGE_SIZE) && *pte_lookup(mm.pgd, hole - PAGE_SIZE),
			"the page below the hole still maps");
	KUNIT_EXPECT_TRUE_MSG(test, pte_lookup(mm.pgd, 2 * hole) && *pte_lookup(mm.pgd, 2 * hole),
			"the page above it too");
	reset_flushes();

	/* A PTE table shared with a neighbour VMA stays, empty part or not. */
	KUNIT_EXPECT_TRUE_MSG(test, map_user_page(&mm, 2 * hole + PAGE_SIZE, USER_RW) != NULL,
			"a page next to the one above");
	tables0 = mm.nr_pgtables;
	tlb_gather_mmu(&tlb, &mm, false);
	unmap_range(&tlb, &mm, 2 * hole + PAGE_SIZE, 2 * hole + 2 * PAGE_SIZE);
	KUNIT_EXPECT_EQ_MSG(test, free_pgtables(&tlb, &mm, 2 * hole + PAGE_SIZE, 2 * hole + 2 * PAGE_SIZE,
			2 * hole + PAGE_SIZE, 0), 0, "a table shared with the VMA below the hole stays");
	tlb_finish_mmu(&tlb);
	KUNIT_EXPECT_EQ_MSG(test, mm.nr_pgtables, tables0, "... nr_pgtables unchanged");

	/* A table inside floor/ceiling that still maps something is kept too (and no walk flush). */
	tlb_gather_mmu(&tlb, &mm, false);
	KUNIT_EXPECT_EQ_MSG(test, free_pgtables(&tlb, &mm, 2 * hole, 2 * hole + SZ_2M, 0, 0), 0,
			"a table that still maps a page is never freed");
	KUNIT_EXPECT_TRUE_MSG(test, !tlb.freed_tables, "... and nothing asks for a walk-cache flush");
	tlb_finish_mmu(&tlb);

	mm_teardown(&mm);
	KUNIT_EXPECT_EQ_MSG(test, mm.nr_pgtables, 0, "teardown: nr_pgtables 0");
	KUNIT_EXPECT_EQ_MSG(test, free_now(), free0, "every page and table back");
	reset_flushes();
}

static unsigned long tables_at_init, free_at_init;

static int pgtable_host_init(struct kunit *test)
{
	tables_at_init = nr_pagetable_pages();
	free_at_init = free_now();
	reset_flushes();
	return 0;
}

static void pgtable_host_exit(struct kunit *test)
{
	reset_flushes();
	KUNIT_EXPECT_EQ_MSG(test, nr_pagetable_pages(), tables_at_init, "page-table pages: all returned");
	KUNIT_EXPECT_EQ_MSG(test, free_now(), free_at_init, "free pages: all returned");
}

static struct kunit_case pgtable_host_cases[] = {
	KUNIT_CASE(test_unmap_range),
	KUNIT_CASE(test_gather_batches),
	KUNIT_CASE(test_free_pgtables),
	KUNIT_CASE(test_change_protection),
	KUNIT_CASE(test_split_block),
	{ NULL, NULL },
};

static struct kunit_suite pgtable_host_suite = {
	.name = "pgtable_host",
	.cases = pgtable_host_cases,
	.init = pgtable_host_init,
	.exit = pgtable_host_exit,
};
selftest_suite(pgtable_host_suite);

/* The machine both suites run on: memblock and the buddy allocator on the arena. */
int selftest_host_init(void)
{
	host_mm_boot(RAM_BASE, RAM_SIZE);
	return 0;
}
