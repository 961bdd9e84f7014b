/*
 * Self-test suite "asid": the ASID allocator (arch/arm64/mm/context.c) by its
 * own API, on whatever machine it runs: in the kernel (QEMU, a board) and on
 * the host (tests/host/test_asid.c, under ASan/UBSan). The width follows
 * asid_set_bits within what the CPU has; switching back and forth keeps
 * every mm's ASID and never flushes the TLB; ASID 0 is never handed out and
 * no two address spaces of one generation share an ASID; context.id carries
 * the generation above the ASID bits; a destroyed mm_struct gets a fresh
 * ASID; rollover (forced with a small ASID space) starts a new generation
 * with exactly one local TLB flush while the running address space keeps
 * its ASID.
 *
 * The scratch address spaces here are never entered by a load, so their
 * pgd is an empty zeroed page; what the MMU sees of them (TTBR0_EL1, a
 * user load through each) is suite "asid_mmu" (arch/arm64/mm/
 * context_mmu_test.c, kernel only), and many CPUs and a model TLB are the
 * host's "asid_host". Every case ends with the ASID width it found and the
 * address space that was running.
 *
 *   make qemu-test BOOTARGS=selftest=asid
 *   make build/host/test_asid && build/host/test_asid asid
 */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mm_types_task.h>
#include <linux/selftest.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include <string.h>

#define NR_ASID_MMS	5

static struct mm_struct asid_mms[NR_ASID_MMS];
static struct mm_struct *prev_mm;	/* running when the case started */
static unsigned int bits_at_init;

/* n address spaces with an empty pgd each and no ASID yet. */
static int setup_mms(int n)
{
	for (int i = 0; i < n; i++) {
		struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

		memset(&asid_mms[i], 0, sizeof(asid_mms[i]));
		INIT_LIST_HEAD(&asid_mms[i].mmap);
		if (!page)
			return -1;
		asid_mms[i].pgd = page_address(page);
	}
	return 0;
}

/* Leave them (no mm of ours may stay in TTBR0) and give the pgd pages back. */
static void teardown_mms(int n)
{
	for (int i = 0; i < n; i++) {
		if (!asid_mms[i].pgd)
			continue;
		if (cpu_active_mm() == &asid_mms[i])
			switch_mm(NULL);
		destroy_context(&asid_mms[i]);
		__free_page(virt_to_page(asid_mms[i].pgd));
		asid_mms[i].pgd = NULL;
	}
}

/*
 * Switch to mm i of n and check what the allocator promises: it is the
 * active mm, its ASID is not 0 and fits the width, its context.id is of
 * the current generation, and no other mm of this generation has its ASID.
 */
static bool switch_and_check(struct kunit *test, int i, int n)
{
	struct mm_struct *mm = &asid_mms[i];
	bool ok = true;

	switch_mm(mm);
	ok &= KUNIT_EXPECT_TRUE(test, cpu_active_mm() == mm);
	ok &= KUNIT_EXPECT_NE(test, mm_asid(mm), 0);
	ok &= KUNIT_EXPECT_LT(test, mm_asid(mm), 1UL << asid_bits());
	ok &= KUNIT_EXPECT_EQ(test, mm->context.id >> asid_bits(), asid_generation());
	for (int j = 0; j < n; j++) {
		u64 a = mm->context.id, b = asid_mms[j].context.id;

		/* Same generation (the upper bits) and same ASID: two address spaces would share TLB entries. */
		if (j != i && b && (a >> asid_bits()) == (b >> asid_bits()))
			ok &= KUNIT_EXPECT_NE(test, mm_asid(&asid_mms[j]), mm_asid(mm));
	}
	return ok;
}

static int asid_test_init(struct kunit *test)
{
	prev_mm = cpu_active_mm();
	bits_at_init = asid_bits();
	return 0;
}

/* Back to the width and the address space the case found. */
static void asid_test_exit(struct kunit *test)
{
	teardown_mms(NR_ASID_MMS);
	if (asid_bits() != bits_at_init) {
		switch_mm(NULL);
		KUNIT_EXPECT_EQ(test, asid_set_bits(bits_at_init), 0);
	}
	switch_mm(prev_mm);
	KUNIT_EXPECT_EQ(test, asid_bits(), bits_at_init);
}

/*
 * asid_set_bits: 2 bits at least (ASID 0 is reserved and one must stay
 * free), never more than the CPU has; 0 means the CPU's width, which is 8
 * or 16 (ID_AA64MMFR0_EL1.ASIDBits) and at least what was in use.
 */
static void test_set_bits(struct kunit *test)
{
	switch_mm(NULL);
	KUNIT_EXPECT_EQ(test, asid_set_bits(1), -1);
	KUNIT_EXPECT_EQ(test, asid_set_bits(17), -1);
	KUNIT_EXPECT_EQ(test, asid_bits(), bits_at_init);	/* refused: unchanged */
	KUNIT_EXPECT_EQ(test, asid_set_bits(3), 0);
	KUNIT_EXPECT_EQ(test, asid_bits(), 3);
	KUNIT_EXPECT_EQ(test, asid_set_bits(0), 0);
	KUNIT_EXPECT_TRUE_MSG(test, asid_bits() == 8 || asid_bits() == 16, "hardware width %u", asid_bits());
	KUNIT_EXPECT_GE(test, asid_bits(), bits_at_init);
}

/*
 * Plenty of ASIDs: switching back and forth allocates once per mm and never
 * flushes the TLB; switch_mm(NULL) leaves no active mm; a destroyed
 * mm_struct used again gets a fresh ASID (the old one stays taken until the
 * rollover).
 */
static void test_switch_without_flush(struct kunit *test)
{
	struct tlb_stats s0;
	unsigned int asid0, old;
	unsigned long roll0;
	u64 gen;

	KUNIT_ASSERT_EQ(test, setup_mms(3), 0);
	switch_and_check(test, 0, 3);
	asid0 = mm_asid(&asid_mms[0]);
	gen = asid_generation();
	roll0 = asid_rollovers();
	s0 = tlb_stats;
	for (int round = 0; round < 30; round++)
		if (!switch_and_check(test, round % 3, 3))
			break;
	KUNIT_EXPECT_EQ(test, mm_asid(&asid_mms[0]), asid0);
	KUNIT_EXPECT_EQ(test, asid_generation(), gen);
	KUNIT_EXPECT_EQ(test, tlb_stats.all, s0.all);
	KUNIT_EXPECT_EQ(test, tlb_stats.asid, s0.asid);
	KUNIT_EXPECT_EQ(test, tlb_stats.page, s0.page);

	switch_mm(NULL);
	KUNIT_EXPECT_TRUE(test, cpu_active_mm() == NULL);
	old = mm_asid(&asid_mms[0]);
	destroy_context(&asid_mms[0]);
	KUNIT_EXPECT_EQ(test, asid_mms[0].context.id, 0);
	switch_and_check(test, 0, 3);
	if (asid_rollovers() == roll0)		/* only a rollover frees the old number */
		KUNIT_EXPECT_NE(test, mm_asid(&asid_mms[0]), old);
	KUNIT_EXPECT_EQ(test, tlb_stats.all, s0.all);
}

/* The running mm keeps its ASID across a rollover (it is "reserved"); the others are reassigned. */
static void test_rollover_keeps_running_asid(struct kunit *test)
{
	unsigned int running;
	unsigned long roll0, all0;
	u64 gen;

	KUNIT_ASSERT_EQ(test, setup_mms(NR_ASID_MMS), 0);
	switch_mm(NULL);
	KUNIT_ASSERT_EQ(test, asid_set_bits(2), 0);	/* ASIDs 1..3 */
	for (int i = 0; i < 3; i++)
		switch_and_check(test, i, NR_ASID_MMS);
	running = mm_asid(&asid_mms[2]);
	roll0 = asid_rollovers();
	all0 = tlb_stats.all;
	gen = asid_generation();
	/* mm 3 finds no free ASID: rollover while mm 2 is in TTBR0. */
	switch_and_check(test, 3, NR_ASID_MMS);
	KUNIT_EXPECT_EQ(test, asid_rollovers() - roll0, 1);
	KUNIT_EXPECT_EQ(test, asid_generation(), gen + 1);
	KUNIT_EXPECT_EQ(test, tlb_stats.all - all0, 1);		/* exactly one local flush */
	KUNIT_EXPECT_NE(test, mm_asid(&asid_mms[3]), running);
	switch_and_check(test, 2, NR_ASID_MMS);
	KUNIT_EXPECT_EQ(test, mm_asid(&asid_mms[2]), running);	/* kept, now in the new generation */
	switch_and_check(test, 4, NR_ASID_MMS);	/* ASIDs 1..3 now belong to mms 3, 2 and 4 */
	KUNIT_EXPECT_EQ(test, asid_rollovers() - roll0, 1);
	running = mm_asid(&asid_mms[4]);
	switch_and_check(test, 0, NR_ASID_MMS);	/* a fourth one: the next rollover; mm 4 keeps its ASID */
	KUNIT_EXPECT_EQ(test, asid_rollovers() - roll0, 2);
	switch_and_check(test, 4, NR_ASID_MMS);
	KUNIT_EXPECT_EQ(test, mm_asid(&asid_mms[4]), running);
	KUNIT_EXPECT_EQ(test, tlb_stats.all - all0, 2);		/* one per rollover, none otherwise */
}

static struct kunit_case asid_cases[] = {
	KUNIT_CASE(test_set_bits),
	KUNIT_CASE(test_switch_without_flush),
	KUNIT_CASE(test_rollover_keeps_running_asid),
	{ NULL, NULL },
};

static struct kunit_suite asid_suite = {
	.name = "asid",
	.cases = asid_cases,
	.init = asid_test_init,
	.exit = asid_test_exit,
};
selftest_suite(asid_suite);
