/*
 * Self-test suite "mmu": the kernel runs from the high half with W^X on its
 * image, and the boot identity map is gone. Checked with the hardware's own
 * translation: AT S1E1R/S1E1W translate an address as an EL1 read or write
 * would and report in PAR_EL1 (ARM ARM C5.5, D17.2.113): PAR_EL1.F (bit 0)
 * set means the access would fault.
 */
#include <linux/kernel.h>
#include <linux/selftest.h>
#include <asm/boot.h>
#include <asm/memory.h>
#include <asm/sysreg.h>
#include <asm/pgtable-hwdef.h>
#include <asm/barrier.h>
#include <asm/proc-fns.h>
#include <asm/mmu_context.h>
#include <asm/mmu_probe.h>
#include <linux/pgtable.h>

/* The last-level descriptor for va in the live kernel tables (swapper_pg_dir, after paging_init). */
static u64 kernel_pte(unsigned long va)
{
	struct pt_walk w;

	pt_walk(swapper_pg_dir, va, &w);
	return w.desc[w.levels - 1];
}

static u64 rodata_probe = 1;	/* placed in .data: non-const */
static const u64 rodata_const = 2;

static void test_running_high(struct kunit *test)
{
	unsigned long pc;

	__asm__ __volatile__("adr %0, ." : "=r"(pc));
	KUNIT_EXPECT_GE(test, pc, KIMAGE_VADDR);
	KUNIT_EXPECT_LT(test, pc, (unsigned long)_etext);
}

static void test_text_rx(struct kunit *test)
{
	unsigned long va = (unsigned long)test_text_rx;
	u64 pte = kernel_pte(va);

	KUNIT_EXPECT_EQ(test, at_s1e1r(va) & 1, 0);	/* readable */
	KUNIT_EXPECT_EQ(test, at_s1e1w(va) & 1, 1);	/* not writable */
	KUNIT_EXPECT_EQ(test, pte & PTE_PXN, 0);	/* executable at EL1 */
	KUNIT_EXPECT_NE(test, pte & PTE_UXN, 0);	/* never at EL0 */
	/* The output address is where we were loaded. */
	KUNIT_EXPECT_EQ(test, (at_s1e1r(va) & PTE_ADDR_MASK), __pa_symbol(va) & PAGE_MASK);
}

static void test_rodata_ro_nx(struct kunit *test)
{
	unsigned long va = (unsigned long)&rodata_const;
	u64 pte = kernel_pte(va);

	KUNIT_EXPECT_EQ(test, at_s1e1r(va) & 1, 0);
	KUNIT_EXPECT_EQ(test, at_s1e1w(va) & 1, 1);
	KUNIT_EXPECT_NE(test, pte & PTE_PXN, 0);
	KUNIT_EXPECT_NE(test, pte & PTE_UXN, 0);
}

static void test_data_rw_nx(struct kunit *test)
{
	unsigned long va = (unsigned long)&rodata_probe;
	u64 pte = kernel_pte(va);

	KUNIT_EXPECT_EQ(test, at_s1e1w(va) & 1, 0);
	KUNIT_EXPECT_NE(test, pte & PTE_PXN, 0);
	KUNIT_EXPECT_NE(test, pte & PTE_UXN, 0);
	va = (unsigned long)init_stack;	/* BSS */
	KUNIT_EXPECT_EQ(test, at_s1e1w(va) & 1, 0);
	KUNIT_EXPECT_NE(test, kernel_pte(va) & PTE_PXN, 0);
}

/* No page of the image is both writable and executable. */
static void test_no_wx_page(struct kunit *test)
{
	int bad = 0;

	for (unsigned long va = (unsigned long)_text; va < (unsigned long)_end; va += PAGE_SIZE) {
		u64 pte = kernel_pte(va);

		if ((pte & PTE_VALID) && !(pte & PTE_RDONLY) && !(pte & PTE_PXN))
			bad++;
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
}

/* The linear map's alias of the text and rodata is read-only and never executable. */
static void test_linear_alias_ro(struct kunit *test)
{
	unsigned long text = (unsigned long)__va(__pa_symbol(test_linear_alias_ro));
	unsigned long ro = (unsigned long)__va(__pa_symbol(&rodata_const));
	unsigned long data = (unsigned long)__va(__pa_symbol(&rodata_probe));

	KUNIT_EXPECT_EQ(test, at_s1e1r(text) & 1, 0);
	KUNIT_EXPECT_EQ(test, at_s1e1w(text) & 1, 1);
	KUNIT_EXPECT_NE(test, kernel_pte(text) & PTE_PXN, 0);
	KUNIT_EXPECT_EQ(test, at_s1e1w(ro) & 1, 1);
	KUNIT_EXPECT_EQ(test, at_s1e1w(data) & 1, 0);	/* data stays writable through both */
}

struct wx_scan {
	unsigned long leaves, wx, exec_outside_text;
};

/* Every leaf under table (level 0..3) of the TTBR1 tree, va its first address. */
static void scan_level(const u64 *table, int level, unsigned long va, struct wx_scan *s)
{
	static const int shift[4] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT, PTE_SHIFT };

	for (int i = 0; i < PTRS_PER_TABLE; i++) {
		u64 desc = table[i];
		unsigned long a = va + ((unsigned long)i << shift[level]);

		if (level == 0)
			a |= 0xffff000000000000UL;	/* TTBR1: the top 16 bits are ones */
		if (!(desc & PTE_VALID))
			continue;
		if (level < 3 && pxd_table(desc)) {
			scan_level(__va(desc & PTE_ADDR_MASK), level + 1, a, s);
			continue;
		}
		s->leaves++;
		if (desc & PTE_PXN)
			continue;
		if (!(desc & PTE_RDONLY))
			s->wx++;
		if (a < (unsigned long)_text || a >= (unsigned long)_etext)
			s->exec_outside_text++;
	}
}

/*
 * No kernel mapping at all -- linear map, image, DTB, devices -- is both
 * writable and executable, and nothing but the image's text executes.
 * Walks every valid entry of the live TTBR1 tables, blocks included.
 */
static void test_no_wx_anywhere(struct kunit *test)
{
	struct wx_scan s = { 0 };

	scan_level(swapper_pg_dir, 0, 0, &s);
	printk("        # %lu kernel leaf entries: %lu writable+executable, %lu executable outside the text\n",
	       s.leaves, s.wx, s.exec_outside_text);
	KUNIT_EXPECT_GT(test, s.leaves, 0);
	KUNIT_EXPECT_EQ(test, s.wx, 0);
	KUNIT_EXPECT_EQ(test, s.exec_outside_text, 0);
}

/*
 * The physical address of the image no longer translates. Boot turns TTBR0
 * walks off (TCR_EL1.EPD0); paging_init() turns them on with TTBR0 at the
 * empty reserved_pg_dir, as Linux does, until a user mm runs.
 */
static void test_identity_map_gone(struct kunit *test)
{
	if (!(read_sysreg(tcr_el1) & TCR_EPD0) && cpu_active_mm() == NULL)
		KUNIT_EXPECT_EQ(test, read_sysreg(ttbr0_el1) & PTE_ADDR_MASK,
				__pa_symbol(reserved_pg_dir));
	else if (read_sysreg(tcr_el1) & TCR_EPD0)
		KUNIT_EXPECT_EQ(test, read_sysreg(ttbr0_el1) & PTE_ADDR_MASK, 0);
	KUNIT_EXPECT_EQ(test, at_s1e1r(early_boot_info.phys_text) & 1, 1);
	KUNIT_EXPECT_EQ(test, at_s1e1r(__pa_symbol(test_identity_map_gone)) & 1, 1);
}

static struct kunit_case mmu_cases[] = {
	KUNIT_CASE(test_running_high),
	KUNIT_CASE(test_text_rx),
	KUNIT_CASE(test_rodata_ro_nx),
	KUNIT_CASE(test_data_rw_nx),
	KUNIT_CASE(test_linear_alias_ro),
	KUNIT_CASE(test_no_wx_anywhere),
	KUNIT_CASE(test_no_wx_page),
	KUNIT_CASE(test_identity_map_gone),
	{ NULL, NULL },
};

static struct kunit_suite mmu_suite = { .name = "mmu", .cases = mmu_cases };
selftest_suite(mmu_suite);
