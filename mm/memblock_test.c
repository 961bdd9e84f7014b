/*
 * Self-test suite "memblock": the boot memory map on the real machine.
 *
 * By the time the self-tests run, memblock has handed its free memory to the
 * buddy allocator (mm_init.c: memblock_free_all), so memblock_alloc() must not
 * be called any more. What can still be checked is the map it built from the
 * device tree and what the hand-over made of it:
 *
 *   - the kernel image, the DTB and mem_map are reserved (and PG_reserved);
 *   - memory adds up to what the DT /memory nodes say;
 *   - both arrays are sorted, disjoint and merged;
 *   - free ranges lie in memory and never touch a reserved range, and the
 *     buddy allocator got exactly their whole pages;
 *   - memblock_dump_all() prints Linux's format;
 *   - reserve/free on the live arrays split and merge as documented, and
 *     leave the map exactly as it was (memblock only; no page changes owner).
 *
 * The host tests (tests/host/test_memblock.c) cover the algorithms on
 * made-up maps; this suite is about the map this boot really produced.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/of_fdt.h>
#include <linux/printk.h>
#include <linux/selftest.h>
#include <asm/boot.h>
#include <string.h>

#define PFN_UP(x)	PHYS_PFN((x) + PAGE_SIZE - 1)

/* Is every byte of [base, base + size) reserved in memblock? (Page steps, plus the last byte.) */
static bool range_reserved(phys_addr_t base, phys_addr_t size)
{
	for (phys_addr_t a = base; a < base + size; a += PAGE_SIZE)
		if (!memblock_is_reserved(a))
			return false;
	return memblock_is_reserved(base + size - 1);
}

/* Are all the pages overlapping [base, base + size) PG_reserved in mem_map? */
static bool range_pg_reserved(phys_addr_t base, phys_addr_t size)
{
	for (unsigned long pfn = PHYS_PFN(base); pfn < PFN_UP(base + size); pfn++)
		if (pfn_valid(pfn) && !PageReserved(pfn_to_page(pfn)))
			return false;
	return true;
}

struct dt_tally {
	u64 total, lowest, highest;
	int ranges, reserved_bad, nomap_mapped;
};

static void tally_memory(u64 base, u64 size, bool nomap, const char *name, void *arg)
{
	struct dt_tally *t = arg;

	t->total += size;
	t->lowest = t->ranges ? min(t->lowest, base) : base;
	t->highest = max(t->highest, base + size);
	t->ranges++;
}

static void check_dt_reservation(u64 base, u64 size, bool nomap, const char *name, void *arg)
{
	struct dt_tally *t = arg;

	if (!size)
		return;		/* dynamic placement: not supported, not reserved */
	t->ranges++;
	if (!range_reserved(base, size))
		t->reserved_bad++;
	if (nomap && memblock_is_map_memory(base))
		t->nomap_mapped++;
}

/* The kernel image and the DTB were reserved before anything was allocated. */
static void test_image_and_dtb_reserved(struct kunit *test)
{
	phys_addr_t text = early_boot_info.phys_text, size = (phys_addr_t)(_end - _text);

	KUNIT_EXPECT_TRUE(test, range_reserved(text, size));
	KUNIT_EXPECT_TRUE(test, range_reserved(early_boot_info.dtb_pa, early_boot_info.dtb_size));
	/* ... and so the buddy allocator never got their pages. */
	KUNIT_EXPECT_TRUE(test, range_pg_reserved(text, size));
	KUNIT_EXPECT_TRUE(test, range_pg_reserved(early_boot_info.dtb_pa, early_boot_info.dtb_size));
}

/* mem_map came from memblock (free_area_init) and is reserved there. */
static void test_mem_map_reserved(struct kunit *test)
{
	phys_addr_t pa = __pa(mem_map), size = (max_pfn - min_low_pfn) * sizeof(struct page);

	KUNIT_EXPECT_TRUE(test, memblock_is_memory(pa));
	KUNIT_EXPECT_TRUE(test, range_reserved(pa, size));
	KUNIT_EXPECT_TRUE(test, range_pg_reserved(pa, size));
	KUNIT_EXPECT_EQ(test, min_low_pfn, PHYS_PFN(memblock_start_of_DRAM()));
	KUNIT_EXPECT_EQ(test, max_pfn, PHYS_PFN(memblock_end_of_DRAM()));
}

/* memory = the DT's /memory ranges; every DT reservation is reserved. */
static void test_memory_matches_dt(struct kunit *test)
{
	struct dt_tally mem = { 0 }, rsv = { 0 };

	KUNIT_ASSERT_TRUE(test, of_scan_memory(tally_memory, &mem) > 0);
	KUNIT_EXPECT_EQ(test, memblock_phys_mem_size(), mem.total);
	KUNIT_EXPECT_EQ(test, memblock_start_of_DRAM(), mem.lowest);
	KUNIT_EXPECT_EQ(test, memblock_end_of_DRAM(), mem.highest);
	printk("    # memory: %d DT range(s), %lu KiB; memblock: %lu region(s), %lu KiB\n",
	       mem.ranges, (unsigned long)(mem.total >> 10), memblock.memory.cnt,
	       (unsigned long)(memblock_phys_mem_size() >> 10));

	of_scan_reserved(check_dt_reservation, &rsv);
	KUNIT_EXPECT_EQ(test, rsv.reserved_bad, 0);
	KUNIT_EXPECT_EQ(test, rsv.nomap_mapped, 0);
}

/* Sorted, disjoint, merged, counted: the invariants every memblock call keeps. */
static void check_type(struct kunit *test, const struct memblock_type *type)
{
	phys_addr_t total = 0;

	KUNIT_EXPECT_LE(test, type->cnt, type->max);
	for (unsigned long i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i], *prev = r - 1;

		KUNIT_EXPECT_GT(test, r->size, 0);
		total += r->size;
		if (i == 0)
			continue;
		KUNIT_EXPECT_LE(test, prev->base + prev->size, r->base);	/* sorted, no overlap */
		if (prev->base + prev->size == r->base)				/* touching: merged */
			KUNIT_EXPECT_NE(test, prev->flags, r->flags);
	}
	KUNIT_EXPECT_EQ(test, type->total_size, total);
}

static void test_arrays_sorted_and_merged(struct kunit *test)
{
	check_type(test, &memblock.memory);
	check_type(test, &memblock.reserved);
	KUNIT_EXPECT_EQ(test, memblock_reserved_size(), memblock.reserved.total_size);
}

/* Bytes of @type inside memblock.memory (reserved ranges may lie outside RAM). */
static phys_addr_t bytes_in_memory(const struct memblock_type *type)
{
	phys_addr_t n = 0;

	for (unsigned long i = 0; i < type->cnt; i++)
		for (unsigned long j = 0; j < memblock.memory.cnt; j++) {
			const struct memblock_region *a = &type->regions[i], *m = &memblock.memory.regions[j];
			phys_addr_t s = max(a->base, m->base);
			phys_addr_t e = min(a->base + a->size, m->base + m->size);

			if (s < e && !(m->flags & MEMBLOCK_NOMAP))
				n += e - s;
		}
	return n;
}

/*
 * Free ranges: ascending, in mapped memory, disjoint from every reserved
 * region. Free + reserved (in mapped memory) + NOMAP covers all of memory.
 */
static void test_free_ranges_disjoint(struct kunit *test)
{
	phys_addr_t start, end, prev_end = 0, free = 0, nomap = 0;
	int ranges = 0, overlaps = 0, outside = 0;
	u64 i;

	for_each_free_mem_range(i, &start, &end) {
		KUNIT_EXPECT_LT(test, start, end);
		KUNIT_EXPECT_LE(test, prev_end, start);
		if (!memblock_is_map_memory(start) || !memblock_is_map_memory(end - 1))
			outside++;
		for (unsigned long r = 0; r < memblock.reserved.cnt; r++) {
			const struct memblock_region *rr = &memblock.reserved.regions[r];

			if (rr->base < end && start < rr->base + rr->size)
				overlaps++;
		}
		free += end - start;
		prev_end = end;
		ranges++;
	}
	for (unsigned long j = 0; j < memblock.memory.cnt; j++)
		if (memblock.memory.regions[j].flags & MEMBLOCK_NOMAP)
			nomap += memblock.memory.regions[j].size;
	KUNIT_EXPECT_GT(test, ranges, 0);
	KUNIT_EXPECT_EQ(test, overlaps, 0);
	KUNIT_EXPECT_EQ(test, outside, 0);
	KUNIT_EXPECT_EQ(test, free + bytes_in_memory(&memblock.reserved) + nomap,
			memblock_phys_mem_size());
	printk("    # %d free range(s), %lu KiB free, %lu KiB reserved\n", ranges,
	       (unsigned long)(free >> 10), (unsigned long)(memblock_reserved_size() >> 10));
}

/*
 * The hand-over: the buddy allocator manages exactly the whole pages of the
 * free ranges, and every page memblock keeps reserved is PG_reserved. (The
 * converse cannot be checked any more: an owner may mark a page it got from
 * the buddy allocator PG_reserved, as Linux does with the zero page.)
 */
static void test_handover_matches_free_ranges(struct kunit *test)
{
	phys_addr_t start, end;
	unsigned long pages = 0, marked = 0, reserved_given = 0;
	u64 i;

	for_each_free_mem_range(i, &start, &end) {
		for (unsigned long pfn = PFN_UP(start); pfn < PHYS_PFN(end); pfn++)
			marked += PageReserved(pfn_to_page(pfn));
		if (PHYS_PFN(end) > PFN_UP(start))
			pages += PHYS_PFN(end) - PFN_UP(start);
	}
	for (unsigned long r = 0; r < memblock.reserved.cnt; r++) {
		const struct memblock_region *rr = &memblock.reserved.regions[r];

		reserved_given += !range_pg_reserved(rr->base, rr->size);
	}
	KUNIT_EXPECT_EQ(test, totalram_pages(), pages);
	KUNIT_EXPECT_EQ(test, reserved_given, 0);
	KUNIT_EXPECT_LT(test, marked, 64);	/* a few at most, marked by their owners */
	printk("    # %lu pages handed to the buddy allocator; %lu of them marked PG_reserved since\n",
	       pages, marked);
}

/* memblock_dump_all() prints both lists in Linux's format. */
static void test_dump(struct kunit *test)
{
	unsigned long head = log_buf_head();
	const struct memblock_region *m = &memblock.memory.regions[0];
	char line[128];

	memblock_dump_all();
	snprintf(line, sizeof(line), " memory[0x0]\t[0x%016lx-0x%016lx], 0x%016lx bytes",
		 (unsigned long)m->base, (unsigned long)(m->base + m->size - 1), (unsigned long)m->size);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "MEMBLOCK configuration:\n"));
	KUNIT_EXPECT_TRUE(test, log_contains(head, " memory.cnt  = 0x"));
	KUNIT_EXPECT_TRUE(test, log_contains(head, " reserved.cnt  = 0x"));
	KUNIT_EXPECT_TRUE(test, log_contains(head, line));
}

/* The first free page in the middle of the largest free range. */
static phys_addr_t free_page_in_middle(void)
{
	phys_addr_t start, end, best = 0, best_size = 0;
	u64 i;

	for_each_free_mem_range(i, &start, &end)
		if (end - start > best_size) {
			best_size = end - start;
			best = ALIGN(start + best_size / 2, PAGE_SIZE);
		}
	return best_size >= 4 * PAGE_SIZE ? best : 0;
}

static unsigned long count_free_ranges(void)
{
	phys_addr_t start, end;
	unsigned long n = 0;
	u64 i;

	for_each_free_mem_range(i, &start, &end)
		n++;
	return n;
}

/*
 * On the live arrays: a reservation in the middle of a free range is a new
 * region and splits the range in two; one touching an existing reservation
 * merges into it. memblock_free undoes both exactly. Only memblock's lists
 * change; the page stays with the buddy allocator throughout.
 */
static void test_reserve_free_roundtrip(struct kunit *test)
{
	struct memblock_type *rsv = &memblock.reserved;
	unsigned long cnt = rsv->cnt, ranges = count_free_ranges();
	phys_addr_t total = rsv->total_size, pa = free_page_in_middle();
	phys_addr_t r0_end = rsv->regions[0].base + rsv->regions[0].size;

	KUNIT_ASSERT_NE(test, pa, 0);
	memblock_reserve(pa, PAGE_SIZE);
	KUNIT_EXPECT_TRUE(test, memblock_is_reserved(pa));
	KUNIT_EXPECT_EQ(test, rsv->cnt, cnt + 1);
	KUNIT_EXPECT_EQ(test, rsv->total_size, total + PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, count_free_ranges(), ranges + 1);
	memblock_free(pa, PAGE_SIZE);
	KUNIT_EXPECT_FALSE(test, memblock_is_reserved(pa));
	KUNIT_EXPECT_EQ(test, rsv->cnt, cnt);
	KUNIT_EXPECT_EQ(test, rsv->total_size, total);
	KUNIT_EXPECT_EQ(test, count_free_ranges(), ranges);

	/* Right after the first reserved region, if that page is free RAM: merges. */
	if (memblock_is_map_memory(r0_end) && !memblock_is_reserved(r0_end)) {
		memblock_reserve(r0_end, PAGE_SIZE);
		KUNIT_EXPECT_EQ(test, rsv->cnt, cnt);
		KUNIT_EXPECT_EQ(test, rsv->regions[0].base + rsv->regions[0].size, r0_end + PAGE_SIZE);
		memblock_free(r0_end, PAGE_SIZE);
		KUNIT_EXPECT_EQ(test, rsv->cnt, cnt);
		KUNIT_EXPECT_EQ(test, rsv->regions[0].base + rsv->regions[0].size, r0_end);
		KUNIT_EXPECT_EQ(test, rsv->total_size, total);
	}
	check_type(test, rsv);
}

static struct kunit_case memblock_cases[] = {
	KUNIT_CASE(test_image_and_dtb_reserved),
	KUNIT_CASE(test_mem_map_reserved),
	KUNIT_CASE(test_memory_matches_dt),
	KUNIT_CASE(test_arrays_sorted_and_merged),
	KUNIT_CASE(test_free_ranges_disjoint),
	KUNIT_CASE(test_handover_matches_free_ranges),
	KUNIT_CASE(test_dump),
	KUNIT_CASE(test_reserve_free_roundtrip),
	{ NULL, NULL },
};

static struct kunit_suite memblock_suite = { .name = "memblock", .cases = memblock_cases };
selftest_suite(memblock_suite);
