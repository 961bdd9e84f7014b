/*
 * memblock: the boot-time physical memory map (Linux: mm/memblock.c).
 *
 * Before the buddy allocator exists the kernel still needs memory (for the
 * struct page array, early page tables, the device tree copy). memblock keeps
 * two lists of physical ranges:
 *
 *   memory    RAM that exists, added from the device tree /memory nodes
 *   reserved  RAM in use: kernel image, DTB, /reserved-memory, allocations
 *
 * Each list is a sorted array of non-overlapping regions; touching regions
 * with the same flags are merged, so the lists stay short. "Free" means in
 * memory, not in reserved and not NOMAP. memblock_alloc() finds a free range
 * and reserves it. At the end of boot memblock_free_all() (mm/mm_init.c)
 * passes every free range to the buddy allocator.
 *
 * The arrays are static: memblock works before any allocator exists. Linux
 * doubles an array when it fills (memblock_double_array); we panic and say
 * which array, because a teaching machine with 128 ranges is already odd.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <asm/memory.h>
#include <string.h>

static struct memblock_region memory_regions[INIT_MEMBLOCK_REGIONS];
static struct memblock_region reserved_regions[INIT_MEMBLOCK_RESERVED_REGIONS];

struct memblock memblock = {
	.bottom_up	= false,
	.current_limit	= MEMBLOCK_ALLOC_ANYWHERE,
	.memory		= { .regions = memory_regions,
			    .max = INIT_MEMBLOCK_REGIONS, .name = "memory" },
	.reserved	= { .regions = reserved_regions,
			    .max = INIT_MEMBLOCK_RESERVED_REGIONS, .name = "reserved" },
};

bool memblock_debug;

#define memblock_dbg(fmt, ...) \
	do { if (memblock_debug) pr_info(fmt, ##__VA_ARGS__); } while (0)

static inline phys_addr_t rgn_end(const struct memblock_region *r)
{
	return r->base + r->size;
}

/* Clip size so that base + size does not wrap (Linux: memblock_cap_size). */
static phys_addr_t memblock_cap_size(phys_addr_t base, phys_addr_t size)
{
	return min(size, PHYS_ADDR_MAX - base);
}

/* ---- the sorted array primitives ---------------------------------------- */

/*
 * Insert a region at index idx, shifting the rest up. The caller keeps the
 * array sorted. Running out of slots is a kernel bug here, so panic and name
 * the array (Linux: memblock_insert_region + memblock_double_array).
 */
static void memblock_insert_region(struct memblock_type *type, unsigned long idx,
				   phys_addr_t base, phys_addr_t size,
				   enum memblock_flags flags)
{
	struct memblock_region *r = &type->regions[idx];

	if (type->cnt >= type->max)
		panic("memblock: the %s array is full (%lu regions); raise INIT_MEMBLOCK_%sREGIONS",
		      type->name, type->max, type == &memblock.reserved ? "RESERVED_" : "");
	memmove(r + 1, r, (type->cnt - idx) * sizeof(*r));
	r->base = base;
	r->size = size;
	r->flags = flags;
	type->cnt++;
	type->total_size += size;
}

static void memblock_remove_region(struct memblock_type *type, unsigned long idx)
{
	struct memblock_region *r = &type->regions[idx];

	type->total_size -= r->size;
	memmove(r, r + 1, (type->cnt - idx - 1) * sizeof(*r));
	type->cnt--;
}

/* Merge neighbours that touch and have the same flags (Linux: memblock_merge_regions). */
static void memblock_merge_regions(struct memblock_type *type)
{
	unsigned long i = 0;

	while (i + 1 < type->cnt) {
		struct memblock_region *this = &type->regions[i];
		struct memblock_region *next = this + 1;

		if (rgn_end(this) != next->base || this->flags != next->flags) {
			i++;
			continue;
		}
		this->size += next->size;
		/* total_size is unchanged: the bytes just moved to this. */
		memmove(next, next + 1, (type->cnt - i - 2) * sizeof(*next));
		type->cnt--;
	}
}

/*
 * Add [base, base + size) to a list. Parts that are already covered keep
 * their region (and its flags); only the gaps are inserted, then neighbours
 * merge. So adding an overlapping range is harmless and idempotent.
 * (Linux: memblock_add_range, which counts first and inserts in a second
 * pass; one pass suffices with fixed arrays. The array is checked before
 * merging, so a nearly full array may panic one insert early.)
 */
static int memblock_add_range(struct memblock_type *type, phys_addr_t base,
			      phys_addr_t size, enum memblock_flags flags)
{
	phys_addr_t end = base + memblock_cap_size(base, size);
	unsigned long idx;

	if (base == end)
		return 0;

	for (idx = 0; idx < type->cnt; idx++) {
		struct memblock_region *r = &type->regions[idx];

		if (r->base >= end)
			break;			/* r and everything after lies above */
		if (rgn_end(r) <= base)
			continue;		/* r lies below */
		/* r overlaps: insert the gap below it, then skip past r. */
		if (r->base > base) {
			memblock_insert_region(type, idx, base, r->base - base, flags);
			idx++;			/* r moved up one slot */
			r = &type->regions[idx];
		}
		base = min(rgn_end(r), end);
	}
	if (base < end)
		memblock_insert_region(type, idx, base, end - base, flags);

	memblock_merge_regions(type);
	return 0;
}

/*
 * Split regions so that [base, base + size) is covered by whole regions,
 * and return them as the index range [*start_rgn, *end_rgn) (both 0 if none).
 * Removal and flag changes then work on whole regions only.
 * (Linux: memblock_isolate_range.)
 */
static void memblock_isolate_range(struct memblock_type *type, phys_addr_t base,
				   phys_addr_t size, unsigned long *start_rgn,
				   unsigned long *end_rgn)
{
	phys_addr_t end = base + memblock_cap_size(base, size);
	unsigned long idx;

	*start_rgn = *end_rgn = 0;
	if (base == end)
		return;

	for (idx = 0; idx < type->cnt; idx++) {
		struct memblock_region *r = &type->regions[idx];
		phys_addr_t rbase = r->base, rend = rgn_end(r);

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;

		if (rbase < base) {
			/*
			 * r sticks out below: shrink it to start at base and
			 * insert the part below as its own region. The loop
			 * then looks at the shrunk r again (now idx + 1).
			 */
			r->base = base;
			r->size = rend - base;
			type->total_size -= base - rbase;
			memblock_insert_region(type, idx, rbase, base - rbase, r->flags);
		} else if (rend > end) {
			/*
			 * r sticks out above: keep the part above end in r and
			 * insert [rbase, end) before it; revisit that one.
			 */
			r->base = end;
			r->size = rend - end;
			type->total_size -= end - rbase;
			memblock_insert_region(type, idx, rbase, end - rbase, r->flags);
			idx--;
		} else {
			/* r lies entirely inside [base, end). */
			if (*end_rgn == 0)
				*start_rgn = idx;
			*end_rgn = idx + 1;
		}
	}
}

static int memblock_remove_range(struct memblock_type *type, phys_addr_t base,
				 phys_addr_t size)
{
	unsigned long start_rgn, end_rgn;

	memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	while (end_rgn > start_rgn)
		memblock_remove_region(type, --end_rgn);
	return 0;
}

/* Set or clear a flag on the memory regions in a range (Linux: memblock_setclr_flag). */
static int memblock_setclr_flag(phys_addr_t base, phys_addr_t size, bool set,
				enum memblock_flags flag)
{
	struct memblock_type *type = &memblock.memory;
	unsigned long i, start_rgn, end_rgn;

	memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	for (i = start_rgn; i < end_rgn; i++) {
		if (set)
			type->regions[i].flags |= flag;
		else
			type->regions[i].flags &= ~flag;
	}
	memblock_merge_regions(type);
	return 0;
}

/* ---- the public API ----------------------------------------------------- */

#define memblock_log(fn, base, size) \
	memblock_dbg("%s: [0x%016lx-0x%016lx]\n", fn, (unsigned long)(base), \
		     (unsigned long)((base) + (size) - 1))

/* Register RAM. Called once per /memory reg entry. */
int memblock_add(phys_addr_t base, phys_addr_t size)
{
	memblock_log("memblock_add", base, size);
	return memblock_add_range(&memblock.memory, base, size, MEMBLOCK_NONE);
}

/* Forget RAM (e.g. beyond a mem= limit); splits regions as needed. */
int memblock_remove(phys_addr_t base, phys_addr_t size)
{
	memblock_log("memblock_remove", base, size);
	return memblock_remove_range(&memblock.memory, base, size);
}

/* Mark a range as in use. It need not be inside memory (Linux allows that too). */
int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	memblock_log("memblock_reserve", base, size);
	return memblock_add_range(&memblock.reserved, base, size, MEMBLOCK_NONE);
}

/* Un-reserve: the range becomes free again (Linux: memblock_phys_free). */
int memblock_free(phys_addr_t base, phys_addr_t size)
{
	memblock_log("memblock_free", base, size);
	return memblock_remove_range(&memblock.reserved, base, size);
}

/*
 * RAM that must not be mapped or allocated (DT reserved-memory with no-map,
 * e.g. firmware). It stays in the memory list, so it is counted and gets a
 * struct page, but it is never free. (Linux: memblock_mark_nomap.)
 */
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size)
{
	memblock_log("memblock_mark_nomap", base, size);
	return memblock_setclr_flag(base, size, true, MEMBLOCK_NOMAP);
}

int memblock_clear_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, false, MEMBLOCK_NOMAP);
}

void memblock_set_bottom_up(bool enable)
{
	memblock.bottom_up = enable;
}

bool memblock_bottom_up(void)
{
	return memblock.bottom_up;
}

/* Allocations without an explicit end stay below limit (e.g. what is mapped yet). */
void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

phys_addr_t memblock_get_current_limit(void)
{
	return memblock.current_limit;
}

phys_addr_t memblock_phys_mem_size(void)
{
	return memblock.memory.total_size;
}

phys_addr_t memblock_reserved_size(void)
{
	return memblock.reserved.total_size;
}

phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.cnt ? memblock.memory.regions[0].base : 0;
}

phys_addr_t memblock_end_of_DRAM(void)
{
	unsigned long n = memblock.memory.cnt;

	return n ? rgn_end(&memblock.memory.regions[n - 1]) : 0;
}

/* Binary search for the region holding addr, or NULL (Linux: memblock_search). */
static struct memblock_region *memblock_search(struct memblock_type *type,
					       phys_addr_t addr)
{
	unsigned long lo = 0, hi = type->cnt;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;
		struct memblock_region *r = &type->regions[mid];

		if (addr < r->base)
			hi = mid;
		else if (addr >= rgn_end(r))
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

bool memblock_is_memory(phys_addr_t addr)
{
	return memblock_search(&memblock.memory, addr) != NULL;
}

bool memblock_is_map_memory(phys_addr_t addr)
{
	struct memblock_region *r = memblock_search(&memblock.memory, addr);

	return r && !(r->flags & MEMBLOCK_NOMAP);
}

bool memblock_is_reserved(phys_addr_t addr)
{
	return memblock_search(&memblock.reserved, addr) != NULL;
}

/* ---- free ranges -------------------------------------------------------- */

/*
 * Advance the free-range cursor (Linux: __next_mem_range with type_b =
 * reserved). Free memory is the intersection of a memory region with a gap
 * between reserved regions. Gap g runs from the end of reserved[g - 1] (or 0)
 * to the start of reserved[g] (or the top of the address space), so there
 * are cnt + 1 gaps. Both lists are sorted, so one merge-like walk visits
 * every intersection in ascending order. Low 32 bits of *idx: memory index;
 * high 32 bits: gap index.
 */
void __next_free_mem_range(u64 *idx, phys_addr_t *out_start, phys_addr_t *out_end)
{
	struct memblock_type *mem = &memblock.memory;
	struct memblock_type *rsv = &memblock.reserved;
	unsigned long im = *idx & 0xffffffff;
	unsigned long ig = *idx >> 32;

	for (; im < mem->cnt; im++) {
		struct memblock_region *m = &mem->regions[im];
		phys_addr_t mbase = m->base, mend = rgn_end(m);

		if (m->flags & MEMBLOCK_NOMAP)
			continue;

		for (; ig <= rsv->cnt; ig++) {
			phys_addr_t gbase = ig ? rgn_end(&rsv->regions[ig - 1]) : 0;
			phys_addr_t gend = ig < rsv->cnt ? rsv->regions[ig].base : PHYS_ADDR_MAX;
			phys_addr_t start = max(mbase, gbase), end = min(mend, gend);

			if (gbase >= mend)
				break;		/* this gap starts above m: next m */
			if (start >= end)
				continue;	/* this gap ends below m: next gap */
			*out_start = start;
			*out_end = end;
			/* Advance whichever of the two ends first. */
			if (mend <= gend)
				im++;
			else
				ig++;
			*idx = (u64)im | ((u64)ig << 32);
			return;
		}
	}
	*idx = (u64)PHYS_ADDR_MAX;
}

/* ---- allocation --------------------------------------------------------- */

/*
 * Find (but do not reserve) a free, aligned range of size bytes inside
 * [start, end). Top-down by default: the last fitting candidate of the
 * ascending walk is the highest one. (Linux walks the free ranges in
 * reverse instead: memblock_find_in_range_node, __memblock_find_range_top_down.)
 * Top-down keeps low memory free for devices that can only reach it.
 */
static phys_addr_t memblock_find_in_range(phys_addr_t size, phys_addr_t align,
					  phys_addr_t start, phys_addr_t end)
{
	phys_addr_t this_start, this_end, found = 0;
	u64 i;

	/* Never hand out the first page: 0 means "failed" (Linux does the same). */
	start = max(start, (phys_addr_t)PAGE_SIZE);

	for_each_free_mem_range(i, &this_start, &this_end) {
		phys_addr_t cand;

		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);
		if (this_end - this_start < size)
			continue;
		if (memblock.bottom_up) {
			cand = ALIGN(this_start, align);
			if (cand >= this_start && cand < this_end && this_end - cand >= size)
				return cand;
		} else {
			cand = ALIGN_DOWN(this_end - size, align);
			if (cand >= this_start)
				found = cand;
		}
	}
	return found;
}

/*
 * Allocate and reserve size bytes aligned to align inside [start, end).
 * end == MEMBLOCK_ALLOC_ACCESSIBLE means memblock.current_limit; an explicit
 * end is used as given (as in Linux). Returns 0 and prints why on failure.
 * (Linux: memblock_phys_alloc_range -> memblock_alloc_range_nid.)
 */
phys_addr_t memblock_alloc_range(phys_addr_t size, phys_addr_t align,
				 phys_addr_t start, phys_addr_t end)
{
	phys_addr_t found;

	if (!align) {
		/* Linux warns and uses SMP_CACHE_BYTES; so do we. */
		pr_warn("memblock: memblock_alloc called with align 0, using 64\n");
		align = 64;
	}
	if (!is_power_of_2(align) || !size) {
		pr_err("memblock: bad request size 0x%lx align 0x%lx\n",
		       (unsigned long)size, (unsigned long)align);
		return 0;
	}
	if (end == MEMBLOCK_ALLOC_ACCESSIBLE)
		end = memblock.current_limit;

	found = memblock_find_in_range(size, align, start, end);
	if (!found) {
		pr_err("memblock: failed to allocate 0x%lx bytes align=0x%lx in [0x%016lx-0x%016lx)\n",
		       (unsigned long)size, (unsigned long)align,
		       (unsigned long)start, (unsigned long)end);
		return 0;
	}
	memblock_add_range(&memblock.reserved, found, size, MEMBLOCK_NONE);
	memblock_log("memblock_alloc", found, size);
	return found;
}

/* Allocate anywhere below the current limit (Linux: memblock_phys_alloc). */
phys_addr_t memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_range(size, align, 0, MEMBLOCK_ALLOC_ACCESSIBLE);
}

/* ---- the dump ------------------------------------------------------------ */

static void memblock_dump(struct memblock_type *type)
{
	unsigned long i;

	pr_info(" %s.cnt  = 0x%lx\n", type->name, type->cnt);
	for (i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];

		pr_info(" %s[0x%lx]\t[0x%016lx-0x%016lx], 0x%016lx bytes flags: 0x%x\n",
			type->name, i, (unsigned long)r->base,
			(unsigned long)(rgn_end(r) - 1), (unsigned long)r->size,
			(unsigned int)r->flags);
	}
}

/* What Linux prints with memblock=debug (Linux: __memblock_dump_all). */
void memblock_dump_all(void)
{
	pr_info("MEMBLOCK configuration:\n");
	pr_info(" memory size = 0x%016lx reserved size = 0x%016lx\n",
		(unsigned long)memblock.memory.total_size,
		(unsigned long)memblock.reserved.total_size);
	memblock_dump(&memblock.memory);
	memblock_dump(&memblock.reserved);
}
