/*
 * Host unit tests for the page-table API (mm/pgtable.c, mm/pgtable_walk.c)
 * and mmu_gather (mm/mmu_gather.c), with the real buddy allocator on a fake
 * 64 MiB RAM arena, under ASan/UBSan.
 *
 * The TLB helpers are played by this file: each call is logged, and at the
 * moment of each flush the test looks at what the caller had done so far --
 * the entry a split is replacing must already be invalid (break-before-make),
 * and pages being unmapped must still be allocated (freed only after it).
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
#include <asm/tlbflush.h>
#include "host_shim.h"
#include "tap.h"

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
	page->_mapcount--;
	rmap_removed++;
}

/* host_mm.c's host_free_pages_exact shrinks SLUB's caches; this test links no SLUB. */
void kmem_cache_shrink_all(void)
{
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
	page->_mapcount = 0;	/* mapped once */
	mm->rss_anon++;
	return page;
}

#define USER_RW (PROT_USER_BASE | PTE_AF | PTE_UXN)
#define USER_RO (PROT_USER_BASE | PTE_AF | PTE_UXN | PTE_RDONLY)

/* ---- tests ----------------------------------------------------------------- */

static void test_pte_helpers(void)
{
	swp_entry_t e = swp_entry(5, 123456789UL), back;
	pte_t pte = swp_entry_to_pte(e), p;

	ok(!pte_present(pte) && is_swap_pte(pte), "a swap PTE is not present and is recognised");
	back = pte_to_swp_entry(pte);
	is_int(swp_type(back), 5, "swap type survives the PTE");
	is_int(swp_offset(back), 123456789UL, "swap offset survives the PTE");
	ok(!is_swap_pte(0), "an empty PTE is not a swap entry");

	p = pfn_pte(0x41234, PAGE_SHARED | PTE_AF);
	ok(pte_write(p) && !pte_dirty(p) && (p & PTE_RDONLY), "PAGE_SHARED starts writable-clean (DBM + RDONLY)");
	p &= ~PTE_RDONLY;	/* what hardware DBM does on the first write */
	ok(pte_hw_dirty(p) && pte_dirty(p), "DBM with AP[2] cleared reads as dirty");
	p = pte_modify(p, PAGE_READONLY);
	ok(pte_dirty(p) && (p & PTE_DIRTY) && (p & PTE_RDONLY) && !pte_write(p),
	   "pte_modify to read-only keeps the hardware-dirty state as PTE_DIRTY");
	is_int(pte_pfn(p), 0x41234, "pte_modify keeps the address");
	ok(pte_young(p), "... and AF");
	p = pte_modify(p, PAGE_SHARED);
	ok(pte_dirty(p) && !(p & PTE_RDONLY), "back to writable: dirty, so AP[2] clear again");

	p = pfn_pte(0x41234, USER_RW);
	ok(ptep_test_and_clear_young(&p) && !pte_young(p), "ptep_test_and_clear_young clears AF, says it was set");
	ok(!ptep_test_and_clear_young(&p), "... and then says it was not");
	is_int(ptep_get_and_clear(&p), pfn_pte(0x41234, USER_RW & ~PTE_AF), "ptep_get_and_clear returns the entry");
	is_int(p, 0, "... and leaves it empty");
}

static void test_alloc_and_lookup(void)
{
	unsigned long tables = nr_pagetable_pages(), n = 0;
	pgd_t *pgd = pgd_alloc();
	pte_t *p1, *p2;

	ok(pgd != NULL, "pgd_alloc");
	is_int(nr_pagetable_pages() - tables, 1, "the pgd is a page-table page");
	p1 = pte_alloc(pgd, 0x12345000, GFP_KERNEL, &n);
	ok(p1 && *p1 == 0, "pte_alloc gives an empty PTE");
	is_int(n, 3, "pte_alloc made a pud, a pmd and a pte table");
	p2 = pte_alloc(pgd, 0x12346000, GFP_KERNEL, &n);
	is_int(n, 3, "the next page shares all three");
	ok(p2 == p1 + 1, "the neighbour PTE is the next slot");
	ok(pte_lookup(pgd, 0x12345000) == p1, "pte_lookup finds it");
	ok(pte_lookup(pgd, 0x52345000) == NULL, "pte_lookup allocates nothing for a hole");
	ok(pgd_offset_pgd(pgd, 0x12345000) == pgd + 0, "pgd_offset_pgd: L0 index 0");
	ok(pte_offset_kernel(pmd_offset(pud_offset(pgd_offset_pgd(pgd, 0x12345000), 0x12345000), 0x12345000),
			     0x12345000) == p1, "pgd -> pud -> pmd -> pte offsets reach the same PTE");
	ok(pgd_offset_pgd(pgd, 0xffff800000000000UL) == pgd + 256, "a TTBR1 address: L0 index 256");
	free_pgd_range(pgd, &n);
	is_int(n, (unsigned long)-1, "free_pgd_range took off the 3 tables and the pgd");
	is_int(nr_pagetable_pages(), tables, "all table pages returned");
}

static void test_map_pages_and_walk(void)
{
	unsigned long n = 1, free0 = free_now();
	pgd_t *pgd = pgd_alloc();
	struct pt_walk w;

	is_int(map_pages(pgd, 0x200000, 0x80000000, 3 * SZ_2M, PAGE_KERNEL | PTE_NG, true, &n), 0,
	       "map 6 MiB, 2 MiB aligned, blocks allowed");
	is_int(n, 3, "... needs a pud and a pmd table only");
	pt_walk(pgd, 0x200000 + SZ_2M + 0x1234, &w);
	ok(w.valid && w.block_level == 2 && w.levels == 3, "2 MiB block at L2");
	is_int(w.pa, 0x80000000 + SZ_2M + 0x1234, "block output address + offset");
	ok(pxd_block(w.desc[2]) && (w.desc[2] & PTE_NG) && (w.desc[2] & PTE_AF), "block descriptor with the prot bits");
	is_int(w.index[0], 0, "index L0");
	is_int(w.index[1], 0, "index L1");
	is_int(w.index[2], 2, "index L2");
	is_int(w.table[0], __pa(pgd), "walk records the L0 table");

	is_int(map_pages(pgd, 0x40000000, 0xc0000000, SZ_1G, PAGE_KERNEL_RO, true, &n), 0, "map a 1 GiB block");
	pt_walk(pgd, 0x7fffffff, &w);
	ok(w.valid && w.block_level == 1 && w.pa == 0xffffffff, "1 GiB block at L1, last byte");

	is_int(map_pages(pgd, 0x80100000, 0x80100000, SZ_2M + 3 * PAGE_SIZE, PAGE_KERNEL, true, &n), 0,
	       "map an unaligned range with blocks allowed");
	pt_walk(pgd, 0x80100000, &w);
	is_int(w.block_level, 3, "unaligned head: pages");
	pt_walk(pgd, 0x80200000, &w);
	is_int(w.block_level, 3, "the 2 MiB after it is not a whole block of the range: pages");
	pt_walk(pgd, 0x80100000 + SZ_2M + 2 * PAGE_SIZE, &w);
	ok(w.valid && w.pa == 0x80100000 + SZ_2M + 2 * PAGE_SIZE, "last page mapped");
	pt_walk(pgd, 0x80100000 + SZ_2M + 3 * PAGE_SIZE, &w);
	ok(!w.valid && w.levels == 4, "one past the end: invalid PTE at L3");

	is_int(map_pages(pgd, 0x90000000, 0x90000000, SZ_2M, PAGE_KERNEL, false, &n), 0,
	       "block_ok false: 2 MiB of pages");
	pt_walk(pgd, 0x901ff000, &w);
	is_int(w.block_level, 3, "... page-mapped");

	is_int(map_pages(pgd, 0x200000, 0x1000, PAGE_SIZE, PAGE_KERNEL, false, &n), -EEXIST,
	       "a page inside a block: -EEXIST");
	is_int(map_pages(pgd, 0x90000000, 0x1000, PAGE_SIZE, PAGE_KERNEL, false, &n), -EEXIST,
	       "a page that is mapped: -EEXIST");
	ok(pte_alloc(pgd, 0x40001000, GFP_KERNEL, NULL) == NULL, "pte_alloc under a 1 GiB block: NULL");
	ok(pte_lookup(pgd, 0x200000) == NULL, "pte_lookup under a 2 MiB block: NULL");

	pt_walk(pgd, 0x0000500000000000UL, &w);
	ok(!w.valid && w.levels == 1 && w.block_level == -1, "empty L0 slot: fault at level 0");
	pt_walk(pgd, 0x100000000UL, &w);
	ok(!w.valid && w.levels == 2, "empty L1 slot: fault at level 1");

	is_int(map_pages(pgd, 0xffffffffffe00000UL, 0x80000000, SZ_2M, PAGE_KERNEL, true, &n), 0,
	       "map the last 2 MiB of the address space (the end wraps to 0)");
	pt_walk(pgd, ~0UL, &w);
	ok(w.valid && w.block_level == 2 && w.pa == 0x801fffff, "... and its last byte translates");

	/* The MMU treats an L3 entry with bit 1 clear as reserved (a fault); so must the walker. */
	*pte_lookup(pgd, 0x90000000) &= ~PTE_TABLE_BIT;
	pt_walk(pgd, 0x90000000, &w);
	ok(!w.valid, "L3 descriptor with bit 1 clear: not a translation");

	free_pgd_range(pgd, &n);
	is_int(n, 0, "every table counted on the way in went on the way out");
	is_int(free_now(), free0, "no page lost");
}

static void test_unmap_range(void)
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
	mm.nr_swap = 1;
	ptep[1] = pfn_pte(PHYS_PFN(RAM_BASE + 0x100000), PAGE_READONLY | PTE_SPECIAL | PTE_AF);
	ptep[2] = pfn_pte(0x9000, PAGE_READONLY | PTE_AF);
	is_int(mm.rss_anon, 8, "8 anonymous pages mapped");

	reset_flushes();
	nr_swap_freed = 0;
	rmap_removed = 0;
	tlb_gather_mmu(&tlb, &mm, false);
	watch_tlb = &tlb;
	cleared = unmap_range(&tlb, &mm, 0x402000, 0x40b000);	/* pages 2..7, swap, zero page, device */
	is_int(cleared, 9, "unmap_range cleared 9 entries");
	is_int(nr_flushes, 0, "nothing flushed yet (batched)");
	is_int(page_count(pages[2]), 1, "unmapped pages are held until the flush");
	tlb_finish_mmu(&tlb);
	is_int(nr_flushes, 1, "one flush for the whole range");
	ok(flushes[0].kind == F_RANGE && flushes[0].asid == 7, "a range flush of the mm's ASID");
	is_int(flushes[0].start, 0x402000, "flush start: first present page");
	is_int(flushes[0].end, 0x40b000, "flush end: after the last present one");
	is_int(freed_before_flush, 0, "no page was freed before the flush");
	is_int(tlb.freed, 6, "six pages released by the gather");
	is_int(rmap_removed, 6, "page_remove_anon for each (not the zero page, not device memory)");
	is_int(pages[2]->_mapcount, -1, "... so the page is unmapped when it is freed");
	is_int(page_count(pages[2]), 0, "... back in the allocator");
	is_int(page_count(pages[1]), 1, "a page outside the range is untouched");
	is_int(mm.rss_anon, 2, "rss_anon counts down");
	is_int(mm.nr_swap, 0, "nr_swap counts down");
	is_int(nr_swap_freed, 1, "free_swap_entry called once");
	ok(swp_type(swap_freed[0]) == 1 && swp_offset(swap_freed[0]) == 77, "... with the entry that was in the PTE");
	ok(pte_lookup(mm.pgd, 0x402000) && *pte_lookup(mm.pgd, 0x402000) == 0, "the PTE is empty");
	ok(*pte_lookup(mm.pgd, 0x401000) != 0, "the PTE before the range is not");
	reset_flushes();

	/* Unmapping nothing flushes nothing. */
	tlb_gather_mmu(&tlb, &mm, false);
	is_int(unmap_range(&tlb, &mm, 0x10000000, 0x20000000), 0, "unmap of an empty range");
	tlb_finish_mmu(&tlb);
	is_int(nr_flushes, 0, "... flushes nothing");

	/* Teardown: a fullmm gather flushes the ASID once. */
	tlb_gather_mmu(&tlb, &mm, true);
	is_int(unmap_range(&tlb, &mm, 0, TASK_SIZE), 2, "the last two pages");
	tlb_finish_mmu(&tlb);
	ok(nr_flushes == 1 && flushes[0].kind == F_ASID && flushes[0].asid == 7, "fullmm: one ASID flush");
	free_pgd_range(mm.pgd, &mm.nr_pgtables);
	is_int(mm.nr_pgtables, 0, "nr_pgtables back to 0");
	is_int(free_now(), free0, "every page and table back");
	reset_flushes();
}

static void test_gather_batches(void)
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
	is_int(unmap_range(&tlb, &mm, 0x1000000, 0x1000000 + n * PAGE_SIZE), n, "unmap 138 pages");
	is_int(nr_flushes, 2, "two full batches flushed on the way");
	is_int(tlb.freed, 2 * MMU_GATHER_BATCH, "... and their pages freed");
	ok(flushes[1].start == 0x1000000 + MMU_GATHER_BATCH * PAGE_SIZE &&
	   flushes[1].end == 0x1000000 + 2 * MMU_GATHER_BATCH * PAGE_SIZE,
	   "the second flush covers only what was gathered since the first");
	tlb_finish_mmu(&tlb);
	is_int(nr_flushes, 3, "the rest at tlb_finish_mmu");
	is_int(freed_before_flush, 0, "no page freed before the flush that covers it");
	is_int(tlb.freed, n, "all freed");
	reset_flushes();
	mm_teardown(&mm);
	is_int(free_now(), free0, "nothing leaked");
	reset_flushes();
}

static void test_change_protection(void)
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
	is_int(change_protection(&mm, 0x400000, 0x405000, PAGE_READONLY), 4, "4 present PTEs changed");
	ok(nr_flushes == 1 && flushes[0].kind == F_RANGE && flushes[0].asid == 3, "one range flush, the mm's ASID");
	ok(flushes[0].start == 0x400000 && flushes[0].end == 0x405000, "... over the range");
	ok(!pte_write(p[0]) && (p[0] & PTE_RDONLY) && !pte_dirty(p[0]), "clean page: read-only, still clean");
	ok(pte_dirty(p[1]) && !pte_write(p[1]), "software-dirty page: dirty, read-only");
	ok(pte_dirty(p[2]) && (p[2] & PTE_RDONLY), "hardware-dirty page: dirty kept as PTE_DIRTY, read-only");
	ok(!pte_young(p[3]) && pte_young(p[0]), "AF kept as it was");
	ok(is_swap_pte(p[4]) && swp_offset(pte_to_swp_entry(p[4])) == 5, "swap entry untouched");
	reset_flushes();
	is_int(change_protection(&mm, 0x400000, 0x405000, PAGE_READONLY), 0, "again: nothing to change");
	is_int(nr_flushes, 0, "... and no flush");
	is_int(change_protection(&mm, 0x400000, 0x402000, PAGE_SHARED), 2, "two back to writable");
	ok(pte_write(p[1]) && !(p[1] & PTE_RDONLY), "the dirty one is writable at once");
	ok(pte_write(p[0]) && (p[0] & PTE_RDONLY), "the clean one is writable-clean (first write faults or DBM)");
	p[4] = 0;
	mm_teardown(&mm);
	reset_flushes();
}

/*
 * mprotect to PROT_EXEC (change_protection) makes instruction fetch see a
 * page the kernel wrote (PG_dcache_clean, arch/arm64/mm/flush.c): once per
 * page, not once per mapping; a page fresh from the allocator must sync
 * again; a page that stays non-executable never does.
 */
static void test_exec_syncs_icache(void)
{
	struct mm_struct mm;
	struct page *a, *b;
	unsigned long n0;

	mm_init(&mm, 4);
	a = map_user_page(&mm, 0x400000, PAGE_SHARED | PTE_AF);
	b = map_user_page(&mm, 0x401000, PAGE_SHARED | PTE_AF);
	ok(a && b && !PageDcacheClean(a) && !PageDcacheClean(b), "new pages are not synced for fetch");
	n0 = icache_syncs();
	change_protection(&mm, 0x400000, 0x401000, PAGE_READONLY);
	is_int(icache_syncs() - n0, 0, "mprotect to read-only: no sync");
	change_protection(&mm, 0x400000, 0x402000, PAGE_READONLY_EXEC);
	is_int(icache_syncs() - n0, 2, "mprotect to PROT_EXEC: both pages synced");
	ok(PageDcacheClean(a) && PageDcacheClean(b), "... and marked PG_dcache_clean");
	change_protection(&mm, 0x400000, 0x402000, PAGE_SHARED);
	change_protection(&mm, 0x400000, 0x402000, PAGE_READONLY_EXEC);
	is_int(icache_syncs() - n0, 2, "RW and back to RX: the kernel wrote nothing, no second sync");
	mm_teardown(&mm);
	a = alloc_page(GFP_KERNEL);
	ok(a && !PageDcacheClean(a), "a page freed and allocated again starts unsynced");
	__free_page(a);
	reset_flushes();
}

static void test_split_block(void)
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
	is_int(split_block(pgd, 0xa12345, 5), 0, "split a 2 MiB block");
	ok(nr_flushes == 1 && flushes[0].kind == F_PAGE && flushes[0].asid == 5 && flushes[0].start == 0xa00000,
	   "one TLBI by VA (the block's) with the ASID");
	is_int(watched_at_flush, 0, "break-before-make: the block entry was invalid at the TLBI");
	ok(pxd_table(*watch_entry), "... and is a table after");
	for (unsigned long off = 0; off < SZ_2M; off += PAGE_SIZE) {
		pt_walk(pgd, 0xa00000 + off, &w2);
		if (!w2.valid || w2.block_level != 3 || w2.pa != 0x200000 + off ||
		    (w2.desc[3] & ~PTE_ADDR_MASK & ~PTE_TYPE_MASK) != (w.desc[2] & ~PTE_ADDR_MASK & ~PTE_TYPE_MASK & ~PTE_CONT))
			bad++;
	}
	is_int(bad, 0, "512 pages, same addresses and attributes (contiguous hint dropped)");

	reset_flushes();
	is_int(split_block(pgd, 0x7fffffff, -1), 0, "split a 1 GiB block, kernel (global)");
	ok(nr_flushes == 1 && flushes[0].kind == F_KERNEL && flushes[0].start == 0x40000000,
	   "global: flush_tlb_kernel_range at the block's VA");
	pt_walk(pgd, 0x7fffffff, &w2);
	ok(w2.valid && w2.block_level == 2 && w2.pa == 0xbfffffff, "now 2 MiB blocks, same output address");
	is_int(split_block(pgd, 0x7fffffff, -1), 0, "and split one of those again");
	pt_walk(pgd, 0x7fffffff, &w2);
	ok(w2.valid && w2.block_level == 3 && w2.pa == 0xbfffffff, "now pages");
	is_int(split_block(pgd, 0x7fffffff, -1), -EINVAL, "a page cannot be split");
	is_int(split_block(pgd, 0x300000000UL, -1), -EINVAL, "nothing mapped: -EINVAL");
	reset_flushes();

	/* unmap_range of part of a block splits it and clears only that part. */
	{
		struct mm_struct mm = { .pgd = pgd, .context.id = 4 };
		struct mmu_gather tlb;

		INIT_LIST_HEAD(&mm.mmap);
		map_pages(pgd, 0xe00000, 0x400000, SZ_2M, PAGE_READONLY | PTE_AF | PTE_SPECIAL, true, &n);
		tlb_gather_mmu(&tlb, &mm, false);
		is_int(unmap_range(&tlb, &mm, 0xe01000, 0xe03000), 2, "unmap 2 pages in a 2 MiB block");
		tlb_finish_mmu(&tlb);
		pt_walk(pgd, 0xe00000, &w2);
		ok(w2.valid && w2.block_level == 3, "the block was split; the page before is still mapped");
		pt_walk(pgd, 0xe01000, &w2);
		ok(!w2.valid, "the unmapped page is gone");
		pt_walk(pgd, 0xe03000, &w2);
		ok(w2.valid && w2.pa == 0x403000, "the page after is still mapped");
	}
	free_pgd_range(pgd, &n);
	is_int(n, (unsigned long)-4, "4 tables from splits were not counted in n (3 split_block, 1 in mm's)");
	is_int(free_now(), free0, "but every table was freed");
	reset_flushes();
}

static void test_decode_and_print(void)
{
	char buf[160];
	pgd_t *pgd = pgd_alloc();
	unsigned long n = 1;
	struct pt_walk w;

	pte_decode(PAGE_SHARED | PTE_AF | 0x41234000, 3, buf, sizeof(buf));
	is_str(buf, "PAGE USER RO PXN UXN AF nG SH=IS ATTR=0(NORMAL) DBM", "decode a clean writable user page");
	pte_decode(PROT_KERNEL_RW | PTE_TYPE_BLOCK | 0x40000000, 2, buf, sizeof(buf));
	is_str(buf, "BLOCK(2M) RW PXN UXN AF SH=IS ATTR=0(NORMAL)", "decode a kernel 2 MiB block");
	pte_decode(0, 3, buf, sizeof(buf));
	is_str(buf, "none", "decode an empty entry");
	pte_decode(swp_entry_to_pte(swp_entry(2, 9)), 3, buf, sizeof(buf));
	is_str(buf, "SWAP type=2 offset=9", "decode a swap entry");
	pte_decode(PTE_TYPE_BLOCK | 0x1000, 0, buf, sizeof(buf));
	is_str(buf, "RESERVED", "a block at L0 does not exist (4K granule)");
	pte_decode(PAGE_SHARED, 3, buf, 10);
	is_int(strlen(buf), 9, "decode truncates to the buffer");

	map_pages(pgd, 0x400000, 0x40000000, 16 * PAGE_SIZE, USER_RO, false, &n);
	map_pages(pgd, 0x410000, 0x50000000, 16 * PAGE_SIZE, USER_RO, false, &n);	/* same prot: merges */
	map_pages(pgd, 0x420000, 0x40000000, 8 * PAGE_SIZE, USER_RW, false, &n);
	map_pages(pgd, 0x600000, 0x40000000, SZ_2M, PAGE_KERNEL_RO, true, &n);
	map_pages(pgd, 0x40000000, 0x9000000, 4 * PAGE_SIZE, PAGE_DEVICE, false, &n);
	host_log_clear();
	ptdump_walk(pgd, 0, TASK_SIZE);
	ok(host_log_contains("0x0000000000400000-0x0000000000420000         128K PTE   USR ro NX SHD AF NG     "
			     "    UXN MEM/NORMAL\n"), "ptdump merges 32 pages with the same attributes");
	ok(host_log_contains("0x0000000000420000-0x0000000000428000          32K PTE   USR RW NX SHD AF NG"),
	   "ptdump: a new line where the permissions change");
	ok(host_log_contains("0x0000000000600000-0x0000000000800000           2M PMD       ro NX SHD AF        "
			     "BLK UXN MEM/NORMAL\n"), "ptdump: a block, Linux's format");
	ok(host_log_contains("0x0000000040000000-0x0000000040004000          16K PTE       RW NX     AF        "
			     "    UXN DEVICE/nGnRE\n"), "ptdump: device memory");
	host_log_clear();
	pt_walk(pgd, 0x410004, &w);
	pt_walk_print(&w, 0x410004);
	ok(host_log_contains("L3 pte[ 16]") && host_log_contains("-> pa 0x50000004 (4K page)"),
	   "pt_walk_print: one line per level and the result");
	free_pgd_range(pgd, &n);
}


/*
 * free_pgtables: munmap of a sparse 1 GiB (one page per 2 MiB) frees the 512
 * PTE tables and the PMD table under it, but nothing a neighbour still
 * uses; each table is unlinked before the flush, the flush drops the walk
 * cache (not only leaves), and the pages are freed only after it.
 */
static void test_free_pgtables(void)
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
	ok(all_mapped, "1 GiB touched once per 2 MiB, and a page on either side");
	is_int(mm.nr_pgtables - tables0, 513, "... costs 512 PTE tables and a PMD table");

	reset_flushes();
	tlb_gather_mmu(&tlb, &mm, false);
	watch_tlb = &tlb;
	unmap_range(&tlb, &mm, hole, 2 * hole);
	first_flush = nr_flushes;	/* unmap_range's own batches flushed leaves only: fine */
	watch_pgd = mm.pgd;
	watch_addr = hole;
	freed = free_pgtables(&tlb, &mm, hole, 2 * hole, hole, 2 * hole);
	tlb_finish_mmu(&tlb);
	is_int(freed, 513, "free_pgtables freed the 512 PTE tables and the PMD table of the hole");
	is_int(mm.nr_pgtables, tables0, "nr_pgtables back to before the mapping");
	is_int(tables_freed_before_flush, 0, "no table page was freed before a TLB flush");
	is_int(reachable_at_flush, 0, "the tables were unlinked before every flush");
	for (int i = first_flush; i < nr_flushes && i < (int)ARRAY_SIZE(flushes); i++)
		walk_flushes += flushes[i].kind == F_WALK || flushes[i].kind == F_ASID;
	ok(nr_flushes > first_flush && walk_flushes == (unsigned long)(nr_flushes - first_flush),
	   "every flush also invalidated the walk cache (vae1is or ASID, not vale1is)");
	ok(pte_lookup(mm.pgd, hole - PAGE_SIZE) && *pte_lookup(mm.pgd, hole - PAGE_SIZE),
	   "the page below the hole still maps");
	ok(pte_lookup(mm.pgd, 2 * hole) && *pte_lookup(mm.pgd, 2 * hole), "the page above it too");
	reset_flushes();

	/* A PTE table shared with a neighbour VMA stays, empty part or not. */
	ok(map_user_page(&mm, 2 * hole + PAGE_SIZE, USER_RW) != NULL, "a page next to the one above");
	tables0 = mm.nr_pgtables;
	tlb_gather_mmu(&tlb, &mm, false);
	unmap_range(&tlb, &mm, 2 * hole + PAGE_SIZE, 2 * hole + 2 * PAGE_SIZE);
	is_int(free_pgtables(&tlb, &mm, 2 * hole + PAGE_SIZE, 2 * hole + 2 * PAGE_SIZE,
			     2 * hole + PAGE_SIZE, 0), 0, "a table shared with the VMA below the hole stays");
	tlb_finish_mmu(&tlb);
	is_int(mm.nr_pgtables, tables0, "... nr_pgtables unchanged");

	/* A table inside floor/ceiling that still maps something is kept too (and no walk flush). */
	tlb_gather_mmu(&tlb, &mm, false);
	is_int(free_pgtables(&tlb, &mm, 2 * hole, 2 * hole + SZ_2M, 0, 0), 0,
	       "a table that still maps a page is never freed");
	ok(!tlb.freed_tables, "... and nothing asks for a walk-cache flush");
	tlb_finish_mmu(&tlb);

	mm_teardown(&mm);
	is_int(mm.nr_pgtables, 0, "teardown: nr_pgtables 0");
	is_int(free_now(), free0, "every page and table back");
	reset_flushes();
}

int main(void)
{
	unsigned long free0, tables0;

	host_mm_boot(RAM_BASE, RAM_SIZE);
	free0 = free_now();
	tables0 = nr_pagetable_pages();
	test_pte_helpers();
	test_alloc_and_lookup();
	test_map_pages_and_walk();
	test_unmap_range();
	test_gather_batches();
	test_free_pgtables();
	test_change_protection();
	test_exec_syncs_icache();
	test_split_block();
	test_decode_and_print();
	is_int(nr_pagetable_pages(), tables0, "page-table pages: all returned");
	is_int(free_now(), free0, "free pages: all returned");
	return done_testing();
}
