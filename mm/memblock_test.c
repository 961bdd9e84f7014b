/*
 * Self-test suite "memblock": mm/memblock.c, run in both places
 * (include/linux/selftest.h): in the kernel on the map this boot built
 * (`make qemu-test BOOTARGS=selftest=memblock`), and on the host under
 * ASan/UBSan on the two-bank machine tests/host/test_memblock.c boots from
 * tests/host/dts/twobank.dts (`build/host/test_memblock memblock`).
 *
 * Two kinds of case:
 *
 *   - The live map. By the time the self-tests run, memblock has handed its
 *     free memory to the buddy allocator (mm_init.c: memblock_free_all), so
 *     what is checked is the map built from the device tree and what the
 *     hand-over made of it: the kernel image, the DTB and mem_map are
 *     reserved (and PG_reserved); memory adds up to the DT /memory nodes;
 *     both arrays are sorted, disjoint and merged; free ranges lie in memory
 *     and never touch a reserved range, and the buddy allocator got exactly
 *     their whole pages; reserve/free on the live arrays split and merge as
 *     documented. Expectations come from the DT, memblock and mem_map found.
 *
 *   - The algorithms on made-up maps, in the spirit of Linux's
 *     tools/testing/memblock: add/remove/reserve/free merging and splitting,
 *     top-down and bottom-up allocation, limits, NOMAP, the free-range
 *     iterator, the dump format, and a random run against a bitmap model.
 *     memblock never touches the memory it describes, so these run on a
 *     scratch map anywhere: scratch_memblock() saves the live map and
 *     empties it (Linux's reset_memblock_regions), the suite's exit hook
 *     puts it back and checks that every case left the live map exactly as
 *     it was. Nothing reads memblock after boot but this suite, the shell's
 *     `memblock` command and the pgtable suite, none of which runs
 *     meanwhile.
 *
 * Not tested: a full region array (memblock panics, Linux doubles it).
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/of_fdt.h>
#include <linux/prandom.h>
#include <linux/printk.h>
#include <linux/selftest.h>
#include <asm/boot_info.h>
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
	phys_addr_t text = early_boot_info.phys_text, size = early_boot_info.image_size;

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

/* ---- the algorithms, on a scratch map ------------------------------------ */

#define MEM_BASE	0x40000000UL

/* The live map, saved by scratch_memblock() and put back by the exit hook. */
static struct memblock live;
static struct memblock_region live_memory[INIT_MEMBLOCK_REGIONS];
static struct memblock_region live_reserved[INIT_MEMBLOCK_RESERVED_REGIONS];
static bool live_saved, live_debug;

/*
 * Save the live map (once per case) and start from an empty one with
 * default attributes (Linux's tests/common.c: reset_memblock_regions() and
 * reset_memblock_attributes()). A case may call it again to start over.
 */
static void scratch_memblock(void)
{
	if (!live_saved) {
		live = memblock;
		memcpy(live_memory, memblock.memory.regions, sizeof(live_memory));
		memcpy(live_reserved, memblock.reserved.regions, sizeof(live_reserved));
		live_debug = memblock_debug;
		live_saved = true;
	}
	memblock.memory.cnt = 0;
	memblock.memory.total_size = 0;
	memblock.reserved.cnt = 0;
	memblock.reserved.total_size = 0;
	memblock.bottom_up = false;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	memblock_debug = false;
}

/* The live map as the suite found it, to compare with after every case. */
static struct memblock boot_map;
static struct memblock_region boot_memory[INIT_MEMBLOCK_REGIONS];
static struct memblock_region boot_reserved[INIT_MEMBLOCK_RESERVED_REGIONS];

static int memblock_suite_init(struct kunit_suite *suite)
{
	boot_map = memblock;
	memcpy(boot_memory, memblock.memory.regions, sizeof(boot_memory));
	memcpy(boot_reserved, memblock.reserved.regions, sizeof(boot_reserved));
	return 0;
}

static bool same_regions(const struct memblock_type *type, const struct memblock_region *want,
			 const struct memblock_type *want_type)
{
	if (type->cnt != want_type->cnt || type->total_size != want_type->total_size)
		return false;
	for (unsigned long i = 0; i < type->cnt; i++)
		if (type->regions[i].base != want[i].base || type->regions[i].size != want[i].size ||
		    type->regions[i].flags != want[i].flags)
			return false;
	return true;
}

/* After every case: the live map back (if a scratch map replaced it) and unchanged. */
static void memblock_exit(struct kunit *test)
{
	if (live_saved) {
		memcpy(memblock.memory.regions, live_memory, sizeof(live_memory));
		memcpy(memblock.reserved.regions, live_reserved, sizeof(live_reserved));
		memblock.memory.cnt = live.memory.cnt;
		memblock.memory.total_size = live.memory.total_size;
		memblock.reserved.cnt = live.reserved.cnt;
		memblock.reserved.total_size = live.reserved.total_size;
		memblock.bottom_up = live.bottom_up;
		memblock.current_limit = live.current_limit;
		memblock_debug = live_debug;
		live_saved = false;
	}
	KUNIT_EXPECT_TRUE_MSG(test, same_regions(&memblock.memory, boot_memory, &boot_map.memory) &&
			      same_regions(&memblock.reserved, boot_reserved, &boot_map.reserved) &&
			      memblock.bottom_up == boot_map.bottom_up &&
			      memblock.current_limit == boot_map.current_limit,
			      "the live map is as the suite found it");
}

#define RGN(type, i) (memblock.type.regions[i])

/* Check one region's base and size. */
#define expect_rgn(test, type, i, b, s, what) do {				\
	KUNIT_EXPECT_EQ_MSG(test, RGN(type, i).base, (b), "%s: %s[%d].base", what, #type, i); \
	KUNIT_EXPECT_EQ_MSG(test, RGN(type, i).size, (s), "%s: %s[%d].size", what, #type, i); \
} while (0)

static void test_add_merge(struct kunit *test)
{
	scratch_memblock();
	/* Out of order, one adjacent pair and one overlapping pair. */
	memblock_add(MEM_BASE + SZ_1G, SZ_1M);
	memblock_add(MEM_BASE, SZ_2M);
	memblock_add(MEM_BASE + SZ_2M, SZ_2M);		/* touches: merges */
	KUNIT_EXPECT_EQ_MSG(test, memblock.memory.cnt, 2, "add: adjacent regions merge, far one stays");
	expect_rgn(test, memory, 0, MEM_BASE, 2 * SZ_2M, "add adjacent");
	expect_rgn(test, memory, 1, MEM_BASE + SZ_1G, SZ_1M, "add sorted");

	memblock_add(MEM_BASE + SZ_1M, 8 * SZ_1M);	/* overlaps [0,4M) and extends it */
	KUNIT_EXPECT_EQ_MSG(test, memblock.memory.cnt, 2, "add: overlapping region merges");
	expect_rgn(test, memory, 0, MEM_BASE, 9 * SZ_1M, "add overlap");
	KUNIT_EXPECT_EQ_MSG(test, memblock_phys_mem_size(), 10 * SZ_1M, "add: total counts overlap once");

	memblock_add(MEM_BASE, 9 * SZ_1M);		/* fully inside: no change */
	KUNIT_EXPECT_EQ_MSG(test, memblock.memory.cnt, 2, "add: duplicate is idempotent");
	KUNIT_EXPECT_EQ_MSG(test, memblock_phys_mem_size(), 10 * SZ_1M, "add: duplicate adds no size");

	/* One range spanning both regions and the gap between them. */
	memblock_add(MEM_BASE + SZ_4K, SZ_1G + SZ_2M);
	KUNIT_EXPECT_EQ_MSG(test, memblock.memory.cnt, 1, "add: range bridging a gap merges all");
	expect_rgn(test, memory, 0, MEM_BASE, SZ_1G + SZ_2M + SZ_4K, "add bridge");

	memblock_add(MEM_BASE, 0);
	KUNIT_EXPECT_EQ_MSG(test, memblock.memory.cnt, 1, "add: zero size is ignored");
	KUNIT_EXPECT_EQ_MSG(test, memblock_start_of_DRAM(), MEM_BASE, "start_of_DRAM");
	KUNIT_EXPECT_EQ_MSG(test, memblock_end_of_DRAM(), MEM_BASE + SZ_1G + SZ_2M + SZ_4K, "end_of_DRAM");
}

static void test_add_fills_gaps(struct kunit *test)
{
	scratch_memblock();
	/* Three islands, then a range covering them and two gaps. */
	memblock_add(MEM_BASE + 1 * SZ_1M, SZ_64K);
	memblock_add(MEM_BASE + 3 * SZ_1M, SZ_64K);
	memblock_add(MEM_BASE + 5 * SZ_1M, SZ_64K);
	memblock_mark_nomap(MEM_BASE + 3 * SZ_1M, SZ_64K);
	memblock_add(MEM_BASE, 8 * SZ_1M);
	/* The NOMAP island keeps its flag, so it cannot merge: 3 regions. */
	KUNIT_EXPECT_EQ_MSG(test, memblock.memory.cnt, 3, "add over a NOMAP island leaves 3 regions");
	expect_rgn(test, memory, 0, MEM_BASE, 3 * SZ_1M, "below nomap");
	expect_rgn(test, memory, 1, MEM_BASE + 3 * SZ_1M, SZ_64K, "nomap island");
	KUNIT_EXPECT_EQ_MSG(test, RGN(memory, 1).flags, MEMBLOCK_NOMAP, "island still NOMAP");
	expect_rgn(test, memory, 2, MEM_BASE + 3 * SZ_1M + SZ_64K, 5 * SZ_1M - SZ_64K, "above nomap");
	KUNIT_EXPECT_EQ_MSG(test, memblock_phys_mem_size(), 8 * SZ_1M, "total after filling gaps");
}

static void test_remove_split(struct kunit *test)
{
	scratch_memblock();
	memblock_add(MEM_BASE, 16 * SZ_1M);
	memblock_remove(MEM_BASE + 4 * SZ_1M, SZ_1M);	/* hole in the middle */
	KUNIT_EXPECT_EQ_MSG(test, memblock.memory.cnt, 2, "remove: middle splits in two");
	expect_rgn(test, memory, 0, MEM_BASE, 4 * SZ_1M, "remove split low");
	expect_rgn(test, memory, 1, MEM_BASE + 5 * SZ_1M, 11 * SZ_1M, "remove split high");
	KUNIT_EXPECT_EQ_MSG(test, memblock_phys_mem_size(), 15 * SZ_1M, "remove: total shrinks");

	memblock_remove(MEM_BASE - SZ_1M, 2 * SZ_1M);	/* clips the bottom */
	expect_rgn(test, memory, 0, MEM_BASE + SZ_1M, 3 * SZ_1M, "remove clips bottom");
	memblock_remove(MEM_BASE + 15 * SZ_1M, SZ_1G);	/* clips the top */
	expect_rgn(test, memory, 1, MEM_BASE + 5 * SZ_1M, 10 * SZ_1M, "remove clips top");

	/* A range spanning the gap: trims both regions. */
	memblock_remove(MEM_BASE + 3 * SZ_1M, 3 * SZ_1M);
	KUNIT_EXPECT_EQ_MSG(test, memblock.memory.cnt, 2, "remove across a gap keeps 2");
	expect_rgn(test, memory, 0, MEM_BASE + SZ_1M, 2 * SZ_1M, "remove across: low");
	expect_rgn(test, memory, 1, MEM_BASE + 6 * SZ_1M, 9 * SZ_1M, "remove across: high");

	memblock_remove(MEM_BASE + 6 * SZ_1M, 9 * SZ_1M);	/* exactly one region */
	KUNIT_EXPECT_EQ_MSG(test, memblock.memory.cnt, 1, "remove whole region");
	memblock_remove(MEM_BASE + SZ_1G, SZ_1M);		/* nothing there */
	KUNIT_EXPECT_EQ_MSG(test, memblock.memory.cnt, 1, "remove of absent range is a no-op");
	KUNIT_EXPECT_EQ_MSG(test, memblock_phys_mem_size(), 2 * SZ_1M, "total after removals");
}

static void test_reserve_free(struct kunit *test)
{
	scratch_memblock();
	memblock_add(MEM_BASE, 64 * SZ_1M);
	memblock_reserve(MEM_BASE + SZ_2M, SZ_1M);
	memblock_reserve(MEM_BASE + SZ_2M + SZ_1M, SZ_1M);	/* adjacent: merges */
	memblock_reserve(MEM_BASE + SZ_2M + SZ_64K, SZ_64K);	/* inside: no change */
	KUNIT_EXPECT_EQ_MSG(test, memblock.reserved.cnt, 1, "reserve: adjacent and nested merge");
	KUNIT_EXPECT_EQ_MSG(test, memblock_reserved_size(), 2 * SZ_1M, "reserved size");
	KUNIT_EXPECT_TRUE_MSG(test, memblock_is_reserved(MEM_BASE + SZ_2M), "is_reserved at start");
	KUNIT_EXPECT_TRUE_MSG(test, !memblock_is_reserved(MEM_BASE + SZ_2M + SZ_2M), "not reserved at end");
	KUNIT_EXPECT_TRUE_MSG(test, memblock_is_memory(MEM_BASE), "is_memory");
	KUNIT_EXPECT_TRUE_MSG(test, !memblock_is_memory(MEM_BASE + 64 * SZ_1M), "end is not memory");

	/* Reserving outside memory is allowed (Linux allows it). */
	memblock_reserve(0x1000, 0x1000);
	KUNIT_EXPECT_EQ_MSG(test, memblock.reserved.cnt, 2, "reserve outside memory is recorded");

	/* memblock_free = un-reserve, and it splits. */
	memblock_free(MEM_BASE + SZ_2M + SZ_64K, SZ_64K);
	KUNIT_EXPECT_EQ_MSG(test, memblock.reserved.cnt, 3, "free in the middle splits a reservation");
	KUNIT_EXPECT_EQ_MSG(test, memblock_reserved_size(), 2 * SZ_1M - SZ_64K + 0x1000, "reserved after free");
	KUNIT_EXPECT_TRUE_MSG(test, !memblock_is_reserved(MEM_BASE + SZ_2M + SZ_64K), "freed range not reserved");
	KUNIT_EXPECT_EQ_MSG(test, memblock_phys_mem_size(), 64 * SZ_1M, "memory untouched by reserve/free");
	memblock_free(0x1000, 0x1000);
	memblock_free(MEM_BASE, 64 * SZ_1M);
	KUNIT_EXPECT_EQ_MSG(test, memblock.reserved.cnt, 0, "free everything");
	KUNIT_EXPECT_EQ_MSG(test, memblock_reserved_size(), 0, "reserved size back to 0");
}

static void test_alloc_top_down(struct kunit *test)
{
	phys_addr_t a, b, c;

	scratch_memblock();
	memblock_add(MEM_BASE, 16 * SZ_1M);
	memblock_reserve(MEM_BASE + 15 * SZ_1M, SZ_1M);		/* top MiB taken */

	a = memblock_alloc(SZ_4K, SZ_4K);
	KUNIT_EXPECT_EQ_MSG(test, a, MEM_BASE + 15 * SZ_1M - SZ_4K, "top-down: just below the top reservation");
	b = memblock_alloc(100, 8);
	KUNIT_EXPECT_EQ_MSG(test, b, a - 104, "top-down: next one below, 8-aligned");
	c = memblock_alloc(SZ_4K, SZ_2M);
	KUNIT_EXPECT_EQ_MSG(test, c, MEM_BASE + 14 * SZ_1M, "top-down: highest 2 MiB boundary below b");
	KUNIT_EXPECT_TRUE_MSG(test, IS_ALIGNED(c, SZ_2M), "aligned to 2 MiB");
	KUNIT_EXPECT_EQ_MSG(test, memblock.reserved.cnt, 3, "a merges with the top reservation; b (4 bytes short of a) and c do not");
	KUNIT_EXPECT_TRUE_MSG(test, memblock_is_reserved(a) && memblock_is_reserved(b) && memblock_is_reserved(c),
	   "allocations are reserved");
	KUNIT_EXPECT_EQ_MSG(test, memblock_reserved_size(), SZ_1M + SZ_4K + 100 + SZ_4K, "reserved size counts allocations");
}

static void test_alloc_bottom_up(struct kunit *test)
{
	phys_addr_t a, b;

	scratch_memblock();
	memblock_add(MEM_BASE, 16 * SZ_1M);
	memblock_reserve(MEM_BASE, SZ_64K);
	memblock_set_bottom_up(true);
	KUNIT_EXPECT_TRUE_MSG(test, memblock_bottom_up(), "bottom-up mode set");

	a = memblock_alloc(SZ_4K, SZ_4K);
	KUNIT_EXPECT_EQ_MSG(test, a, MEM_BASE + SZ_64K, "bottom-up: just above the reservation");
	b = memblock_alloc(SZ_4K, SZ_1M);
	KUNIT_EXPECT_EQ_MSG(test, b, MEM_BASE + SZ_1M, "bottom-up: next 1 MiB boundary");
	KUNIT_EXPECT_EQ_MSG(test, memblock.reserved.cnt, 2, "bottom-up: first merges, second separate");
	memblock_set_bottom_up(false);
}

static void test_alloc_limits(struct kunit *test)
{
	unsigned long head;
	phys_addr_t a;

	scratch_memblock();
	memblock_add(MEM_BASE, 64 * SZ_1M);
	memblock_set_current_limit(MEM_BASE + 8 * SZ_1M);
	KUNIT_EXPECT_EQ_MSG(test, memblock_get_current_limit(), MEM_BASE + 8 * SZ_1M, "current limit read back");

	a = memblock_alloc(SZ_1M, SZ_4K);
	KUNIT_EXPECT_EQ_MSG(test, a, MEM_BASE + 7 * SZ_1M, "alloc stays below current_limit");
	/* An explicit end is used as given, like Linux. */
	a = memblock_alloc_range(SZ_1M, SZ_4K, MEM_BASE + 32 * SZ_1M, MEM_BASE + 40 * SZ_1M);
	KUNIT_EXPECT_EQ_MSG(test, a, MEM_BASE + 39 * SZ_1M, "alloc_range top of [32M,40M)");
	a = memblock_alloc_range(SZ_1M, SZ_4K, MEM_BASE, MEMBLOCK_ALLOC_ANYWHERE);
	KUNIT_EXPECT_EQ_MSG(test, a, MEM_BASE + 63 * SZ_1M, "ALLOC_ANYWHERE ignores current_limit");

	/* The range is too small for the size once aligned. */
	head = log_buf_head();
	a = memblock_alloc_range(SZ_64K, SZ_64K, MEM_BASE + SZ_4K, MEM_BASE + SZ_64K + SZ_4K);
	KUNIT_EXPECT_EQ_MSG(test, a, 0, "alignment makes a fitting range unusable");
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, "memblock: failed to allocate 0x10000 bytes align=0x10000"),
	   "failure is reported with size and alignment");

	head = log_buf_head();
	a = memblock_alloc(SZ_4K, 3 * SZ_4K);
	KUNIT_EXPECT_EQ_MSG(test, a, 0, "non-power-of-two alignment refused");
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, "bad request"), "bad alignment reported");

	/* Never returns address 0, even when memory starts there. */
	scratch_memblock();
	memblock_add(0, 2 * SZ_4K);
	memblock_set_bottom_up(true);
	a = memblock_alloc(SZ_4K, SZ_4K);
	KUNIT_EXPECT_EQ_MSG(test, a, SZ_4K, "page 0 is never allocated");
	memblock_set_bottom_up(false);
}

static void test_alloc_exhaustion(struct kunit *test)
{
	unsigned long head;
	phys_addr_t a;
	int n = 0;

	scratch_memblock();
	memblock_add(MEM_BASE, SZ_1M);
	memblock_reserve(MEM_BASE + SZ_64K, SZ_64K);
	while ((a = memblock_alloc(SZ_64K, SZ_64K)) != 0)
		n++;
	KUNIT_EXPECT_EQ_MSG(test, n, 15, "sixteen 64K slots minus one reserved");
	KUNIT_EXPECT_EQ_MSG(test, memblock.reserved.cnt, 1, "all allocations merged into one reservation");
	KUNIT_EXPECT_EQ_MSG(test, memblock_reserved_size(), SZ_1M, "memory fully reserved");
	head = log_buf_head();
	a = memblock_alloc(1, 1);
	KUNIT_EXPECT_EQ_MSG(test, a, 0, "nothing left, even one byte");
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, "failed to allocate"), "exhaustion reported");
}

static void test_nomap(struct kunit *test)
{
	phys_addr_t a, s, e;
	u64 i;
	int n = 0;

	scratch_memblock();
	memblock_add(MEM_BASE, 4 * SZ_1M);
	memblock_mark_nomap(MEM_BASE + SZ_1M, 3 * SZ_1M);
	KUNIT_EXPECT_EQ_MSG(test, memblock.memory.cnt, 2, "nomap splits memory");
	KUNIT_EXPECT_EQ_MSG(test, RGN(memory, 1).flags, MEMBLOCK_NOMAP, "upper part flagged NOMAP");
	KUNIT_EXPECT_EQ_MSG(test, memblock_phys_mem_size(), 4 * SZ_1M, "NOMAP still counts as memory");
	KUNIT_EXPECT_TRUE_MSG(test, memblock_is_memory(MEM_BASE + 2 * SZ_1M), "NOMAP is memory");
	KUNIT_EXPECT_TRUE_MSG(test, !memblock_is_map_memory(MEM_BASE + 2 * SZ_1M), "but not map memory");
	KUNIT_EXPECT_TRUE_MSG(test, memblock_is_map_memory(MEM_BASE), "normal memory is map memory");

	a = memblock_alloc(SZ_4K, SZ_4K);
	KUNIT_EXPECT_EQ_MSG(test, a, MEM_BASE + SZ_1M - SZ_4K, "top-down alloc skips the NOMAP top");
	for_each_free_mem_range(i, &s, &e)
		n++;
	KUNIT_EXPECT_EQ_MSG(test, n, 1, "NOMAP is not a free range");

	memblock_clear_nomap(MEM_BASE + SZ_1M, 3 * SZ_1M);
	KUNIT_EXPECT_EQ_MSG(test, memblock.memory.cnt, 1, "clear_nomap merges back");
}

static void test_free_ranges(struct kunit *test)
{
	phys_addr_t s, e, total = 0;
	phys_addr_t want[][2] = {
		{ MEM_BASE + SZ_64K,		MEM_BASE + SZ_1M },
		{ MEM_BASE + 2 * SZ_1M,		MEM_BASE + 3 * SZ_1M },
		{ MEM_BASE + 5 * SZ_1M,		MEM_BASE + 6 * SZ_1M },
		{ MEM_BASE + 6 * SZ_1M + SZ_4K,	MEM_BASE + 8 * SZ_1M },
		{ MEM_BASE + SZ_1G,		MEM_BASE + SZ_1G + SZ_1M },
	};
	unsigned int n = 0;
	u64 i;

	scratch_memblock();
	memblock_add(MEM_BASE, 8 * SZ_1M);
	memblock_add(MEM_BASE + SZ_1G, SZ_2M);
	memblock_remove(MEM_BASE + 3 * SZ_1M, 2 * SZ_1M);	/* memory gap 3M..5M */
	memblock_reserve(0, MEM_BASE + SZ_64K);			/* below and into RAM */
	memblock_reserve(MEM_BASE + SZ_1M, SZ_1M);
	memblock_reserve(MEM_BASE + 6 * SZ_1M, SZ_4K);
	memblock_reserve(MEM_BASE + 100 * SZ_1M, SZ_1M);	/* between the banks */
	memblock_reserve(MEM_BASE + SZ_1G + SZ_1M, SZ_2M);	/* top of bank 2 and beyond */

	for_each_free_mem_range(i, &s, &e) {
		if (n < ARRAY_SIZE(want)) {
			KUNIT_EXPECT_EQ_MSG(test, s, want[n][0], "free range %u start", n);
			KUNIT_EXPECT_EQ_MSG(test, e, want[n][1], "free range %u end", n);
		}
		total += e - s;
		n++;
	}
	KUNIT_EXPECT_EQ_MSG(test, n, ARRAY_SIZE(want), "number of free ranges");
	KUNIT_EXPECT_EQ_MSG(test, total, memblock_phys_mem_size() - (SZ_64K + SZ_1M + SZ_4K + SZ_1M),
	       "free = memory - reserved inside memory");

	/* Nothing reserved: the free ranges are the memory regions. */
	scratch_memblock();
	memblock_add(MEM_BASE, SZ_1M);
	n = 0;
	for_each_free_mem_range(i, &s, &e) {
		KUNIT_EXPECT_EQ_MSG(test, s, MEM_BASE, "unreserved: start");
		KUNIT_EXPECT_EQ_MSG(test, e, MEM_BASE + SZ_1M, "unreserved: end");
		n++;
	}
	KUNIT_EXPECT_EQ_MSG(test, n, 1, "unreserved: one range");

	/* No memory: no ranges. */
	scratch_memblock();
	n = 0;
	for_each_free_mem_range(i, &s, &e)
		n++;
	KUNIT_EXPECT_EQ_MSG(test, n, 0, "empty memblock: no free ranges");
}

/* memblock_dump_all() of a known map, line by line; memblock=debug. */
static void test_dump_format(struct kunit *test)
{
	unsigned long head;

	scratch_memblock();
	memblock_add(MEM_BASE, SZ_1G);
	memblock_reserve(MEM_BASE + SZ_2M, SZ_2M);
	head = log_buf_head();
	memblock_dump_all();
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, "MEMBLOCK configuration:\n"), "dump header");
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, " memory size = 0x0000000040000000 reserved size = 0x0000000000200000\n"),
	   "dump sizes");
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, " memory.cnt  = 0x1\n"), "dump memory.cnt");
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, " memory[0x0]\t[0x0000000040000000-0x000000007fffffff], "
			     "0x0000000040000000 bytes flags: 0x0\n"), "dump memory region line");
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, " reserved[0x0]\t[0x0000000040200000-0x00000000403fffff], "
			     "0x0000000000200000 bytes flags: 0x0\n"), "dump reserved region line");

	/* memblock=debug logs each call. */
	memblock_debug = true;
	head = log_buf_head();
	memblock_reserve(MEM_BASE, SZ_4K);
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, "memblock_reserve: [0x0000000040000000-0x0000000040000fff]"),
	   "memblock=debug logs reservations");
	memblock_debug = false;
}

/*
 * A random sequence of add/remove/reserve/free on 128 pages, checked after
 * every step against a plain bitmap model: regions sorted, non-empty,
 * non-overlapping, fully merged, covering exactly the model's pages, and
 * the free-range iterator returning exactly memory minus reserved.
 */
#define MODEL_PAGES 128
static bool model_mem[MODEL_PAGES], model_rsv[MODEL_PAGES];

static bool type_matches(struct memblock_type *type, const bool *model)
{
	bool seen[MODEL_PAGES] = { false };
	phys_addr_t total = 0;
	unsigned long i;

	for (i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];

		if (!r->size)
			return false;
		if (i && (r[-1].base + r[-1].size > r->base ||		/* sorted, disjoint */
			  r[-1].base + r[-1].size == r->base))		/* merged */
			return false;
		for (phys_addr_t a = r->base; a < r->base + r->size; a += SZ_4K)
			seen[(a - MEM_BASE) / SZ_4K] = true;
		total += r->size;
	}
	if (total != type->total_size)
		return false;
	return memcmp(seen, model, sizeof(seen)) == 0;
}

static bool free_ranges_match(void)
{
	bool seen[MODEL_PAGES] = { false }, want[MODEL_PAGES];
	phys_addr_t s, e, last_end = 0;
	u64 i;

	for (int p = 0; p < MODEL_PAGES; p++)
		want[p] = model_mem[p] && !model_rsv[p];
	for_each_free_mem_range(i, &s, &e) {
		if (s >= e || s < last_end)
			return false;
		last_end = e;
		for (phys_addr_t a = s; a < e; a += SZ_4K)
			seen[(a - MEM_BASE) / SZ_4K] = true;
	}
	return memcmp(seen, want, sizeof(seen)) == 0;
}

static void test_random_model(struct kunit *test)
{
	struct rnd_state rnd;
	unsigned int step, bad = 0;

	prandom_seed_state(&rnd, 12345);	/* lib/prandom.c */
	scratch_memblock();
	memset(model_mem, 0, sizeof(model_mem));
	memset(model_rsv, 0, sizeof(model_rsv));
	for (step = 0; step < 20000 && !bad; step++) {
		unsigned int op = prandom_u32_state(&rnd) % 4;
		unsigned int first = prandom_u32_state(&rnd) % MODEL_PAGES;
		unsigned int n = 1 + prandom_u32_state(&rnd) % 8;
		phys_addr_t base, size;

		if (first + n > MODEL_PAGES)
			n = MODEL_PAGES - first;
		for (unsigned int p = first; p < first + n; p++) {
			if (op < 2)
				model_mem[p] = (op == 0);
			else
				model_rsv[p] = (op == 2);
		}
		base = MEM_BASE + first * SZ_4K;
		size = n * SZ_4K;
		switch (op) {
		case 0: memblock_add(base, size); break;
		case 1: memblock_remove(base, size); break;
		case 2: memblock_reserve(base, size); break;
		case 3: memblock_free(base, size); break;
		}
		if (!type_matches(&memblock.memory, model_mem) ||
		    !type_matches(&memblock.reserved, model_rsv) || !free_ranges_match()) {
			bad = step + 1;
			memblock_dump_all();
		}
	}
	KUNIT_EXPECT_EQ_MSG(test, bad, 0, "20000 random add/remove/reserve/free match a bitmap model (0 = no bad step)");
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
	KUNIT_CASE(test_add_merge),
	KUNIT_CASE(test_add_fills_gaps),
	KUNIT_CASE(test_remove_split),
	KUNIT_CASE(test_reserve_free),
	KUNIT_CASE(test_alloc_top_down),
	KUNIT_CASE(test_alloc_bottom_up),
	KUNIT_CASE(test_alloc_limits),
	KUNIT_CASE(test_alloc_exhaustion),
	KUNIT_CASE(test_nomap),
	KUNIT_CASE(test_free_ranges),
	KUNIT_CASE(test_dump_format),
	KUNIT_CASE(test_random_model),
	{ NULL, NULL },
};

static struct kunit_suite memblock_suite = {
	.name = "memblock",
	.cases = memblock_cases,
	.suite_init = memblock_suite_init,
	.exit = memblock_exit,
};
selftest_suite(memblock_suite);
