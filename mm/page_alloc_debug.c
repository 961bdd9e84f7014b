/*
 * Catching bad frees before they corrupt the free lists, and the report
 * printed when an allocation fails.
 *
 * A bad free is worse than a leak: putting a page on a free list twice, or
 * with the wrong order, hands the same memory to two owners later, and the
 * crash comes far from the bug. So every free is checked first, and a bad
 * one is reported in one line, "BUG: Bad page state in <fn>() pfn:<pfn>
 * order:<n>: <problem>", and refused (the page is leaked, nothing else is
 * touched). Linux does the same in free_page_is_bad / bad_page, printing
 * "BUG: Bad page state in process ..." and "page dumped because: ...".
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <stdarg.h>
#include "internal.h"

static __printf(4, 5) void bad_page(const char *fn, unsigned long pfn,
				    unsigned int order, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	pr_err("BUG: Bad page state in %s() pfn:%05lx order:%u: %s\n", fn, pfn, order, why);
}

void bad_page_addr(const char *fn, unsigned long addr, const char *reason)
{
	pr_err("BUG: Bad page state in %s() addr:0x%lx: %s\n", fn, addr, reason);
}

/* Is p a pointer to an element of mem_map (and not somewhere else)? */
static bool page_in_mem_map(const struct page *p)
{
	unsigned long a = (unsigned long)p, base = (unsigned long)mem_map;
	unsigned long bytes = (max_pfn - min_low_pfn) * sizeof(struct page);

	return mem_map && a >= base && a < base + bytes &&
	       (a - base) % sizeof(struct page) == 0;
}

/*
 * Find the free buddy block containing pfn, if any: some aligned pfn at or
 * below it heads a PG_buddy block whose order covers it.
 * (Linux: is_free_buddy_page.)
 */
static bool find_free_block(unsigned long pfn, unsigned long *head, unsigned int *order)
{
	unsigned int o;

	for (o = 0; o < MAX_ORDER; o++) {
		unsigned long h = pfn & ~((1UL << o) - 1);
		struct page *p;

		if (!pfn_valid(h))
			break;
		p = pfn_to_page(h);
		if (PageBuddy(p) && buddy_order(p) >= o) {
			*head = h;
			*order = buddy_order(p);
			return true;
		}
	}
	return false;
}

/* Find a live allocation of order > 0 whose head is below pfn and covers it. */
static bool find_allocation(unsigned long pfn, unsigned long *head, unsigned int *order)
{
	unsigned int o;

	for (o = 1; o < MAX_ORDER; o++) {
		unsigned long h = pfn & ~((1UL << o) - 1);
		struct page *p;

		if (h == pfn || !pfn_valid(h))
			continue;
		p = pfn_to_page(h);
		if (PageHead(p) && page_count(p) > 0 && p->private < MAX_ORDER &&
		    pfn - h < (1UL << p->private)) {
			*head = h;
			*order = (unsigned int)p->private;
			return true;
		}
	}
	return false;
}

/*
 * The checks before anything is changed, in the order a reader would ask:
 * is it a page at all, may it ever be freed, is it allocated, is this its
 * order. See internal.h. __free_pages runs this only when its cheap test
 * (free_page_is_bad) fails, so it may take its time to name the problem.
 */
bool free_pages_check(struct page *page, unsigned int order)
{
	unsigned long pfn, head;
	unsigned int alloc_order, head_order;

	if (!page_in_mem_map(page)) {
		pr_err("BUG: Bad page state in __free_pages() page:%p: not a struct page in mem_map\n",
		       (void *)page);
		return false;
	}
	pfn = page_to_pfn(page);
	if (order >= MAX_ORDER) {
		bad_page("__free_pages", pfn, order, "order out of range (MAX_ORDER is %d)", MAX_ORDER);
		return false;
	}
	if (PageReserved(page)) {
		bad_page("__free_pages", pfn, order,
			 "freeing a reserved page (never given to the buddy allocator)");
		return false;
	}
	if (page_count(page) <= 0) {
		if (find_free_block(pfn, &head, &head_order))
			bad_page("__free_pages", pfn, order,
				 "double free: page is already free (in the free order-%u block at pfn:%05lx)",
				 head_order, head);
		else if (find_allocation(pfn, &head, &head_order))
			bad_page("__free_pages", pfn, order,
				 "not the first page of its allocation (order-%u block at pfn:%05lx)",
				 head_order, head);
		else
			bad_page("__free_pages", pfn, order,
				 "double free: refcount is already 0 (page is free, on a per-CPU list)");
		return false;
	}
	alloc_order = PageHead(page) ? (unsigned int)page->private : 0;
	if (alloc_order != order) {
		bad_page("__free_pages", pfn, order,
			 "wrong order: freed as order %u, allocated as order %u", order, alloc_order);
		return false;
	}
	return true;
}

/*
 * The last reference is going: nobody may still own the page. These flags
 * belong to an owner (a slab, an LRU list, the swap cache) that forgot to
 * let go; a mapped page is still in someone's page table. (Linux:
 * page_expected_state, PAGE_FLAGS_CHECK_AT_FREE.) PG_buddy here means the
 * struct page was overwritten. __free_pages calls this only when its one
 * test of the flag word and the mapcount has failed (Linux: bad_page).
 */
bool free_pages_flags_bad(struct page *page, unsigned int order)
{
	static const struct { int bit; const char *name; } owner_flags[] = {
		{ PG_buddy, "buddy" }, { PG_slab, "slab" }, { PG_lru, "lru" },
		{ PG_locked, "locked" }, { PG_swapcache, "swapcache" }, { PG_zsmalloc, "zsmalloc" },
	};
	unsigned long pfn = page_to_pfn(page);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(owner_flags); i++) {
		if (page->flags & (1UL << owner_flags[i].bit)) {
			bad_page("__free_pages", pfn, order,
				 "PG_%s still set (flags 0x%lx): the owner did not release it",
				 owner_flags[i].name, page->flags);
			return true;
		}
	}
	if (page->flags & PAGE_FLAGS_CHECK_AT_FREE) {	/* a bit the table above lacks */
		bad_page("__free_pages", pfn, order,
			 "flags 0x%lx still set: the owner did not release it",
			 page->flags & PAGE_FLAGS_CHECK_AT_FREE);
		return true;
	}
	if (page_mapped(page)) {
		bad_page("__free_pages", pfn, order,
			 "still mapped by %d page table entries", page_mapcount(page));
		return true;
	}
	return false;
}

/* ---- allocation failure --------------------------------------------------- */

/* GFP flags by name, composites first, like Linux's %pGg. */
static void format_gfp(char *buf, size_t size, gfp_t gfp)
{
	static const struct { gfp_t mask; const char *name; } names[] = {
		{ GFP_USER, "GFP_USER" }, { GFP_KERNEL, "GFP_KERNEL" },
		{ GFP_ATOMIC, "GFP_ATOMIC" }, { GFP_NOWAIT, "GFP_NOWAIT" },
		{ __GFP_HIGH, "__GFP_HIGH" }, { __GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
		{ __GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" }, { __GFP_ZERO, "__GFP_ZERO" },
		{ __GFP_NORETRY, "__GFP_NORETRY" }, { __GFP_NOWARN, "__GFP_NOWARN" },
		{ __GFP_MOVABLE, "__GFP_MOVABLE" },
	};
	size_t len = 0;
	unsigned int i;

	buf[0] = 0;
	for (i = 0; i < ARRAY_SIZE(names) && len < size; i++) {
		if ((gfp & names[i].mask) != names[i].mask)
			continue;
		len += snprintf(buf + len, size - len, "%s%s", len ? "|" : "", names[i].name);
		gfp &= ~names[i].mask;
	}
	if (gfp && len < size)
		len += snprintf(buf + len, size - len, "%s0x%x", len ? "|" : "", gfp);
	if (!len)
		snprintf(buf, size, "none");
}

/*
 * One line, so that a log full of failures stays readable: what was asked
 * (order, gfp), what the zone had (free pages, watermarks, pages on per-CPU
 * lists) and the free blocks per order, 0..10. (Linux: warn_alloc prints
 * "page allocation failure: order:%u, mode:%#x(%pGg)" and then the full
 * show_mem report.)
 */
void warn_alloc(gfp_t gfp, unsigned int order)
{
	struct zone *z = &zone_normal;
	char gfpname[160], blocks[MAX_ORDER * 8];
	size_t len = 0;
	unsigned int o;

	format_gfp(gfpname, sizeof(gfpname), gfp);
	for (o = 0; o < MAX_ORDER && len < sizeof(blocks); o++)
		len += snprintf(blocks + len, sizeof(blocks) - len, "%s%lu", o ? " " : "",
				READ_ONCE(z->free_area[o].nr_free));
	pr_warn("alloc_pages: page allocation failure: order:%u, mode:0x%x(%s), "
		"free:%lu min:%lu low:%lu high:%lu pcp:%lu, free blocks by order: %s\n",
		order, gfp, gfpname, nr_free_pages(), min_wmark_pages(z),
		low_wmark_pages(z), high_wmark_pages(z), nr_pcp_pages(), blocks);
}
