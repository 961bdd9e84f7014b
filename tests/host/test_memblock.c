/*
 * Host unit tests for mm/memblock.c, in the spirit of Linux's
 * tools/testing/memblock: the real memblock.c runs as a user program.
 * memblock never touches the memory it manages, so no RAM arena is needed.
 * Array overflow is not tested: it panics, and panic aborts.
 */
#include <string.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include "host_shim.h"
#include "tap.h"

#define MEM_BASE	0x40000000UL

/* Linux's tests/common.c: reset_memblock_regions() + reset_memblock_attributes(). */
static void reset_memblock(void)
{
	memblock.memory.cnt = 0;
	memblock.memory.total_size = 0;
	memblock.reserved.cnt = 0;
	memblock.reserved.total_size = 0;
	memblock.bottom_up = false;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	memblock_debug = false;
}

#define RGN(type, i) (memblock.type.regions[i])

/* Check one region's base and size. */
#define is_rgn(type, i, b, s, what) do {				\
	is_int(RGN(type, i).base, (b), "%s: %s[%d].base", what, #type, i); \
	is_int(RGN(type, i).size, (s), "%s: %s[%d].size", what, #type, i); \
} while (0)

static void test_add_merge(void)
{
	reset_memblock();
	/* Out of order, one adjacent pair and one overlapping pair. */
	memblock_add(MEM_BASE + SZ_1G, SZ_1M);
	memblock_add(MEM_BASE, SZ_2M);
	memblock_add(MEM_BASE + SZ_2M, SZ_2M);		/* touches: merges */
	is_int(memblock.memory.cnt, 2, "add: adjacent regions merge, far one stays");
	is_rgn(memory, 0, MEM_BASE, 2 * SZ_2M, "add adjacent");
	is_rgn(memory, 1, MEM_BASE + SZ_1G, SZ_1M, "add sorted");

	memblock_add(MEM_BASE + SZ_1M, 8 * SZ_1M);	/* overlaps [0,4M) and extends it */
	is_int(memblock.memory.cnt, 2, "add: overlapping region merges");
	is_rgn(memory, 0, MEM_BASE, 9 * SZ_1M, "add overlap");
	is_int(memblock_phys_mem_size(), 10 * SZ_1M, "add: total counts overlap once");

	memblock_add(MEM_BASE, 9 * SZ_1M);		/* fully inside: no change */
	is_int(memblock.memory.cnt, 2, "add: duplicate is idempotent");
	is_int(memblock_phys_mem_size(), 10 * SZ_1M, "add: duplicate adds no size");

	/* One range spanning both regions and the gap between them. */
	memblock_add(MEM_BASE + SZ_4K, SZ_1G + SZ_2M);
	is_int(memblock.memory.cnt, 1, "add: range bridging a gap merges all");
	is_rgn(memory, 0, MEM_BASE, SZ_1G + SZ_2M + SZ_4K, "add bridge");

	memblock_add(MEM_BASE, 0);
	is_int(memblock.memory.cnt, 1, "add: zero size is ignored");
	is_int(memblock_start_of_DRAM(), MEM_BASE, "start_of_DRAM");
	is_int(memblock_end_of_DRAM(), MEM_BASE + SZ_1G + SZ_2M + SZ_4K, "end_of_DRAM");
}

static void test_add_fills_gaps(void)
{
	reset_memblock();
	/* Three islands, then a range covering them and two gaps. */
	memblock_add(MEM_BASE + 1 * SZ_1M, SZ_64K);
	memblock_add(MEM_BASE + 3 * SZ_1M, SZ_64K);
	memblock_add(MEM_BASE + 5 * SZ_1M, SZ_64K);
	memblock_mark_nomap(MEM_BASE + 3 * SZ_1M, SZ_64K);
	memblock_add(MEM_BASE, 8 * SZ_1M);
	/* The NOMAP island keeps its flag, so it cannot merge: 3 regions. */
	is_int(memblock.memory.cnt, 3, "add over a NOMAP island leaves 3 regions");
	is_rgn(memory, 0, MEM_BASE, 3 * SZ_1M, "below nomap");
	is_rgn(memory, 1, MEM_BASE + 3 * SZ_1M, SZ_64K, "nomap island");
	is_int(RGN(memory, 1).flags, MEMBLOCK_NOMAP, "island still NOMAP");
	is_rgn(memory, 2, MEM_BASE + 3 * SZ_1M + SZ_64K, 5 * SZ_1M - SZ_64K, "above nomap");
	is_int(memblock_phys_mem_size(), 8 * SZ_1M, "total after filling gaps");
}

static void test_remove_split(void)
{
	reset_memblock();
	memblock_add(MEM_BASE, 16 * SZ_1M);
	memblock_remove(MEM_BASE + 4 * SZ_1M, SZ_1M);	/* hole in the middle */
	is_int(memblock.memory.cnt, 2, "remove: middle splits in two");
	is_rgn(memory, 0, MEM_BASE, 4 * SZ_1M, "remove split low");
	is_rgn(memory, 1, MEM_BASE + 5 * SZ_1M, 11 * SZ_1M, "remove split high");
	is_int(memblock_phys_mem_size(), 15 * SZ_1M, "remove: total shrinks");

	memblock_remove(MEM_BASE - SZ_1M, 2 * SZ_1M);	/* clips the bottom */
	is_rgn(memory, 0, MEM_BASE + SZ_1M, 3 * SZ_1M, "remove clips bottom");
	memblock_remove(MEM_BASE + 15 * SZ_1M, SZ_1G);	/* clips the top */
	is_rgn(memory, 1, MEM_BASE + 5 * SZ_1M, 10 * SZ_1M, "remove clips top");

	/* A range spanning the gap: trims both regions. */
	memblock_remove(MEM_BASE + 3 * SZ_1M, 3 * SZ_1M);
	is_int(memblock.memory.cnt, 2, "remove across a gap keeps 2");
	is_rgn(memory, 0, MEM_BASE + SZ_1M, 2 * SZ_1M, "remove across: low");
	is_rgn(memory, 1, MEM_BASE + 6 * SZ_1M, 9 * SZ_1M, "remove across: high");

	memblock_remove(MEM_BASE + 6 * SZ_1M, 9 * SZ_1M);	/* exactly one region */
	is_int(memblock.memory.cnt, 1, "remove whole region");
	memblock_remove(MEM_BASE + SZ_1G, SZ_1M);		/* nothing there */
	is_int(memblock.memory.cnt, 1, "remove of absent range is a no-op");
	is_int(memblock_phys_mem_size(), 2 * SZ_1M, "total after removals");
}

static void test_reserve_free(void)
{
	reset_memblock();
	memblock_add(MEM_BASE, 64 * SZ_1M);
	memblock_reserve(MEM_BASE + SZ_2M, SZ_1M);
	memblock_reserve(MEM_BASE + SZ_2M + SZ_1M, SZ_1M);	/* adjacent: merges */
	memblock_reserve(MEM_BASE + SZ_2M + SZ_64K, SZ_64K);	/* inside: no change */
	is_int(memblock.reserved.cnt, 1, "reserve: adjacent and nested merge");
	is_int(memblock_reserved_size(), 2 * SZ_1M, "reserved size");
	ok(memblock_is_reserved(MEM_BASE + SZ_2M), "is_reserved at start");
	ok(!memblock_is_reserved(MEM_BASE + SZ_2M + SZ_2M), "not reserved at end");
	ok(memblock_is_memory(MEM_BASE), "is_memory");
	ok(!memblock_is_memory(MEM_BASE + 64 * SZ_1M), "end is not memory");

	/* Reserving outside memory is allowed (Linux allows it). */
	memblock_reserve(0x1000, 0x1000);
	is_int(memblock.reserved.cnt, 2, "reserve outside memory is recorded");

	/* memblock_free = un-reserve, and it splits. */
	memblock_free(MEM_BASE + SZ_2M + SZ_64K, SZ_64K);
	is_int(memblock.reserved.cnt, 3, "free in the middle splits a reservation");
	is_int(memblock_reserved_size(), 2 * SZ_1M - SZ_64K + 0x1000, "reserved after free");
	ok(!memblock_is_reserved(MEM_BASE + SZ_2M + SZ_64K), "freed range not reserved");
	is_int(memblock_phys_mem_size(), 64 * SZ_1M, "memory untouched by reserve/free");
	memblock_free(0x1000, 0x1000);
	memblock_free(MEM_BASE, 64 * SZ_1M);
	is_int(memblock.reserved.cnt, 0, "free everything");
	is_int(memblock_reserved_size(), 0, "reserved size back to 0");
}

static void test_alloc_top_down(void)
{
	phys_addr_t a, b, c;

	reset_memblock();
	memblock_add(MEM_BASE, 16 * SZ_1M);
	memblock_reserve(MEM_BASE + 15 * SZ_1M, SZ_1M);		/* top MiB taken */

	a = memblock_alloc(SZ_4K, SZ_4K);
	is_int(a, MEM_BASE + 15 * SZ_1M - SZ_4K, "top-down: just below the top reservation");
	b = memblock_alloc(100, 8);
	is_int(b, a - 104, "top-down: next one below, 8-aligned");
	c = memblock_alloc(SZ_4K, SZ_2M);
	is_int(c, MEM_BASE + 14 * SZ_1M, "top-down: highest 2 MiB boundary below b");
	ok(IS_ALIGNED(c, SZ_2M), "aligned to 2 MiB");
	is_int(memblock.reserved.cnt, 3, "a merges with the top reservation; b (4 bytes short of a) and c do not");
	ok(memblock_is_reserved(a) && memblock_is_reserved(b) && memblock_is_reserved(c),
	   "allocations are reserved");
	is_int(memblock_reserved_size(), SZ_1M + SZ_4K + 100 + SZ_4K, "reserved size counts allocations");
}

static void test_alloc_bottom_up(void)
{
	phys_addr_t a, b;

	reset_memblock();
	memblock_add(MEM_BASE, 16 * SZ_1M);
	memblock_reserve(MEM_BASE, SZ_64K);
	memblock_set_bottom_up(true);
	ok(memblock_bottom_up(), "bottom-up mode set");

	a = memblock_alloc(SZ_4K, SZ_4K);
	is_int(a, MEM_BASE + SZ_64K, "bottom-up: just above the reservation");
	b = memblock_alloc(SZ_4K, SZ_1M);
	is_int(b, MEM_BASE + SZ_1M, "bottom-up: next 1 MiB boundary");
	is_int(memblock.reserved.cnt, 2, "bottom-up: first merges, second separate");
	memblock_set_bottom_up(false);
}

static void test_alloc_limits(void)
{
	phys_addr_t a;

	reset_memblock();
	memblock_add(MEM_BASE, 64 * SZ_1M);
	memblock_set_current_limit(MEM_BASE + 8 * SZ_1M);
	is_int(memblock_get_current_limit(), MEM_BASE + 8 * SZ_1M, "current limit read back");

	a = memblock_alloc(SZ_1M, SZ_4K);
	is_int(a, MEM_BASE + 7 * SZ_1M, "alloc stays below current_limit");
	/* An explicit end is used as given, like Linux. */
	a = memblock_alloc_range(SZ_1M, SZ_4K, MEM_BASE + 32 * SZ_1M, MEM_BASE + 40 * SZ_1M);
	is_int(a, MEM_BASE + 39 * SZ_1M, "alloc_range top of [32M,40M)");
	a = memblock_alloc_range(SZ_1M, SZ_4K, MEM_BASE, MEMBLOCK_ALLOC_ANYWHERE);
	is_int(a, MEM_BASE + 63 * SZ_1M, "ALLOC_ANYWHERE ignores current_limit");

	/* The range is too small for the size once aligned. */
	host_log_clear();
	a = memblock_alloc_range(SZ_64K, SZ_64K, MEM_BASE + SZ_4K, MEM_BASE + SZ_64K + SZ_4K);
	is_int(a, 0, "alignment makes a fitting range unusable");
	ok(host_log_contains("memblock: failed to allocate 0x10000 bytes align=0x10000"),
	   "failure is reported with size and alignment");

	host_log_clear();
	a = memblock_alloc(SZ_4K, 3 * SZ_4K);
	is_int(a, 0, "non-power-of-two alignment refused");
	ok(host_log_contains("bad request"), "bad alignment reported");

	/* Never returns address 0, even when memory starts there. */
	reset_memblock();
	memblock_add(0, 2 * SZ_4K);
	memblock_set_bottom_up(true);
	a = memblock_alloc(SZ_4K, SZ_4K);
	is_int(a, SZ_4K, "page 0 is never allocated");
	memblock_set_bottom_up(false);
}

static void test_alloc_exhaustion(void)
{
	phys_addr_t a;
	int n = 0;

	reset_memblock();
	memblock_add(MEM_BASE, SZ_1M);
	memblock_reserve(MEM_BASE + SZ_64K, SZ_64K);
	while ((a = memblock_alloc(SZ_64K, SZ_64K)) != 0)
		n++;
	is_int(n, 15, "sixteen 64K slots minus one reserved");
	is_int(memblock.reserved.cnt, 1, "all allocations merged into one reservation");
	is_int(memblock_reserved_size(), SZ_1M, "memory fully reserved");
	host_log_clear();
	a = memblock_alloc(1, 1);
	is_int(a, 0, "nothing left, even one byte");
	ok(host_log_contains("failed to allocate"), "exhaustion reported");
}

static void test_nomap(void)
{
	phys_addr_t a, s, e;
	u64 i;
	int n = 0;

	reset_memblock();
	memblock_add(MEM_BASE, 4 * SZ_1M);
	memblock_mark_nomap(MEM_BASE + SZ_1M, 3 * SZ_1M);
	is_int(memblock.memory.cnt, 2, "nomap splits memory");
	is_int(RGN(memory, 1).flags, MEMBLOCK_NOMAP, "upper part flagged NOMAP");
	is_int(memblock_phys_mem_size(), 4 * SZ_1M, "NOMAP still counts as memory");
	ok(memblock_is_memory(MEM_BASE + 2 * SZ_1M), "NOMAP is memory");
	ok(!memblock_is_map_memory(MEM_BASE + 2 * SZ_1M), "but not map memory");
	ok(memblock_is_map_memory(MEM_BASE), "normal memory is map memory");

	a = memblock_alloc(SZ_4K, SZ_4K);
	is_int(a, MEM_BASE + SZ_1M - SZ_4K, "top-down alloc skips the NOMAP top");
	for_each_free_mem_range(i, &s, &e)
		n++;
	is_int(n, 1, "NOMAP is not a free range");

	memblock_clear_nomap(MEM_BASE + SZ_1M, 3 * SZ_1M);
	is_int(memblock.memory.cnt, 1, "clear_nomap merges back");
}

static void test_free_ranges(void)
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

	reset_memblock();
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
			is_int(s, want[n][0], "free range %u start", n);
			is_int(e, want[n][1], "free range %u end", n);
		}
		total += e - s;
		n++;
	}
	is_int(n, ARRAY_SIZE(want), "number of free ranges");
	is_int(total, memblock_phys_mem_size() - (SZ_64K + SZ_1M + SZ_4K + SZ_1M),
	       "free = memory - reserved inside memory");

	/* Nothing reserved: the free ranges are the memory regions. */
	reset_memblock();
	memblock_add(MEM_BASE, SZ_1M);
	n = 0;
	for_each_free_mem_range(i, &s, &e) {
		is_int(s, MEM_BASE, "unreserved: start");
		is_int(e, MEM_BASE + SZ_1M, "unreserved: end");
		n++;
	}
	is_int(n, 1, "unreserved: one range");

	/* No memory: no ranges. */
	reset_memblock();
	n = 0;
	for_each_free_mem_range(i, &s, &e)
		n++;
	is_int(n, 0, "empty memblock: no free ranges");
}

static void test_dump(void)
{
	reset_memblock();
	memblock_add(MEM_BASE, SZ_1G);
	memblock_reserve(MEM_BASE + SZ_2M, SZ_2M);
	host_log_clear();
	memblock_dump_all();
	ok(host_log_contains("MEMBLOCK configuration:\n"), "dump header");
	ok(host_log_contains(" memory size = 0x0000000040000000 reserved size = 0x0000000000200000\n"),
	   "dump sizes");
	ok(host_log_contains(" memory.cnt  = 0x1\n"), "dump memory.cnt");
	ok(host_log_contains(" memory[0x0]\t[0x0000000040000000-0x000000007fffffff], "
			     "0x0000000040000000 bytes flags: 0x0\n"), "dump memory region line");
	ok(host_log_contains(" reserved[0x0]\t[0x0000000040200000-0x00000000403fffff], "
			     "0x0000000000200000 bytes flags: 0x0\n"), "dump reserved region line");

	/* memblock=debug logs each call. */
	memblock_debug = true;
	host_log_clear();
	memblock_reserve(MEM_BASE, SZ_4K);
	ok(host_log_contains("memblock_reserve: [0x0000000040000000-0x0000000040000fff]"),
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

static void test_random_model(void)
{
	unsigned int seed = 12345, step, bad = 0;

	reset_memblock();
	memset(model_mem, 0, sizeof(model_mem));
	memset(model_rsv, 0, sizeof(model_rsv));
	for (step = 0; step < 20000 && !bad; step++) {
		unsigned int op, first, n;

		seed = seed * 1103515245 + 12345;
		op = (seed >> 16) % 4;
		first = (seed >> 4) % MODEL_PAGES;
		seed = seed * 1103515245 + 12345;
		n = 1 + (seed >> 16) % 8;
		if (first + n > MODEL_PAGES)
			n = MODEL_PAGES - first;
		for (unsigned int p = first; p < first + n; p++) {
			if (op < 2)
				model_mem[p] = (op == 0);
			else
				model_rsv[p] = (op == 2);
		}
		phys_addr_t base = MEM_BASE + first * SZ_4K, size = n * SZ_4K;
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
	is_int(bad, 0, "20000 random add/remove/reserve/free match a bitmap model (0 = no bad step)");
}

int main(void)
{
	test_add_merge();
	test_add_fills_gaps();
	test_remove_split();
	test_reserve_free();
	test_alloc_top_down();
	test_alloc_bottom_up();
	test_alloc_limits();
	test_alloc_exhaustion();
	test_nomap();
	test_free_ranges();
	test_dump();
	test_random_model();
	return done_testing();
}
