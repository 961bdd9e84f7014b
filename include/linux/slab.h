/*
 * The slab allocator's interface: object caches (kmem_cache_*) and the
 * general-purpose kmalloc() family built on them. The allocator is SLUB
 * (mm/slub.c, mm/slab_common.c, mm/slub_debug.c, mm/kmalloc.c; docs/slub.md);
 * its internal structures are in mm/slab.h. Names and flag values follow
 * Linux's include/linux/slab.h.
 *
 * Nothing here may be called before kmem_cache_init() (kmalloc returns NULL
 * then). None of these functions sleeps today, but a GFP_KERNEL allocation
 * may run direct reclaim and the OOM killer (mm/page_alloc.c), so GFP_KERNEL
 * callers must be in a context that could sleep, as in Linux.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>

typedef unsigned int slab_flags_t;

/* Flags for kmem_cache_create(); the values are Linux's. */
#define SLAB_CONSISTENCY_CHECKS	0x00000100U	/* F: pointer and freelist checks */
#define SLAB_RED_ZONE		0x00000400U	/* Z: guard bytes around each object */
#define SLAB_POISON		0x00000800U	/* P: 0x6b when free, 0x5a when new */
#define SLAB_KMALLOC		0x00001000U	/* one of the kmalloc-N caches */
#define SLAB_HWCACHE_ALIGN	0x00002000U	/* align objects to a cache line */
#define SLAB_STORE_USER		0x00010000U	/* U: remember who allocated/freed */
#define SLAB_PANIC		0x00040000U	/* panic if kmem_cache_create fails */

struct kmem_cache;

/*
 * Create a cache of objects of @size bytes aligned to @align (0 = word
 * alignment; must be a power of two). @ctor, if given, runs once per object
 * when a new slab is filled, not on every allocation: objects must be handed
 * back in their constructed state. @name is kept by pointer and must outlive
 * the cache. Returns NULL on failure (or panics with SLAB_PANIC).
 * Allocates the struct kmem_cache itself from the "kmem_cache" cache.
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
/*
 * Free the cache. If objects are still allocated it reports them (cache
 * name, count, and where they were allocated when SLAB_STORE_USER is on),
 * frees only the empty slabs and keeps the cache alive, as Linux does.
 */
void kmem_cache_destroy(struct kmem_cache *s);
/* One object, or NULL. __GFP_ZERO zeroes it. May allocate pages from the buddy allocator. */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);
/* Give @obj back to @s. A bad pointer or a double free is reported and refused. */
void kmem_cache_free(struct kmem_cache *s, void *obj);
/* Return this cache's CPU slabs to the lists and its empty slabs to the buddy allocator. */
int kmem_cache_shrink(struct kmem_cache *s);
/* kmem_cache_shrink every cache (tests that count free pages exactly). */
void kmem_cache_shrink_all(void);
/*
 * Walk every slab of @s and check the counters, the freelists and (on debug
 * caches) the red zones and poison of every object. Returns the number of
 * problems found; each one is reported. Flushes the CPU slabs first.
 */
int kmem_cache_validate(struct kmem_cache *s);

/*
 * kmalloc: memory from the smallest size class that fits (8, 16, 32, 64, 96,
 * 128, 192, 256, 512 bytes, 1, 2, 4, 8 KiB); larger requests come straight
 * from the buddy allocator as a compound page block. Power-of-two sizes are
 * naturally aligned; every object is at least 8-byte aligned.
 * kmalloc(0) returns ZERO_SIZE_PTR, which kfree accepts and nobody may touch.
 */
#define KMALLOC_MIN_SIZE	8
#define KMALLOC_SHIFT_HIGH	13
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)	/* 8 KiB */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void *kcalloc(size_t n, size_t size, gfp_t gfp);
/*
 * Resize @p to @new_size keeping the first min(old, new) bytes. Returns @p
 * itself when it is already big enough; on failure returns NULL and leaves @p
 * alone. krealloc(NULL, n) is kmalloc(n); krealloc(p, 0) frees p.
 */
void *krealloc(const void *p, size_t new_size, gfp_t gfp);
/* Free memory from kmalloc/kzalloc/krealloc. kfree(NULL) does nothing. */
void kfree(const void *p);
/* How many bytes the caller may really use at @p (the size class, or whole pages). */
size_t ksize(const void *p);

/*
 * Boot-time setup, in this order: the buddy allocator, then
 * slub_debug_setup() if bootargs hold "slub_debug", then kmem_cache_init().
 */
void kmem_cache_init(void);
/*
 * Parse the value of the "slub_debug" boot argument, Linux's syntax:
 * "" or NULL = all checks (FZPU), "FZPU" letters, "-" = off, then optionally
 * ",name1,name2" to limit it to those caches (a trailing '*' matches a
 * prefix, as in "kmalloc-*"). A leading '=' is skipped; unknown letters are
 * reported and skipped. Returns 0. Registered with __setup("slub_debug"), so
 * kernel/params.c calls it when parse_args() runs.
 */
int slub_debug_setup(const char *str);

/* Print /proc/slabinfo ("slabinfo - version: 2.1") for every cache. */
void show_slabinfo(void);

/* The numbers show_slabinfo prints, for tests and self-tests (Linux: mm/slab.h). */
struct slabinfo {
	unsigned long active_objs;
	unsigned long num_objs;
	unsigned long active_slabs;
	unsigned long num_slabs;
	unsigned int objects_per_slab;
	unsigned int cache_order;
};
void get_slabinfo(struct kmem_cache *s, struct slabinfo *sinfo);
/* Pages held by all slabs (meminfo "Slab:"). */
unsigned long nr_slab_pages(void);

#endif
