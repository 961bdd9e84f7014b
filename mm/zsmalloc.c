/*
 * zsmalloc: a packed pool for compressed pages (Linux: mm/zsmalloc.c,
 * reduced). The interface and the differences from Linux are described in
 * include/linux/zsmalloc.h; docs/zram.md walks through it.
 *
 * Size classes: every 16 bytes from 32 to 4096 (a page). An object goes to
 * the smallest class that holds it. Each class carves "zspages" of
 * pages_per_zspage order-0 pages into objs_per_zspage equal slots, laid end
 * to end across the pages, so an object may start near the end of one page
 * and continue on the next. pages_per_zspage (1..4) is chosen per class to
 * waste the least (get_pages_per_zspage, as Linux; ties go to fewer pages):
 *
 *   class 208: 2 pages hold 39 objects,  80 bytes wasted (99% used;
 *              1 page would hold 19 and waste 144, 96%)
 *              |obj0|obj1|...|obj18|ob|j19|...|obj38|..|   (obj 19 spans
 *              pages 0-1: bytes 3952..4159)
 *   class 400: 1 page  holds 10 objects,  96 bytes wasted (97%; 4 pages
 *              would hold 40 and waste 384, also 97%: the tie keeps 1)
 *
 * Neighbouring classes that end up with the same shape (pages and objects
 * per zspage) are merged into the larger one: the 255 sizes make 69
 * classes. Every size from 3280 up stores one object per page, so all of
 * them are the 4096 class (huge_class_size = 3280); a 3000-byte object goes
 * to class 3008, which has the shape of 3072 (3 pages, 4 objects) and is
 * merged into it.
 *
 * A zspage's pages come one at a time from the buddy allocator, so a pool
 * never needs contiguous memory. A struct zspage (from its own kmem_cache)
 * lists the pages and a bitmap of used slots; each page's page->private
 * points back at it. A zspage that becomes empty is freed at once.
 *
 * Fullness groups (Linux before 6.2): a zspage is almost_empty while at
 * most 3/4 used, almost_full above that, full when every slot is used.
 * Allocation prefers almost_full zspages, so the almost_empty ones drain and
 * get freed: packing tight is what keeps mem_used_total low.
 *
 * Locking: one pool lock (irqsave) guards the lists, bitmaps and counters.
 * Mapping an object needs no lock (its owner holds the handle and the object
 * cannot move: there is no compaction) but masks interrupts while this
 * CPU's bounce buffer may be in use.
 */
#include <linux/bitmap.h>
#include <linux/cache.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/zsmalloc.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <string.h>

_Static_assert(ZS_MAX_ALLOC_SIZE == PAGE_SIZE, "zsmalloc: size classes assume 4 KiB pages");

#define ZS_SIZE_CLASSES \
	(DIV_ROUND_UP(ZS_MAX_ALLOC_SIZE - ZS_MIN_ALLOC_SIZE, ZS_SIZE_CLASS_DELTA) + 1)
#define ZS_MAX_OBJS_PER_ZSPAGE	(ZS_MAX_PAGES_PER_ZSPAGE * ZS_MAX_ALLOC_SIZE / ZS_MIN_ALLOC_SIZE)

/*
 * A handle: | pfn of the zspage's first page | object index (10 bits) | 1 |
 * The low tag bit (Linux: OBJ_ALLOCATED_TAG) makes every handle non-zero,
 * even for pfn 0, so 0 can mean "no object".
 */
#define OBJ_TAG_BITS		1
#define OBJ_INDEX_BITS		10
#define OBJ_INDEX_MASK		((1UL << OBJ_INDEX_BITS) - 1)
_Static_assert(ZS_MAX_OBJS_PER_ZSPAGE <= (1 << OBJ_INDEX_BITS), "zsmalloc: handle index too narrow");

enum fullness_group { ZS_ALMOST_EMPTY, ZS_ALMOST_FULL, ZS_FULL, NR_ZS_FULLNESS };

struct size_class {
	unsigned int size;		/* bytes per object */
	unsigned int objs_per_zspage;
	unsigned int pages_per_zspage;
	struct list_head fullness_list[NR_ZS_FULLNESS];
	unsigned long nr_zspages;
	unsigned long obj_used;
};

struct zspage {
	struct list_head list;		/* on class->fullness_list[fullness] */
	struct size_class *class;
	unsigned int inuse;		/* objects allocated */
	unsigned int fullness;
	struct page *pages[ZS_MAX_PAGES_PER_ZSPAGE];
	DECLARE_BITMAP(used, ZS_MAX_OBJS_PER_ZSPAGE);	/* bit i: object i is allocated */
};

/*
 * This CPU's window onto an object that spans two pages (Linux: struct
 * mapping_area, a per-CPU variable). Written on every map and unmap, so
 * each is padded to a cache line: two CPUs' windows never share one. They
 * open the pool, which the kernel's kzalloc aligns to at least a line: it
 * is larger than kmalloc-192, so it comes from a power-of-two class, whose
 * objects are aligned to their size (mm/kmalloc.c; Linux's kmalloc makes
 * the same promise), or from whole pages. (Host builds on libc malloc get
 * 16 bytes: the same code, only the padding's benefit is lost.)
 */
struct mapping_area {
	char *vm_buf;			/* one page: the largest object */
	unsigned long handle;		/* mapped now, 0 if none */
	enum zs_mapmode vm_mm;
	unsigned long irqflags;
	char __pad[L1_CACHE_BYTES - 4 * sizeof(unsigned long)];
};

struct zs_pool {
	struct mapping_area area[NR_CPUS];	/* first: see above */
	const char *name;
	spinlock_t lock;
	struct size_class *size_class[ZS_SIZE_CLASSES];	/* merged classes appear several times */
	unsigned long pages_allocated;
	size_t huge_class_size;
};
_Static_assert(sizeof(struct mapping_area) == L1_CACHE_BYTES && sizeof(struct zs_pool) > 192,
	       "one cache line per CPU's mapping area, in a pool from a power-of-two kmalloc class");

static struct kmem_cache *zspage_cachep;

/*
 * How many pages per zspage waste the least for this object size: the one
 * with the highest fraction of its bytes in whole objects (Linux:
 * get_pages_per_zspage). Ties go to fewer pages.
 */
static unsigned int get_pages_per_zspage(unsigned int class_size)
{
	unsigned int best = 1, best_usedpc = 0;

	for (unsigned int i = 1; i <= ZS_MAX_PAGES_PER_ZSPAGE; i++) {
		unsigned int zspage_size = i * PAGE_SIZE;
		unsigned int waste = zspage_size % class_size;
		unsigned int usedpc = (zspage_size - waste) * 100 / zspage_size;

		if (usedpc > best_usedpc) {
			best_usedpc = usedpc;
			best = i;
		}
	}
	return best;
}

static unsigned int get_size_class_index(size_t size)
{
	if (size <= ZS_MIN_ALLOC_SIZE)
		return 0;
	return DIV_ROUND_UP(size - ZS_MIN_ALLOC_SIZE, ZS_SIZE_CLASS_DELTA);
}

static struct size_class *size_to_class(struct zs_pool *pool, size_t size)
{
	return pool->size_class[get_size_class_index(size)];
}

/* Where object idx of a zspage lives: page number in the zspage and offset in that page. */
static void obj_location(const struct zspage *zspage, unsigned int idx,
			 unsigned int *page_nr, unsigned int *offset)
{
	unsigned long off = (unsigned long)idx * zspage->class->size;

	*page_nr = off / PAGE_SIZE;
	*offset = off % PAGE_SIZE;
}

static unsigned long encode_handle(const struct zspage *zspage, unsigned int idx)
{
	return (page_to_pfn(zspage->pages[0]) << (OBJ_INDEX_BITS + OBJ_TAG_BITS)) |
	       ((unsigned long)idx << OBJ_TAG_BITS) | 1;
}

/*
 * The zspage and object index a handle names, or NULL after a report if it
 * names no allocated object (a bad or stale handle, a double free).
 * Reads the zspage without the pool lock: the caller owns the handle.
 */
static struct zspage *decode_handle(struct zs_pool *pool, unsigned long handle,
				    unsigned int *idx, const char *who)
{
	unsigned long pfn = handle >> (OBJ_INDEX_BITS + OBJ_TAG_BITS);
	struct zspage *zspage;

	*idx = (handle >> OBJ_TAG_BITS) & OBJ_INDEX_MASK;
	/*
	 * Only a page that is part of a zspage says what its private means: a
	 * stale handle's page may since belong to SLUB, a page table or a
	 * task, and its private would be followed into anything.
	 */
	if (!(handle & 1) || !pfn_valid(pfn) || !PageZsmalloc(pfn_to_page(pfn)))
		goto bad;
	zspage = (struct zspage *)pfn_to_page(pfn)->private;
	if (!zspage || zspage->pages[0] != pfn_to_page(pfn) ||
	    *idx >= zspage->class->objs_per_zspage)
		goto bad;
	if (!test_bit(*idx, zspage->used)) {
		pr_err("zsmalloc: %s(%s): handle 0x%lx: object %u is not allocated (double free?)\n",
		       who, pool->name, handle, *idx);
		return NULL;
	}
	return zspage;
bad:
	pr_err("zsmalloc: %s(%s): bad handle 0x%lx\n", who, pool->name, handle);
	return NULL;
}

/* ---- zspages: creation, fullness, freeing --------------------------------- */

static enum fullness_group get_fullness_group(const struct size_class *class,
					      const struct zspage *zspage)
{
	if (zspage->inuse == class->objs_per_zspage)
		return ZS_FULL;
	if (zspage->inuse <= 3 * class->objs_per_zspage / 4)
		return ZS_ALMOST_EMPTY;
	return ZS_ALMOST_FULL;
}

/* Move a zspage to the list its use now calls for. Pool lock held. */
static void fix_fullness_group(struct size_class *class, struct zspage *zspage)
{
	enum fullness_group fg = get_fullness_group(class, zspage);

	if (fg != zspage->fullness) {
		zspage->fullness = fg;
		list_move(&zspage->list, &class->fullness_list[fg]);
	}
}

static void free_zspage_pages(struct zspage *zspage, unsigned int nr)
{
	for (unsigned int i = 0; i < nr; i++) {
		ClearPageZsmalloc(zspage->pages[i]);
		zspage->pages[i]->private = 0;
		zspage->pages[i]->index = 0;
		__free_page(zspage->pages[i]);
	}
	kmem_cache_free(zspage_cachep, zspage);
}

/* A new, empty zspage for class: pages_per_zspage separate order-0 pages. No lock held. */
static struct zspage *alloc_zspage(struct size_class *class, gfp_t gfp)
{
	struct zspage *zspage = kmem_cache_alloc(zspage_cachep, gfp | __GFP_ZERO);

	if (!zspage)
		return NULL;
	zspage->class = class;
	INIT_LIST_HEAD(&zspage->list);
	for (unsigned int i = 0; i < class->pages_per_zspage; i++) {
		struct page *page = alloc_page(gfp);

		if (!page) {
			free_zspage_pages(zspage, i);
			return NULL;
		}
		page->private = (unsigned long)zspage;	/* Linux: page->zspage via private */
		page->index = i;
		SetPageZsmalloc(page);
		zspage->pages[i] = page;
	}
	return zspage;
}

/* ---- the pool --------------------------------------------------------------- */

struct zs_pool *zs_create_pool(const char *name)
{
	struct size_class *prev = NULL;
	struct zs_pool *pool;

	if (!zspage_cachep)
		zspage_cachep = kmem_cache_create("zspage", sizeof(struct zspage), 0, 0, NULL);
	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!zspage_cachep || !pool)
		goto fail;
	pool->name = name;
	spin_lock_init(&pool->lock);
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		pool->area[cpu].vm_buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
		if (!pool->area[cpu].vm_buf)
			goto fail;
	}

	/*
	 * From the largest class down, as Linux does: a class whose shape
	 * (pages and objects per zspage) equals the one above it is merged
	 * into it. The smallest size whose class stores one object in one page
	 * is huge_class_size.
	 */
	for (int i = ZS_SIZE_CLASSES - 1; i >= 0; i--) {
		unsigned int size = min((unsigned int)(ZS_MIN_ALLOC_SIZE + i * ZS_SIZE_CLASS_DELTA),
					(unsigned int)ZS_MAX_ALLOC_SIZE);
		unsigned int pages = get_pages_per_zspage(size);
		unsigned int objs = pages * PAGE_SIZE / size;
		struct size_class *class;

		if (pages == 1 && objs == 1)
			pool->huge_class_size = size;
		if (prev && prev->pages_per_zspage == pages && prev->objs_per_zspage == objs) {
			pool->size_class[i] = prev;
			continue;
		}
		class = kzalloc(sizeof(*class), GFP_KERNEL);
		if (!class)
			goto fail;
		class->size = size;
		class->pages_per_zspage = pages;
		class->objs_per_zspage = objs;
		for (int fg = 0; fg < NR_ZS_FULLNESS; fg++)
			INIT_LIST_HEAD(&class->fullness_list[fg]);
		pool->size_class[i] = prev = class;
	}
	return pool;
fail:
	if (pool)
		zs_destroy_pool(pool);
	return NULL;
}

void zs_destroy_pool(struct zs_pool *pool)
{
	struct size_class *prev = NULL;

	for (int i = ZS_SIZE_CLASSES - 1; i >= 0; i--) {
		struct size_class *class = pool->size_class[i];
		struct zspage *zspage, *tmp;

		if (!class || class == prev)
			continue;
		prev = class;
		if (class->obj_used)
			pr_err("zsmalloc: destroying pool %s: class %u still has %lu objects\n",
			       pool->name, class->size, class->obj_used);
		for (int fg = 0; fg < NR_ZS_FULLNESS; fg++)
			list_for_each_entry_safe(zspage, tmp, &class->fullness_list[fg], list)
				free_zspage_pages(zspage, class->pages_per_zspage);
		kfree(class);
	}
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		kfree(pool->area[cpu].vm_buf);
	kfree(pool);
}

/* ---- allocation and freeing -------------------------------------------------- */

/* Take the first free slot of a zspage that has one. Pool lock held. */
static unsigned int obj_malloc(struct size_class *class, struct zspage *zspage)
{
	unsigned int idx = find_first_zero_bit(zspage->used, ZS_MAX_OBJS_PER_ZSPAGE);

	BUG_ON(idx >= class->objs_per_zspage);	/* inuse said there was room */
	__set_bit(idx, zspage->used);
	zspage->inuse++;
	class->obj_used++;
	return idx;
}

unsigned long zs_malloc(struct zs_pool *pool, size_t size, gfp_t gfp)
{
	struct size_class *class;
	struct zspage *zspage = NULL;
	unsigned long flags, handle;
	unsigned int idx;

	if (!size || size > ZS_MAX_ALLOC_SIZE)
		return 0;
	class = size_to_class(pool, size);

	spin_lock_irqsave(&pool->lock, flags);
	if (!list_empty(&class->fullness_list[ZS_ALMOST_FULL]))
		zspage = list_first_entry(&class->fullness_list[ZS_ALMOST_FULL], struct zspage, list);
	else if (!list_empty(&class->fullness_list[ZS_ALMOST_EMPTY]))
		zspage = list_first_entry(&class->fullness_list[ZS_ALMOST_EMPTY], struct zspage, list);
	if (!zspage) {
		/* Allocate outside the lock (Linux does too), then insert. */
		spin_unlock_irqrestore(&pool->lock, flags);
		zspage = alloc_zspage(class, gfp);
		if (!zspage)
			return 0;
		spin_lock_irqsave(&pool->lock, flags);
		zspage->fullness = ZS_ALMOST_EMPTY;
		list_add(&zspage->list, &class->fullness_list[ZS_ALMOST_EMPTY]);
		class->nr_zspages++;
		pool->pages_allocated += class->pages_per_zspage;
	}
	idx = obj_malloc(class, zspage);
	fix_fullness_group(class, zspage);
	handle = encode_handle(zspage, idx);
	spin_unlock_irqrestore(&pool->lock, flags);
	return handle;
}

void zs_free(struct zs_pool *pool, unsigned long handle)
{
	struct size_class *class;
	struct zspage *zspage;
	unsigned long flags;
	unsigned int idx;

	if (!handle)
		return;
	spin_lock_irqsave(&pool->lock, flags);
	zspage = decode_handle(pool, handle, &idx, "zs_free");
	if (!zspage) {
		spin_unlock_irqrestore(&pool->lock, flags);
		return;
	}
	class = zspage->class;
	__clear_bit(idx, zspage->used);
	zspage->inuse--;
	class->obj_used--;
	if (zspage->inuse) {
		fix_fullness_group(class, zspage);
		spin_unlock_irqrestore(&pool->lock, flags);
		return;
	}
	/* Empty: give its pages back to the buddy allocator (Linux: free_zspage). */
	list_del(&zspage->list);
	class->nr_zspages--;
	pool->pages_allocated -= class->pages_per_zspage;
	spin_unlock_irqrestore(&pool->lock, flags);
	free_zspage_pages(zspage, class->pages_per_zspage);
}

/* ---- reaching the bytes ------------------------------------------------------- */

void *zs_map_object(struct zs_pool *pool, unsigned long handle, enum zs_mapmode mm)
{
	unsigned long irqflags = arch_local_irq_save();
	struct mapping_area *area = &pool->area[smp_processor_id()];
	unsigned int idx, page_nr, off, size, first;
	struct zspage *zspage;
	char *p0;

	zspage = decode_handle(pool, handle, &idx, "zs_map_object");
	if (!zspage) {
		arch_local_irq_restore(irqflags);
		return NULL;
	}
	BUG_ON(area->handle);	/* one mapping at a time per CPU */
	area->handle = handle;
	area->vm_mm = mm;
	area->irqflags = irqflags;

	size = zspage->class->size;
	obj_location(zspage, idx, &page_nr, &off);
	p0 = page_address(zspage->pages[page_nr]);
	if (off + size <= PAGE_SIZE)
		return p0 + off;		/* the common case: inside one page */

	/* It spans pages page_nr and page_nr + 1: work on a copy. */
	first = PAGE_SIZE - off;
	if (mm != ZS_MM_WO) {
		memcpy(area->vm_buf, p0 + off, first);
		memcpy(area->vm_buf + first, page_address(zspage->pages[page_nr + 1]), size - first);
	}
	return area->vm_buf;
}

void zs_unmap_object(struct zs_pool *pool, unsigned long handle)
{
	struct mapping_area *area = &pool->area[smp_processor_id()];
	unsigned int idx, page_nr, off, size, first;
	struct zspage *zspage;

	BUG_ON(area->handle != handle);	/* unmap what was mapped, on the same CPU */
	zspage = decode_handle(pool, handle, &idx, "zs_unmap_object");
	BUG_ON(!zspage);
	size = zspage->class->size;
	obj_location(zspage, idx, &page_nr, &off);
	if (off + size > PAGE_SIZE && area->vm_mm != ZS_MM_RO) {
		first = PAGE_SIZE - off;
		memcpy((char *)page_address(zspage->pages[page_nr]) + off, area->vm_buf, first);
		memcpy(page_address(zspage->pages[page_nr + 1]), area->vm_buf + first, size - first);
	}
	area->handle = 0;
	arch_local_irq_restore(area->irqflags);
}

/* ---- sizes and statistics ------------------------------------------------------ */

unsigned int zs_lookup_class_size(struct zs_pool *pool, size_t size)
{
	return size && size <= ZS_MAX_ALLOC_SIZE ? size_to_class(pool, size)->size : 0;
}

size_t zs_huge_class_size(struct zs_pool *pool)
{
	return pool->huge_class_size;
}

unsigned long zs_get_total_pages(struct zs_pool *pool)
{
	return READ_ONCE(pool->pages_allocated);
}

void zs_pool_stats(struct zs_pool *pool, struct zs_pool_stats *stats)
{
	stats->pages_compacted = 0;	/* no compaction: handles name places, objects cannot move */
}

static void class_stats(struct zs_pool *pool, struct size_class *class, struct zs_class_stats *st)
{
	struct zspage *zspage;
	unsigned long flags;

	memset(st, 0, sizeof(*st));
	spin_lock_irqsave(&pool->lock, flags);
	st->size = class->size;
	st->pages_per_zspage = class->pages_per_zspage;
	st->objs_per_zspage = class->objs_per_zspage;
	list_for_each_entry(zspage, &class->fullness_list[ZS_ALMOST_FULL], list)
		st->almost_full++;
	list_for_each_entry(zspage, &class->fullness_list[ZS_ALMOST_EMPTY], list)
		st->almost_empty++;
	list_for_each_entry(zspage, &class->fullness_list[ZS_FULL], list)
		st->full++;
	st->obj_allocated = class->nr_zspages * class->objs_per_zspage;
	st->obj_used = class->obj_used;
	st->pages_used = class->nr_zspages * class->pages_per_zspage;
	/* Linux: zs_can_compact(): whole zspages' worth of free slots. */
	st->freeable = (st->obj_allocated - st->obj_used) / class->objs_per_zspage *
		       class->pages_per_zspage;
	spin_unlock_irqrestore(&pool->lock, flags);
}

void zs_class_stats(struct zs_pool *pool, size_t size, struct zs_class_stats *st)
{
	class_stats(pool, size_to_class(pool, size ? size : 1), st);
}

void zs_show_classes(struct zs_pool *pool, bool all)
{
	struct zs_class_stats st, total = { 0 };
	struct size_class *prev = NULL;

	printk(" class  size almost_full almost_empty obj_allocated   obj_used pages_used "
	       "pages_per_zspage freeable\n");
	for (unsigned int i = 0; i < ZS_SIZE_CLASSES; i++) {
		struct size_class *class = pool->size_class[i];

		if (class == prev)
			continue;
		prev = class;
		class_stats(pool, class, &st);
		total.almost_full += st.almost_full;
		total.almost_empty += st.almost_empty;
		total.obj_allocated += st.obj_allocated;
		total.obj_used += st.obj_used;
		total.pages_used += st.pages_used;
		total.freeable += st.freeable;
		if (!all && !st.pages_used)
			continue;
		/* Linux numbers a merged class by its largest index; so do we. */
		while (i + 1 < ZS_SIZE_CLASSES && pool->size_class[i + 1] == class)
			i++;
		printk(" %5u %5u %11lu %12lu %13lu %10lu %10lu %16u %8lu\n", i, st.size,
		       st.almost_full, st.almost_empty, st.obj_allocated, st.obj_used,
		       st.pages_used, st.pages_per_zspage, st.freeable);
	}
	printk("\n Total %5s %11lu %12lu %13lu %10lu %10lu %16s %8lu\n", "", total.almost_full,
	       total.almost_empty, total.obj_allocated, total.obj_used, total.pages_used, "",
	       total.freeable);
}
