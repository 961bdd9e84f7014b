/*
 * The life of a cache, as in Linux's mm/slab_common.c plus the layout
 * functions of mm/slub.c: how big a slot is and where its parts sit
 * (calculate_sizes), how many pages a slab gets (calculate_order), creating
 * and destroying caches, bringing SLUB up at boot, and /proc/slabinfo.
 * The objects themselves are handed out and taken back in mm/slub.c.
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/cpumask.h>
#include <string.h>
#include "slab.h"

#define MIN_PARTIAL		5
#define MAX_PARTIAL		10

LIST_HEAD(slab_caches);
DEFINE_SPINLOCK(slab_mutex);

/* The cache that struct kmem_cache objects come from; itself static (bootstrap). */
static struct kmem_cache kmem_cache_boot ____cacheline_aligned;	/* cpu_slab[] one line each */
_Static_assert(sizeof(struct kmem_cache_cpu) == L1_CACHE_BYTES &&
	       offsetof(struct kmem_cache, cpu_slab) == 0,
	       "each CPU's kmem_cache_cpu must fill one cache line, from the start of the cache");
static struct kmem_cache *kmem_cache;
static bool slab_is_available;

static inline unsigned int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

static unsigned int slub_min_objects(void)
{
	return 4 * (fls(NR_CPUS) + 1);
}

/* ---- Laying out a cache ------------------------------------------------ */

/*
 * SLAB_HWCACHE_ALIGN aligns to a cache line, but small objects only to the
 * largest power-of-two fraction of a line they fit in, so two 24-byte
 * objects may share a line without straddling one (Linux: calculate_alignment).
 */
static unsigned int calculate_alignment(slab_flags_t flags, unsigned int align,
					unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = L1_CACHE_BYTES;

		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	return max(align, (unsigned int)ARCH_SLAB_MINALIGN);
}

/*
 * The smallest order holding @min_objects whose left-over tail is at most
 * 1/@fract of the slab, or SLUB_MAX_ORDER + 1 (Linux: calc_slab_order).
 */
static unsigned int calc_slab_order(unsigned int size, unsigned int min_objects,
				    unsigned int fract)
{
	unsigned int order;

	for (order = size_to_order((unsigned long)size * min_objects);
	     order <= SLUB_MAX_ORDER; order++) {
		unsigned long slab_size = PAGE_SIZE << order;

		if (slab_size % size <= slab_size / fract)
			return order;
	}
	return SLUB_MAX_ORDER + 1;
}

/*
 * Choose the slab order (Linux: calculate_order). Bigger slabs mean fewer
 * trips to the partial list and less waste at the tail, but need contiguous
 * pages. Ask for enough objects that a CPU does not refill too often
 * (4 * (fls(NR_CPUS) + 1) = 16), accept waste of 1/16, then 1/8, then 1/4 of
 * the slab, and settle for fewer objects when nothing fits in 8 pages.
 */
static unsigned int calculate_order(unsigned int size)
{
	unsigned int min_objects = slub_min_objects();
	unsigned int max_objects = (PAGE_SIZE << SLUB_MAX_ORDER) / size;
	unsigned int fract, order;

	min_objects = min(min_objects, max_objects);
	while (min_objects >= 1) {
		for (fract = 16; fract >= 4; fract /= 2) {
			order = calc_slab_order(size, min_objects, fract);
			if (order <= SLUB_MAX_ORDER)
				return order;
		}
		min_objects /= 2;
	}
	/* Huge objects: one per slab, whatever it wastes. */
	return size_to_order(size);
}

/*
 * Work out where everything sits in a slot (see the picture in mm/slab.h)
 * and how many slots a slab has (Linux: calculate_sizes).
 */
static bool calculate_sizes(struct kmem_cache *s)
{
	slab_flags_t flags = s->flags;
	unsigned long size = ALIGN(s->object_size, sizeof(void *));

	/* With a ctor the contents of a free object belong to the ctor: no poison. */
	if ((flags & SLAB_POISON) && !s->ctor)
		s->flags |= __OBJECT_POISON;
	/* Guarantee at least one word of right red zone. */
	if ((flags & SLAB_RED_ZONE) && size == s->object_size)
		size += sizeof(void *);
	s->inuse = size;

	/*
	 * The free pointer overlays the object's first word, unless the free
	 * object's bytes must stay intact: constructed state (ctor) or debug
	 * patterns. Then it goes after the object and its red zone.
	 */
	if (kmem_cache_debug(s) || s->ctor) {
		s->offset = size;
		size += sizeof(void *);
	} else {
		s->offset = 0;
	}
	if (flags & SLAB_STORE_USER)
		size += 2 * sizeof(struct track);
	if (flags & SLAB_RED_ZONE) {
		/* The left red zone keeps the object itself aligned. */
		s->red_left_pad = ALIGN(sizeof(void *), s->align);
		size += s->red_left_pad;
	}
	size = ALIGN(size, s->align);
	if (size > (PAGE_SIZE << (MAX_ORDER - 1)))
		return false;
	s->size = size;

	s->order = calculate_order(s->size);
	s->objects = (PAGE_SIZE << s->order) / s->size;
	s->min_order = size_to_order(s->size);
	s->min_objects = (PAGE_SIZE << s->min_order) / s->size;
	return s->objects >= 1 && s->objects <= MAX_OBJS_PER_SLAB;
}

/*
 * Fill in @s (Linux: kmem_cache_open). Returns 0, or -1 if the size cannot
 * be served. Does not allocate and does not publish the cache.
 */
static int kmem_cache_open(struct kmem_cache *s, const char *name, unsigned int size,
			   unsigned int align, slab_flags_t flags, void (*ctor)(void *))
{
	unsigned long min_partial;

	memset(s, 0, sizeof(*s));
	s->name = name;
	s->object_size = size;
	s->ctor = ctor;
	s->flags = kmem_cache_flags(name, flags);
	s->align = calculate_alignment(s->flags, align, size);
	if (!calculate_sizes(s))
		return -1;

	/* Bigger objects keep more empty slabs around (Linux: set_min_partial). */
	min_partial = (fls(s->size) - 1) / 2;
	s->min_partial = clamp(min_partial, (unsigned long)MIN_PARTIAL,
			       (unsigned long)MAX_PARTIAL);
	for (int i = 0; i < MAX_NUMNODES; i++) {
		struct kmem_cache_node *n = get_node(s, i);

		spin_lock_init(&n->list_lock);
		INIT_LIST_HEAD(&n->partial);
		INIT_LIST_HEAD(&n->full);
	}
	return 0;
}

/* ---- Creating and destroying caches ------------------------------------ */

/*
 * A new cache, its struct allocated from the kmem_cache cache, published on
 * slab_caches (Linux: kmem_cache_create -> create_cache). Allocates no slab
 * yet: the first kmem_cache_alloc does. Takes slab_mutex.
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *s = NULL;
	unsigned long lflags;

	if (!slab_is_available || !name || !size || (align & (align - 1)))
		goto fail;
	s = kmem_cache_alloc(kmem_cache, GFP_KERNEL);
	if (!s)
		goto fail;
	if (kmem_cache_open(s, name, size, align, flags, ctor)) {
		kmem_cache_free(kmem_cache, s);
		goto fail;
	}
	spin_lock_irqsave(&slab_mutex, lflags);
	list_add(&s->list, &slab_caches);
	spin_unlock_irqrestore(&slab_mutex, lflags);
	return s;
fail:
	if (flags & SLAB_PANIC)
		panic("kmem_cache_create: Failed to create slab '%s'", name ? name : "(null)");
	pr_warn("kmem_cache_create(%s) failed (size %u, align %u)\n",
		name ? name : "(null)", size, align);
	return NULL;
}

/*
 * Unpublish, flush and shrink the cache; free it only if nothing is left
 * allocated. Otherwise report what is (Linux: kmem_cache_destroy ->
 * __kmem_cache_shutdown, list_slab_objects), keep the slabs that hold live
 * objects and put the cache back, because freeing those pages would hand
 * memory still in use to someone else. The boot caches are never destroyed.
 */
void kmem_cache_destroy(struct kmem_cache *s)
{
	struct kmem_cache_node *n;
	unsigned long flags, leaked = 0, slabs = 0;
	struct page *slab;

	if (!s)
		return;
	if (s == kmem_cache || (s->flags & SLAB_KMALLOC)) {
		pr_err("kmem_cache_destroy %s: refusing to destroy a boot cache\n", s->name);
		return;
	}
	spin_lock_irqsave(&slab_mutex, flags);
	list_del(&s->list);
	spin_unlock_irqrestore(&slab_mutex, flags);

	kmem_cache_shrink(s);	/* now only slabs with live objects remain */
	n = get_node(s, 0);
	spin_lock_irqsave(&n->list_lock, flags);
	list_for_each_entry(slab, &n->partial, slab_list) {
		leaked += slab->inuse;
		slabs++;
	}
	list_for_each_entry(slab, &n->full, slab_list) {
		leaked += slab->inuse;
		slabs++;
	}
	if (leaked) {
		slab_bug(s->name, "Objects remaining in %s on __kmem_cache_shutdown()", s->name);
		list_for_each_entry(slab, &n->partial, slab_list)
			list_slab_objects(s, slab);
		list_for_each_entry(slab, &n->full, slab_list)
			list_slab_objects(s, slab);
	}
	spin_unlock_irqrestore(&n->list_lock, flags);

	if (leaked) {
		pr_err("kmem_cache_destroy %s: Slab cache still has objects: "
		       "%lu objects in %lu slabs; the cache is kept\n", s->name, leaked, slabs);
		print_caller("kmem_cache_destroy called from", _RET_IP_);
		spin_lock_irqsave(&slab_mutex, flags);
		list_add(&s->list, &slab_caches);
		spin_unlock_irqrestore(&slab_mutex, flags);
		return;
	}
	kmem_cache_free(kmem_cache, s);
}

/*
 * Bring SLUB up (Linux: kmem_cache_init). The cache of struct kmem_cache
 * cannot come from itself, so it is a static structure; every later cache is
 * allocated from it. Linux goes one step further and copies the static boot
 * caches into slab objects (bootstrap()), because its per-node structures
 * are slab objects too; ours are embedded, so the static one can stay.
 * Needs the buddy allocator; call once, after slub_debug_setup().
 */
void kmem_cache_init(void)
{
	kmem_cache = &kmem_cache_boot;
	if (kmem_cache_open(kmem_cache, "kmem_cache", sizeof(struct kmem_cache),
			    0, SLAB_HWCACHE_ALIGN, NULL))
		panic("SLUB: cannot set up the kmem_cache cache");
	list_add(&kmem_cache->list, &slab_caches);
	slab_is_available = true;

	create_kmalloc_caches();
	/* CPUs= is Linux's nr_cpu_ids: the possible CPUs (the device tree's), not NR_CPUS. */
	pr_info("SLUB: HWalign=%u, Order=0-%u, MinObjects=%u, CPUs=%u, Nodes=%u\n",
		(unsigned int)L1_CACHE_BYTES, SLUB_MAX_ORDER, slub_min_objects(),
		num_possible_cpus(), MAX_NUMNODES);
}

/* ---- /proc/slabinfo ---------------------------------------------------- */

/*
 * Linux's get_slabinfo: objects on CPU freelists count as active, because
 * only the free objects on partial slabs are counted as free.
 */
void get_slabinfo(struct kmem_cache *s, struct slabinfo *sinfo)
{
	struct kmem_cache_node *n = get_node(s, 0);
	unsigned long flags, nr_free = 0;
	struct page *slab;

	spin_lock_irqsave(&n->list_lock, flags);
	list_for_each_entry(slab, &n->partial, slab_list)
		nr_free += slab->objects - slab->inuse;
	sinfo->num_objs = n->total_objects;
	sinfo->active_objs = n->total_objects - nr_free;
	sinfo->num_slabs = sinfo->active_slabs = n->nr_slabs;
	spin_unlock_irqrestore(&n->list_lock, flags);
	sinfo->objects_per_slab = s->objects;
	sinfo->cache_order = s->order;
}

/* The /proc/slabinfo format, version 2.1 (Linux: slab_show / cache_show). */
void show_slabinfo(void)
{
	struct kmem_cache *s;
	struct slabinfo si;
	unsigned long flags;

	printk("slabinfo - version: 2.1\n");
	printk("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
	       " : tunables <limit> <batchcount> <sharedfactor>"
	       " : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	spin_lock_irqsave(&slab_mutex, flags);
	list_for_each_entry(s, &slab_caches, list) {
		get_slabinfo(s, &si);
		printk("%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu\n",
		       s->name, si.active_objs, si.num_objs, s->size, si.objects_per_slab,
		       1 << si.cache_order, 0, 0, 0, si.active_slabs, si.num_slabs, 0UL);
	}
	spin_unlock_irqrestore(&slab_mutex, flags);
}

/* Pages held by all slabs of all caches (meminfo's "Slab:"). */
unsigned long nr_slab_pages(void)
{
	struct kmem_cache *s;
	unsigned long pages = 0;

	spin_lock(&slab_mutex);
	list_for_each_entry(s, &slab_caches, list) {
		struct slabinfo info;

		get_slabinfo(s, &info);
		pages += info.num_slabs << info.cache_order;
	}
	spin_unlock(&slab_mutex);
	return pages;
}

/* Give every cache's empty slabs back to the page allocator (Linux: kmem_cache_shrink on each). */
void kmem_cache_shrink_all(void)
{
	struct kmem_cache *s;

	spin_lock(&slab_mutex);
	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
	spin_unlock(&slab_mutex);
}
