/*
 * Self-test suite "tlb": TLB maintenance observed through the MMU.
 *
 * The MMU keeps using a cached translation after its entry in memory
 * changed, until a TLBI removes it. QEMU models a TLB too (and flushes it
 * only on TLBI, or when the ASID in TTBR0 changes), so the tests below see
 * what real hardware may show: the old translation until the flush, the new
 * one after. A user access from EL1 is made with LDTR/STTR and an
 * exception-table entry, so "it faults" is an observable result.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/mmu_gather.h>
#include <linux/pgtable.h>
#include <linux/mm_selftest.h>
#include <linux/selftest.h>
#include <asm/mmu_probe.h>
#include <asm/tlbflush.h>

#define TLB_VA		0x400000UL
#define USER_RO		(PROT_USER_BASE | PTE_AF | PTE_RDONLY | PTE_UXN)
#define USER_RW		(PROT_USER_BASE | PTE_AF | PTE_UXN)

/*
 * Point a VA at another page, by break-before-make (ARM ARM D8.14.1), and
 * read the new contents through it. Also shows what the TLB does with a
 * cleared PTE before the TLBI (not checked: the architecture allows both).
 */
static void test_remap_reads_new_page(struct kunit *test)
{
	struct mm_struct *prev = cpu_active_mm(), mm;
	struct page *a, *b = alloc_page(GFP_KERNEL);
	unsigned long before;
	bool stale;
	pte_t *ptep;
	u64 v = 0;

	KUNIT_ASSERT_TRUE(test, b != NULL);
	KUNIT_ASSERT_TRUE(test, test_mm_init(&mm));
	a = test_mm_map_page(&mm, TLB_VA, USER_RO);
	KUNIT_ASSERT_TRUE(test, a != NULL);
	*(u64 *)page_address(a) = 0xaaaa;
	*(u64 *)page_address(b) = 0xbbbb;
	ptep = pte_lookup(mm.pgd, TLB_VA);
	switch_mm(&mm);
	KUNIT_EXPECT_TRUE(test, probe_user_read(TLB_VA, &v));	/* now in the TLB */
	KUNIT_EXPECT_EQ(test, v, 0xaaaa);

	/* Break: invalid entry. Without the TLBI the old translation may live on. */
	ptep_get_and_clear(ptep);
	dsb(ishst);
	isb();
	stale = probe_user_read(TLB_VA, &v) && v == 0xaaaa;
	printk("        # PTE cleared, no TLBI yet: the read %s\n",
	       stale ? "still hit page A through the stale TLB entry" : "faulted");
	before = tlb_stats.page;
	flush_tlb_page(mm_asid(&mm), TLB_VA);
	KUNIT_EXPECT_EQ(test, tlb_stats.page - before, 1);
	KUNIT_EXPECT_FALSE(test, probe_user_read(TLB_VA, &v));	/* gone after the TLBI */
	/* Make: the new page. Invalid -> valid needs no TLBI. */
	set_pte(ptep, pfn_pte(page_to_pfn(b), USER_RO));
	atomic_set(&b->_mapcount, 0);	/* b is mapped now, a is not */
	page_mapcount_reset(a);
	KUNIT_EXPECT_TRUE(test, probe_user_read(TLB_VA, &v));
	KUNIT_EXPECT_EQ(test, v, 0xbbbb);
	switch_mm(prev);
	/* a is no longer mapped: free it here; b is, and goes with the mm. */
	__free_page(a);
	test_mm_destroy(&mm);
}

/* unmap_range through an mmu_gather: the page is gone from the MMU's view and freed after the flush. */
static void test_unmap_faults(struct kunit *test)
{
	struct mm_struct *prev = cpu_active_mm(), mm;
	struct tlb_stats s0 = tlb_stats;
	struct mmu_gather tlb;
	unsigned long free_before;
	struct page *page;
	u64 v = 0;

	drain_all_pages();
	free_before = nr_free_pages();
	KUNIT_ASSERT_TRUE(test, test_mm_init(&mm));
	page = test_mm_map_page(&mm, TLB_VA, USER_RW);
	KUNIT_ASSERT_TRUE(test, page != NULL);
	switch_mm(&mm);
	KUNIT_EXPECT_TRUE(test, probe_user_write(TLB_VA, 0x1234));
	KUNIT_EXPECT_TRUE(test, probe_user_read(TLB_VA, &v));
	KUNIT_EXPECT_EQ(test, v, 0x1234);

	tlb_gather_mmu(&tlb, &mm, false);
	KUNIT_EXPECT_EQ(test, unmap_range(&tlb, &mm, TLB_VA, TLB_VA + PAGE_SIZE), 1);
	KUNIT_EXPECT_EQ(test, page_count(page), 1);	/* held until the flush */
	tlb_finish_mmu(&tlb);
	KUNIT_EXPECT_EQ(test, tlb.freed, 1);
	KUNIT_EXPECT_EQ(test, tlb_stats.range - s0.range, 1);
	KUNIT_EXPECT_EQ(test, tlb_stats.page - s0.page, 1);
	KUNIT_EXPECT_EQ(test, get_mm_counter(&mm, MM_ANONPAGES), 0);
	KUNIT_EXPECT_FALSE(test, probe_user_read(TLB_VA, &v));
	KUNIT_EXPECT_FALSE(test, probe_user_write(TLB_VA, 0));
	switch_mm(prev);
	test_mm_destroy(&mm);
	drain_all_pages();
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free_before);
}

/* change_protection: a write that worked faults after RW -> RO (the TLB held a writable entry). */
static void test_change_protection(struct kunit *test)
{
	struct mm_struct *prev = cpu_active_mm(), mm;
	unsigned long before;
	u64 v = 0;

	KUNIT_ASSERT_TRUE(test, test_mm_init(&mm));
	for (int i = 0; i < 4; i++)
		KUNIT_ASSERT_TRUE(test, test_mm_map_page(&mm, TLB_VA + i * PAGE_SIZE, USER_RW) != NULL);
	switch_mm(&mm);
	for (int i = 0; i < 4; i++)
		KUNIT_EXPECT_TRUE(test, probe_user_write(TLB_VA + i * PAGE_SIZE, 0x100 + i));
	before = tlb_stats.page;
	KUNIT_EXPECT_EQ(test, change_protection(&mm, TLB_VA, TLB_VA + 4 * PAGE_SIZE, USER_RO), 4);
	KUNIT_EXPECT_EQ(test, tlb_stats.page - before, 4);
	for (int i = 0; i < 4; i++) {
		KUNIT_EXPECT_FALSE(test, probe_user_write(TLB_VA + i * PAGE_SIZE, 0));
		KUNIT_EXPECT_TRUE(test, probe_user_read(TLB_VA + i * PAGE_SIZE, &v));
		KUNIT_EXPECT_EQ(test, v, 0x100 + i);
	}
	/* Unchanged protections flush nothing. */
	before = tlb_stats.page;
	KUNIT_EXPECT_EQ(test, change_protection(&mm, TLB_VA, TLB_VA + 4 * PAGE_SIZE, USER_RO), 0);
	KUNIT_EXPECT_EQ(test, tlb_stats.page, before);
	KUNIT_EXPECT_EQ(test, change_protection(&mm, TLB_VA, TLB_VA + PAGE_SIZE, USER_RW), 1);
	KUNIT_EXPECT_TRUE(test, probe_user_write(TLB_VA, 0x77));
	switch_mm(prev);
	test_mm_destroy(&mm);
}

/* Above MAX_TLBI_OPS pages a range flush drops the whole ASID instead. */
static void test_range_threshold(struct kunit *test)
{
	struct tlb_stats s0 = tlb_stats;

	flush_tlb_range(1, 0x400000, 0x400000 + MAX_TLBI_OPS * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, tlb_stats.page - s0.page, MAX_TLBI_OPS);
	KUNIT_EXPECT_EQ(test, tlb_stats.asid, s0.asid);
	flush_tlb_range(1, 0x400000, 0x400000 + (MAX_TLBI_OPS + 1) * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, tlb_stats.page - s0.page, MAX_TLBI_OPS);
	KUNIT_EXPECT_EQ(test, tlb_stats.asid - s0.asid, 1);
	KUNIT_EXPECT_EQ(test, tlb_stats.range - s0.range, 2);
	flush_tlb_kernel_range(FIXMAP_START, FIXMAP_START + 3 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, tlb_stats.kernel - s0.kernel, 3);
	flush_tlb_kernel_range(PAGE_OFFSET, PAGE_OFFSET + SZ_1G);
	KUNIT_EXPECT_EQ(test, tlb_stats.all - s0.all, 1);
}

/* Many pages: the gather flushes each time its batch fills, and frees only after each flush. */
static void test_gather_batches(struct kunit *test)
{
	struct mm_struct *prev = cpu_active_mm(), mm;
	struct tlb_stats s0;
	struct mmu_gather tlb;
	unsigned long free_before, n = 3 * MMU_GATHER_BATCH + 5;
	u64 v;

	drain_all_pages();
	free_before = nr_free_pages();
	KUNIT_ASSERT_TRUE(test, test_mm_init(&mm));
	for (unsigned long i = 0; i < n; i++)
		KUNIT_ASSERT_TRUE(test, test_mm_map_page(&mm, TLB_VA + i * PAGE_SIZE, USER_RO) != NULL);
	switch_mm(&mm);
	for (unsigned long i = 0; i < n; i++)
		KUNIT_EXPECT_TRUE(test, probe_user_read(TLB_VA + i * PAGE_SIZE, &v));
	s0 = tlb_stats;
	tlb_gather_mmu(&tlb, &mm, false);
	KUNIT_EXPECT_EQ(test, unmap_range(&tlb, &mm, TLB_VA, TLB_VA + n * PAGE_SIZE), n);
	KUNIT_EXPECT_EQ(test, tlb.freed, 3 * MMU_GATHER_BATCH);	/* three full batches so far */
	KUNIT_EXPECT_EQ(test, tlb.nr, 5);
	tlb_finish_mmu(&tlb);
	KUNIT_EXPECT_EQ(test, tlb.freed, n);
	/* 64 pages per batch = MAX_TLBI_OPS: per-page TLBIs; the last 5 too. */
	KUNIT_EXPECT_EQ(test, tlb_stats.range - s0.range, 4);
	KUNIT_EXPECT_EQ(test, tlb_stats.page - s0.page, n);
	for (unsigned long i = 0; i < n; i += 17)
		KUNIT_EXPECT_FALSE(test, probe_user_read(TLB_VA + i * PAGE_SIZE, &v));
	switch_mm(prev);
	test_mm_destroy(&mm);
	drain_all_pages();
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free_before);
}

static struct kunit_case tlb_cases[] = {
	KUNIT_CASE(test_remap_reads_new_page),
	KUNIT_CASE(test_unmap_faults),
	KUNIT_CASE(test_change_protection),
	KUNIT_CASE(test_range_threshold),
	KUNIT_CASE(test_gather_batches),
	{ NULL, NULL },
};

static struct kunit_suite tlb_suite = { .name = "tlb", .cases = tlb_cases };
selftest_suite(tlb_suite);
