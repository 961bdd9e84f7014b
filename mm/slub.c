/*
 * SLUB: the slab allocator, as in Linux's mm/slub.c.
 *
 * The buddy allocator hands out whole pages; most kernel objects are tens or
 * hundreds of bytes. A kmem_cache serves objects of one size from "slabs":
 * blocks of 2^order pages cut into equal slots. A free object stores the
 * address of the next free object inside itself (the "free pointer"), so a
 * slab's free objects form a singly linked list and need no side table.
 *
 * Where a slab can be:
 *   - frozen: it is one CPU's active slab; that CPU pops objects from its
 *     private freelist (kmem_cache_cpu) without taking any lock;
 *   - on the node's partial list: some objects free, waiting to be picked
 *     up by a CPU whose active slab ran out;
 *   - on the node's full list: no free objects;
 *   - gone: empty slabs go back to the buddy allocator, except for
 *     min_partial of them kept on the partial list to absorb bursts.
 *
 * Caches with debug flags (SLAB_RED_ZONE, SLAB_POISON, SLAB_STORE_USER,
 * SLAB_CONSISTENCY_CHECKS) never use the per-CPU fast path: every object goes
 * through the checks in mm/slub_debug.c under the node lock, as in Linux.
 * Creating and laying out caches is in mm/slab_common.c, kmalloc's size
 * classes in mm/kmalloc.c; the layout of a slot is drawn in mm/slab.h.
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <string.h>
#include "slab.h"

static inline struct kmem_cache_cpu *this_cpu_slab(struct kmem_cache *s)
{
	return &s->cpu_slab[smp_processor_id()];
}

/* ---- Slabs: getting them from and giving them back to the buddy allocator */

/*
 * Make one object ready for its first allocation: debug patterns, then the
 * constructor, which runs exactly once per object for the slab's life.
 */
static void setup_object(struct kmem_cache *s, void *object)
{
	if (kmem_cache_debug(s))
		setup_object_debug(s, object);
	if (s->ctor)
		s->ctor(object);
}

/*
 * Get pages for a new slab and chain all its objects into slab->freelist
 * (Linux: allocate_slab / new_slab). The preferred order is only a wish:
 * it is tried without warnings and without reclaim (evicting pages just to
 * get a bigger slab is not worth it), then the smallest order that holds
 * one object is asked for normally. The slab is counted in the node but put
 * on no list. Returns NULL if the buddy allocator has nothing; call with no
 * SLUB lock held.
 */
static struct page *new_slab(struct kmem_cache *s, gfp_t gfp)
{
	struct kmem_cache_node *n = get_node(s, 0);
	unsigned int order = s->order, objects = s->objects;
	gfp_t wish = gfp | __GFP_NOWARN | __GFP_NORETRY;
	unsigned long flags;
	struct page *slab;
	char *start, *p, *prev = NULL;

	gfp &= ~__GFP_ZERO;
	wish &= ~__GFP_ZERO;
	if (s->order > s->min_order)
		wish &= ~(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM);
	slab = alloc_pages(wish, order);
	if (!slab && s->min_order != s->order) {
		order = s->min_order;
		objects = s->min_objects;
		slab = alloc_pages(gfp, order);
	}
	if (!slab) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("SLUB: Unable to allocate memory on node -1, gfp=0x%x\n"
				"  cache: %s, object size: %u, buffer size: %u, default order: %u, min order: %u\n",
				gfp, s->name, s->object_size, s->size, s->order, s->min_order);
		return NULL;
	}

	/* Tail pages point back at the head (see compound_head() in mm/slab.h). */
	for (unsigned int i = 1; i < (1U << order); i++)
		slab[i].lru.next = (struct list_head *)((unsigned long)slab | 1);
	slab->slab_cache = s;
	slab->objects = objects;
	slab->inuse = 0;
	slab->frozen = 0;
	SetPageSlab(slab);

	start = page_address(slab);
	/* Linux fills a poisoned slab with 0x5a first, so its unused tail shows up in dumps. */
	if (s->flags & __OBJECT_POISON)
		memset(start, POISON_INUSE, PAGE_SIZE << order);
	for_each_object(p, s, start, objects) {
		setup_object(s, p);
		if (prev)
			set_freepointer(s, prev, p);
		else
			slab->freelist = p;
		prev = p;
	}
	set_freepointer(s, prev, NULL);

	spin_lock_irqsave(&n->list_lock, flags);
	n->nr_slabs++;
	n->total_objects += objects;
	spin_unlock_irqrestore(&n->list_lock, flags);
	return slab;
}

/*
 * Give a slab's pages back to the buddy allocator (Linux: __free_slab).
 * The caller has taken it off every list and uncounted it (dec_slabs_node).
 */
static void free_slab(struct kmem_cache *s, struct page *slab)
{
	unsigned int order = slab_order(s, slab);

	for (unsigned int i = 1; i < (1U << order); i++)
		slab[i].lru.next = NULL;
	ClearPageSlab(slab);
	/*
	 * The slab fields share their words with lru, private, mapping and
	 * index (mm_types.h). Leave them as alloc_pages did: mapping and index
	 * zero, private = the order (the buddy allocator checks it on free).
	 */
	slab->slab_list.next = slab->slab_list.prev = NULL;
	slab->freelist = NULL;
	slab->inuse = slab->objects = 0;
	slab->frozen = 0;
	slab->private = order;
	__free_pages(slab, order);
}

/* List helpers; all run under n->list_lock. */
static void add_partial(struct kmem_cache_node *n, struct page *slab, bool tail)
{
	n->nr_partial++;
	if (tail)
		list_add_tail(&slab->slab_list, &n->partial);
	else
		list_add(&slab->slab_list, &n->partial);
}

static void remove_partial(struct kmem_cache_node *n, struct page *slab)
{
	list_del(&slab->slab_list);
	n->nr_partial--;
}

static void dec_slabs_node(struct kmem_cache_node *n, struct page *slab)
{
	n->nr_slabs--;
	n->total_objects -= slab->objects;
}

/*
 * Put @x back on its (unfrozen or remote) slab's freelist and move the slab
 * between lists: full -> partial when it gets its first free object, and out
 * entirely when it becomes empty while enough partial slabs are kept.
 * @was_full: the slab is on the full list.
 * Returns true if the caller must free_slab() it after dropping the lock.
 * Runs under n->list_lock.
 */
static __always_inline bool put_object_locked(struct kmem_cache *s, struct kmem_cache_node *n,
			      struct page *slab, void *x, bool was_full)
{
	set_freepointer(s, x, slab->freelist);
	slab->freelist = x;
	slab->inuse--;
	if (slab->frozen)
		return false;	/* its CPU will find the object in slab->freelist */
	if (was_full) {
		list_del(&slab->slab_list);
		add_partial(n, slab, true);
	}
	if (slab->inuse == 0 && n->nr_partial > s->min_partial) {
		remove_partial(n, slab);
		dec_slabs_node(n, slab);
		return true;
	}
	return false;
}

/*
 * Take all of a slab's free objects for a CPU: the slab becomes frozen, its
 * own freelist empty, and every object counts as in use until the CPU gives
 * back what it did not hand out (deactivate_slab). Under n->list_lock or on
 * a slab no one else can see yet.
 */
static void *freeze_slab(struct page *slab)
{
	void *freelist = slab->freelist;

	slab->freelist = NULL;
	slab->inuse = slab->objects;
	slab->frozen = 1;
	return freelist;
}

/*
 * A CPU stops using @slab: merge the objects left on its private @freelist
 * back into the slab and put the slab on the list that fits it (Linux:
 * deactivate_slab). May free the slab. Takes n->list_lock.
 */
static void deactivate_slab(struct kmem_cache *s, struct page *slab, void *freelist)
{
	struct kmem_cache_node *n = get_node(s, 0);
	unsigned int nr = 0;
	unsigned long flags;
	bool discard = false;
	void *p, *tail = NULL;

	for (p = freelist; p; p = get_freepointer(s, p)) {
		tail = p;
		if (++nr > slab->objects)
			panic("SLUB %s: per-CPU freelist loops (a double free slipped past the checks; "
			      "boot with slub_debug to catch it)", s->name);
	}

	spin_lock_irqsave(&n->list_lock, flags);
	if (tail) {
		set_freepointer(s, tail, slab->freelist);
		slab->freelist = freelist;
	}
	slab->inuse -= nr;
	slab->frozen = 0;
	if (slab->inuse == 0 && n->nr_partial >= s->min_partial) {
		dec_slabs_node(n, slab);
		discard = true;
	} else if (slab->inuse < slab->objects) {
		add_partial(n, slab, true);
	} else {
		list_add(&slab->slab_list, &n->full);
	}
	spin_unlock_irqrestore(&n->list_lock, flags);
	if (discard)
		free_slab(s, slab);
}

/*
 * Return every CPU's active slab to the node lists (Linux: flush_all).
 * Only CPU 0 runs today. When secondaries come up, touching another CPU's
 * kmem_cache_cpu from here is a race: Linux queues the flush as work on each
 * CPU, and this must become an IPI or per-CPU work the same way.
 */
void flush_all(struct kmem_cache *s)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct kmem_cache_cpu *c = &s->cpu_slab[cpu];
		unsigned long flags = arch_local_irq_save();
		struct page *slab = c->slab;
		void *freelist = c->freelist;

		c->slab = NULL;
		c->freelist = NULL;
		arch_local_irq_restore(flags);
		if (slab)
			deactivate_slab(s, slab, freelist);
	}
}

/* ---- Allocation -------------------------------------------------------- */

/*
 * The slow path (Linux: ___slab_alloc), entered with interrupts masked when
 * this CPU's freelist is empty. In order of cost:
 *   1. objects other CPUs freed into our active slab meanwhile;
 *   2. a slab from the node's partial list;
 *   3. a new slab from the buddy allocator, with interrupts back on while
 *      the pages are found (Linux does the same; reclaim will sleep there).
 * Installs the slab as this CPU's active slab and returns its first object,
 * or NULL. *@flags is the saved interrupt state, which step 3 restores and
 * re-saves.
 */
static void *___slab_alloc(struct kmem_cache *s, gfp_t gfp, unsigned long *flags)
{
	struct kmem_cache_node *n = get_node(s, 0);
	struct kmem_cache_cpu *c = this_cpu_slab(s);
	struct page *slab = c->slab;
	void *freelist = NULL;

	if (slab) {
		spin_lock(&n->list_lock);
		freelist = slab->freelist;
		if (freelist) {
			slab->freelist = NULL;
			slab->inuse = slab->objects;
		} else {
			/* Used up: off this CPU, onto the full list. */
			slab->frozen = 0;
			list_add(&slab->slab_list, &n->full);
			c->slab = NULL;
		}
		spin_unlock(&n->list_lock);
		if (freelist)
			goto load_freelist;
	}

	spin_lock(&n->list_lock);
	if (n->nr_partial) {
		slab = list_first_entry(&n->partial, struct page, slab_list);
		remove_partial(n, slab);
		freelist = freeze_slab(slab);
	}
	spin_unlock(&n->list_lock);
	if (freelist) {
		c->slab = slab;
		goto load_freelist;
	}

	arch_local_irq_restore(*flags);
	slab = new_slab(s, gfp);
	*flags = arch_local_irq_save();
	if (!slab)
		return NULL;
	c = this_cpu_slab(s);	/* we may be on another CPU now */
	if (c->slab) {
		/* An interrupt handler installed a slab meanwhile; retire it. */
		deactivate_slab(s, c->slab, c->freelist);
	}
	freelist = freeze_slab(slab);
	c->slab = slab;

load_freelist:
	c->freelist = get_freepointer(s, freelist);
	return freelist;
}

/*
 * Debug caches allocate one object at a time straight from a slab on the
 * partial list, under the node lock, checking it first (Linux:
 * alloc_single_from_partial / alloc_single_from_new_slab).
 */
static void *alloc_debug(struct kmem_cache *s, gfp_t gfp, unsigned long addr)
{
	struct kmem_cache_node *n = get_node(s, 0);
	unsigned long flags;
	struct page *slab;
	void *object;

	spin_lock_irqsave(&n->list_lock, flags);
	while (!n->nr_partial) {
		spin_unlock_irqrestore(&n->list_lock, flags);
		slab = new_slab(s, gfp);
		if (!slab)
			return NULL;
		spin_lock_irqsave(&n->list_lock, flags);
		add_partial(n, slab, false);
	}
	slab = list_first_entry(&n->partial, struct page, slab_list);
	object = slab->freelist;
	/* Checks (and repairs) the object; may cut a corrupt freelist short. */
	alloc_debug_processing(s, slab, object, addr);
	slab->freelist = get_freepointer(s, object);
	slab->inuse++;
	if (slab->inuse == slab->objects) {
		remove_partial(n, slab);
		list_add(&slab->slab_list, &n->full);
	}
	spin_unlock_irqrestore(&n->list_lock, flags);
	return object;
}

/*
 * One object of @s, from the slab this CPU owns (Linux: slab_alloc_node).
 *
 * The fast path pops the head of this CPU's private freelist. Linux does it
 * without masking anything: it reads c->freelist and c->tid (a transaction
 * id bumped on every operation), computes the next pointer, and publishes
 * both with one this_cpu_cmpxchg_double; if an interrupt or a migration to
 * another CPU got in between, the tid no longer matches and it retries.
 * That needs a 16-byte compare-and-swap on per-CPU data (CASP on ARMv8.1,
 * an LDXP/STXP loop before) and per-CPU addressing through TPIDR_EL1, and
 * it keeps the fast path free of interrupt-latency cost.
 * We mask interrupts for those few instructions instead. That gives the
 * same guarantee with any number of CPUs: no handler can run on this CPU
 * and, with no preemption while interrupts are masked, we cannot migrate,
 * so nothing else touches this CPU's kmem_cache_cpu. It is obviously
 * correct, and costs two DAIF writes per operation.
 * What the fast path runs: one test of s->flags (debug caches go their own
 * way), mask IRQs, pop, unmask, and the __GFP_ZERO test; the refill and the
 * debug path are separate functions, so it keeps no registers for them.
 */
static inline void *maybe_zero(struct kmem_cache *s, void *object, gfp_t gfp)
{
	if (unlikely(gfp & __GFP_ZERO) && object)
		memset(object, 0, s->object_size);
	return object;
}

/*
 * Everything but the fast path's pop, out of line so that the fast path
 * saves no registers for it (Linux: __slab_alloc around ___slab_alloc).
 * Entered with IRQs masked, flags the state to restore; returns with it
 * restored.
 */
static noinline void *__slab_alloc(struct kmem_cache *s, gfp_t gfp, unsigned long flags)
{
	void *object = ___slab_alloc(s, gfp, &flags);

	arch_local_irq_restore(flags);
	return maybe_zero(s, object, gfp);
}

static noinline void *slab_alloc_debug(struct kmem_cache *s, gfp_t gfp, unsigned long addr)
{
	return maybe_zero(s, alloc_debug(s, gfp, addr), gfp);
}

void *__kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp, unsigned long addr)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;
	void *object;

	if (unlikely(kmem_cache_debug(s)))
		return slab_alloc_debug(s, gfp, addr);

	flags = arch_local_irq_save();
	c = this_cpu_slab(s);
	object = c->freelist;
	if (unlikely(!object))
		return __slab_alloc(s, gfp, flags);
	c->freelist = get_freepointer(s, object);
	arch_local_irq_restore(flags);
	return maybe_zero(s, object, gfp);
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	return __kmem_cache_alloc(s, gfp, _RET_IP_);
}

/* ---- Freeing ----------------------------------------------------------- */

/*
 * Every free on a debug cache: the checks of mm/slub_debug.c under the node
 * lock, then the object goes straight back to its slab (Linux:
 * free_to_partial_list, which debug caches use instead of the per-CPU
 * paths). Kept apart from __slab_free so the non-debug path carries none of
 * it.
 */
static noinline void free_to_partial_list(struct kmem_cache *s, struct page *slab, void *x,
					  unsigned long addr)
{
	struct kmem_cache_node *n = get_node(s, 0);
	unsigned long flags;
	bool was_full, discard;

	spin_lock_irqsave(&n->list_lock, flags);
	was_full = !slab->frozen && slab->inuse == slab->objects;
	if (!free_debug_processing(s, slab, x, addr)) {
		/*
		 * Reported and refused. The checks may also have cut a
		 * corrupt freelist short; a slab left with no free object
		 * belongs on the full list.
		 */
		if (!was_full && slab->inuse == slab->objects) {
			remove_partial(n, slab);
			list_add(&slab->slab_list, &n->full);
		}
		spin_unlock_irqrestore(&n->list_lock, flags);
		return;
	}
	discard = put_object_locked(s, n, slab, x, was_full);
	spin_unlock_irqrestore(&n->list_lock, flags);
	if (discard)
		free_slab(s, slab);
}

/*
 * Free on a slab that is not this CPU's active slab, non-debug cache (Linux:
 * __slab_free, which does it without the node lock, by cmpxchg on the
 * slab's freelist and counters, and takes the lock only to move the slab
 * between lists; here the node lock is taken every time). Entered with
 * IRQs still masked by __kmem_cache_free, flags the state to restore.
 */
static void __slab_free(struct kmem_cache *s, struct page *slab, void *x, unsigned long addr,
			unsigned long flags)
{
	struct kmem_cache_node *n = get_node(s, 0);
	bool was_full, discard;

	spin_lock(&n->list_lock);
	if (unlikely(x == slab->freelist)) {
		spin_unlock_irqrestore(&n->list_lock, flags);
		report_naive_double_free(s, slab, x, addr);
		return;
	}
	was_full = !slab->frozen && slab->inuse == slab->objects;
	discard = put_object_locked(s, n, slab, x, was_full);
	spin_unlock_irqrestore(&n->list_lock, flags);
	if (unlikely(discard))
		free_slab(s, slab);
}

/*
 * Free @x, which lies in @slab of cache @s (Linux: slab_free / do_slab_free).
 * The cheap checks run always: the pointer must be an object start, and must
 * not be the object freed last (the naive double-free test Linux makes with
 * CONFIG_SLAB_FREELIST_HARDENED). Debug caches check much more.
 * Fast path: the object belongs to this CPU's active slab, so push it on the
 * private freelist with interrupts masked (see __kmem_cache_alloc).
 */
void __kmem_cache_free(struct kmem_cache *s, struct page *slab, void *x, unsigned long addr)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;

	if (unlikely(kmem_cache_debug(s))) {
		free_to_partial_list(s, slab, x, addr);
		return;
	}
	if (unlikely(!check_valid_pointer(s, slab, x))) {
		report_invalid_pointer(s, slab, x, addr);
		return;
	}

	flags = arch_local_irq_save();
	c = this_cpu_slab(s);
	if (likely(slab == c->slab)) {
		if (unlikely(x == c->freelist)) {
			arch_local_irq_restore(flags);
			report_naive_double_free(s, slab, x, addr);
			return;
		}
		set_freepointer(s, x, c->freelist);
		c->freelist = x;
		arch_local_irq_restore(flags);
		return;
	}
	__slab_free(s, slab, x, addr, flags);	/* IRQs stay masked; it restores them */
}

void kmem_cache_free(struct kmem_cache *s, void *x)
{
	struct page *slab;

	if (!x)
		return;
	slab = virt_to_head_page_safe(x);
	if (!slab || !PageSlab(slab) || slab->slab_cache != s) {
		report_wrong_cache(s, slab, x, _RET_IP_);
		return;
	}
	__kmem_cache_free(s, slab, x, _RET_IP_);
}

/* ---- Shrinking --------------------------------------------------------- */

/* Free every empty slab on the partial list (Linux: __kmem_cache_do_shrink). */
static void free_empty_partials(struct kmem_cache *s)
{
	struct kmem_cache_node *n = get_node(s, 0);
	struct page *slab, *tmp;
	unsigned long flags;
	LIST_HEAD(discard);

	spin_lock_irqsave(&n->list_lock, flags);
	list_for_each_entry_safe(slab, tmp, &n->partial, slab_list) {
		if (slab->inuse)
			continue;
		remove_partial(n, slab);
		dec_slabs_node(n, slab);
		list_add(&slab->slab_list, &discard);
	}
	spin_unlock_irqrestore(&n->list_lock, flags);
	list_for_each_entry_safe(slab, tmp, &discard, slab_list)
		free_slab(s, slab);
}

int kmem_cache_shrink(struct kmem_cache *s)
{
	flush_all(s);
	free_empty_partials(s);
	return 0;
}
