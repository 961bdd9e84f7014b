/*
 * From memblock to the buddy allocator (Linux: mm/mm_init.c, plus
 * memblock_free_all from mm/memblock.c and the watermark setup from
 * mm/page_alloc.c).
 *
 *   free_area_init()  allocates mem_map, one struct page per page frame in
 *                     [min_pfn, max_pfn), from memblock. Every page starts
 *                     PG_reserved with refcount 1: nothing is free yet.
 *   mem_init()        memblock_free_all() walks memblock's free ranges and
 *                     hands each to the buddy allocator in the largest
 *                     naturally aligned blocks; whatever memblock had
 *                     reserved (kernel, DTB, page tables, mem_map itself,
 *                     no-map firmware memory, holes) stays PG_reserved.
 *                     Then the watermarks and per-CPU list sizes are set
 *                     from the number of managed pages, and the "Memory:"
 *                     line is printed.
 *
 * After mem_init() memblock must not allocate: the buddy owns free memory.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/memblock.h>
#include <linux/vmstat.h>
#include <string.h>
#include "internal.h"

struct page *mem_map;
unsigned long min_low_pfn, max_pfn;

/* Linux's defaults: min_free_kbytes is recomputed at boot; scale factor 0.1%. */
int min_free_kbytes = 1024;
static int user_min_free_kbytes = -1;
int watermark_scale_factor = 10;

#define PFN_UP(x)	((unsigned long)(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_DOWN(x)	((unsigned long)((x) >> PAGE_SHIFT))
#define K(pages)	((pages) << (PAGE_SHIFT - 10))

/* Pages of memblock memory (NOMAP included) inside [min_pfn, max_pfn). */
static unsigned long count_present_pages(unsigned long min_pfn, unsigned long max_pfn)
{
	unsigned long i, n = 0;

	for (i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long s = max(PFN_UP(r->base), min_pfn);
		unsigned long e = min(PFN_DOWN(r->base + r->size), max_pfn);

		if (s < e)
			n += e - s;
	}
	return n;
}

/* memblock_alloc or die: there is no kernel without these arrays. */
static void *alloc_boot_array(unsigned long bytes, const char *what)
{
	phys_addr_t pa = memblock_alloc(ALIGN(bytes, PAGE_SIZE), PAGE_SIZE);

	if (!pa)
		panic("free_area_init: cannot allocate %s (%lu bytes) from memblock", what, bytes);
	return __va(pa);
}

/*
 * Create mem_map for [min_pfn, max_pfn) and an empty zone over it. Every
 * page starts PG_reserved, refcount 1, unmapped; every pageblock starts
 * MIGRATE_MOVABLE. Allocates from memblock; call it once, after memblock
 * is complete. (Linux: free_area_init -> alloc_node_mem_map, memmap_init.)
 */
void free_area_init(unsigned long min_pfn, unsigned long max_pfn_arg)
{
	struct zone *zone = &zone_normal;
	unsigned long nr = max_pfn_arg - min_pfn, i, nr_blocks, present, tenths;
	unsigned int o;
	int mt;

	if (max_pfn_arg <= min_pfn)
		panic("free_area_init: empty pfn range [%lx, %lx)", min_pfn, max_pfn_arg);

	mem_map = alloc_boot_array(nr * sizeof(struct page), "mem_map");
	min_low_pfn = min_pfn;
	max_pfn = max_pfn_arg;
	for (i = 0; i < nr; i++) {
		struct page *page = &mem_map[i];

		memset(page, 0, sizeof(*page));
		SetPageReserved(page);
		init_page_count(page);
		page_mapcount_reset(page);
		INIT_LIST_HEAD(&page->lru);
	}

	zone->zone_start_pfn = min_pfn;
	zone->spanned_pages = nr;
	zone->present_pages = present = count_present_pages(min_pfn, max_pfn_arg);
	zone->managed_pages = 0;
	for (int i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++) {
		atomic_long_set(&zone->vm_stat[i], 0);
		atomic_long_set(&vm_zone_stat[i], 0);
	}
	zone->percpu_drift_mark = 0;
	spin_lock_init(&zone->lock);
	for (o = 0; o < MAX_ORDER; o++) {
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			INIT_LIST_HEAD(&zone->free_area[o].free_list[mt]);
		zone->free_area[o].nr_free = 0;
	}
	nr_blocks = pageblock_index(zone, max_pfn_arg - 1) + 1;
	zone->pageblock_flags = alloc_boot_array(nr_blocks, "pageblock_flags");
	memset(zone->pageblock_flags, MIGRATE_MOVABLE, nr_blocks);
	zone_pcp_init(zone);

	tenths = present ? nr * sizeof(struct page) * 1000 / (present * PAGE_SIZE) : 0;
	pr_info("struct page: %zu bytes, mem_map: %lu KiB for %lu pages (%lu.%lu%% of RAM)\n",
		sizeof(struct page), (unsigned long)(nr * sizeof(struct page) >> 10), nr,
		tenths / 10, tenths % 10);
}

/*
 * Free [start, end) pfns in the largest blocks that are naturally aligned
 * and fit: the order is limited by the alignment of start and by what is
 * left. (Linux: __free_pages_memory.)
 */
static unsigned long __free_pages_memory(unsigned long start, unsigned long end)
{
	unsigned long count = end - start;

	while (start < end) {
		unsigned int order = start ? (unsigned int)__builtin_ctzl(start) : MAX_ORDER - 1;

		order = min(order, (unsigned int)MAX_ORDER - 1);
		while (start + (1UL << order) > end)
			order--;
		__free_pages_core(pfn_to_page(start), order);
		start += 1UL << order;
	}
	return count;
}

/*
 * Release every free memblock range (memory minus reserved minus NOMAP) to
 * the buddy allocator; partial pages at range edges stay reserved. Returns
 * the number of pages released. (Linux: memblock_free_all ->
 * free_low_memory_core_early -> __free_memory_core.)
 */
unsigned long memblock_free_all(void)
{
	phys_addr_t start, end;
	unsigned long count = 0;
	u64 i;

	for_each_free_mem_range(i, &start, &end) {
		unsigned long s = max(PFN_UP(start), min_low_pfn);
		unsigned long e = min(PFN_DOWN(end), max_pfn);

		if (s < e)
			count += __free_pages_memory(s, e);
	}
	return count;
}

/* ---- watermarks -------------------------------------------------------------- */

/* floor(sqrt(x)), one bit pair at a time (Linux: lib/math/int_sqrt.c). */
static unsigned long int_sqrt(unsigned long x)
{
	unsigned long root = 0, bit = 1UL << (sizeof(long) * 8 - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= root + bit) {
			x -= root + bit;
			root = (root >> 1) + bit;
		} else {
			root >>= 1;
		}
		bit >>= 2;
	}
	return root;
}

/*
 * min = min_free_kbytes in pages; the gap from min to low and from low to
 * high is the larger of min/4 and watermark_scale_factor/10000 of the zone,
 * so kswapd gets a head start that grows with RAM. Takes zone->lock.
 * (Linux: setup_per_zone_wmarks -> __setup_per_zone_wmarks, one zone.)
 */
void setup_per_zone_wmarks(void)
{
	struct zone *zone = &zone_normal;
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long delta, flags;

	delta = max(pages_min / 4, zone->managed_pages * watermark_scale_factor / 10000);
	spin_lock_irqsave(&zone->lock, flags);
	zone->_watermark[WMARK_MIN] = pages_min;
	zone->_watermark[WMARK_LOW] = pages_min + delta;
	zone->_watermark[WMARK_HIGH] = pages_min + 2 * delta;
	spin_unlock_irqrestore(&zone->lock, flags);
	refresh_zone_stat_thresholds();		/* the drift mark follows the high watermark */
}

/*
 * Default reserve: sqrt(16 * lowmem KiB), clamped to [128 KiB, 256 MiB], so
 * it grows slower than RAM (1 MiB for 64 MiB, 4 MiB for 1 GiB). A value set
 * with setup_min_free_kbytes() wins. (Linux: calculate_min_free_kbytes,
 * which keeps the user's value only if it is larger, because it reruns on
 * memory hotplug; here it runs once.)
 */
void init_per_zone_wmark_min(void)
{
	unsigned long lowmem_kbytes = K(zone_normal.managed_pages);
	long new_min = (long)int_sqrt(lowmem_kbytes * 16);

	if (user_min_free_kbytes < 0)
		min_free_kbytes = (int)clamp(new_min, 128L, 262144L);
	setup_per_zone_wmarks();
}

/* "min_free_kbytes=N" (bootargs or the sysctl): use N and recompute. */
/*
 * What a user may ask for: 128 KiB (Linux's floor) up to a quarter of RAM.
 * More would leave kswapd reclaiming forever to keep most of RAM free, and
 * make every allocation a direct reclaim (Linux caps the default at 256 MiB
 * and lets root shoot itself in the foot; here the sysctl and the boot
 * argument refuse).
 */
bool min_free_kbytes_valid(long kbytes)
{
	return kbytes >= 128 && kbytes <= (long)K(totalram_pages()) / 4;
}

void setup_min_free_kbytes(unsigned long kbytes)
{
	min_free_kbytes = user_min_free_kbytes = (int)kbytes;
	if (zone_normal.managed_pages)
		setup_per_zone_wmarks();
}

/* ---- the end of boot memory setup --------------------------------------------- */

/*
 * The "Memory:" line, as Linux prints it: free/total, then the kernel's
 * sections and what stays reserved (total minus managed). Linux also lists
 * init and cma-reserved; this kernel frees no init sections and has no CMA.
 * (Linux: mem_init_print_info.)
 */
void mem_init_print_info(const struct kernel_image_sizes *sizes)
{
	static const struct kernel_image_sizes none;
	unsigned long physpages = zone_normal.present_pages;

	if (!sizes)
		sizes = &none;
	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, "
		"%luK bss, %luK reserved)\n",
		K(nr_free_pages()), K(physpages), sizes->code >> 10, sizes->rwdata >> 10,
		sizes->rodata >> 10, sizes->bss >> 10,
		K(physpages - zone_normal.managed_pages));
}

/*
 * Start the page allocator: free memblock's free memory to it, size the
 * watermarks and per-CPU lists, print the totals. Call once, after
 * free_area_init(). (Linux: mem_init + init_per_zone_wmark_min + setup_per_cpu_pageset.)
 */
void mem_init(const struct kernel_image_sizes *sizes)
{
	memblock_free_all();
	init_per_zone_wmark_min();
	zone_pcp_update(&zone_normal);
	mem_init_print_info(sizes);
	pr_info("Zone %s: min_free_kbytes %d, watermarks min %lu low %lu high %lu pages, "
		"per-CPU lists batch %d high %d\n", zone_normal.name, min_free_kbytes,
		min_wmark_pages(&zone_normal), low_wmark_pages(&zone_normal),
		high_wmark_pages(&zone_normal), zone_normal.pcp[0].batch, zone_normal.pcp[0].high);
}
