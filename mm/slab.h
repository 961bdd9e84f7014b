/*
 * SLUB internals shared by mm/slub.c (objects: alloc and free paths),
 * mm/slab_common.c (caches: layout, create/destroy, slabinfo),
 * mm/slub_debug.c (red zones, poison, tracking, checks) and mm/kmalloc.c
 * (size classes). Linux keeps the same things in include/linux/slub_def.h
 * and mm/slab.h.
 *
 * A slab is one block of 2^order pages from the buddy allocator, cut into
 * equal slots. Its head struct page describes it (PG_slab, slab_cache,
 * freelist, inuse, objects, frozen). One slot, with every debug option on:
 *
 *   | left red zone | object (object_size) | right red zone | free ptr | alloc track | free track | pad |
 *   ^ slot start    ^ object pointer        ^ object_size    ^ inuse    ^ offset + 8
 *   <------------------------------------ s->size ---------------------------------------------->
 *
 * Without debugging the slot is just the object rounded up to its alignment,
 * and the free pointer lives in the first word of the free object itself.
 */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H

#include <linux/cache.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <asm/processor.h>

#define MAX_NUMNODES		1	/* one memory node (no NUMA) */
#define ARCH_SLAB_MINALIGN	sizeof(void *)
/* PAGE_ALLOC_COSTLY_ORDER: beyond 8 pages, contiguous blocks get hard to find. */
#define SLUB_MAX_ORDER		3
/* So a slab never has more objects than this (8-byte objects in an order-3 slab). */
#define MAX_OBJS_PER_SLAB	((PAGE_SIZE << SLUB_MAX_ORDER) / 8)

/* Byte patterns, with Linux's names and values (include/linux/poison.h). */
#define SLUB_RED_INACTIVE	0xbb	/* red zone of a free object */
#define SLUB_RED_ACTIVE		0xcc	/* red zone of an allocated object */
#define POISON_INUSE		0x5a	/* fresh object: "not initialised yet" */
#define POISON_FREE		0x6b	/* free object: "use after free" */
#define POISON_END		0xa5	/* last byte of a poisoned object */

#define SLAB_DEBUG_FLAGS	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | \
				 SLAB_POISON | SLAB_STORE_USER)
/* Internal: poison objects (SLAB_POISON, unless a ctor owns their contents). */
#define __OBJECT_POISON		0x80000000U

/*
 * The active slab of one CPU. Only that CPU touches it, with interrupts
 * masked, so it needs no lock (see __kmem_cache_alloc() in mm/slub.c).
 * Linux allocates it in per-CPU memory (alloc_percpu), so each CPU's copy
 * sits in that CPU's own area. Here the copies are an array at the start
 * of struct kmem_cache, so each is padded to a cache line: 16 bytes of
 * fields, 48 of padding, and no line shared by two CPUs' copies (four per
 * line would bounce between CPUs on every allocation). Every struct
 * kmem_cache starts on a line (the static boot cache is aligned, the rest
 * come from its SLAB_HWCACHE_ALIGN objects), so copy i is line i.
 * Padding rather than ____cacheline_aligned_in_smp on the type: an
 * aligned member would make struct kmem_cache require 64-byte alignment,
 * which list_for_each_entry's end test (container_of the list head)
 * breaks, and UBSan on the host rightly says so.
 */
struct kmem_cache_cpu {
	void *freelist;		/* next free object of @slab, private to this CPU */
	struct page *slab;	/* the frozen slab this CPU allocates from */
	char __pad[L1_CACHE_BYTES - 2 * sizeof(void *)];
};

/*
 * Slabs that are not some CPU's active slab. Linux keeps one per NUMA node;
 * there is one node here. list_lock guards both lists and the freelist,
 * inuse and frozen fields of every slab of this cache.
 */
struct kmem_cache_node {
	spinlock_t list_lock;
	unsigned long nr_partial;	/* slabs on @partial */
	struct list_head partial;	/* slabs with free objects (or empty, up to min_partial) */
	struct list_head full;		/* slabs with no free object (Linux: debug caches only) */
	unsigned long nr_slabs;		/* all slabs, including frozen ones */
	unsigned long total_objects;
};

struct kmem_cache {
	struct kmem_cache_cpu cpu_slab[NR_CPUS];	/* indexed by smp_processor_id(); first: see above */
	slab_flags_t flags;
	unsigned long min_partial;	/* empty slabs kept on the partial list */
	unsigned int size;		/* slot size: object + metadata + padding */
	unsigned int object_size;	/* what the user asked for */
	unsigned int offset;		/* free pointer, from the object's start */
	unsigned int inuse;		/* end of object + right red zone */
	unsigned int align;
	unsigned int red_left_pad;	/* left red zone (and slot start to object) */
	unsigned int order, objects;		/* preferred slab: pages and objects (Linux: oo) */
	unsigned int min_order, min_objects;	/* fallback when that order is not free (min) */
	void (*ctor)(void *);
	const char *name;
	struct list_head list;		/* on slab_caches */
	struct kmem_cache_node node[MAX_NUMNODES];
};

/* Who allocated or freed an object last (SLAB_STORE_USER). */
struct track {
	unsigned long addr;	/* caller: __builtin_return_address(0) of the API call */
	unsigned long when;	/* value of slub_seq, a counter of debug operations */
	unsigned int cpu;
};
enum track_item { TRACK_ALLOC, TRACK_FREE };

extern struct list_head slab_caches;	/* every cache, newest first */
extern spinlock_t slab_mutex;		/* guards slab_caches (Linux: a mutex) */
extern slab_flags_t slub_debug;		/* flags from the slub_debug boot argument */

static inline struct kmem_cache_node *get_node(struct kmem_cache *s, int node)
{
	return &s->node[node];
}

static inline bool kmem_cache_debug(const struct kmem_cache *s)
{
	return s->flags & SLAB_DEBUG_FLAGS;
}

/*
 * The free pointer: where a free object records the next free object. It
 * sits at s->offset from the object: 0 normally, past the object when the
 * object's contents must survive while it is free (ctor, poison, red zones).
 */
static inline void *get_freepointer(const struct kmem_cache *s, void *object)
{
	return *(void **)((char *)object + s->offset);
}

static inline void set_freepointer(const struct kmem_cache *s, void *object, void *fp)
{
	*(void **)((char *)object + s->offset) = fp;
}

/* The order of the block a slab was cut from: s->order, or s->min_order if it had to fall back. */
static inline unsigned int slab_order(const struct kmem_cache *s, const struct page *slab)
{
	return slab->objects == s->objects ? s->order : s->min_order;
}

/* Smallest order whose block holds @size bytes (Linux: get_order()). */
static inline unsigned int size_to_order(unsigned long size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

/*
 * The pages after the first of a multi-page slab are "tail" pages: their
 * lru.next holds the head page's address with bit 0 set, which is how Linux
 * marks tail pages too (page->compound_head). virt_to_head_page() uses it to
 * get from any byte of a slab to the head page that describes it.
 */
static inline bool PageTail(const struct page *page)
{
	return (unsigned long)page->lru.next & 1;
}

static inline struct page *compound_head(struct page *page)
{
	if (PageTail(page))
		return (struct page *)((unsigned long)page->lru.next - 1);
	return page;
}

/*
 * The page of a linear-map address, or NULL if it is not in RAM we manage.
 * Linux's virt_to_slab trusts the pointer; kfree's bad-pointer report needs
 * this test, so it is one unsigned comparison: an address below PAGE_OFFSET
 * wraps to a huge pfn, one at or above KIMAGE_VADDR gives a pfn past the
 * 2^47-byte linear map and so past max_pfn (the map covers all RAM), and
 * pfn - min_low_pfn wraps for a pfn below mem_map. Same answer as
 * virt_addr_valid() && pfn_valid(), in a third of the instructions.
 */
static inline struct page *virt_to_head_page_safe(const void *x)
{
	unsigned long pfn = PHYS_PFN(__pa(x));

	if (unlikely(pfn - min_low_pfn >= max_pfn - min_low_pfn))
		return NULL;
	return compound_head(pfn_to_page(pfn));
}

/* Does @p point at the start of an object slot of @slab? */
static inline bool check_valid_pointer(const struct kmem_cache *s, struct page *slab,
				       const void *p)
{
	/* Below the first slot, off wraps to a huge value: one test covers both ends. */
	unsigned long off = (unsigned long)p - (unsigned long)page_address(slab) - s->red_left_pad;

	return off < (unsigned long)slab->objects * s->size && off % s->size == 0;
}

/* Every object of a slab, in address order. */
#define for_each_object(p, s, addr, nr)						\
	for (p = (char *)(addr) + (s)->red_left_pad;				\
	     p < (char *)(addr) + (unsigned long)(nr) * (s)->size;		\
	     p += (s)->size)

/* The caller of the API function: what SLAB_STORE_USER records and reports print. */
#define _RET_IP_	((unsigned long)__builtin_return_address(0))

/* mm/slub.c: the object paths, with the caller's address passed down. */
void *__kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp, unsigned long addr);
void __kmem_cache_free(struct kmem_cache *s, struct page *slab, void *x, unsigned long addr);
void flush_all(struct kmem_cache *s);

/* mm/slub_debug.c: called by mm/slub.c only for caches with debug flags... */
slab_flags_t kmem_cache_flags(const char *name, slab_flags_t flags);
void setup_object_debug(struct kmem_cache *s, void *object);
void alloc_debug_processing(struct kmem_cache *s, struct page *slab, void *object,
			    unsigned long addr);
bool free_debug_processing(struct kmem_cache *s, struct page *slab, void *object,
			   unsigned long addr);
/* ...and these for every cache: the cheap checks and the reports. */
void report_naive_double_free(struct kmem_cache *s, struct page *slab, void *x,
			      unsigned long addr);
void report_invalid_pointer(struct kmem_cache *s, struct page *slab, void *x,
			    unsigned long addr);
void report_wrong_cache(struct kmem_cache *s, struct page *slab, void *x,
			unsigned long addr);
void slab_bug(const char *name, const char *fmt, ...) __printf(2, 3);
/* "INFO: <what> func+0x1c/0x40": the caller, by symbol name where the kernel has one. */
void print_caller(const char *what, unsigned long addr);
void list_slab_objects(struct kmem_cache *s, struct page *slab);

/* mm/kmalloc.c */
void create_kmalloc_caches(void);

#endif
