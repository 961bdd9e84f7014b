/*
 * Self-test suite "slub": the slab allocator and kmalloc (mm/slub.c,
 * mm/slub_debug.c, mm/slab_common.c, mm/kmalloc.c), run in both places
 * (include/linux/selftest.h): in the kernel on the machine's real RAM, with
 * kallsyms names in the reports (`make qemu-test BOOTARGS=selftest=slub`),
 * and on the host under ASan/UBSan on the fake machine
 * tests/host/test_slub.c builds (`build/host/test_slub slub`), where the
 * host-only suite slub_host also runs. Every SLUB debug detection is
 * triggered on purpose on a cache created with the debug flags, and its
 * report is read back from the printk log (log_buf_head/log_contains).
 *
 * Nothing here assumes either machine: caches the suite did not create may
 * hold objects of others (kmalloc caches in a running kernel), so counts of
 * those are compared before and after, never to zero; free pages are
 * compared after every cache is shrunk.
 *
 * The cases pass whether or not the kernel was booted with slub_debug: a
 * double free is "Object already free" with either the cheap check of every
 * cache or the full one of debug caches.
 */
#include <linux/kernel.h>
#include <linux/prandom.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/printk.h>
#include <linux/selftest.h>
#include <linux/slab.h>
#include <string.h>
#include "slab.h"

#define DEBUG_FLAGS	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

static struct kmem_cache *cache_of(const void *p)
{
	return virt_to_head_page_safe(p)->slab_cache;
}

static unsigned long free_now(void)
{
	drain_all_pages();
	return nr_free_pages();
}

/* Flush and shrink every cache, so that only slabs with live objects hold pages. */
static void shrink_all(void)
{
	struct kmem_cache *s;
	unsigned long flags;

	spin_lock_irqsave(&slab_mutex, flags);
	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
	spin_unlock_irqrestore(&slab_mutex, flags);
}

static bool cache_listed(const struct kmem_cache *want)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		if (s == want)
			return true;
	return false;
}

/*
 * Did a report since @head name @func as the caller in its @what line?
 * mm/slub_debug.c (symbolize) prints "func+0x1c/0x40" from the kernel's
 * symbol table; a host build has no symbol table and prints the bare address.
 */
static bool log_names_caller(unsigned long head, const char *what, const char *func)
{
	char want[128];

#ifdef HOST_TEST
	snprintf(want, sizeof(want), "%s 0x", what);
#else
	snprintf(want, sizeof(want), "%s %s+", what, func);
#endif
	return log_contains(head, want);
}

/* Which class serves a request: sizes 1..8192 and the boundaries on both sides. */
static const struct { unsigned int size, class; const char *name; } classes[] = {
	{ 1, 8, "kmalloc-8" }, { 8, 8, "kmalloc-8" }, { 9, 16, "kmalloc-16" },
	{ 16, 16, "kmalloc-16" }, { 17, 32, "kmalloc-32" }, { 32, 32, "kmalloc-32" },
	{ 33, 64, "kmalloc-64" }, { 64, 64, "kmalloc-64" }, { 65, 96, "kmalloc-96" },
	{ 96, 96, "kmalloc-96" }, { 97, 128, "kmalloc-128" }, { 128, 128, "kmalloc-128" },
	{ 129, 192, "kmalloc-192" }, { 192, 192, "kmalloc-192" }, { 193, 256, "kmalloc-256" },
	{ 256, 256, "kmalloc-256" }, { 257, 512, "kmalloc-512" }, { 512, 512, "kmalloc-512" },
	{ 513, 1024, "kmalloc-1k" }, { 1024, 1024, "kmalloc-1k" }, { 1025, 2048, "kmalloc-2k" },
	{ 2048, 2048, "kmalloc-2k" }, { 2049, 4096, "kmalloc-4k" }, { 4096, 4096, "kmalloc-4k" },
	{ 4097, 8192, "kmalloc-8k" }, { 8192, 8192, "kmalloc-8k" },
};

/*
 * Every size class: the right cache, its size, its alignment, all of it
 * usable; the edges (0 bytes, NULL, ZERO_SIZE_PTR, an overflowing kcalloc);
 * kzalloc zeroes the whole class, not only what was asked for.
 */
static void test_kmalloc_classes(struct kunit *test)
{
	unsigned long head = log_buf_head();
	int nonzero = 0;
	u8 *z;

	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++) {
		unsigned int class = classes[i].class;
		u8 *p = kmalloc(classes[i].size, GFP_KERNEL);
		struct kmem_cache *s;

		KUNIT_ASSERT_TRUE(test, p != NULL);
		s = cache_of(p);
		KUNIT_EXPECT_STREQ(test, s->name, classes[i].name);
		KUNIT_EXPECT_EQ(test, ksize(p), class);
		KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)p, is_power_of_2(class) ? class : 8));
		memset(p, 0xab, ksize(p));
		KUNIT_EXPECT_EQ(test, p[0] + p[class - 1], 2 * 0xab);
		kfree(p);
		KUNIT_EXPECT_EQ(test, kmem_cache_validate(s), 0);
	}
	KUNIT_EXPECT_TRUE(test, kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	KUNIT_EXPECT_EQ(test, ksize(ZERO_SIZE_PTR), 0);
	kfree(NULL);
	kfree(ZERO_SIZE_PTR);
	KUNIT_EXPECT_TRUE(test, kcalloc(~0UL / 2, 4, GFP_KERNEL) == NULL);	/* overflow */
	KUNIT_EXPECT_FALSE(test, log_contains(head, "BUG"));

	z = kzalloc(200, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, z != NULL);
	KUNIT_EXPECT_EQ(test, ksize(z), 256);
	for (int i = 0; i < 256; i++)
		nonzero += z[i] != 0;
	KUNIT_EXPECT_EQ(test, nonzero, 0);
	kfree(z);
}

/*
 * kmem_cache_create's alignment: asked for, cache-line (SLAB_HWCACHE_ALIGN:
 * 64, or the smallest power of two above a small object), the 8-byte
 * minimum, and kept with red zones around the object. Forty objects of each
 * cache written in full, the cache validated and destroyed without a report.
 */
static void test_alignment(struct kunit *test)
{
	static const struct {
		unsigned int size, align;
		slab_flags_t flags;
		unsigned int want;
		const char *name;
	} cases[] = {
		{ 100, 256, 0, 256, "slub_test_align256" },
		{ 100, 0, SLAB_HWCACHE_ALIGN, 64, "slub_test_hwalign100" },
		{ 24, 0, SLAB_HWCACHE_ALIGN, 32, "slub_test_hwalign24" },
		{ 20, 0, 0, 8, "slub_test_plain20" },
		{ 100, 128, DEBUG_FLAGS, 128, "slub_test_debug_align" },	/* red zones must keep it */
	};

	for (unsigned int c = 0; c < ARRAY_SIZE(cases); c++) {
		struct kmem_cache *s = kmem_cache_create(cases[c].name, cases[c].size,
							 cases[c].align, cases[c].flags, NULL);
		unsigned long head;
		void *p[40];
		int bad = 0;

		KUNIT_ASSERT_TRUE(test, s != NULL);
		for (int i = 0; i < 40; i++) {
			p[i] = kmem_cache_alloc(s, GFP_KERNEL);
			if (!p[i] || (unsigned long)p[i] % cases[c].want)
				bad++;
			else
				memset(p[i], 0x33, cases[c].size);
		}
		KUNIT_EXPECT_EQ_MSG(test, bad, 0, "%s: 40 objects aligned to %u (slot %u)",
				    cases[c].name, cases[c].want, s->size);
		for (int i = 0; i < 40; i++)
			kmem_cache_free(s, p[i]);
		KUNIT_EXPECT_EQ_MSG(test, kmem_cache_validate(s), 0, "%s validates", cases[c].name);
		head = log_buf_head();
		kmem_cache_destroy(s);
		KUNIT_EXPECT_TRUE_MSG(test, !log_contains(head, "BUG"), "%s destroyed cleanly", cases[c].name);
	}
	/* Not a power of two: refused. */
	KUNIT_EXPECT_TRUE(test, kmem_cache_create("slub_test_bad_align", 64, 3, 0, NULL) == NULL);
}

static int ctor_calls;

static void test_ctor(void *obj)
{
	ctor_calls++;
	memset(obj, 0x3c, 48);
}

static bool constructed(const u8 *p)
{
	for (int i = 0; i < 48; i++)
		if (p[i] != 0x3c)
			return false;
	return true;
}
/*
 * kmem_cache_create with a constructor: the ctor runs once per object when a
 * slab is made, never on allocation, so an object comes back as it was freed.
 * Destroying an empty cache is silent.
 */
static void test_cache_lifecycle(struct kunit *test)
{
	unsigned long head = log_buf_head(), free0;
	struct kmem_cache *s;
	struct slabinfo si;
	void *objs[128];
	unsigned int per_slab, n;
	u8 *p;

	shrink_all();
	free0 = free_now();
	ctor_calls = 0;
	s = kmem_cache_create("slub_test_ctor", 48, 64, 0, test_ctor);
	KUNIT_ASSERT_TRUE(test, s != NULL);
	KUNIT_EXPECT_EQ(test, ctor_calls, 0);		/* no slab yet */
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, p != NULL);
	per_slab = virt_to_head_page_safe(p)->objects;
	KUNIT_EXPECT_EQ(test, ctor_calls, per_slab);	/* the whole slab, once */
	KUNIT_EXPECT_TRUE(test, constructed(p));
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)p, 64));
	kmem_cache_free(s, p);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_EXPECT_TRUE(test, constructed(p));
	KUNIT_EXPECT_EQ(test, ctor_calls, per_slab);	/* not again */

	/* One more than a slab holds: a second slab, constructed in full. */
	n = min(per_slab + 1, (unsigned int)ARRAY_SIZE(objs));
	objs[0] = p;
	for (unsigned int i = 1; i < n; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	get_slabinfo(s, &si);
	KUNIT_EXPECT_EQ(test, si.num_slabs, n > per_slab ? 2 : 1);
	KUNIT_EXPECT_EQ(test, ctor_calls, per_slab * si.num_slabs);
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_destroy(s);
	KUNIT_EXPECT_FALSE(test, log_contains(head, "BUG"));
	KUNIT_EXPECT_FALSE(test, cache_listed(s));
	shrink_all();		/* a kmem_cache slab may have been made for s */
	KUNIT_EXPECT_EQ(test, free_now(), free0);
	printk("    # slub_test_ctor: %u objects per slab, %d ctor calls\n", per_slab, ctor_calls);
}

/* Destroying a cache with live objects reports them and keeps the cache. */
static void test_destroy_with_leak(struct kunit *test)
{
	struct kmem_cache *s = kmem_cache_create("slub_test_leak", 100, 0, SLAB_STORE_USER, NULL);
	unsigned long head = log_buf_head();
	void *a, *b, *c;

	KUNIT_ASSERT_TRUE(test, s != NULL);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	c = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	kmem_cache_destroy(s);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "Objects remaining in slub_test_leak on __kmem_cache_shutdown()"));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "1 objects in 1 slabs"));
	KUNIT_EXPECT_TRUE(test, log_names_caller(head, "Allocated in", "test_destroy_with_leak"));
	KUNIT_EXPECT_TRUE(test, cache_listed(s));	/* kept */
	kmem_cache_free(s, c);
	head = log_buf_head();
	kmem_cache_destroy(s);
	KUNIT_EXPECT_FALSE(test, log_contains(head, "BUG"));
	KUNIT_EXPECT_FALSE(test, cache_listed(s));
}


struct ctor_obj {
	unsigned long magic;
	char payload[40];
};
static unsigned long ctor_obj_calls;

static void ctor_obj_fn(void *p)
{
	struct ctor_obj *o = p;

	o->magic = 0xc0ffee;
	ctor_obj_calls++;
}

/*
 * A hundred objects of a cache with a constructor, over several slabs: each
 * arrives constructed, the ctor ran once per object of each new slab, and
 * objects freed and allocated again keep their state (the free pointer is
 * outside them) without another ctor call.
 */
static void test_ctor_reuse(struct kunit *test)
{
	struct kmem_cache *s = kmem_cache_create("slub_test_ctor_obj", sizeof(struct ctor_obj),
						 0, 0, ctor_obj_fn);
	struct ctor_obj *o[100];
	struct slabinfo si;
	int bad = 0;

	KUNIT_ASSERT_TRUE(test, s != NULL);
	ctor_obj_calls = 0;
	for (int i = 0; i < 100; i++) {
		o[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!o[i] || o[i]->magic != 0xc0ffee)
			bad++;
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
	get_slabinfo(s, &si);
	KUNIT_EXPECT_EQ(test, ctor_obj_calls, si.num_objs);
	for (int i = 0; i < 100; i++)
		if (o[i])
			kmem_cache_free(s, o[i]);
	for (int i = 0; i < 100; i++) {
		o[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!o[i] || o[i]->magic != 0xc0ffee)
			bad++;
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, ctor_obj_calls, si.num_objs);	/* not again */
	for (int i = 0; i < 100; i++)
		if (o[i])
			kmem_cache_free(s, o[i]);
	kmem_cache_destroy(s);
}

/*
 * The per-CPU fast path is LIFO; 400 objects take exactly the slabs they
 * need; freeing them keeps at most min_partial slabs plus the CPU slab, and
 * destroying the cache gives every page back.
 */
static void test_lifo_and_partial(struct kunit *test)
{
	static void *p[400];
	unsigned long before;
	struct kmem_cache *s;
	struct slabinfo si;
	void *a, *b;

	shrink_all();
	before = free_now();
	s = kmem_cache_create("slub_test_partial", 512, 0, 0, NULL);
	KUNIT_ASSERT_TRUE(test, s != NULL);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_EXPECT_TRUE(test, a == b);
	kmem_cache_free(s, b);

	for (int i = 0; i < 400; i++)
		p[i] = kmem_cache_alloc(s, GFP_KERNEL);
	get_slabinfo(s, &si);
	KUNIT_EXPECT_EQ(test, si.num_slabs, DIV_ROUND_UP(400, s->objects));
	for (int i = 0; i < 400; i++)
		kmem_cache_free(s, p[i]);
	get_slabinfo(s, &si);
	KUNIT_EXPECT_TRUE_MSG(test, si.num_slabs <= s->min_partial + 1,
			    "min_partial %lu + the CPU slab", s->min_partial);
	kmem_cache_destroy(s);
	shrink_all();		/* a kmem_cache slab may have been made for s */
	KUNIT_EXPECT_EQ(test, free_now(), before);
}

/*
 * Destroying a cache with live objects, without SLAB_STORE_USER: the
 * report names the cache and counts the objects; the cache stays (in
 * /proc/slabinfo) and still works; once empty it is destroyed silently
 * and is gone from slabinfo.
 */
static void test_destroy_leak_report(struct kunit *test)
{
	struct kmem_cache *s = kmem_cache_create("slub_test_leaky", 32, 0, 0, NULL);
	unsigned long head;
	void *p[5];

	KUNIT_ASSERT_TRUE(test, s != NULL);
	for (int i = 0; i < 5; i++)
		p[i] = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, p[1]);
	kmem_cache_free(s, p[3]);
	head = log_buf_head();
	kmem_cache_destroy(s);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "BUG slub_test_leaky ("));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "Objects remaining in slub_test_leaky on __kmem_cache_shutdown()"));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "slub_test_leaky: Slab cache still has objects"));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "3 objects in 1 slabs"));
	head = log_buf_head();
	show_slabinfo();
	KUNIT_EXPECT_TRUE(test, log_contains(head, "\nslub_test_leaky "));	/* kept */
	p[1] = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_EXPECT_TRUE(test, p[1] != NULL);				/* and works */
	kmem_cache_free(s, p[0]);
	kmem_cache_free(s, p[1]);
	kmem_cache_free(s, p[2]);
	kmem_cache_free(s, p[4]);
	head = log_buf_head();
	kmem_cache_destroy(s);
	KUNIT_EXPECT_FALSE(test, log_contains(head, "BUG"));
	show_slabinfo();
	KUNIT_EXPECT_FALSE(test, log_contains(head, "\nslub_test_leaky "));	/* gone */
}

/*
 * Above 8 KiB kmalloc takes whole pages from the buddy allocator: a
 * power-of-two block, PG_head and not a slab, zeroed by kzalloc, given back
 * by kfree; beyond the largest block it fails, with a warning unless
 * __GFP_NOWARN.
 */
static void test_large_kmalloc(struct kunit *test)
{
	unsigned long free0 = free_now(), head;
	u8 *p = kmalloc(8193, GFP_KERNEL), *q = kzalloc(SZ_1M, GFP_KERNEL);
	bool zero = true;

	KUNIT_ASSERT_TRUE(test, p != NULL && q != NULL);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)p, PAGE_SIZE));
	KUNIT_EXPECT_TRUE(test, PageHead(virt_to_page(p)) && !PageSlab(virt_to_page(p)));
	KUNIT_EXPECT_EQ(test, ksize(p), 4 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, ksize(q), SZ_1M);
	memset(p, 0x77, ksize(p));
	for (unsigned long i = 0; i < SZ_1M; i += 64)
		zero &= q[i] == 0;
	KUNIT_EXPECT_TRUE(test, zero);
	KUNIT_EXPECT_EQ(test, free_now(), free0 - 4 - 256);
	kfree(p);
	kfree(q);
	KUNIT_EXPECT_EQ(test, free_now(), free0);

	p = kmalloc(20000, GFP_KERNEL);		/* order 3 */
	KUNIT_ASSERT_TRUE(test, p != NULL);
	KUNIT_EXPECT_EQ(test, ksize(p), 8 * PAGE_SIZE);
	memset(p, 0x77, ksize(p));
	KUNIT_EXPECT_EQ(test, free0 - free_now(), 8);
	kfree(p);
	KUNIT_EXPECT_EQ(test, free_now(), free0);
	p = kzalloc(100000, GFP_KERNEL);	/* order 5: zeroed to the end of the block */
	KUNIT_ASSERT_TRUE(test, p != NULL);
	KUNIT_EXPECT_TRUE(test, p[0] == 0 && p[99999] == 0 && p[32 * PAGE_SIZE - 1] == 0);
	kfree(p);

	KUNIT_EXPECT_TRUE(test, kmalloc(8UL << 20, GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY) == NULL);
	head = log_buf_head();
	KUNIT_EXPECT_TRUE(test, kmalloc((PAGE_SIZE << (MAX_ORDER - 1)) + 1, GFP_KERNEL) == NULL);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "more than the largest block"));
	KUNIT_EXPECT_EQ(test, free_now(), free0);
}

/*
 * krealloc keeps the contents, reuses the object when the class has room,
 * moves between classes and on to a large kmalloc, frees with size 0, and
 * is kmalloc for NULL.
 */
static void test_krealloc(struct kunit *test)
{
	static const size_t sizes[] = { 100, 5000, 9000, 50000 };
	u8 *p = kmalloc(16, GFP_KERNEL), *q;
	size_t have = 20;
	bool same = true;
	int bad = 0;

	KUNIT_ASSERT_TRUE(test, p != NULL);
	for (int i = 0; i < 16; i++)
		p[i] = (u8)i;
	KUNIT_EXPECT_TRUE(test, krealloc(p, 8, GFP_KERNEL) == p);	/* shrinking: in place */
	q = krealloc(p, 100, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, q != NULL && q != p);
	KUNIT_EXPECT_STREQ(test, cache_of(q)->name, "kmalloc-128");
	for (int i = 0; i < 100; i++)
		q[i] = (u8)i;
	p = krealloc(q, 20000, GFP_KERNEL);	/* to a large kmalloc */
	KUNIT_ASSERT_TRUE(test, p != NULL);
	for (int i = 0; i < 100; i++)
		same &= p[i] == (u8)i;
	KUNIT_EXPECT_TRUE(test, same);
	KUNIT_EXPECT_EQ(test, ksize(p), 8 * PAGE_SIZE);	/* order 3: 32 KiB */
	KUNIT_EXPECT_TRUE(test, krealloc(p, 0, GFP_KERNEL) == ZERO_SIZE_PTR);	/* frees */
	q = krealloc(NULL, 32, GFP_KERNEL);	/* = kmalloc */
	KUNIT_ASSERT_TRUE(test, q != NULL);
	KUNIT_EXPECT_STREQ(test, cache_of(q)->name, "kmalloc-32");
	kfree(q);

	/* 20 -> 24 (same class: in place) -> 100 -> 5000 -> 9000 (large) -> 50000 -> 10. */
	p = kmalloc(20, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, p != NULL);
	for (int i = 0; i < 20; i++)
		p[i] = (u8)i;
	KUNIT_EXPECT_TRUE(test, krealloc(p, 24, GFP_KERNEL) == p);
	for (unsigned int s = 0; s < ARRAY_SIZE(sizes); s++) {
		q = krealloc(p, sizes[s], GFP_KERNEL);
		if (!q) {
			bad++;
			break;
		}
		for (size_t i = 0; i < have; i++)
			bad += q[i] != (u8)i;
		for (size_t i = have; i < sizes[s]; i++)
			q[i] = (u8)i;
		have = sizes[s];
		p = q;
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_TRUE(test, krealloc(p, 10, GFP_KERNEL) == p);	/* shrinking keeps the block */
	kfree(p);
	p = krealloc(NULL, 50, GFP_KERNEL);
	KUNIT_EXPECT_TRUE(test, p && ksize(p) == 64);
	kfree(p);
}

/* A 40-byte cache with every debug flag: red zones, poison, tracking, checks. */
static struct kmem_cache *debug_cache(void)
{
	return kmem_cache_create("slub_test_debug", 40, 0, DEBUG_FLAGS, NULL);
}

/* After a report the cache must be consistent and destroy cleanly. */
static void debug_cache_done(struct kunit *test, struct kmem_cache *s)
{
	unsigned long head = log_buf_head();

	KUNIT_EXPECT_EQ(test, kmem_cache_validate(s), 0);
	kmem_cache_destroy(s);
	KUNIT_EXPECT_FALSE(test, log_contains(head, "BUG"));
}

/*
 * Debugging chosen by kmem_cache_create flags without consistency checks
 * (SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER): poison still catches a
 * use after free, the red zone an overflow.
 */
static void test_per_cache_flags(struct kunit *test)
{
	struct kmem_cache *s = kmem_cache_create("slub_test_flags", 40, 0,
						 SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER, NULL);
	unsigned long head;
	u8 *p, *q;

	KUNIT_ASSERT_TRUE(test, s != NULL);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, p != NULL);
	KUNIT_EXPECT_TRUE(test, kmem_cache_debug(s));
	kmem_cache_free(s, p);
	p[0] = 1;
	head = log_buf_head();
	q = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "BUG slub_test_flags ("));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "Poison overwritten"));
	KUNIT_ASSERT_TRUE(test, q != NULL);
	q[40] = 0;
	head = log_buf_head();
	kmem_cache_free(s, q);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "BUG slub_test_flags ("));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "Right Redzone overwritten"));
	kmem_cache_free(s, q);	/* repaired: goes now */
	debug_cache_done(test, s);
}
static void test_debug_double_free(struct kunit *test)
{
	struct kmem_cache *s = debug_cache();
	unsigned long head;
	void *p;

	KUNIT_ASSERT_TRUE(test, s != NULL);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, p);
	head = log_buf_head();
	kmem_cache_free(s, p);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "BUG slub_test_debug ("));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "): Object already free"));
	KUNIT_EXPECT_TRUE(test, log_names_caller(head, "Allocated in", "test_debug_double_free"));
	KUNIT_EXPECT_TRUE(test, log_names_caller(head, "INFO: Freed again from", "test_debug_double_free"));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "FIX slub_test_debug: Object at "));
	debug_cache_done(test, s);
}

static void test_debug_invalid_pointer(struct kunit *test)
{
	struct kmem_cache *s = debug_cache();
	unsigned long head;
	u8 *p;

	KUNIT_ASSERT_TRUE(test, s != NULL);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	head = log_buf_head();
	kmem_cache_free(s, p + 8);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "BUG slub_test_debug ("));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "Invalid object pointer"));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "8 bytes into object"));
	kmem_cache_free(s, p);		/* the object itself still frees */
	debug_cache_done(test, s);
}

static void test_debug_redzone_right(struct kunit *test)
{
	struct kmem_cache *s = debug_cache();
	unsigned long head;
	u8 *p;

	KUNIT_ASSERT_TRUE(test, s != NULL);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	p[40] = 0x78;			/* one byte past the object */
	head = log_buf_head();
	kmem_cache_free(s, p);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "BUG slub_test_debug ("));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "): Right Redzone overwritten"));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "First byte 0x78 instead of 0xcc"));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "FIX slub_test_debug: Restoring Right Redzone"));
	KUNIT_EXPECT_TRUE(test, log_names_caller(head, "INFO: Freed from", "test_debug_redzone_right"));
	kmem_cache_free(s, p);		/* refused before, repaired now: frees */
	debug_cache_done(test, s);
}

static void test_debug_redzone_left(struct kunit *test)
{
	struct kmem_cache *s = debug_cache();
	unsigned long head;
	u8 *p;

	KUNIT_ASSERT_TRUE(test, s != NULL);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	p[-1] = 0x00;			/* one byte before the object */
	head = log_buf_head();
	kmem_cache_free(s, p);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "): Left Redzone overwritten"));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "First byte 0x0 instead of 0xcc"));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "FIX slub_test_debug: Restoring Left Redzone"));
	kmem_cache_free(s, p);
	debug_cache_done(test, s);
}

/* A write after free is found when the object is next handed out. */
static void test_debug_use_after_free(struct kunit *test)
{
	struct kmem_cache *s = debug_cache();
	unsigned long head;
	u8 *p, *q;

	KUNIT_ASSERT_TRUE(test, s != NULL);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, p);
	p[10] = 0x42;
	head = log_buf_head();
	q = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_EXPECT_TRUE(test, q == p);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "): Poison overwritten"));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "First byte 0x42 instead of 0x6b"));
	KUNIT_EXPECT_TRUE(test, log_names_caller(head, "Freed in", "test_debug_use_after_free"));
	KUNIT_EXPECT_TRUE(test, log_names_caller(head, "Detected while allocating for", "test_debug_use_after_free"));
	KUNIT_EXPECT_EQ(test, q[10], POISON_INUSE);	/* handed out clean */
	kmem_cache_free(s, q);
	debug_cache_done(test, s);
}

/* kfree and kmem_cache_free of things that are not (their) objects. */
static void test_bad_pointers(struct kunit *test)
{
	struct kmem_cache *s = kmem_cache_create("slub_test_plain", 32, 0, 0, NULL);
	unsigned long page = __get_free_pages(GFP_KERNEL, 0), head;
	void *k = kmalloc(32, GFP_KERNEL), *o;

	KUNIT_ASSERT_TRUE(test, s != NULL && page && k);
	head = log_buf_head();
	kfree((void *)page);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "BUG kfree ("));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "not a slab object or a large kmalloc"));
	KUNIT_EXPECT_EQ(test, page_count(virt_to_page(page)), 1);	/* not freed */

	head = log_buf_head();
	kmem_cache_free(s, k);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "Wrong slab cache: object"));

	/* A double free on a cache without debug flags: the cheap check. */
	o = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, o);
	head = log_buf_head();
	kmem_cache_free(s, o);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "BUG slub_test_plain ("));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "Object already free"));

	kfree(k);
	free_page(page);
	head = log_buf_head();
	kmem_cache_destroy(s);
	KUNIT_EXPECT_FALSE(test, log_contains(head, "BUG"));
}

static struct rnd_state rnd_state = { 88172645u };	/* lib/prandom.c: seed != 0 */

static unsigned int rnd(void)
{
	return prandom_u32_state(&rnd_state);
}

#define STRESS_OPS	100000
#define STRESS_SLOTS	512

/*
 * 100k random kmalloc/kzalloc/krealloc/kfree of sizes 1 byte .. 64 KiB
 * (mostly small). Each object carries a stamp at both ends, checked on free.
 * With every cache shrunk before and after, the free page count is back.
 */
static void test_stress(struct kunit *test)
{
	static struct { u8 *p; unsigned int size; } slot[STRESS_SLOTS];
	unsigned long free0, free1, bad = 0, failed = 0, head = log_buf_head();
	int errors = 0;
	struct kmem_cache *s;

	shrink_all();
	free0 = free_now();
	for (int op = 0; op < STRESS_OPS; op++) {
		unsigned int r = rnd(), i = r % STRESS_SLOTS, size;
		u8 stamp = (u8)(i + 1);

		if (slot[i].p && (r >> 9) % 8) {
			bad += slot[i].p[0] != stamp || slot[i].p[slot[i].size - 1] != stamp;
			kfree(slot[i].p);
			slot[i].p = NULL;
			continue;
		}
		r = rnd();
		size = 1 + r % ((r >> 16) % 16 == 0 ? 65536 : (r >> 16) % 4 == 0 ? 8192 : 256);
		if (slot[i].p) {	/* 1 in 8: resize the object */
			u8 *n = krealloc(slot[i].p, size, GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY);

			if (!n) {
				failed++;
				continue;
			}
			bad += n[0] != stamp;
			slot[i].p = n;
		} else {
			bool zero = (r >> 20) % 4 == 0;

			slot[i].p = zero ? kzalloc(size, GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY) :
					   kmalloc(size, GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY);
			if (!slot[i].p) {
				failed++;
				continue;
			}
			bad += zero && (slot[i].p[0] || slot[i].p[size - 1]);
		}
		slot[i].size = size;
		slot[i].p[0] = slot[i].p[size - 1] = stamp;
	}
	for (int i = 0; i < STRESS_SLOTS; i++) {
		kfree(slot[i].p);
		slot[i].p = NULL;
	}
	shrink_all();
	free1 = free_now();
	list_for_each_entry(s, &slab_caches, list)
		errors += kmem_cache_validate(s);
	printk("    # slub stress: %d operations: nr_free_pages before %lu, after %lu\n",
	       STRESS_OPS, free0, free1);
	KUNIT_EXPECT_EQ(test, free1, free0);
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, failed, 0);
	KUNIT_EXPECT_EQ(test, errors, 0);
	KUNIT_EXPECT_FALSE(test, log_contains(head, "BUG"));
}

/*
 * /proc/slabinfo, with live objects in the suite's caches so the numbers
 * mean something: Linux's 2.1 header, a cache's whole line as computed from
 * get_slabinfo (tunables and shared counts 0, as SLUB has none), a 100-byte
 * SLAB_HWCACHE_ALIGN cache shown with 128-byte objects, and the kmalloc and
 * kmem_cache caches listed.
 */
static void test_slabinfo(struct kunit *test)
{
	struct kmem_cache *s = kmem_cache_create("slub_test_info", 200, 0, 0, NULL);
	struct kmem_cache *hw = kmem_cache_create("slub_test_info_hw", 100, 0, SLAB_HWCACHE_ALIGN, NULL);
	struct slabinfo si, hsi;
	unsigned long head;
	void *objs[20], *hobjs[3];
	char line[200], hline[200];

	KUNIT_ASSERT_TRUE(test, s != NULL && hw != NULL);
	for (int i = 0; i < 20; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	for (int i = 0; i < 3; i++)
		hobjs[i] = kmem_cache_alloc(hw, GFP_KERNEL);
	kmem_cache_shrink(s);	/* CPU slab back to the lists: active = allocated */
	kmem_cache_shrink(hw);
	get_slabinfo(s, &si);
	get_slabinfo(hw, &hsi);
	KUNIT_EXPECT_EQ(test, si.active_objs, 20);
	KUNIT_EXPECT_EQ(test, si.num_objs, si.num_slabs * s->objects);
	KUNIT_EXPECT_EQ(test, hsi.active_objs, 3);
	KUNIT_EXPECT_EQ(test, hsi.num_slabs, 1);
	KUNIT_EXPECT_EQ(test, hw->size, 128);
	head = log_buf_head();
	show_slabinfo();
	snprintf(line, sizeof(line), "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u"
		 " : slabdata %6lu %6lu %6lu", s->name, 20UL, si.num_objs, s->size, s->objects,
		 1 << s->order, 0, 0, 0, si.num_slabs, si.num_slabs, 0UL);
	snprintf(hline, sizeof(hline), "%-17s %6lu %6u %6u %4u %4d : tunables %4u %4u %4u"
		 " : slabdata %6lu %6lu %6lu", hw->name, 3UL, hw->objects, 128u, hw->objects,
		 1 << hw->order, 0, 0, 0, 1UL, 1UL, 0UL);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "slabinfo - version: 2.1\n"));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "# name            <active_objs> <num_objs> <objsize> "
					     "<objperslab> <pagesperslab> : tunables <limit> <batchcount> "
					     "<sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>"));
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, line), "want \"%s\"", line);
	KUNIT_EXPECT_TRUE_MSG(test, log_contains(head, hline), "want \"%s\"", hline);
	KUNIT_EXPECT_TRUE(test, log_contains(head, "\nkmalloc-96 "));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "\nkmalloc-8k "));
	KUNIT_EXPECT_TRUE(test, log_contains(head, "\nkmem_cache "));
	for (int i = 0; i < 20; i++)
		kmem_cache_free(s, objs[i]);
	for (int i = 0; i < 3; i++)
		kmem_cache_free(hw, hobjs[i]);
	kmem_cache_destroy(s);
	kmem_cache_destroy(hw);
}

static struct kunit_case slub_cases[] = {
	KUNIT_CASE(test_kmalloc_classes),
	KUNIT_CASE(test_alignment),
	KUNIT_CASE(test_cache_lifecycle),
	KUNIT_CASE(test_ctor_reuse),
	KUNIT_CASE(test_lifo_and_partial),
	KUNIT_CASE(test_destroy_with_leak),
	KUNIT_CASE(test_destroy_leak_report),
	KUNIT_CASE(test_large_kmalloc),
	KUNIT_CASE(test_krealloc),
	KUNIT_CASE(test_per_cache_flags),
	KUNIT_CASE(test_debug_double_free),
	KUNIT_CASE(test_debug_invalid_pointer),
	KUNIT_CASE(test_debug_redzone_right),
	KUNIT_CASE(test_debug_redzone_left),
	KUNIT_CASE(test_debug_use_after_free),
	KUNIT_CASE(test_bad_pointers),
	KUNIT_CASE(test_stress),
	KUNIT_CASE(test_slabinfo),
	{ NULL, NULL },
};

static struct kunit_suite slub_suite = { .name = "slub", .cases = slub_cases };
selftest_suite(slub_suite);
