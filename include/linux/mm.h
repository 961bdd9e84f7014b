/*
 * The page allocator's interface (mm/page_alloc.c) and struct page helpers.
 * pfn = physical address >> PAGE_SHIFT. mem_map covers [min_low_pfn, max_pfn).
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <linux/page_ref.h>
#include <asm/memory.h>

#define MAX_ORDER	11	/* orders 0..10: blocks of 1 page .. 4 MiB */

extern struct page *mem_map;
extern unsigned long min_low_pfn, max_pfn;

#define PHYS_PFN(pa)		((unsigned long)((pa) >> PAGE_SHIFT))
#define PFN_PHYS(pfn)		((phys_addr_t)(pfn) << PAGE_SHIFT)
#define pfn_to_page(pfn)	(mem_map + ((pfn) - min_low_pfn))
#define page_to_pfn(page)	((unsigned long)((page) - mem_map) + min_low_pfn)
#define pfn_valid(pfn)		((pfn) >= min_low_pfn && (pfn) < max_pfn)
#define page_to_phys(page)	PFN_PHYS(page_to_pfn(page))
#define page_address(page)	__va(page_to_phys(page))
#define virt_to_page(va)	pfn_to_page(PHYS_PFN(__pa(va)))

static inline int page_count(const struct page *p) { return page_ref_count(p); }
/* Take a reference on a page the caller already holds or reaches under a lock (Linux: get_page). */
static inline void get_page(struct page *p) { page_ref_inc(p); }
/* Drop one; true when it was the last (Linux: put_page_testzero). */
static inline bool put_page_testzero(struct page *p) { return page_ref_dec_and_test(p); }

/*
 * _mapcount starts at -1 (Linux's convention): the first PTE mapping the
 * page takes it to 0, so "the first mapper" and "the last unmapper" are the
 * callers whose atomic_inc_and_test / atomic_add_negative(-1) see 0 / -1
 * (Linux: page_add_anon_rmap, page_remove_rmap).
 */
static inline int page_mapcount(const struct page *p) { return atomic_read(&p->_mapcount) + 1; }
static inline bool page_mapped(const struct page *p) { return atomic_read(&p->_mapcount) >= 0; }
static inline void page_mapcount_reset(struct page *p) { atomic_set(&p->_mapcount, -1); }

/* The buddy allocator. alloc_pages returns NULL on failure (warns unless __GFP_NOWARN). */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);	/* linear-map VA or 0 */
void free_pages(unsigned long addr, unsigned int order);
#define alloc_page(gfp)		alloc_pages(gfp, 0)
#define __free_page(page)	__free_pages(page, 0)
#define get_free_page(gfp)	__get_free_pages((gfp) | __GFP_ZERO, 0)
#define free_page(addr)		free_pages(addr, 0)
/* Drop a reference; frees the page (order 0) when it reaches zero. */
void put_page(struct page *page);

unsigned long nr_free_pages(void);

#endif
