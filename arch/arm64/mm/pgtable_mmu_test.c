/*
 * Self-test suite "pgtable_mmu" (kernel only): the software walker
 * (pt_walk) agrees with the hardware's own translation (AT + PAR_EL1) --
 * output address, memory attributes, EL1/EL0 read/write permission, and the
 * level of a translation fault -- for the live kernel tree and for a scratch
 * user tree holding pages, 2 MiB and 1 GiB blocks of every permission;
 * split_block keeps contents readable through the MMU; PROT_NONE entries
 * stop EL0 and EL1; PAN, the hardware access flag and hardware dirty state
 * (FEAT_HAFDBS) when the CPU has them (the cases skip, saying why, when it
 * does not; the 1 GiB split skips below 1 GiB of RAM).
 *
 * Every case here asks the MMU (AT, loads through an exception-table
 * entry: asm/mm_test.h), so none can run on the host; what the page-table
 * API does without an MMU is suite "pgtable" (mm/pgtable_test.c), which
 * runs in both places.
 *
 *   make qemu-test BOOTARGS=selftest=pgtable_mmu          (Cortex-A72)
 *   make qemu-test BOOTARGS=selftest=pgtable_mmu CPU=max  (PAN, hardware AF/DBM)
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/pgtable.h>
#include <linux/selftest.h>
#include <asm/boot.h>
#include <asm/memory.h>
#include <linux/mm_selftest.h>
#include <asm/mmu_probe.h>
#include <asm/tlbflush.h>
#include <asm/uaccess-pan.h>

struct at_check {
	struct kunit *test;
	unsigned long checked, mismatches;
};

static void mismatch(struct at_check *c, unsigned long va, const char *what, u64 sw, u64 hw)
{
	if (c->mismatches++ < 8)
		printk("        # 0x%016lx: %s: walker 0x%lx, MMU 0x%lx\n", va, what,
		       (unsigned long)sw, (unsigned long)hw);
}

/*
 * Walk va in pgd (which must be the tree the MMU uses for va now) and ask
 * the MMU: both must say the same.
 */
static void check_va(struct at_check *c, pgd_t *pgd, unsigned long va)
{
	u64 r1 = at_s1e1r(va), w1 = at_s1e1w(va), r0 = at_s1e0r(va), w0 = at_s1e0w(va);
	struct pt_walk w;
	u64 leaf;

	pt_walk(pgd, va, &w);
	c->checked++;
	leaf = w.desc[w.levels - 1];
	if (!w.valid) {
		if (!(r1 & PAR_F))
			mismatch(c, va, "walker: fault, MMU: translates to", 0, PAR_PA(r1));
		else if (PAR_FST(r1) != FST_TRANSLATION(w.levels - 1))
			mismatch(c, va, "fault status (translation fault at level)", FST_TRANSLATION(w.levels - 1),
				 PAR_FST(r1));
		return;
	}
	if (!(leaf & PTE_AF) && !cpu_has_hw_af()) {
		if (!(r1 & PAR_F) || PAR_FST(r1) != FST_ACCESS_FLAG(w.block_level))
			mismatch(c, va, "AF clear: access flag fault expected", FST_ACCESS_FLAG(w.block_level),
				 r1);
		return;
	}
	if (r1 & PAR_F) {
		mismatch(c, va, "walker translates, MMU faults with FST", w.pa, PAR_FST(r1));
		return;
	}
	if (PAR_PA(r1) != (w.pa & PAGE_MASK))
		mismatch(c, va, "output address", w.pa & PAGE_MASK, PAR_PA(r1));
	if (PAR_ATTR(r1) != mair_attr(leaf))
		mismatch(c, va, "memory attributes (MAIR byte)", mair_attr(leaf), PAR_ATTR(r1));
	/* Shareability is reported as given only for Normal cacheable memory. */
	if (mair_attr(leaf) == 0xff && PAR_SH(r1) != ((leaf >> 8) & 3))
		mismatch(c, va, "shareability", (leaf >> 8) & 3, PAR_SH(r1));
	/* AP[2:1] (ARM ARM D8.4.1): RDONLY = read-only at every EL, USER = EL0 may access. */
	if (!!(w1 & PAR_F) != !!(leaf & PTE_RDONLY))
		mismatch(c, va, "EL1 write faults (RDONLY)", !!(leaf & PTE_RDONLY), w1 & PAR_F);
	if (!!(r0 & PAR_F) != !(leaf & PTE_USER))
		mismatch(c, va, "EL0 read faults (!USER)", !(leaf & PTE_USER), r0 & PAR_F);
	if (!!(w0 & PAR_F) != !((leaf & PTE_USER) && !(leaf & PTE_RDONLY)))
		mismatch(c, va, "EL0 write faults", !((leaf & PTE_USER) && !(leaf & PTE_RDONLY)), w0 & PAR_F);
}

/* The kernel's own tree, as built by paging_init: linear map, image, DTB, ioremap window, holes. */
static void test_kernel_tree_matches_mmu(struct kunit *test)
{
	struct at_check c = { .test = test };
	unsigned long va;

	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];

		for (phys_addr_t pa = r->base; pa < r->base + r->size; pa += SZ_1M)
			check_va(&c, swapper_pg_dir, (unsigned long)__va(pa));
		check_va(&c, swapper_pg_dir, (unsigned long)__va(r->base + r->size - 8));
		check_va(&c, swapper_pg_dir, (unsigned long)__va(r->base + r->size));	/* past RAM */
	}
	for (va = (unsigned long)_text; va < (unsigned long)_end + PAGE_SIZE; va += PAGE_SIZE)
		check_va(&c, swapper_pg_dir, va);
	for (va = FDT_VIRT; va < FDT_VIRT + FDT_MAX_SIZE; va += PAGE_SIZE)
		check_va(&c, swapper_pg_dir, va);
	for (va = FIXMAP_START; va < FIXMAP_START + FIXMAP_SIZE; va += PAGE_SIZE)
		check_va(&c, swapper_pg_dir, va);
	check_va(&c, swapper_pg_dir, PAGE_OFFSET);		/* below RAM */
	check_va(&c, swapper_pg_dir, 0xffff900000000000UL);	/* an empty L0 slot */
	check_va(&c, swapper_pg_dir, FIXMAP_START + FIXMAP_SIZE);
	printk("        # %lu kernel addresses compared with AT S1E1R/W, S1E0R/W\n", c.checked);
	KUNIT_EXPECT_GT(test, c.checked, 1000);
	KUNIT_EXPECT_EQ(test, c.mismatches, 0);
}

/* A scratch user tree: 4K pages, 2M and 1G blocks of each kind, and holes at each level. */
#define UT_PAGES	0x10000000UL	/* 64 pages, six kinds in turn */
#define UT_NPAGES	64
#define UT_BLOCKS_2M	0x40000000UL	/* 8 x 2 MiB */
#define UT_BLOCK_1G	0x80000000UL	/* 2 x 1 GiB */
#define UT_HIGH		0x00007fffffe00000UL	/* last L0 slot of the user half */

static void test_user_tree_matches_mmu(struct kunit *test)
{
	static const pgprot_t page_prots[] = {
		PROT_USER_BASE | PTE_AF | PTE_UXN,			/* EL0 RW (data) */
		PROT_USER_BASE | PTE_AF | PTE_RDONLY,			/* EL0 R-X (text) */
		PROT_USER_BASE | PTE_AF | PTE_RDONLY | PTE_UXN,		/* EL0 R-- */
		PAGE_KERNEL | PTE_NG,					/* EL1 only, RW */
		PAGE_KERNEL_RO | PTE_NG,				/* EL1 only, RO */
		PAGE_DEVICE | PTE_NG,					/* Device-nGnRE */
	};
	phys_addr_t ram = memblock_start_of_DRAM(), ram2m = ALIGN(ram, SZ_2M);
	struct mm_struct *prev = cpu_active_mm(), mm;
	struct at_check c = { .test = test };
	unsigned long tables_before = nr_pagetable_pages(), free_before;
	int ret = 0;

	drain_all_pages();		/* as before the comparison at the end: per-CPU lists empty */
	free_before = nr_free_pages();
	KUNIT_ASSERT_TRUE(test, test_mm_init(&mm));
	for (int i = 0; i < UT_NPAGES; i++) {
		pgprot_t prot = page_prots[i % ARRAY_SIZE(page_prots)];

		if (prot == (PAGE_DEVICE | PTE_NG))	/* translation only: the UART's page */
			ret |= map_pages(mm.pgd, UT_PAGES + i * PAGE_SIZE, 0x09000000, PAGE_SIZE, prot,
					 false, &mm.nr_pgtables);
		else
			ret |= !test_mm_map_page(&mm, UT_PAGES + i * PAGE_SIZE, prot);
	}
	/* A page whose AF is clear: the first access faults (or the MMU sets AF, with FEAT_HAFDBS). */
	ret |= !test_mm_map_page(&mm, UT_PAGES + (UT_NPAGES + 1) * PAGE_SIZE,
				 PROT_USER_BASE | PTE_RDONLY | PTE_UXN);
	/* Blocks map RAM we do not own: translated with AT only, never accessed; PTE_SPECIAL = not ours to free. */
	for (int j = 0; j < 8; j++)
		ret |= map_pages(mm.pgd, UT_BLOCKS_2M + j * SZ_2M, ram2m + j * SZ_2M, SZ_2M,
				 (j & 1 ? PAGE_KERNEL | PTE_NG : PROT_USER_BASE | PTE_AF | PTE_RDONLY | PTE_UXN) |
				 PTE_SPECIAL, true, &mm.nr_pgtables);
	ret |= map_pages(mm.pgd, UT_BLOCK_1G, ALIGN_DOWN(ram, SZ_1G), SZ_1G,
			 PROT_USER_BASE | PTE_AF | PTE_RDONLY | PTE_UXN | PTE_SPECIAL, true, &mm.nr_pgtables);
	ret |= map_pages(mm.pgd, UT_BLOCK_1G + SZ_1G, 0, SZ_1G, PAGE_DEVICE | PTE_NG, true, &mm.nr_pgtables);
	ret |= !test_mm_map_page(&mm, UT_HIGH, PROT_USER_BASE | PTE_AF | PTE_UXN);
	KUNIT_EXPECT_EQ(test, ret, 0);

	/* The walker's view of the layout. */
	{
		struct pt_walk w;

		pt_walk(mm.pgd, UT_BLOCKS_2M + SZ_2M + 0x1234, &w);
		KUNIT_EXPECT_EQ(test, w.block_level, 2);
		KUNIT_EXPECT_EQ(test, w.pa, ram2m + SZ_2M + 0x1234);
		pt_walk(mm.pgd, UT_BLOCK_1G + 0x12345678, &w);
		KUNIT_EXPECT_EQ(test, w.block_level, 1);
		KUNIT_EXPECT_EQ(test, w.pa, ALIGN_DOWN(ram, SZ_1G) + 0x12345678);
		pt_walk(mm.pgd, UT_PAGES + 3 * PAGE_SIZE + 8, &w);
		KUNIT_EXPECT_EQ(test, w.block_level, 3);
		KUNIT_EXPECT_EQ(test, w.levels, 4);
	}

	switch_mm(&mm);
	for (unsigned long va = UT_PAGES - 2 * PAGE_SIZE; va < UT_PAGES + (UT_NPAGES + 3) * PAGE_SIZE;
	     va += PAGE_SIZE)
		check_va(&c, mm.pgd, va + 0x10);
	for (int j = 0; j < 8; j++) {
		check_va(&c, mm.pgd, UT_BLOCKS_2M + j * SZ_2M);
		check_va(&c, mm.pgd, UT_BLOCKS_2M + j * SZ_2M + SZ_2M - 8);
	}
	check_va(&c, mm.pgd, UT_BLOCKS_2M + 8 * SZ_2M);			/* L2 hole */
	for (unsigned long off = 0; off < SZ_1G; off += 64 * SZ_1M) {
		check_va(&c, mm.pgd, UT_BLOCK_1G + off);
		check_va(&c, mm.pgd, UT_BLOCK_1G + SZ_1G + off);
	}
	check_va(&c, mm.pgd, UT_BLOCK_1G + 2 * SZ_1G);			/* L1 hole */
	check_va(&c, mm.pgd, 0x0000100000000000UL);			/* L0 hole */
	check_va(&c, mm.pgd, UT_HIGH);
	check_va(&c, mm.pgd, UT_HIGH + PAGE_SIZE);
	switch_mm(prev);
	printk("        # %lu user-tree addresses compared with AT S1E1R/W, S1E0R/W\n", c.checked);
	KUNIT_EXPECT_EQ(test, c.mismatches, 0);
	KUNIT_EXPECT_GT(test, c.checked, 90);

	/* Everything goes back: pages and page-table pages. */
	KUNIT_EXPECT_EQ(test, nr_pagetable_pages() - tables_before, mm.nr_pgtables);
	test_mm_destroy(&mm);
	KUNIT_EXPECT_EQ(test, mm.nr_pgtables, 0);
	KUNIT_EXPECT_EQ(test, get_mm_counter(&mm, MM_ANONPAGES), 0);
	KUNIT_EXPECT_EQ(test, nr_pagetable_pages(), tables_before);
	drain_all_pages();
	KUNIT_EXPECT_EQ(test, nr_free_pages(), free_before);
}

/* Read the first u64 of every 4 KiB page in [va, va + size) and compare with the pattern. */
static unsigned long count_bad_pages(unsigned long va, unsigned long size, u64 seed)
{
	unsigned long bad = 0;

	for (unsigned long off = 0; off < size; off += PAGE_SIZE) {
		u64 v;

		if (!probe_kernel_read(va + off, &v) || v != (seed ^ off))
			bad++;
	}
	return bad;
}

#define SPLIT_VA	0x200000000UL	/* 8 GiB: 1 GiB aligned */

/* A 2 MiB block becomes 512 pages with the same attributes; the contents stay readable. */
static void test_split_block_2m(struct kunit *test)
{
	struct mm_struct *prev = cpu_active_mm(), mm;
	struct page *block = alloc_pages(GFP_KERNEL, 9);
	unsigned long before;
	struct at_check c = { .test = test };
	u64 old, *mem;
	struct pt_walk w;

	KUNIT_ASSERT_TRUE(test, block != NULL);
	KUNIT_ASSERT_TRUE(test, test_mm_init(&mm));
	mem = page_address(block);
	for (unsigned long off = 0; off < SZ_2M; off += PAGE_SIZE)
		mem[off / 8] = 0x5eed0000UL ^ off;
	KUNIT_EXPECT_EQ(test, map_pages(mm.pgd, SPLIT_VA, page_to_phys(block), SZ_2M,
					PAGE_KERNEL_RO | PTE_NG | PTE_SPECIAL, true, &mm.nr_pgtables), 0);
	pt_walk(mm.pgd, SPLIT_VA, &w);
	KUNIT_EXPECT_EQ(test, w.block_level, 2);
	old = w.desc[2];

	switch_mm(&mm);
	KUNIT_EXPECT_EQ(test, count_bad_pages(SPLIT_VA, SZ_2M, 0x5eed0000UL), 0);	/* TLB now holds the block */
	before = tlb_stats.page;
	KUNIT_EXPECT_EQ(test, split_block(mm.pgd, SPLIT_VA + 5 * PAGE_SIZE, (int)mm_asid(&mm)), 0);
	KUNIT_EXPECT_EQ(test, tlb_stats.page - before, 1);	/* break: one TLBI by VA */
	KUNIT_EXPECT_EQ(test, count_bad_pages(SPLIT_VA, SZ_2M, 0x5eed0000UL), 0);
	for (unsigned long off = 0; off < SZ_2M; off += 37 * PAGE_SIZE) {
		pt_walk(mm.pgd, SPLIT_VA + off, &w);
		KUNIT_EXPECT_EQ(test, w.block_level, 3);
		KUNIT_EXPECT_EQ(test, w.pa, page_to_phys(block) + off);
		KUNIT_EXPECT_EQ(test, w.desc[3] & ~PTE_ADDR_MASK & ~PTE_TYPE_MASK,
				old & ~PTE_ADDR_MASK & ~PTE_TYPE_MASK);
		check_va(&c, mm.pgd, SPLIT_VA + off);
	}
	KUNIT_EXPECT_EQ(test, c.mismatches, 0);
	/* Splitting a page is refused. */
	KUNIT_EXPECT_EQ(test, split_block(mm.pgd, SPLIT_VA, (int)mm_asid(&mm)), -EINVAL);
	switch_mm(prev);
	test_mm_destroy(&mm);
	__free_pages(block, 9);
}

/* A 1 GiB block of RAM (an alias of the linear map) becomes 2 MiB blocks, then one of them pages. */
/* Is the 1 GiB-aligned GiB at base all RAM? */
static bool whole_gib_of_ram(phys_addr_t base)
{
	return memblock_is_memory(base) && memblock_is_memory(base + SZ_1G - 1);
}

static void test_split_block_1g(struct kunit *test)
{
	phys_addr_t base = 0;
	struct mm_struct *prev = cpu_active_mm(), mm;
	struct page *probe[4], *page, *n;
	LIST_HEAD(elsewhere);
	struct pt_walk w;
	int bad = 0, found = 0;

	/*
	 * Probe pages inside one whole GiB of RAM: the GiB of the first page
	 * the allocator hands out that lies in one (with more than 1 GiB of RAM
	 * the allocator may serve any of them). Pages elsewhere are held until
	 * the end, so the allocator moves on.
	 */
	for (int tries = 0; found < 4 && tries < 4096; tries++) {
		page = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_TRUE(test, page != NULL);
		if (!found && whole_gib_of_ram(ALIGN_DOWN(page_to_phys(page), SZ_1G)))
			base = ALIGN_DOWN(page_to_phys(page), SZ_1G);
		if (found || base) {
			if (ALIGN_DOWN(page_to_phys(page), SZ_1G) == base) {
				probe[found++] = page;
				continue;
			}
		}
		list_add(&page->lru, &elsewhere);
	}
	list_for_each_entry_safe(page, n, &elsewhere, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	if (found < 4) {
		for (int i = 0; i < found; i++)
			__free_page(probe[i]);
		kunit_skip(test, "4096 allocations gave no 4 pages inside one whole 1 GiB-aligned GiB of "
			   "RAM (%llu MiB of RAM from 0x%llx; on QEMU virt MEM=1G or 2G has them)",
			   (unsigned long long)(memblock_phys_mem_size() >> 20),
			   (unsigned long long)memblock_start_of_DRAM());
	}
	KUNIT_ASSERT_TRUE(test, test_mm_init(&mm));
	for (int i = 0; i < 4; i++)
		*(u64 *)page_address(probe[i]) = 0xb10c0000UL + (unsigned long)i;
	printk("        # 1 GiB block at 0x%llx\n", (unsigned long long)base);
	KUNIT_EXPECT_EQ(test, map_pages(mm.pgd, SPLIT_VA, base, SZ_1G, PAGE_KERNEL_RO | PTE_NG | PTE_SPECIAL,
					true, &mm.nr_pgtables), 0);
	switch_mm(&mm);
	for (int step = 0; step < 3; step++) {
		if (step == 1)
			KUNIT_EXPECT_EQ(test, split_block(mm.pgd, SPLIT_VA, (int)mm_asid(&mm)), 0);
		if (step == 2)
			KUNIT_EXPECT_EQ(test, split_block(mm.pgd, SPLIT_VA + (page_to_phys(probe[0]) - base),
							  (int)mm_asid(&mm)), 0);
		for (int i = 0; i < 4; i++) {
			unsigned long va = SPLIT_VA + (page_to_phys(probe[i]) - base);
			u64 v;

			if (!probe_kernel_read(va, &v) || v != 0xb10c0000UL + (unsigned long)i)
				bad++;
		}
		pt_walk(mm.pgd, SPLIT_VA + (page_to_phys(probe[0]) - base), &w);
		KUNIT_EXPECT_EQ(test, w.block_level, step == 0 ? 1 : step == 1 ? 2 : 3);
		KUNIT_EXPECT_EQ(test, w.pa, page_to_phys(probe[0]));
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
	switch_mm(prev);
	test_mm_destroy(&mm);
	for (int i = 0; i < 4; i++)
		__free_page(probe[i]);
}

/* PAN: an ordinary EL1 load from a user page faults unless uaccess_enable() lifted PAN. */
static void test_pan(struct kunit *test)
{
	struct mm_struct *prev = cpu_active_mm(), mm;
	struct page *page;
	u64 v = 0;

	KUNIT_EXPECT_EQ(test, arm64_pan_enabled, cpu_has_pan());
	if (!arm64_pan_enabled)
		kunit_skip(test, "this CPU has no PAN (ID_AA64MMFR1_EL1.PAN = 0): try CPU=max");
	KUNIT_ASSERT_TRUE(test, test_mm_init(&mm));
	page = test_mm_map_page(&mm, 0x400000, PROT_USER_BASE | PTE_AF | PTE_UXN);
	KUNIT_ASSERT_TRUE(test, page != NULL);
	*(u64 *)page_address(page) = 0xfeed;
	switch_mm(&mm);
	KUNIT_EXPECT_TRUE(test, pan_is_set());
	KUNIT_EXPECT_FALSE(test, probe_kernel_read(0x400000, &v));	/* permission fault */
	KUNIT_EXPECT_TRUE(test, probe_user_read(0x400000, &v));		/* LDTR: EL0's view */
	KUNIT_EXPECT_EQ(test, v, 0xfeed);
	uaccess_enable();
	v = 0;
	KUNIT_EXPECT_TRUE(test, probe_kernel_read(0x400000, &v));
	uaccess_disable();
	KUNIT_EXPECT_EQ(test, v, 0xfeed);
	KUNIT_EXPECT_TRUE(test, pan_is_set());
	switch_mm(prev);
	test_mm_destroy(&mm);
}

/*
 * mprotect(PROT_NONE) leaves an invalid entry that still holds the page
 * (PTE_PROT_NONE): neither EL0 nor EL1 can read it (a valid kernel-only
 * entry would let EL1 read it, with or without PAN), and making it readable
 * again brings back the same page.
 */
static void test_prot_none_invalid(struct kunit *test)
{
	struct mm_struct *prev = cpu_active_mm(), mm;
	struct page *page;
	pte_t *ptep;
	u64 v = 0;

	KUNIT_ASSERT_TRUE(test, test_mm_init(&mm));
	page = test_mm_map_page(&mm, 0x400000, PROT_USER_BASE | PTE_AF | PTE_UXN);
	KUNIT_ASSERT_TRUE(test, page != NULL);
	*(u64 *)page_address(page) = 0xfeed;
	change_protection(&mm, 0x400000, 0x401000, PAGE_NONE);
	ptep = pte_lookup(mm.pgd, 0x400000);
	KUNIT_EXPECT_TRUE(test, ptep && pte_present(*ptep) && !pte_valid(*ptep));
	KUNIT_EXPECT_EQ(test, pte_pfn(*ptep), page_to_pfn(page));
	switch_mm(&mm);
	KUNIT_EXPECT_FALSE(test, probe_user_read(0x400000, &v));
	uaccess_enable();		/* PAN off: only the entry itself can stop EL1 now */
	KUNIT_EXPECT_FALSE(test, probe_kernel_read(0x400000, &v));
	uaccess_disable();
	switch_mm(prev);
	change_protection(&mm, 0x400000, 0x401000, PAGE_READONLY);
	KUNIT_EXPECT_TRUE(test, pte_valid(*ptep));
	switch_mm(&mm);
	KUNIT_EXPECT_TRUE(test, probe_user_read(0x400000, &v));
	switch_mm(prev);
	KUNIT_EXPECT_EQ(test, v, 0xfeed);
	test_mm_destroy(&mm);
}

/*
 * FEAT_HAFDBS, the access flag: with TCR_EL1.HA (set by paging_init when the
 * CPU has it), a load through a PTE whose AF is clear does not fault; the
 * MMU sets AF in the descriptor in memory.
 */
static void test_hw_af(struct kunit *test)
{
	struct mm_struct *prev = cpu_active_mm(), mm;
	struct page *page;
	pte_t *ptep;
	u64 v = 0;

	if (!cpu_has_hw_af())
		kunit_skip(test, "no hardware access flag (ID_AA64MMFR1_EL1.HAFDBS = 0): try CPU=max");
	KUNIT_EXPECT_NE(test, read_sysreg(tcr_el1) & TCR_HA, 0);
	KUNIT_ASSERT_TRUE(test, test_mm_init(&mm));
	page = test_mm_map_page(&mm, 0x400000, PAGE_READONLY);	/* AF clear */
	KUNIT_ASSERT_TRUE(test, page != NULL);
	*(u64 *)page_address(page) = 0xaf0001;
	ptep = pte_lookup(mm.pgd, 0x400000);
	KUNIT_ASSERT_TRUE(test, ptep != NULL);
	KUNIT_EXPECT_FALSE(test, pte_young(READ_ONCE(*ptep)));
	switch_mm(&mm);
	KUNIT_EXPECT_TRUE(test, probe_user_read(0x400000, &v));	/* no access flag fault */
	KUNIT_EXPECT_EQ(test, v, 0xaf0001);
	KUNIT_EXPECT_TRUE(test, pte_young(READ_ONCE(*ptep)));	/* set by the MMU */
	switch_mm(prev);
	test_mm_destroy(&mm);
}

/*
 * FEAT_HAFDBS, dirty state: with TCR_EL1.HD, a store to a writable-clean
 * page (DBM set, AP[2] read-only: PAGE_SHARED) does not fault; the MMU
 * clears AP[2], which makes the PTE hardware-dirty. A read-only page
 * without DBM still faults.
 */
static void test_hw_dbm(struct kunit *test)
{
	struct mm_struct *prev = cpu_active_mm(), mm;
	struct page *clean, *ro;
	pte_t *clean_ptep, *ro_ptep;
	u64 v = 0;

	if (!cpu_has_hw_dbm())
		kunit_skip(test, "no hardware dirty state (ID_AA64MMFR1_EL1.HAFDBS < 2): try CPU=max");
	KUNIT_EXPECT_NE(test, read_sysreg(tcr_el1) & TCR_HD, 0);
	KUNIT_ASSERT_TRUE(test, test_mm_init(&mm));
	clean = test_mm_map_page(&mm, 0x400000, PAGE_SHARED | PTE_AF);
	ro = test_mm_map_page(&mm, 0x401000, PAGE_READONLY | PTE_AF);
	KUNIT_ASSERT_TRUE(test, clean != NULL && ro != NULL);
	clean_ptep = pte_lookup(mm.pgd, 0x400000);
	ro_ptep = pte_lookup(mm.pgd, 0x401000);
	KUNIT_ASSERT_TRUE(test, clean_ptep != NULL && ro_ptep != NULL);
	KUNIT_EXPECT_FALSE(test, pte_dirty(READ_ONCE(*clean_ptep)));
	switch_mm(&mm);
	KUNIT_EXPECT_TRUE(test, probe_user_write(0x400000, 0xdb0001));	/* no permission fault */
	KUNIT_EXPECT_TRUE(test, pte_hw_dirty(READ_ONCE(*clean_ptep)));	/* AP[2] cleared by the MMU */
	KUNIT_EXPECT_TRUE(test, probe_user_read(0x400000, &v));
	KUNIT_EXPECT_EQ(test, v, 0xdb0001);
	KUNIT_EXPECT_EQ(test, *(u64 *)page_address(clean), 0xdb0001);
	KUNIT_EXPECT_FALSE(test, probe_user_write(0x401000, 0xdb0002));	/* no DBM: faults */
	KUNIT_EXPECT_NE(test, READ_ONCE(*ro_ptep) & PTE_RDONLY, 0);
	KUNIT_EXPECT_EQ(test, *(u64 *)page_address(ro), 0);
	switch_mm(prev);
	test_mm_destroy(&mm);
}


static struct kunit_case pgtable_mmu_cases[] = {
	KUNIT_CASE(test_kernel_tree_matches_mmu),
	KUNIT_CASE(test_user_tree_matches_mmu),
	KUNIT_CASE(test_split_block_2m),
	KUNIT_CASE(test_split_block_1g),
	KUNIT_CASE(test_prot_none_invalid),
	KUNIT_CASE(test_pan),
	KUNIT_CASE(test_hw_af),
	KUNIT_CASE(test_hw_dbm),
	{ NULL, NULL },
};

static struct kunit_suite pgtable_mmu_suite = { .name = "pgtable_mmu", .cases = pgtable_mmu_cases };
selftest_suite(pgtable_mmu_suite);
