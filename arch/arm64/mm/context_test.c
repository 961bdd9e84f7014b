/*
 * Self-test suite "asid": address spaces tagged with ASIDs never see each
 * other's memory, switching needs no TLB flush, and rollover (forced with a
 * small ASID space: asid_set_bits) starts a new generation with exactly one
 * local TLB flush while the running address space keeps its ASID.
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
#include <linux/mm_selftest.h>
#include <linux/selftest.h>
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

/* Plenty of ASIDs: switching back and forth allocates once per mm and never flushes the TLB. */
static void test_switch_without_flush(struct kunit *test)
{
	struct mm_struct *prev = cpu_active_mm();
	struct tlb_stats s0;
	unsigned int asid0;
	u64 gen;

	KUNIT_ASSERT_EQ(test, setup_mms(test, 3), 0);
	switch_and_check(test, 0, 3);
	asid0 = mm_asid(&test_mms[0]);
	gen = asid_generation();
	s0 = tlb_stats;
	for (int round = 0; round < 30; round++)
		if (!switch_and_check(test, round % 3, 3))
			break;
	KUNIT_EXPECT_EQ(test, mm_asid(&test_mms[0]), asid0);
	KUNIT_EXPECT_EQ(test, asid_generation(), gen);
	KUNIT_EXPECT_EQ(test, tlb_stats.all, s0.all);
	KUNIT_EXPECT_EQ(test, tlb_stats.asid, s0.asid);
	KUNIT_EXPECT_EQ(test, tlb_stats.page, s0.page);
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

/* The running mm keeps its ASID across a rollover (it is "reserved"); the others are reassigned. */
static void test_rollover_keeps_running_asid(struct kunit *test)
{
	struct mm_struct *prev = cpu_active_mm();
	unsigned int saved = asid_bits(), running;
	unsigned long roll0;

	KUNIT_ASSERT_EQ(test, setup_mms(test, 5), 0);
	switch_mm(NULL);
	KUNIT_ASSERT_EQ(test, asid_set_bits(2), 0);	/* ASIDs 1..3 */
	for (int i = 0; i < 3; i++)
		switch_and_check(test, i, 5);
	running = mm_asid(&test_mms[2]);
	roll0 = asid_rollovers();
	/* mm 3 finds no free ASID: rollover while mm 2 is in TTBR0. */
	switch_and_check(test, 3, 5);
	KUNIT_EXPECT_EQ(test, asid_rollovers() - roll0, 1);
	KUNIT_EXPECT_NE(test, mm_asid(&test_mms[3]), running);
	switch_and_check(test, 2, 5);
	KUNIT_EXPECT_EQ(test, mm_asid(&test_mms[2]), running);	/* kept, now in the new generation */
	switch_and_check(test, 4, 5);	/* ASIDs 1..3 now belong to mms 3, 2 and 4 */
	KUNIT_EXPECT_EQ(test, asid_rollovers() - roll0, 1);
	running = mm_asid(&test_mms[4]);
	switch_and_check(test, 0, 5);	/* a fourth one: the next rollover; mm 4 keeps its ASID */
	KUNIT_EXPECT_EQ(test, asid_rollovers() - roll0, 2);
	switch_and_check(test, 4, 5);
	KUNIT_EXPECT_EQ(test, mm_asid(&test_mms[4]), running);
	switch_mm(NULL);
	teardown_mms(5);
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
	KUNIT_EXPECT_TRUE(test, cpu_active_mm() == NULL);
	KUNIT_EXPECT_EQ(test, read_sysreg(ttbr0_el1), __pa_symbol(reserved_pg_dir));
	KUNIT_EXPECT_FALSE(test, probe_user_read(ASID_VA, &v));
	KUNIT_EXPECT_EQ(test, read_sysreg(tcr_el1) & TCR_EPD0, 0);
	teardown_mms(1);
	KUNIT_EXPECT_EQ(test, test_mms[0].context.id, 0);	/* destroy_context */
	switch_mm(prev);
}

static struct kunit_case asid_cases[] = {
	KUNIT_CASE(test_switch_without_flush),
	KUNIT_CASE(test_rollover_isolation),
	KUNIT_CASE(test_rollover_keeps_running_asid),
	KUNIT_CASE(test_switch_to_null),
	{ NULL, NULL },
};

static struct kunit_suite asid_suite = { .name = "asid", .cases = asid_cases };
selftest_suite(asid_suite);
