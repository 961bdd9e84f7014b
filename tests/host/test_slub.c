/*
 * Host unit tests for SLUB (mm/slub.c, mm/slub_debug.c, mm/slab_common.c,
 * mm/kmalloc.c) on a fake RAM arena, under ASan/UBSan, with the real
 * memblock and buddy allocator underneath.
 *
 * Boot setup mirrors the kernel: "slub_debug=FZPU,kmalloc-64,kmalloc-192,
 * test-debug*" turns full debugging on for those caches only, so the same
 * run covers the per-CPU fast path (everything else) and the debug path.
 * Every debug detection is triggered on purpose and its report checked in
 * the captured printk log; afterwards the allocator must still work and
 * kmem_cache_validate() must find nothing wrong.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/slab.h>
#include "../../mm/slab.h"
#include "host_shim.h"
#include "tap.h"

#define RAM_BASE	0x40000000UL
#define RAM_SIZE	(64UL << 20)

static const unsigned int class_sizes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192
};

static struct kmem_cache *cache_of(const void *p)
{
	return virt_to_head_page_safe(p)->slab_cache;	/* slabs span several pages */
}

/* The kmalloc cache that serves @size bytes. */
static struct kmem_cache *kmalloc_slab_of(size_t size)
{
	void *p = kmalloc(size, GFP_KERNEL);
	struct kmem_cache *s = cache_of(p);

	kfree(p);
	return s;
}

/* nr_free_pages() leaves out the per-CPU lists (as in Linux): drain them first. */
static unsigned long free_pages_now(void)
{
	drain_all_pages();
	return nr_free_pages();
}

/* Flush and shrink every cache, so only objects really in use hold pages. */
static void shrink_all(void)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
}

static int validate_all(void)
{
	struct kmem_cache *s;
	int errors = 0;

	list_for_each_entry(s, &slab_caches, list)
		errors += kmem_cache_validate(s);
	return errors;
}

/* ---- The boot argument ------------------------------------------------- */

static void test_slub_debug_parser(void)
{
	slub_debug_setup(NULL);
	is_int(slub_debug, SLAB_DEBUG_FLAGS, "slub_debug alone: all of F, Z, P, U");
	slub_debug_setup("=ZP");
	is_int(slub_debug, SLAB_RED_ZONE | SLAB_POISON, "slub_debug=ZP: red zones and poison");
	slub_debug_setup("fu");
	is_int(slub_debug, SLAB_CONSISTENCY_CHECKS | SLAB_STORE_USER, "lower-case letters");
	slub_debug_setup("-");
	is_int(slub_debug, 0, "slub_debug=-: off");
	host_log_clear();
	slub_debug_setup("FX");
	ok(host_log_contains("slub_debug option 'X' unknown. skipped"), "unknown letter reported");
	is_int(slub_debug, SLAB_CONSISTENCY_CHECKS, "and skipped");

	slub_debug_setup("Z,dentry,kmalloc-*");
	ok(kmem_cache_flags("dentry", 0) == SLAB_RED_ZONE, "named cache selected");
	ok(kmem_cache_flags("kmalloc-128", 0) == SLAB_RED_ZONE, "prefix* selects kmalloc-128");
	ok(kmem_cache_flags("dentry2", 0) == 0, "other names not selected");
	ok(kmem_cache_flags("inode", SLAB_HWCACHE_ALIGN) == SLAB_HWCACHE_ALIGN,
	   "unselected cache keeps its own flags");
	slub_debug_setup(",foo");
	ok(kmem_cache_flags("foo", 0) == SLAB_DEBUG_FLAGS, "',name' alone: all flags for that cache");
	ok(kmem_cache_flags("bar", 0) == 0, "',name' alone: not for others");
}

/* ---- Size classes ------------------------------------------------------ */

static void test_size_classes(void)
{
	for (unsigned int c = 0; c < ARRAY_SIZE(class_sizes); c++) {
		unsigned int size = class_sizes[c];
		unsigned int lo = c ? class_sizes[c - 1] + 1 : 1;
		struct kmem_cache *s;
		struct slabinfo si;
		unsigned int n, bad_size = 0, bad_align = 0, bad_data = 0;
		unsigned char **p;

		/* The smallest and the largest request of the class land in it. */
		void *a = kmalloc(lo, GFP_KERNEL), *b = kmalloc(size, GFP_KERNEL);

		ok(a && b && ksize(a) == size && ksize(b) == size && cache_of(a) == cache_of(b),
		   "kmalloc(%u) and kmalloc(%u) come from kmalloc-%u (%s)", lo, size, size,
		   b ? cache_of(b)->name : "NULL");
		kfree(a);
		kfree(b);

		s = kmalloc_slab_of(size);
		get_slabinfo(s, &si);
		n = 3 * si.objects_per_slab + 1;	/* several slabs' worth */
		p = calloc(n, sizeof(*p));
		for (unsigned int i = 0; i < n; i++) {
			p[i] = kmalloc(size, GFP_KERNEL);
			if (!p[i] || ksize(p[i]) != size)
				bad_size++;
			else if ((unsigned long)p[i] % (is_power_of_2(size) ? size : 8))
				bad_align++;
			else
				memset(p[i], (int)(i * 7 + 1), size);	/* the whole usable size */
		}
		for (unsigned int i = 0; i < n; i++) {
			if (!p[i])
				continue;
			for (unsigned int j = 0; j < size; j++)
				if (p[i][j] != (unsigned char)(i * 7 + 1)) {
					bad_data++;
					break;
				}
		}
		is_int(bad_size, 0, "kmalloc-%u: %u objects, ksize() == %u", size, n, size);
		is_int(bad_align, 0, "kmalloc-%u: %s", size,
		       is_power_of_2(size) ? "naturally aligned" : "8-byte aligned");
		is_int(bad_data, 0, "kmalloc-%u: whole objects written, no overlap", size);
		get_slabinfo(s, &si);
		ok(si.active_objs >= n, "kmalloc-%u: slabinfo counts %lu active >= %u",
		   size, si.active_objs, n);
		for (unsigned int i = 0; i < n; i++)
			kfree(p[i]);
		free(p);
		kmem_cache_shrink(s);
		get_slabinfo(s, &si);
		is_int(si.active_objs, 0, "kmalloc-%u: all freed", size);
		is_int(si.num_slabs, 0, "kmalloc-%u: shrink returns every slab", size);
		is_int(kmem_cache_validate(s), 0, "kmalloc-%u: validates", size);
	}
}

/* Slab geometry like Linux's on a 4-CPU machine (calculate_order). */
static void test_slab_orders(void)
{
	static const struct { unsigned int size, objs, pages; } want[] = {
		{ 8, 512, 1 }, { 96, 42, 1 }, { 256, 16, 1 }, { 512, 16, 2 },
		{ 1024, 16, 4 }, { 2048, 16, 8 }, { 4096, 8, 8 }, { 8192, 4, 8 },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(want); i++) {
		struct kmem_cache *s = kmalloc_slab_of(want[i].size);

		ok(s->objects == want[i].objs && (1u << s->order) == want[i].pages,
		   "%s: %u objects in %u pages (got %u in %u)", s->name,
		   want[i].objs, want[i].pages, s->objects, 1u << s->order);
	}
}

static void test_kmalloc_edges(void)
{
	void *p;

	ok(kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR, "kmalloc(0) is ZERO_SIZE_PTR");
	is_int(ksize(ZERO_SIZE_PTR), 0, "ksize(ZERO_SIZE_PTR) is 0");
	host_log_clear();
	kfree(NULL);
	kfree(ZERO_SIZE_PTR);
	ok(!host_log_contains("BUG"), "kfree(NULL) and kfree(ZERO_SIZE_PTR) are no-ops");
	ok(kcalloc(~0UL / 2, 4, GFP_KERNEL) == NULL, "kcalloc: n * size overflow gives NULL");

	p = kzalloc(200, GFP_KERNEL);
	ok(p && ksize(p) == 256, "kzalloc(200) comes from kmalloc-256");
	{
		unsigned char *z = p;
		int nonzero = 0;

		for (int i = 0; i < 256; i++)
			nonzero += z[i] != 0;
		is_int(nonzero, 0, "kzalloc zeroes the whole size class");
	}
	kfree(p);
}

/* ---- Caches ------------------------------------------------------------ */

static void test_alignment(void)
{
	static const struct {
		unsigned int size, align;
		slab_flags_t flags;
		unsigned int want;
		const char *name;
	} cases[] = {
		{ 100, 256, 0, 256, "align-256" },
		{ 100, 0, SLAB_HWCACHE_ALIGN, 64, "hwalign-100" },
		{ 24, 0, SLAB_HWCACHE_ALIGN, 32, "hwalign-24" },
		{ 20, 0, 0, 8, "plain-20" },
		{ 100, 128, 0, 128, "test-debug-align" },	/* red zones must keep it */
	};

	for (unsigned int c = 0; c < ARRAY_SIZE(cases); c++) {
		struct kmem_cache *s = kmem_cache_create(cases[c].name, cases[c].size,
							 cases[c].align, cases[c].flags, NULL);
		void *p[40];
		int bad = 0;

		if (!ok(s, "kmem_cache_create(%s)", cases[c].name))
			continue;
		for (int i = 0; i < 40; i++) {
			p[i] = kmem_cache_alloc(s, GFP_KERNEL);
			if (!p[i] || (unsigned long)p[i] % cases[c].want)
				bad++;
			else
				memset(p[i], 0x33, cases[c].size);
		}
		is_int(bad, 0, "%s: 40 objects aligned to %u (slot %u)", cases[c].name,
		       cases[c].want, s->size);
		for (int i = 0; i < 40; i++)
			kmem_cache_free(s, p[i]);
		is_int(kmem_cache_validate(s), 0, "%s: validates", cases[c].name);
		host_log_clear();
		kmem_cache_destroy(s);
		ok(!host_log_contains("BUG"), "%s: destroyed cleanly", cases[c].name);
	}
	ok(kmem_cache_create("bad-align", 64, 3, 0, NULL) == NULL,
	   "align not a power of two: kmem_cache_create fails");
}

struct ctor_obj {
	unsigned long magic;
	char payload[40];
};
static unsigned long ctor_calls;

static void ctor_fn(void *p)
{
	struct ctor_obj *o = p;

	o->magic = 0xc0ffee;
	ctor_calls++;
}

static void test_ctor(void)
{
	struct kmem_cache *s = kmem_cache_create("ctor-test", sizeof(struct ctor_obj), 0, 0, ctor_fn);
	struct ctor_obj *o[100];
	struct slabinfo si;
	int bad = 0;

	ctor_calls = 0;
	for (int i = 0; i < 100; i++) {
		o[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!o[i] || o[i]->magic != 0xc0ffee)
			bad++;
	}
	is_int(bad, 0, "ctor: every object arrives constructed");
	get_slabinfo(s, &si);
	is_int(ctor_calls, si.num_objs, "ctor: called once per object of each new slab (%lu)",
	       si.num_objs);
	for (int i = 0; i < 100; i++)
		kmem_cache_free(s, o[i]);	/* handed back in constructed state */
	for (int i = 0; i < 100; i++) {
		o[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!o[i] || o[i]->magic != 0xc0ffee)
			bad++;
	}
	is_int(bad, 0, "ctor: reused objects keep their state (free pointer is outside them)");
	is_int(ctor_calls, si.num_objs, "ctor: not called again on reuse");
	for (int i = 0; i < 100; i++)
		kmem_cache_free(s, o[i]);
	kmem_cache_destroy(s);
}

static void test_lifo_and_partial(void)
{
	struct kmem_cache *s = kmem_cache_create("partial-test", 512, 0, 0, NULL);
	unsigned long before = free_pages_now();
	struct slabinfo si;
	void *a, *b, *p[400];

	a = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	ok(a == b, "fast path: the object freed last is handed out first");
	kmem_cache_free(s, b);

	for (int i = 0; i < 400; i++)
		p[i] = kmem_cache_alloc(s, GFP_KERNEL);
	get_slabinfo(s, &si);
	is_int(si.num_slabs, DIV_ROUND_UP(400, s->objects), "400 objects: %lu slabs of %u",
	       si.num_slabs, s->objects);
	for (int i = 0; i < 400; i++)
		kmem_cache_free(s, p[i]);
	get_slabinfo(s, &si);
	ok(si.num_slabs <= s->min_partial + 1,
	   "after freeing: %lu slabs kept (min_partial %lu + the CPU slab), the rest went back",
	   si.num_slabs, s->min_partial);
	kmem_cache_destroy(s);
	is_int(free_pages_now(), before, "destroy: every page back in the page allocator");
}

static void test_destroy_leak(void)
{
	struct kmem_cache *s = kmem_cache_create("leaky", 32, 0, 0, NULL);
	void *p[5];

	for (int i = 0; i < 5; i++)
		p[i] = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, p[1]);
	kmem_cache_free(s, p[3]);
	host_log_clear();
	kmem_cache_destroy(s);
	ok(host_log_contains("BUG leaky (") &&
	   host_log_contains("Objects remaining in leaky on __kmem_cache_shutdown()"),
	   "destroy with live objects: reported by name");
	ok(host_log_contains("leaky: Slab cache still has objects") &&
	   host_log_contains("3 objects in 1 slabs"), "destroy: the count is reported (3)");
	host_log_clear();
	show_slabinfo();
	ok(host_log_contains("leaky "), "the cache is kept (still in slabinfo)");
	p[1] = kmem_cache_alloc(s, GFP_KERNEL);
	ok(p[1] != NULL, "and still works");
	kmem_cache_free(s, p[0]);
	kmem_cache_free(s, p[1]);
	kmem_cache_free(s, p[2]);
	kmem_cache_free(s, p[4]);
	host_log_clear();
	kmem_cache_destroy(s);
	ok(!host_log_contains("BUG"), "destroy after freeing the rest: no report");
	show_slabinfo();
	ok(!host_log_contains("leaky "), "and the cache is gone");

	/* With SLAB_STORE_USER the report says where each leak was allocated. */
	s = kmem_cache_create("leaky-tracked", 48, 0, SLAB_STORE_USER, NULL);
	p[0] = kmem_cache_alloc(s, GFP_KERNEL);
	host_log_clear();
	kmem_cache_destroy(s);
	ok(host_log_contains("Objects remaining in leaky-tracked") &&
	   host_log_contains("Allocated in 0x"), "leak report names the allocating caller");
	kmem_cache_free(s, p[0]);
	kmem_cache_destroy(s);
}

/* ---- Large kmalloc and krealloc ---------------------------------------- */

static void test_large(void)
{
	unsigned long before = free_pages_now();
	unsigned char *p = kmalloc(20000, GFP_KERNEL);
	struct page *page;

	if (!ok(p, "kmalloc(20000) from the buddy allocator"))
		return;
	page = virt_to_page(p);
	ok(((unsigned long)p & (PAGE_SIZE - 1)) == 0 && PageHead(page) && !PageSlab(page),
	   "large kmalloc: page aligned, PG_head, not a slab");
	is_int(ksize(p), 32768, "ksize(20000-byte kmalloc) is the order-3 block");
	memset(p, 0x77, ksize(p));
	is_int(before - free_pages_now(), 8, "it took 8 pages");
	kfree(p);
	is_int(free_pages_now(), before, "kfree gave the 8 pages back");

	p = kzalloc(100000, GFP_KERNEL);
	ok(p && p[0] == 0 && p[99999] == 0 && p[131071] == 0, "kzalloc(100000) is zeroed");
	kfree(p);

	host_log_clear();
	ok(kmalloc(8UL << 20, GFP_KERNEL) == NULL && host_log_contains("largest block"),
	   "kmalloc beyond MAX_ORDER fails with a warning");
	is_int(free_pages_now(), before, "no pages lost");
}

static void test_krealloc(void)
{
	unsigned char *p = kmalloc(20, GFP_KERNEL), *q;
	size_t sizes[] = { 100, 5000, 9000, 50000 };
	int bad = 0;

	for (int i = 0; i < 20; i++)
		p[i] = i;
	q = krealloc(p, 24, GFP_KERNEL);
	ok(q == p, "krealloc within the size class keeps the pointer");
	size_t have = 20;
	for (unsigned int s = 0; s < ARRAY_SIZE(sizes); s++) {
		q = krealloc(p, sizes[s], GFP_KERNEL);
		if (!q) {
			bad++;
			break;
		}
		for (size_t i = 0; i < have; i++)
			if (q[i] != (unsigned char)i)
				bad++;
		for (size_t i = have; i < sizes[s]; i++)
			q[i] = (unsigned char)i;
		have = sizes[s];
		p = q;
	}
	is_int(bad, 0, "krealloc 20 -> 100 -> 5000 -> 9000 (large) -> 50000 keeps the contents");
	q = krealloc(p, 10, GFP_KERNEL);
	ok(q == p, "shrinking krealloc keeps the block");
	ok(krealloc(p, 0, GFP_KERNEL) == ZERO_SIZE_PTR, "krealloc(p, 0) frees");
	p = krealloc(NULL, 50, GFP_KERNEL);
	ok(p && ksize(p) == 64, "krealloc(NULL, 50) is kmalloc(50)");
	kfree(p);
}

/* ---- Random stress against a shadow map -------------------------------- */

struct shadow {
	unsigned char *p;
	size_t size;
	unsigned char tag;
};

static unsigned long rnd_state = 12345;

static unsigned long rnd(void)
{
	rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
	return rnd_state >> 33;
}

static size_t random_size(void)
{
	switch (rnd() % 8) {
	case 0: return 1 + rnd() % 8192;
	case 1: return 8193 + rnd() % 40000;	/* large */
	default: return 1 + rnd() % 300;
	}
}

static bool shadow_intact(const struct shadow *sh)
{
	for (size_t i = 0; i < sh->size; i++)
		if (sh->p[i] != sh->tag)
			return false;
	return true;
}

static void test_stress(void)
{
	enum { SLOTS = 2000, OPS = 100000 };
	struct shadow *sh = calloc(SLOTS, sizeof(*sh));
	unsigned long before, allocs = 0, frees = 0, corrupt = 0, failed = 0;
	int mid_errors = 0;

	shrink_all();
	before = free_pages_now();
	for (int op = 0; op < OPS; op++) {
		struct shadow *s = &sh[rnd() % SLOTS];

		if (s->p) {
			if (!shadow_intact(s))
				corrupt++;
			if (rnd() % 4 == 0) {	/* sometimes grow or shrink instead */
				size_t n = random_size();
				unsigned char *q = krealloc(s->p, n, GFP_KERNEL);

				if (!q) {
					failed++;
					continue;
				}
				memset(q, s->tag, n);
				s->p = q;
				s->size = n;
				continue;
			}
			kfree(s->p);
			s->p = NULL;
			frees++;
		} else {
			s->size = random_size();
			s->tag = (unsigned char)(rnd() | 1);
			s->p = kmalloc(s->size, GFP_KERNEL);
			if (!s->p) {
				failed++;
				continue;
			}
			memset(s->p, s->tag, s->size);
			allocs++;
		}
		if (op == OPS / 2)
			mid_errors = validate_all();
	}
	is_int(corrupt, 0, "stress: %lu allocs, %lu frees: no object overwritten by another",
	       allocs, frees);
	is_int(failed, 0, "stress: no allocation failed");
	is_int(mid_errors, 0, "stress: every cache validates half-way");
	for (int i = 0; i < SLOTS; i++) {
		if (sh[i].p && !shadow_intact(&sh[i]))
			corrupt++;
		kfree(sh[i].p);
	}
	is_int(corrupt, 0, "stress: contents intact at the end");
	is_int(validate_all(), 0, "stress: every cache validates after freeing everything");
	shrink_all();
	is_int(free_pages_now(), before, "stress: free pages back to where they started");
	free(sh);
}

/* ---- Debug detections -------------------------------------------------- */

/* After each detection: still allocates, and nothing is left inconsistent. */
static void still_works(const char *what, size_t size)
{
	void *a = kmalloc(size, GFP_KERNEL), *b = kmalloc(size, GFP_KERNEL);

	ok(a && b && a != b, "%s: allocations still work afterwards", what);
	kfree(a);
	kfree(b);
	is_int(validate_all(), 0, "%s: every cache still validates", what);
}

static void test_debug_fill(void)
{
	unsigned char *p = kmalloc(64, GFP_KERNEL);
	int odd = 0;

	ok(cache_of(p)->flags & SLAB_RED_ZONE, "kmalloc-64 has debugging on (slub_debug=...,kmalloc-64)");
	for (int i = 0; i < 64; i++)
		odd += p[i] != POISON_INUSE;
	is_int(odd, 0, "debug: a new object reads 0x5a (uninitialised)");
	kfree(p);
	odd = 0;
	for (int i = 0; i < 63; i++)
		odd += p[i] != POISON_FREE;
	is_int(odd + (p[63] != POISON_END), 0, "debug: a freed object is 0x6b ... 0xa5");
	is_int(p[-1], SLUB_RED_INACTIVE, "debug: a free object's red zone is 0xbb");
}

static void test_double_free(void)
{
	void *p = kmalloc(64, GFP_KERNEL);

	kfree(p);
	host_log_clear();
	kfree(p);
	ok(host_log_contains("BUG kmalloc-64 (") && host_log_contains("): Object already free"),
	   "double free: \"BUG kmalloc-64 (...): Object already free\"");
	ok(host_log_contains("Allocated in 0x") && host_log_contains("Freed in 0x") &&
	   host_log_contains("INFO: Freed again from 0x"),
	   "double free: names the allocating, freeing and offending callers");
	ok(host_log_contains("FIX kmalloc-64: Object at ") && host_log_contains("not freed"),
	   "double free: the second free is refused");
	still_works("double free", 64);
}

static void test_double_free_nondebug(void)
{
	void *p = kmalloc(32, GFP_KERNEL), *a, *b;

	ok(!kmem_cache_debug(cache_of(p)), "kmalloc-32 runs without debugging");
	kfree(p);
	host_log_clear();
	kfree(p);
	ok(host_log_contains("BUG kmalloc-32 (") && host_log_contains("Object already free"),
	   "no debug: an immediate double free is still caught (naive check)");
	a = kmalloc(32, GFP_KERNEL);
	b = kmalloc(32, GFP_KERNEL);
	ok(a && b && a != b, "no debug: the freelist has no loop (two allocations differ)");
	kfree(a);
	kfree(b);

	p = kmalloc(32, GFP_KERNEL);
	host_log_clear();
	kfree((char *)p + 8);
	ok(host_log_contains("BUG kmalloc-32 (") && host_log_contains("Invalid object pointer"),
	   "no debug: a pointer into the middle of an object is refused");
	kfree(p);
	still_works("no-debug checks", 32);
}

static void test_invalid_pointer(void)
{
	char *p = kmalloc(64, GFP_KERNEL);

	host_log_clear();
	kfree(p + 16);
	ok(host_log_contains("BUG kmalloc-64 (") && host_log_contains("Invalid object pointer 0x"),
	   "middle of an object: \"Invalid object pointer\"");
	ok(host_log_contains("16 bytes into object"), "middle of an object: says where");
	host_log_clear();
	kfree(p);
	ok(!host_log_contains("BUG"), "the object itself is still freed normally");
	still_works("invalid pointer", 64);
}

static void test_not_slab(void)
{
	int on_stack;
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	char *large = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
	void *p32 = kmalloc(32, GFP_KERNEL);

	host_log_clear();
	kfree(&on_stack);
	ok(host_log_contains("BUG kfree (") && host_log_contains("not in RAM the page allocator manages"),
	   "kfree of a pointer outside RAM is refused");
	host_log_clear();
	kfree(page_address(page));
	ok(host_log_contains("BUG kfree (") && host_log_contains("not a slab object or a large kmalloc"),
	   "kfree of a page from alloc_pages is refused");
	__free_pages(page, 0);
	host_log_clear();
	kfree(large + PAGE_SIZE);
	ok(host_log_contains("BUG kfree ("), "kfree into the middle of a large kmalloc is refused");
	kfree(large);
	host_log_clear();
	kmem_cache_free(kmalloc_slab_of(64), p32);
	ok(host_log_contains("BUG kmalloc-64 (") &&
	   host_log_contains("Wrong slab cache: object") && host_log_contains("belongs to kmalloc-32"),
	   "kmem_cache_free to the wrong cache is refused");
	kfree(p32);
	still_works("non-slab pointers", 64);
}

static void test_redzones(void)
{
	unsigned char *p = kmalloc(64, GFP_KERNEL);

	p[64] = 'x';		/* one byte past the end */
	host_log_clear();
	kfree(p);
	ok(host_log_contains("BUG kmalloc-64 (") && host_log_contains("): Right Redzone overwritten"),
	   "write past the end: \"Right Redzone overwritten\"");
	ok(host_log_contains("First byte 0x78 instead of 0xcc"), "right red zone: shows the bad byte");
	ok(host_log_contains("FIX kmalloc-64: Restoring Right Redzone") &&
	   host_log_contains("not freed"), "right red zone: restored, free refused");
	still_works("right red zone", 64);
	host_log_clear();
	kfree(p);		/* repaired: now it may go */
	ok(!host_log_contains("BUG"), "the repaired object frees cleanly");

	p = kmalloc(64, GFP_KERNEL);
	p[-3] = 0;		/* before the start */
	host_log_clear();
	kfree(p);
	ok(host_log_contains("): Left Redzone overwritten") &&
	   host_log_contains("First byte 0x0 instead of 0xcc"),
	   "write before the start: \"Left Redzone overwritten\"");
	ok(host_log_contains("FIX kmalloc-64: Restoring Left Redzone"), "left red zone: restored");
	still_works("left red zone", 64);
	kfree(p);
}

static void test_use_after_free(void)
{
	unsigned char *p = kmalloc(64, GFP_KERNEL), *q;
	int odd = 0;

	kfree(p);
	p[10] = 0x42;		/* use after free */
	host_log_clear();
	q = kmalloc(64, GFP_KERNEL);	/* the same object comes back first */
	ok(q == p, "the damaged object is the next one allocated");
	ok(host_log_contains("BUG kmalloc-64 (") && host_log_contains("): Poison overwritten"),
	   "use after free: \"Poison overwritten\" at the next allocation");
	ok(host_log_contains("First byte 0x42 instead of 0x6b") &&
	   host_log_contains("Freed in 0x") && host_log_contains("Detected while allocating for 0x"),
	   "use after free: the byte, the freeing caller and the allocating caller");
	ok(host_log_contains("FIX kmalloc-64: Restoring Poison"), "use after free: poison restored");
	for (int i = 0; i < 64; i++)
		odd += q[i] != POISON_INUSE;
	is_int(odd, 0, "the object is handed out repaired (all 0x5a), not corrupted");
	kfree(q);
	still_works("use after free", 64);

	/* The end marker too, in kmalloc-192 (also debugged). */
	p = kmalloc(150, GFP_KERNEL);
	kfree(p);
	p[191] = 0;
	host_log_clear();
	q = kmalloc(150, GFP_KERNEL);
	ok(host_log_contains("BUG kmalloc-192 (") && host_log_contains("End Poison overwritten"),
	   "use after free of the last byte: \"End Poison overwritten\"");
	kfree(q);
	still_works("end poison", 150);
}

/* Debugging chosen by kmem_cache_create flags rather than the boot argument. */
static void test_per_cache_flags(void)
{
	struct kmem_cache *s = kmem_cache_create("flags-test", 40, 0,
						 SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER, NULL);
	unsigned char *p = kmem_cache_alloc(s, GFP_KERNEL), *q;

	ok(kmem_cache_debug(s) && p, "SLAB_RED_ZONE|SLAB_POISON|SLAB_STORE_USER cache");
	kmem_cache_free(s, p);
	p[0] = 1;
	host_log_clear();
	q = kmem_cache_alloc(s, GFP_KERNEL);
	ok(host_log_contains("BUG flags-test (") && host_log_contains("Poison overwritten"),
	   "per-cache poison catches a use after free");
	q[40] = 0;
	host_log_clear();
	kmem_cache_free(s, q);
	ok(host_log_contains("BUG flags-test (") && host_log_contains("Right Redzone overwritten"),
	   "per-cache red zone catches an overflow");
	kmem_cache_free(s, q);	/* repaired: goes now */
	host_log_clear();
	kmem_cache_destroy(s);
	ok(!host_log_contains("BUG"), "and the cache is destroyed cleanly");
}

static void test_slabinfo(void)
{
	struct kmem_cache *s = kmem_cache_create("info-test", 100, 0, SLAB_HWCACHE_ALIGN, NULL);
	void *p[3];
	char line[200];
	struct slabinfo si;

	for (int i = 0; i < 3; i++)
		p[i] = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_shrink(s);	/* CPU slab back on the partial list: 3 active */
	get_slabinfo(s, &si);
	host_log_clear();
	show_slabinfo();
	ok(host_log_contains("slabinfo - version: 2.1\n") &&
	   host_log_contains("# name            <active_objs> <num_objs> <objsize> <objperslab> "
			     "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
			     "slabdata <active_slabs> <num_slabs> <sharedavail>"),
	   "slabinfo: Linux's 2.1 header");
	/* 3 active of one slab's objects, 100 bytes cache-line aligned to 128, one page. */
	snprintf(line, sizeof(line), "%-17s %6lu %6u %6u %4u %4d : tunables %4u %4u %4u"
		 " : slabdata %6lu %6lu %6lu", "info-test", 3UL, s->objects, 128u, s->objects, 1,
		 0, 0, 0, 1UL, 1UL, 0UL);
	ok(host_log_contains(line), "slabinfo: \"%s\"", line);
	ok(host_log_contains("\nkmalloc-8k ") && host_log_contains("\nkmem_cache "),
	   "slabinfo: lists kmalloc and kmem_cache caches");
	for (int i = 0; i < 3; i++)
		kmem_cache_free(s, p[i]);
	kmem_cache_destroy(s);
}

/*
 * A free pointer overwritten inside a free object (possible only by a wild
 * write: debug caches keep it outside the object). Last, because the objects
 * behind the damage stay isolated for good.
 */
static void test_freepointer_corrupt(void)
{
	struct kmem_cache *s = kmem_cache_create("test-debug-fp", 48, 0, 0, NULL);
	void *a = kmem_cache_alloc(s, GFP_KERNEL), *b = kmem_cache_alloc(s, GFP_KERNEL);
	void *p[8];
	int bad = 0;

	ok(kmem_cache_debug(s), "test-debug-fp has debugging (slub_debug=...,test-debug*)");
	kmem_cache_free(s, a);			/* freelist: a -> the untouched rest */
	set_freepointer(s, a, (void *)0x1234);	/* a wild write hits a's free pointer */
	host_log_clear();
	kmem_cache_free(s, b);
	ok(host_log_contains("BUG test-debug-fp (") && host_log_contains("Freechain corrupt") &&
	   host_log_contains("FIX test-debug-fp: Isolate corrupted freechain"),
	   "corrupt free pointer found while freeing: freelist cut there");
	for (int i = 0; i < 8; i++) {
		p[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!p[i] || (i < 2 && p[i] != b && p[i] != a))
			bad++;
	}
	is_int(bad, 0, "after the cut: the two good objects come back, then a new slab");
	for (int i = 0; i < 8; i++)
		kmem_cache_free(s, p[i]);
	ok(kmem_cache_alloc(s, GFP_KERNEL) != NULL, "the cache keeps working");
}

/*
 * A free list that loops (a -> b -> a) is found and cut while freeing
 * another object, not followed around and around; the cache goes on with
 * a new slab. Also last: a and b stay isolated.
 */
static void test_freelist_cycle(void)
{
	struct kmem_cache *s = kmem_cache_create("test-debug-cycle", 48, 0, 0, NULL);
	void *a = kmem_cache_alloc(s, GFP_KERNEL), *b = kmem_cache_alloc(s, GFP_KERNEL);
	void *c = kmem_cache_alloc(s, GFP_KERNEL), *p;

	kmem_cache_free(s, a);
	kmem_cache_free(s, b);			/* freelist: b -> a -> the untouched rest */
	set_freepointer(s, a, b);		/* now b -> a -> b -> ... */
	host_log_clear();
	kmem_cache_free(s, c);
	ok(host_log_contains("BUG test-debug-cycle (") && host_log_contains("Freelist cycle detected") &&
	   host_log_contains("FIX test-debug-cycle: Freelist cleared"),
	   "a cyclic free list is reported while freeing, and cut");
	p = kmem_cache_alloc(s, GFP_KERNEL);
	ok(p && p != a && p != b, "the cache keeps working, without handing out the looped objects");
	kmem_cache_free(s, p);
}

int main(void)
{
	unsigned long boot_free;

	test_slub_debug_parser();

	host_mm_boot(RAM_BASE, RAM_SIZE);
	slub_debug_setup("FZPU,kmalloc-64,kmalloc-192,test-debug*");
	host_log_clear();
	kmem_cache_init();
	ok(host_log_contains("SLUB: HWalign=64, Order=0-3, MinObjects=16, CPUs=4, Nodes=1"),
	   "kmem_cache_init prints Linux's SLUB line");
	boot_free = free_pages_now();

	test_slab_orders();
	test_size_classes();
	test_kmalloc_edges();
	test_alignment();
	test_ctor();
	test_lifo_and_partial();
	test_destroy_leak();
	test_large();
	test_krealloc();
	test_slabinfo();
	test_stress();

	test_debug_fill();
	test_double_free();
	test_double_free_nondebug();
	test_invalid_pointer();
	test_not_slab();
	test_redzones();
	test_use_after_free();
	test_per_cache_flags();

	shrink_all();
	is_int(free_pages_now(), boot_free, "at the end: free pages as right after kmem_cache_init");
	test_freepointer_corrupt();
	test_freelist_cycle();
	show_slabinfo();
	return done_testing();
}
