/*
 * Self-test suite "pgtable": the page-table API (mm/pgtable.c,
 * mm/pgtable_walk.c) as software, on whatever machine it runs: in the
 * kernel (QEMU, a board) and on the host (tests/host/test_pgtable.c, under
 * ASan/UBSan). PTE helpers and swap entries, table allocation and lookup,
 * map_pages with blocks and pages and its refusals, the software walk,
 * PROT_EXEC syncing the I-cache once per page (arch/arm64/mm/flush.c),
 * pte_decode, ptdump and pt_walk_print.
 *
 * The scratch tables built here are never put in TTBR0 and map physical
 * addresses only as numbers, so nothing depends on the RAM found; after
 * every case (the exit hook) every page-table page and every free page is
 * back. What needs the MMU itself (AT, loads that may fault, PAN, hardware
 * AF/DBM) is suite "pgtable_mmu" (arch/arm64/mm/pgtable_mmu_test.c, kernel
 * only); what needs the TLB played by the test (break-before-make order,
 * pages freed only after their flush, mmu_gather batches) is the host's
 * "pgtable_host".
 *
 *   make qemu-test BOOTARGS=selftest=pgtable
 *   make build/host/test_pgtable && build/host/test_pgtable pgtable
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/pgtable.h>
#include <linux/printk.h>
#include <linux/mm_selftest.h>
#include <linux/selftest.h>
#include <string.h>

#define USER_RW (PROT_USER_BASE | PTE_AF | PTE_UXN)
#define USER_RO (PROT_USER_BASE | PTE_AF | PTE_UXN | PTE_RDONLY)

/* Free pages with the per-CPU lists given back first. */
static unsigned long free_now(void)
{
	drain_all_pages();
	return nr_free_pages();
}

static void test_pte_helpers(struct kunit *test)
{
	swp_entry_t e = swp_entry(5, 123456789UL), back;
	pte_t pte = swp_entry_to_pte(e), p;

	KUNIT_EXPECT_TRUE_MSG(test, !pte_present(pte) && is_swap_pte(pte),
			"a swap PTE is not present and is recognised");
	back = pte_to_swp_entry(pte);
	KUNIT_EXPECT_EQ_MSG(test, swp_type(back), 5, "swap type survives the PTE");
	KUNIT_EXPECT_EQ_MSG(test, swp_offset(back), 123456789UL, "swap offset survives the PTE");
	KUNIT_EXPECT_TRUE_MSG(test, !is_swap_pte(0), "an empty PTE is not a swap entry");

	p = pfn_pte(0x41234, PAGE_SHARED | PTE_AF);
	KUNIT_EXPECT_TRUE_MSG(test, pte_write(p) && !pte_dirty(p) && (p & PTE_RDONLY),
			"PAGE_SHARED starts writable-clean (DBM + RDONLY)");
	p &= ~PTE_RDONLY;	/* what hardware DBM does on the first write */
	KUNIT_EXPECT_TRUE_MSG(test, pte_hw_dirty(p) && pte_dirty(p), "DBM with AP[2] cleared reads as dirty");
	p = pte_modify(p, PAGE_READONLY);
	KUNIT_EXPECT_TRUE_MSG(test, pte_dirty(p) && (p & PTE_DIRTY) && (p & PTE_RDONLY) && !pte_write(p),
			"pte_modify to read-only keeps the hardware-dirty state as PTE_DIRTY");
	KUNIT_EXPECT_EQ_MSG(test, pte_pfn(p), 0x41234, "pte_modify keeps the address");
	KUNIT_EXPECT_TRUE_MSG(test, pte_young(p), "... and AF");
	p = pte_modify(p, PAGE_SHARED);
	KUNIT_EXPECT_TRUE_MSG(test, pte_dirty(p) && !(p & PTE_RDONLY),
			"back to writable: dirty, so AP[2] clear again");

	p = pfn_pte(0x41234, USER_RW);
	KUNIT_EXPECT_TRUE_MSG(test, ptep_test_and_clear_young(&p) && !pte_young(p),
			"ptep_test_and_clear_young clears AF, says it was set");
	KUNIT_EXPECT_TRUE_MSG(test, !ptep_test_and_clear_young(&p), "... and then says it was not");
	KUNIT_EXPECT_EQ_MSG(test, ptep_get_and_clear(&p), pfn_pte(0x41234, USER_RW & ~PTE_AF),
			"ptep_get_and_clear returns the entry");
	KUNIT_EXPECT_EQ_MSG(test, p, 0, "... and leaves it empty");
}

static void test_alloc_and_lookup(struct kunit *test)
{
	unsigned long tables = nr_pagetable_pages(), n = 0;
	pgd_t *pgd = pgd_alloc();
	pte_t *p1, *p2;

	KUNIT_EXPECT_TRUE_MSG(test, pgd != NULL, "pgd_alloc");
	KUNIT_EXPECT_EQ_MSG(test, nr_pagetable_pages() - tables, 1, "the pgd is a page-table page");
	p1 = pte_alloc(pgd, 0x12345000, GFP_KERNEL, &n);
	KUNIT_EXPECT_TRUE_MSG(test, p1 && *p1 == 0, "pte_alloc gives an empty PTE");
	KUNIT_EXPECT_EQ_MSG(test, n, 3, "pte_alloc made a pud, a pmd and a pte table");
	p2 = pte_alloc(pgd, 0x12346000, GFP_KERNEL, &n);
	KUNIT_EXPECT_EQ_MSG(test, n, 3, "the next page shares all three");
	KUNIT_EXPECT_TRUE_MSG(test, p2 == p1 + 1, "the neighbour PTE is the next slot");
	KUNIT_EXPECT_TRUE_MSG(test, pte_lookup(pgd, 0x12345000) == p1, "pte_lookup finds it");
	KUNIT_EXPECT_TRUE_MSG(test, pte_lookup(pgd, 0x52345000) == NULL,
			"pte_lookup allocates nothing for a hole");
	KUNIT_EXPECT_TRUE_MSG(test, pgd_offset_pgd(pgd, 0x12345000) == pgd + 0, "pgd_offset_pgd: L0 index 0");
	KUNIT_EXPECT_TRUE_MSG(test,
			pte_offset_kernel(pmd_offset(pud_offset(pgd_offset_pgd(pgd, 0x12345000), 0x12345000), 0x12345000),
			0x12345000) == p1, "pgd -> pud -> pmd -> pte offsets reach the same PTE");
	KUNIT_EXPECT_TRUE_MSG(test, pgd_offset_pgd(pgd, 0xffff800000000000UL) == pgd + 256,
			"a TTBR1 address: L0 index 256");
	free_pgd_range(pgd, &n);
	KUNIT_EXPECT_EQ_MSG(test, n, (unsigned long)-1, "free_pgd_range took off the 3 tables and the pgd");
	KUNIT_EXPECT_EQ_MSG(test, nr_pagetable_pages(), tables, "all table pages returned");
}

static void test_map_pages_and_walk(struct kunit *test)
{
	unsigned long n = 1, free0 = free_now();
	pgd_t *pgd = pgd_alloc();
	struct pt_walk w;

	KUNIT_EXPECT_EQ_MSG(test, map_pages(pgd, 0x200000, 0x80000000, 3 * SZ_2M, PAGE_KERNEL | PTE_NG, true, &n), 0,
			"map 6 MiB, 2 MiB aligned, blocks allowed");
	KUNIT_EXPECT_EQ_MSG(test, n, 3, "... needs a pud and a pmd table only");
	pt_walk(pgd, 0x200000 + SZ_2M + 0x1234, &w);
	KUNIT_EXPECT_TRUE_MSG(test, w.valid && w.block_level == 2 && w.levels == 3, "2 MiB block at L2");
	KUNIT_EXPECT_EQ_MSG(test, w.pa, 0x80000000 + SZ_2M + 0x1234, "block output address + offset");
	KUNIT_EXPECT_TRUE_MSG(test, pxd_block(w.desc[2]) && (w.desc[2] & PTE_NG) && (w.desc[2] & PTE_AF),
			"block descriptor with the prot bits");
	KUNIT_EXPECT_EQ_MSG(test, w.index[0], 0, "index L0");
	KUNIT_EXPECT_EQ_MSG(test, w.index[1], 0, "index L1");
	KUNIT_EXPECT_EQ_MSG(test, w.index[2], 2, "index L2");
	KUNIT_EXPECT_EQ_MSG(test, w.table[0], __pa(pgd), "walk records the L0 table");

	KUNIT_EXPECT_EQ_MSG(test, map_pages(pgd, 0x40000000, 0xc0000000, SZ_1G, PAGE_KERNEL_RO, true, &n), 0,
			"map a 1 GiB block");
	pt_walk(pgd, 0x7fffffff, &w);
	KUNIT_EXPECT_TRUE_MSG(test, w.valid && w.block_level == 1 && w.pa == 0xffffffff,
			"1 GiB block at L1, last byte");

	KUNIT_EXPECT_EQ_MSG(test,
			map_pages(pgd, 0x80100000, 0x80100000, SZ_2M + 3 * PAGE_SIZE, PAGE_KERNEL, true, &n), 0,
			"map an unaligned range with blocks allowed");
	pt_walk(pgd, 0x80100000, &w);
	KUNIT_EXPECT_EQ_MSG(test, w.block_level, 3, "unaligned head: pages");
	pt_walk(pgd, 0x80200000, &w);
	KUNIT_EXPECT_EQ_MSG(test, w.block_level, 3,
			"the 2 MiB after it is not a whole block of the range: pages");
	pt_walk(pgd, 0x80100000 + SZ_2M + 2 * PAGE_SIZE, &w);
	KUNIT_EXPECT_TRUE_MSG(test, w.valid && w.pa == 0x80100000 + SZ_2M + 2 * PAGE_SIZE,
			"last page mapped");
	pt_walk(pgd, 0x80100000 + SZ_2M + 3 * PAGE_SIZE, &w);
	KUNIT_EXPECT_TRUE_MSG(test, !w.valid && w.levels == 4, "one past the end: invalid PTE at L3");

	KUNIT_EXPECT_EQ_MSG(test, map_pages(pgd, 0x90000000, 0x90000000, SZ_2M, PAGE_KERNEL, false, &n), 0,
			"block_ok false: 2 MiB of pages");
	pt_walk(pgd, 0x901ff000, &w);
	KUNIT_EXPECT_EQ_MSG(test, w.block_level, 3, "... page-mapped");

	KUNIT_EXPECT_EQ_MSG(test, map_pages(pgd, 0x200000, 0x1000, PAGE_SIZE, PAGE_KERNEL, false, &n),
			-EEXIST,
			"a page inside a block: -EEXIST");
	KUNIT_EXPECT_EQ_MSG(test, map_pages(pgd, 0x90000000, 0x1000, PAGE_SIZE, PAGE_KERNEL, false, &n),
			-EEXIST,
			"a page that is mapped: -EEXIST");
	KUNIT_EXPECT_TRUE_MSG(test, pte_alloc(pgd, 0x40001000, GFP_KERNEL, NULL) == NULL,
			"pte_alloc under a 1 GiB block: NULL");
	KUNIT_EXPECT_TRUE_MSG(test, pte_lookup(pgd, 0x200000) == NULL,
			"pte_lookup under a 2 MiB block: NULL");

	pt_walk(pgd, 0x0000500000000000UL, &w);
	KUNIT_EXPECT_TRUE_MSG(test, !w.valid && w.levels == 1 && w.block_level == -1,
			"empty L0 slot: fault at level 0");
	pt_walk(pgd, 0x100000000UL, &w);
	KUNIT_EXPECT_TRUE_MSG(test, !w.valid && w.levels == 2, "empty L1 slot: fault at level 1");

	KUNIT_EXPECT_EQ_MSG(test, map_pages(pgd, 0xffffffffffe00000UL, 0x80000000, SZ_2M, PAGE_KERNEL, true, &n), 0,
			"map the last 2 MiB of the address space (the end wraps to 0)");
	pt_walk(pgd, ~0UL, &w);
	KUNIT_EXPECT_TRUE_MSG(test, w.valid && w.block_level == 2 && w.pa == 0x801fffff,
			"... and its last byte translates");

	/* The MMU treats an L3 entry with bit 1 clear as reserved (a fault); so must the walker. */
	*pte_lookup(pgd, 0x90000000) &= ~PTE_TABLE_BIT;
	pt_walk(pgd, 0x90000000, &w);
	KUNIT_EXPECT_TRUE_MSG(test, !w.valid, "L3 descriptor with bit 1 clear: not a translation");

	free_pgd_range(pgd, &n);
	KUNIT_EXPECT_EQ_MSG(test, n, 0, "every table counted on the way in went on the way out");
	KUNIT_EXPECT_EQ_MSG(test, free_now(), free0, "no page lost");
}

static void test_map_pages_rules(struct kunit *test)
{
	struct mm_struct mm;
	struct pt_walk w;
	unsigned long n;

	KUNIT_ASSERT_TRUE(test, test_mm_init(&mm));
	/* A fresh address needs a pud, a pmd and a pte table. */
	n = mm.nr_pgtables;
	KUNIT_EXPECT_TRUE(test, pte_alloc(mm.pgd, 0x400000, GFP_KERNEL, &mm.nr_pgtables) != NULL);
	KUNIT_EXPECT_EQ(test, mm.nr_pgtables - n, 3);
	n = mm.nr_pgtables;
	KUNIT_EXPECT_TRUE(test, pte_alloc(mm.pgd, 0x401000, GFP_KERNEL, &mm.nr_pgtables) != NULL);
	KUNIT_EXPECT_EQ(test, mm.nr_pgtables, n);
	KUNIT_EXPECT_TRUE(test, pte_lookup(mm.pgd, 0x400000) == pte_alloc(mm.pgd, 0x400000, GFP_KERNEL, NULL));
	KUNIT_EXPECT_TRUE(test, pte_lookup(mm.pgd, 0x80000000) == NULL);
	/* Filling a used slot is refused. */
	KUNIT_EXPECT_EQ(test, map_pages(mm.pgd, 0x400000, 0x40000000, PAGE_SIZE, PAGE_KERNEL_RO | PTE_NG,
					false, &mm.nr_pgtables), 0);
	KUNIT_EXPECT_EQ(test, map_pages(mm.pgd, 0x400000, 0x40001000, PAGE_SIZE, PAGE_KERNEL_RO | PTE_NG,
					false, &mm.nr_pgtables), -EEXIST);
	/* Unaligned physical address: pages, not a block, even with block_ok. */
	KUNIT_EXPECT_EQ(test, map_pages(mm.pgd, 0x600000, 0x40001000, SZ_2M, PAGE_KERNEL_RO | PTE_NG,
					true, &mm.nr_pgtables), 0);
	pt_walk(mm.pgd, 0x600000, &w);
	KUNIT_EXPECT_EQ(test, w.block_level, 3);
	/* Aligned: one block; a page inside it cannot get a PTE. */
	KUNIT_EXPECT_EQ(test, map_pages(mm.pgd, 0x40000000, 0x40000000, SZ_1G, PAGE_KERNEL_RO | PTE_NG,
					true, &mm.nr_pgtables), 0);
	pt_walk(mm.pgd, 0x40001000, &w);
	KUNIT_EXPECT_EQ(test, w.block_level, 1);
	KUNIT_EXPECT_TRUE(test, pte_alloc(mm.pgd, 0x40001000, GFP_KERNEL, NULL) == NULL);
	KUNIT_EXPECT_EQ(test, map_pages(mm.pgd, 0x40001000, 0x40001000, PAGE_SIZE, PAGE_KERNEL_RO | PTE_NG,
					false, &mm.nr_pgtables), -EEXIST);
	/* These map memory we do not own: make them special so teardown leaves it alone. */
	for (unsigned long va = 0x400000; va < 0x800000; va += PAGE_SIZE) {
		pte_t *p = pte_lookup(mm.pgd, va);

		if (p && pte_present(*p))
			*p |= PTE_SPECIAL;
	}
	*pud_offset(pgd_offset_pgd(mm.pgd, 0x40000000), 0x40000000) |= PTE_SPECIAL;
	test_mm_destroy(&mm);
	KUNIT_EXPECT_EQ(test, mm.nr_pgtables, 0);
}

/*
 * mprotect to PROT_EXEC (change_protection) makes instruction fetch see a
 * page the kernel wrote (PG_dcache_clean, arch/arm64/mm/flush.c): once per
 * page, not once per mapping; a page fresh from the allocator must sync
 * again; a page that stays non-executable never does.
 */
static void test_exec_syncs_icache(struct kunit *test)
{
	struct mm_struct mm;
	struct page *a, *b;
	unsigned long n0;

	KUNIT_ASSERT_TRUE(test, test_mm_init(&mm));
	a = test_mm_map_page(&mm, 0x400000, PAGE_SHARED | PTE_AF);
	b = test_mm_map_page(&mm, 0x401000, PAGE_SHARED | PTE_AF);
	KUNIT_EXPECT_TRUE_MSG(test, a && b && !PageDcacheClean(a) && !PageDcacheClean(b),
			"new pages are not synced for fetch");
	n0 = icache_syncs();
	change_protection(&mm, 0x400000, 0x401000, PAGE_READONLY);
	KUNIT_EXPECT_EQ_MSG(test, icache_syncs() - n0, 0, "mprotect to read-only: no sync");
	change_protection(&mm, 0x400000, 0x402000, PAGE_READONLY_EXEC);
	KUNIT_EXPECT_EQ_MSG(test, icache_syncs() - n0, 2, "mprotect to PROT_EXEC: both pages synced");
	KUNIT_EXPECT_TRUE_MSG(test, PageDcacheClean(a) && PageDcacheClean(b),
			"... and marked PG_dcache_clean");
	change_protection(&mm, 0x400000, 0x402000, PAGE_SHARED);
	change_protection(&mm, 0x400000, 0x402000, PAGE_READONLY_EXEC);
	KUNIT_EXPECT_EQ_MSG(test, icache_syncs() - n0, 2,
			"RW and back to RX: the kernel wrote nothing, no second sync");
	test_mm_destroy(&mm);
	a = alloc_page(GFP_KERNEL);
	KUNIT_EXPECT_TRUE_MSG(test, a && !PageDcacheClean(a),
			"a page freed and allocated again starts unsynced");
	__free_page(a);
}

static void test_decode(struct kunit *test)
{
	char buf[160];

	pte_decode(PROT_USER_BASE | PTE_AF | PTE_RDONLY | PTE_UXN | 0x41234000, 3, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "PAGE USER RO PXN UXN AF nG SH=IS ATTR=0(NORMAL)");
	pte_decode(PROT_DEVICE | PTE_TYPE_BLOCK | 0x40000000, 1, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "BLOCK(1G) RW PXN UXN AF SH=NS ATTR=4(DEVICE-nGnRE)");
	pte_decode(swp_entry_to_pte(swp_entry(1, 42)), 3, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "SWAP type=1 offset=42");
	pte_decode(0x40001003, 2, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "TABLE -> 0x40001000");
}

static void test_decode_and_print(struct kunit *test)
{
	char buf[160];
	pgd_t *pgd = pgd_alloc();
	unsigned long n = 1;
	struct pt_walk w;
	unsigned long head;

	pte_decode(PAGE_SHARED | PTE_AF | 0x41234000, 3, buf, sizeof(buf));
	/* a clean writable user page */
	KUNIT_EXPECT_STREQ(test, buf, "PAGE USER RO PXN UXN AF nG SH=IS ATTR=0(NORMAL) DBM");
	pte_decode(PROT_KERNEL_RW | PTE_TYPE_BLOCK | 0x40000000, 2, buf, sizeof(buf));
	/* a kernel 2 MiB block */
	KUNIT_EXPECT_STREQ(test, buf, "BLOCK(2M) RW PXN UXN AF SH=IS ATTR=0(NORMAL)");
	pte_decode(0, 3, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "none");	/* decode an empty entry */
	pte_decode(swp_entry_to_pte(swp_entry(2, 9)), 3, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "SWAP type=2 offset=9");	/* decode a swap entry */
	pte_decode(PTE_TYPE_BLOCK | 0x1000, 0, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "RESERVED");	/* a block at L0 does not exist (4K granule) */
	pte_decode(PAGE_SHARED, 3, buf, 10);
	KUNIT_EXPECT_EQ_MSG(test, strlen(buf), 9, "decode truncates to the buffer");

	map_pages(pgd, 0x400000, 0x40000000, 16 * PAGE_SIZE, USER_RO, false, &n);
	map_pages(pgd, 0x410000, 0x50000000, 16 * PAGE_SIZE, USER_RO, false, &n);	/* same prot: merges */
	map_pages(pgd, 0x420000, 0x40000000, 8 * PAGE_SIZE, USER_RW, false, &n);
	map_pages(pgd, 0x600000, 0x40000000, SZ_2M, PAGE_KERNEL_RO, true, &n);
	map_pages(pgd, 0x40000000, 0x9000000, 4 * PAGE_SIZE, PAGE_DEVICE, false, &n);
	head = log_buf_head();
	ptdump_walk(pgd, 0, TASK_SIZE);
	KUNIT_EXPECT_TRUE_MSG(test,
			log_contains(head, "0x0000000000400000-0x0000000000420000         128K PTE   USR ro NX SHD AF NG     "
			"    UXN MEM/NORMAL\n"), "ptdump merges 32 pages with the same attributes");
	KUNIT_EXPECT_TRUE_MSG(test,
			log_contains(head, "0x0000000000420000-0x0000000000428000          32K PTE   USR RW NX SHD AF NG"),
			"ptdump: a new line where the permissions change");
	KUNIT_EXPECT_TRUE_MSG(test,
			log_contains(head, "0x0000000000600000-0x0000000000800000           2M PMD       ro NX SHD AF        "
			"BLK UXN MEM/NORMAL\n"), "ptdump: a block, Linux's format");
	KUNIT_EXPECT_TRUE_MSG(test,
			log_contains(head, "0x0000000040000000-0x0000000040004000          16K PTE       RW NX     AF        "
			"    UXN DEVICE/nGnRE\n"), "ptdump: device memory");
	head = log_buf_head();
	pt_walk(pgd, 0x410004, &w);
	pt_walk_print(&w, 0x410004);
	KUNIT_EXPECT_TRUE_MSG(test,
			log_contains(head, "L3 pte[ 16]") && log_contains(head, "-> pa 0x50000004 (4K page)"),
			"pt_walk_print: one line per level and the result");
	free_pgd_range(pgd, &n);
}

/* What every case must leave as it found: page-table pages and free pages. */
static unsigned long tables_at_init, free_at_init;

static int pgtable_test_init(struct kunit *test)
{
	tables_at_init = nr_pagetable_pages();
	free_at_init = free_now();
	return 0;
}

static void pgtable_test_exit(struct kunit *test)
{
	KUNIT_EXPECT_EQ_MSG(test, nr_pagetable_pages(), tables_at_init, "page-table pages: all returned");
	KUNIT_EXPECT_EQ_MSG(test, free_now(), free_at_init, "free pages: all returned");
}

static struct kunit_case pgtable_cases[] = {
	KUNIT_CASE(test_pte_helpers),
	KUNIT_CASE(test_alloc_and_lookup),
	KUNIT_CASE(test_map_pages_and_walk),
	KUNIT_CASE(test_map_pages_rules),
	KUNIT_CASE(test_exec_syncs_icache),
	KUNIT_CASE(test_decode),
	KUNIT_CASE(test_decode_and_print),
	{ NULL, NULL },
};

static struct kunit_suite pgtable_suite = {
	.name = "pgtable",
	.cases = pgtable_cases,
	.init = pgtable_test_init,
	.exit = pgtable_test_exit,
};
selftest_suite(pgtable_suite);
