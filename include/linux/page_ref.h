/*
 * page->_refcount behind helpers, as Linux's include/linux/page_ref.h.
 *
 * With more than one CPU a page can gain and lose references on several at
 * once (a fault mapping it, reclaim isolating it, munmap dropping it), so
 * the count is an atomic_t and nothing outside these helpers touches it.
 * The value-returning forms are fully ordered (Documentation/atomic_t.txt):
 * whatever a CPU did to the page before dropping its reference is visible
 * to the CPU that sees the count reach zero and frees the page.
 *
 * _refcount is 0 while the page is free in the buddy allocator; an
 * allocation sets it to 1 (Linux: set_page_refcounted in prep_new_page).
 */
#ifndef _LINUX_PAGE_REF_H
#define _LINUX_PAGE_REF_H

#include <linux/atomic.h>
#include <linux/mm_types.h>

static inline int page_ref_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

/* Only on a page nobody else can reach yet (allocation, boot hand-over). */
static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_refcount, v);
}

static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}

static inline void page_ref_add(struct page *page, int nr)
{
	atomic_add(nr, &page->_refcount);
}

static inline void page_ref_sub(struct page *page, int nr)
{
	atomic_sub(nr, &page->_refcount);
}

static inline void page_ref_inc(struct page *page)
{
	atomic_inc(&page->_refcount);
}

static inline void page_ref_dec(struct page *page)
{
	atomic_dec(&page->_refcount);
}

static inline bool page_ref_sub_and_test(struct page *page, int nr)
{
	return atomic_sub_return(nr, &page->_refcount) == 0;
}

static inline bool page_ref_dec_and_test(struct page *page)
{
	return atomic_dec_and_test(&page->_refcount);
}

static inline int page_ref_dec_return(struct page *page)
{
	return atomic_dec_return(&page->_refcount);
}

#endif
