/*
 * Self-test suite "asid_mmu" (kernel only): address spaces tagged with ASIDs
 * never see each other's memory, as the MMU shows it. The ASID allocator's
 * own rules (widths, no flush on a switch, rollover, the running ASID kept
 * across one) are suite "asid" (arch/arm64/mm/context_test.c), which runs
 * on the host too; here every switch is also checked in TTBR0_EL1 and by a
 * load through the user address (LDTR with an exception-table entry,
 * asm/mm_test.h), which needs the real CPU.
 *
 * Each scratch mm maps the same user VA to its own page holding its own
 * number; after every switch_mm the test reads that VA (LDTR, as EL0 would)
 * and must find its own number. QEMU flushes its TLB whenever the ASID in
 * TTBR0 changes, so the bug this would catch there is the one that matters:
 * two live address spaces given the same ASID.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/prandom.h>
#include <linux/selftest.h>
#include <linux/mm_selftest.h>
#include <asm/mmu_probe.h>
#include <asm/mmu_context.h>
#include <asm/proc-fns.h>
#include <asm/tlbflush.h>

#define ASID_VA		0x400000UL
#define NR_TEST_MMS	24

static struct mm_struct test_mms[NR_TEST_MMS];

static int setup_mms(struct kunit *test, int n)
{
	for (int i = 0; i < n; i++) {
		struct page *page;

		if (!test_mm_init(&test_mms[i]))
			return -1;
		page = test_mm_map_page(&test_mms[i], ASID_VA,
					PROT_USER_BASE | PTE_AF | PTE_RDONLY | PTE_UXN);
		if (!page)
			return -1;
		*(u64 *)page_address(page) = 0xa51d0000UL + (unsigned long)i;
	}
	return 0;
}

static void teardown_mms(int n)
{
	for (int i = 0; i < n; i++)
		test_mm_destroy(&test_mms[i]);
}

/* Switch to mm i and check: its own page, its ASID in TTBR0, no ASID shared in this generation. */
static bool switch_and_check(struct kunit *test, int i, int n)
{
	u64 v = 0, ttbr;
	bool ok = true;

	switch_mm(&test_mms[i]);
	ttbr = read_sysreg(ttbr0_el1);
	ok &= KUNIT_EXPECT_EQ(test, ttbr >> TTBR_ASID_SHIFT, mm_asid(&test_mms[i]));
	ok &= KUNIT_EXPECT_EQ(test, ttbr & PTE_ADDR_MASK, __pa(test_mms[i].pgd));
	ok &= KUNIT_EXPECT_NE(test, mm_asid(&test_mms[i]), 0);
	ok &= KUNIT_EXPECT_TRUE(test, probe_user_read(ASID_VA, &v));
	ok &= KUNIT_EXPECT_EQ(test, v, 0xa51d0000UL + (unsigned long)i);
	for (int j = 0; j < n; j++) {
		u64 a = test_mms[i].context.id, b = test_mms[j].context.id;

		/* Same generation (the upper bits) and same ASID: two address spaces would share TLB entries. */
		if (j != i && b && (a >> asid_bits()) == (b >> asid_bits()))
			ok &= KUNIT_EXPECT_NE(test, mm_asid(&test_mms[j]), mm_asid(&test_mms[i]));
	}
	return ok;
}

/*
 * Plenty of ASIDs: switching back and forth, every address space reads its
 * own page through the same VA, with its ASID and pgd in TTBR0 (that no
 * flush happens and the ASIDs stay is checked by suite "asid").
 */
static void test_switch_reads_own_page(struct kunit *test)
{
	struct mm_struct *prev = cpu_active_mm();

	KUNIT_ASSERT_EQ(test, setup_mms(test, 3), 0);
	for (int round = 0; round < 31; round++)
		if (!switch_and_check(test, round % 3, 3))
			break;
	switch_mm(prev);
	teardown_mms(3);
}

/* 24 address spaces, 7 ASIDs: many rollovers, one local flush each, nobody sees another's page. */
static void test_rollover_isolation(struct kunit *test)
{
	struct mm_struct *prev = cpu_active_mm();
	unsigned long roll0, all0, seen_gens[NR_TEST_MMS] = { 0 };
	u64 last_gen[NR_TEST_MMS] = { 0 };
	unsigned int saved = asid_bits();
	struct rnd_state rnd;
	bool ok = true;

	KUNIT_ASSERT_EQ(test, setup_mms(test, NR_TEST_MMS), 0);
	switch_mm(NULL);
	KUNIT_ASSERT_EQ(test, asid_set_bits(3), 0);
	KUNIT_EXPECT_EQ(test, asid_bits(), 3);
	roll0 = asid_rollovers();
	all0 = tlb_stats.all;
	/* A pseudo-random order, with runs of the same mm (which must not reallocate). */
	prandom_seed_state(&rnd, 12345);
	for (unsigned int r = 0; r < 600 && ok; r++) {
		int i = (int)(prandom_u32_state(&rnd) % NR_TEST_MMS);

		ok = switch_and_check(test, i, NR_TEST_MMS);
		if (asid_generation() != last_gen[i]) {
			last_gen[i] = asid_generation();
			seen_gens[i]++;
		}
	}
	printk("        # %lu rollovers, %lu local TLB flushes\n", asid_rollovers() - roll0,
	       tlb_stats.all - all0);
	KUNIT_EXPECT_GT(test, asid_rollovers() - roll0, 10);
	/* Exactly one full flush per rollover, and none otherwise. */
	KUNIT_EXPECT_EQ(test, tlb_stats.all - all0, asid_rollovers() - roll0);
	for (int i = 0; i < NR_TEST_MMS; i++)
		KUNIT_EXPECT_GT(test, seen_gens[i], 1);	/* every mm ran in several generations */
	switch_mm(NULL);
	teardown_mms(NR_TEST_MMS);
	KUNIT_EXPECT_EQ(test, asid_set_bits(saved), 0);
	switch_mm(prev);
}

/* No user mm: TTBR0 is the empty reserved table with ASID 0 and no user address translates. */
static void test_switch_to_null(struct kunit *test)
{
	struct mm_struct *prev = cpu_active_mm();
	u64 v;

	KUNIT_ASSERT_EQ(test, setup_mms(test, 1), 0);
	switch_mm(&test_mms[0]);
	KUNIT_EXPECT_TRUE(test, probe_user_read(ASID_VA, &v));
	switch_mm(NULL);
	KUNIT_EXPECT_EQ(test, read_sysreg(ttbr0_el1), __pa_symbol(reserved_pg_dir));
	KUNIT_EXPECT_FALSE(test, probe_user_read(ASID_VA, &v));
	KUNIT_EXPECT_EQ(test, read_sysreg(tcr_el1) & TCR_EPD0, 0);
	teardown_mms(1);
	switch_mm(prev);
}

static struct kunit_case asid_mmu_cases[] = {
	KUNIT_CASE(test_switch_reads_own_page),
	KUNIT_CASE(test_rollover_isolation),
	KUNIT_CASE(test_switch_to_null),
	{ NULL, NULL },
};

static struct kunit_suite asid_mmu_suite = { .name = "asid_mmu", .cases = asid_mmu_cases };
selftest_suite(asid_mmu_suite);
