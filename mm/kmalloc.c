/*
 * kmalloc: general-purpose allocations by size, as in Linux's
 * mm/slab_common.c (the kmalloc caches) and mm/slub.c (kfree, ksize).
 *
 * A request is rounded up to a size class and served by that class's
 * cache: kmalloc-8 ... kmalloc-8k. Powers of two keep the rounding waste
 * under half; 96 and 192 fill the two widest gaps (a 65-byte request would
 * otherwise take 128). Anything above 8 KiB skips the slab layer and takes
 * a block of pages straight from the buddy allocator, which marks it
 * PG_head with its order in page->private, so kfree and ksize know its size.
 *
 * kfree needs no size: the page under the pointer says what it is.
 * PG_slab means "an object of page->slab_cache", PG_head a large block.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <string.h>
#include "slab.h"

#define ARCH_KMALLOC_MINALIGN	8

/*
 * Indexed as in Linux: index i holds objects of 2^i bytes, except 1 and 2,
 * which are too small to be useful as powers of two and hold the 96 and
 * 192 byte classes instead.
 */
static struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];

static const struct {
	const char *name;
	unsigned int size;
} kmalloc_info[KMALLOC_SHIFT_HIGH + 1] = {
	[1] = { "kmalloc-96", 96 },	[2] = { "kmalloc-192", 192 },
	[3] = { "kmalloc-8", 8 },	[4] = { "kmalloc-16", 16 },
	[5] = { "kmalloc-32", 32 },	[6] = { "kmalloc-64", 64 },
	[7] = { "kmalloc-128", 128 },	[8] = { "kmalloc-256", 256 },
	[9] = { "kmalloc-512", 512 },	[10] = { "kmalloc-1k", 1024 },
	[11] = { "kmalloc-2k", 2048 },	[12] = { "kmalloc-4k", 4096 },
	[13] = { "kmalloc-8k", 8192 },
};

/*
 * Small sizes go through a table, one entry per 8 bytes up to 192, so the
 * 96 and 192 classes can be picked without a search (Linux: size_index).
 */
static const u8 size_index[24] = {
	3, 4, 5, 5, 6, 6, 6, 6,		/*   1..64  */
	1, 1, 1, 1, 7, 7, 7, 7,		/*  65..128 */
	2, 2, 2, 2, 2, 2, 2, 2,		/* 129..192 */
};

/* The cache for a request of @size bytes, 1..KMALLOC_MAX_CACHE_SIZE (Linux: kmalloc_slab). */
static struct kmem_cache *kmalloc_slab(size_t size)
{
	unsigned int index;

	if (size <= 192)
		index = size_index[(size - 1) / 8];
	else
		index = 64 - __builtin_clzl(size - 1);	/* fls: next power of two */
	return kmalloc_caches[index];
}

/*
 * Called by kmem_cache_init(). Power-of-two classes are aligned to their
 * size, as Linux guarantees, even when red zones make the slots bigger.
 */
void create_kmalloc_caches(void)
{
	for (unsigned int i = 1; i <= KMALLOC_SHIFT_HIGH; i++) {
		unsigned int size = kmalloc_info[i].size;

		if (!size)
			continue;
		kmalloc_caches[i] = kmem_cache_create(kmalloc_info[i].name, size,
				is_power_of_2(size) ? size : ARCH_KMALLOC_MINALIGN,
				SLAB_KMALLOC | SLAB_PANIC, NULL);
	}
}

/*
 * Above 8 KiB: whole pages from the buddy allocator (Linux: kmalloc_large).
 * alloc_pages already marks a block of order > 0 the way kfree needs it:
 * PG_head on the first page, the order in page->private. __GFP_ZERO is
 * passed down; the buddy allocator zeroes.
 */
static void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned int order = size_to_order(size);
	struct page *page;

	if (order >= MAX_ORDER) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("kmalloc: %zu bytes is more than the largest block (order %d)\n",
				size, MAX_ORDER - 1);
		return NULL;
	}
	page = alloc_pages(gfp, order);
	if (!page)
		return NULL;
	return page_address(page);
}

static void free_large_kmalloc(struct page *page)
{
	__free_pages(page, page->private);
}

/* __always_inline: kmalloc is this code, not a call to it (one call less on the fast path). */
static __always_inline void *__do_kmalloc(size_t size, gfp_t gfp, unsigned long caller)
{
	struct kmem_cache *s;

	if (unlikely(size > KMALLOC_MAX_CACHE_SIZE))
		return kmalloc_large(size, gfp);
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	s = kmalloc_slab(size);
	if (unlikely(!s))
		return NULL;	/* before kmem_cache_init() */
	return __kmem_cache_alloc(s, gfp, caller);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	return __do_kmalloc(size, gfp, _RET_IP_);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return __do_kmalloc(size, gfp | __GFP_ZERO, _RET_IP_);
}

/* Zeroed array of @n elements; NULL if n * size overflows. */
void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return __do_kmalloc(bytes, gfp | __GFP_ZERO, _RET_IP_);
}

/* A kfree of something kmalloc never returned. noinline: kfree keeps no registers for it. */
static noinline void report_bad_kfree(const void *p, struct page *page, unsigned long caller)
{
	if (!page)
		slab_bug("kfree", "Invalid pointer %p: not in RAM the page allocator manages", p);
	else
		slab_bug("kfree", "Invalid pointer %p: not a slab object or a large kmalloc "
			 "(page flags 0x%lx)", p, page->flags);
	print_caller("Freed from", caller);
	pr_err("FIX kfree: %p not freed\n", p);
}

/*
 * Linux: kfree -> virt_to_folio, then slab_free or free_large_kmalloc.
 * __always_inline so that kfree is this code and not a call to it. The
 * cheap tests on the way: the pointer is in managed RAM (one comparison,
 * virt_to_head_page_safe), the page is a slab (one flag test); everything
 * else goes to the large-kmalloc test and then to the report.
 */
static __always_inline void __kfree(const void *p, unsigned long caller)
{
	struct page *page;

	if (unlikely(ZERO_OR_NULL_PTR(p)))
		return;
	page = virt_to_head_page_safe(p);
	if (likely(page && PageSlab(page))) {
		__kmem_cache_free(page->slab_cache, page, (void *)p, caller);
		return;
	}
	if (page && PageHead(page) && p == page_address(page)) {
		free_large_kmalloc(page);
		return;
	}
	report_bad_kfree(p, page, caller);
}

void kfree(const void *p)
{
	__kfree(p, _RET_IP_);
}

size_t ksize(const void *p)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(p))
		return 0;
	page = virt_to_head_page_safe(p);
	if (page && PageSlab(page))
		return page->slab_cache->object_size;
	if (page && PageHead(page))
		return PAGE_SIZE << page->private;
	pr_warn("ksize: %p was not allocated by kmalloc\n", p);
	return 0;
}

void *krealloc(const void *p, size_t new_size, gfp_t gfp)
{
	size_t old_size;
	void *ret;

	if (unlikely(!new_size)) {
		__kfree(p, _RET_IP_);
		return ZERO_SIZE_PTR;
	}
	old_size = ksize(p);
	if (new_size <= old_size)
		return (void *)p;	/* it already fits: the class has room */
	ret = __do_kmalloc(new_size, gfp, _RET_IP_);
	if (ret && !ZERO_OR_NULL_PTR(p)) {
		memcpy(ret, p, old_size);
		__kfree(p, _RET_IP_);
	}
	return ret;
}
