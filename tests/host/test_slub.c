/*
 * The host-only SLUB suite "slub_host", and the fake machine on which it
 * and the shared suite "slub" (mm/slub_test.c) run in build/host/test_slub
 * (include/linux/selftest.h tells how suites run on the host).
 *
 * The machine (selftest_host_init): 64 MiB of fake RAM with the real
 * memblock and buddy allocator (host_mm_boot), then SLUB booted as the
 * kernel does it, with "slub_debug=FZPU,kmalloc-64,kmalloc-192,test-debug*"
 * on the command line: full debugging for those caches only, so that the
 * same run covers the per-CPU fast path (every other cache) and the debug
 * path. mm/slub.c, mm/slub_debug.c, mm/slab_common.c and mm/kmalloc.c run
 * on it under ASan/UBSan.
 *
 * Why each case runs on the host only:
 *   test_boot_line        the line kmem_cache_init printed at this boot
 *                         (4 CPUs, orders 0-3)
 *   test_slub_debug_parser  rewrites the slub_debug setting (and puts the
 *                         boot's back), which a running kernel must keep
 *   test_slab_orders      the exact geometry Linux's calculate_order gives
 *                         kmalloc caches on this 4-CPU machine
 *   test_size_classes     every kmalloc cache back to 0 objects and 0 slabs
 *                         after shrinking, true only where nothing else
 *                         allocates (a kernel's subsystems hold kmalloc
 *                         objects; slub's test_kmalloc_classes is the shared
 *                         check of classes, sizes and alignment)
 *   test_stress_shadow    a long random run (2000 slots, up to 48 KiB, one
 *                         krealloc in four) with every byte of every live
 *                         object checked against its tag and all caches
 *                         validated half-way (slub's test_stress is the one
 *                         that runs in QEMU too)
 *   test_debug_fill, test_double_free, test_double_free_nondebug,
 *   test_invalid_pointer, test_redzones, test_use_after_free
 *                         detections in kmalloc-64 and kmalloc-192, which
 *                         only this boot's slub_debug makes debug caches,
 *                         and in kmalloc-32, which only this boot is known to
 *                         leave plain (slub repeats each detection on a
 *                         debug cache of its own)
 *   test_not_slab         kfree of a stack address, outside RAM only here
 *                         (a kernel stack is in RAM)
 *   test_back_to_boot     free pages exactly as right after kmem_cache_init
 *   test_freepointer_corrupt, test_freelist_cycle
 *                         damage a free list for good (the objects behind
 *                         the damage stay isolated), which a running kernel
 *                         must not be left with
 * Suites run in link order, this file first: test_boot_line reads the log
 * of the boot before anything else is printed.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/printk.h>
#include <linux/selftest.h>
#include <linux/slab.h>
#include "../../mm/slab.h"
#include "host_shim.h"

#define RAM_BASE	0x40000000UL
#define RAM_SIZE	(64UL << 20)
#define BOOT_SLUB_DEBUG	"FZPU,kmalloc-64,kmalloc-192,test-debug*"

static const unsigned int class_sizes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192
};

/* What selftest_host_init saw: the log position before kmem_cache_init, free pages after it. */
static unsigned long boot_log, boot_free;

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

/* After each detection: still allocates, and nothing is left inconsistent. */
static void still_works(struct kunit *test, const char *what, size_t size)
{
	void *a = kmalloc(size, GFP_KERNEL), *b = kmalloc(size, GFP_KERNEL);

	KUNIT_EXPECT_TRUE_MSG(test, a && b && a != b, "%s: allocations still work afterwards", what);
	kfree(a);
	kfree(b);
	KUNIT_EXPECT_EQ_MSG(test, validate_all(), 0, "%s: every cache still validates", what);
}

/* The boot: the page allocator on fake RAM, then SLUB with this slub_debug (as start_kernel). */
int selftest_host_init(void)
{
	host_mm_boot(RAM_BASE, RAM_SIZE);
	slub_debug_setup(BOOT_SLUB_DEBUG);
	boot_log = log_buf_head();
	kmem_cache_init();
	boot_free = free_pages_now();
	return 0;
}

/* ---- The boot and its argument ------------------------------------------- */

static void test_boot_line(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, log_contains(boot_log,
			  "SLUB: HWalign=64, Order=0-3, MinObjects=16, CPUs=4, Nodes=1"));
}

static void test_slub_debug_parser(struct kunit *test)
{
	slub_debug_setup(NULL);
	KUNIT_EXPECT_EQ_MSG(test, slub_debug, SLAB_DEBUG_FLAGS, "slub_debug alone: all of F, Z, P, U");
	slub_debug_setup("=ZP");
	KUNIT_EXPECT_EQ_MSG(test, slub_debug, SLAB_RED_ZONE | SLAB_POISON, "slub_debug=ZP: red zones and poison");
	slub_debug_setup("fu");
	KUNIT_EXPECT_EQ_MSG(test, slub_debug, SLAB_CONSISTENCY_CHECKS | SLAB_STORE_USER, "lower-case letters");
	slub_debug_setup("-");
	KUNIT_EXPECT_EQ_MSG(test, slub_debug, 0, "slub_debug=-: off");
	host_log_clear();
	slub_debug_setup("FX");
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("slub_debug option 'X' unknown. skipped"), "unknown letter reported");
	KUNIT_EXPECT_EQ_MSG(test, slub_debug, SLAB_CONSISTENCY_CHECKS, "and skipped");

	slub_debug_setup("Z,dentry,kmalloc-*");
	KUNIT_EXPECT_TRUE_MSG(test, kmem_cache_flags("dentry", 0) == SLAB_RED_ZONE, "named cache selected");
	KUNIT_EXPECT_TRUE_MSG(test, kmem_cache_flags("kmalloc-128", 0) == SLAB_RED_ZONE, "prefix* selects kmalloc-128");
	KUNIT_EXPECT_TRUE_MSG(test, kmem_cache_flags("dentry2", 0) == 0, "other names not selected");
	KUNIT_EXPECT_TRUE_MSG(test, kmem_cache_flags("inode", SLAB_HWCACHE_ALIGN) == SLAB_HWCACHE_ALIGN,
	   "unselected cache keeps its own flags");
	slub_debug_setup(",foo");
	KUNIT_EXPECT_TRUE_MSG(test, kmem_cache_flags("foo", 0) == SLAB_DEBUG_FLAGS, "',name' alone: all flags for that cache");
	KUNIT_EXPECT_TRUE_MSG(test, kmem_cache_flags("bar", 0) == 0, "',name' alone: not for others");
	slub_debug_setup(BOOT_SLUB_DEBUG);	/* the boot's, for the caches made from now on */
}

/* Slab geometry like Linux's on a 4-CPU machine (calculate_order). */
static void test_slab_orders(struct kunit *test)
{
	static const struct { unsigned int size, objs, pages; } want[] = {
		{ 8, 512, 1 }, { 96, 42, 1 }, { 256, 16, 1 }, { 512, 16, 2 },
		{ 1024, 16, 4 }, { 2048, 16, 8 }, { 4096, 8, 8 }, { 8192, 4, 8 },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(want); i++) {
		struct kmem_cache *s = kmalloc_slab_of(want[i].size);

		KUNIT_EXPECT_TRUE_MSG(test, s->objects == want[i].objs && (1u << s->order) == want[i].pages,
		   "%s: %u objects in %u pages (got %u in %u)", s->name,
		   want[i].objs, want[i].pages, s->objects, 1u << s->order);
	}
}

static void test_size_classes(struct kunit *test)
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

		KUNIT_EXPECT_TRUE_MSG(test, a && b && ksize(a) == size && ksize(b) == size && cache_of(a) == cache_of(b),
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
		KUNIT_EXPECT_EQ_MSG(test, bad_size, 0, "kmalloc-%u: %u objects, ksize() == %u", size, n, size);
		KUNIT_EXPECT_EQ_MSG(test, bad_align, 0, "kmalloc-%u: %s", size,
		       is_power_of_2(size) ? "naturally aligned" : "8-byte aligned");
		KUNIT_EXPECT_EQ_MSG(test, bad_data, 0, "kmalloc-%u: whole objects written, no overlap", size);
		get_slabinfo(s, &si);
		KUNIT_EXPECT_TRUE_MSG(test, si.active_objs >= n, "kmalloc-%u: slabinfo counts %lu active >= %u",
		   size, si.active_objs, n);
		for (unsigned int i = 0; i < n; i++)
			kfree(p[i]);
		free(p);
		kmem_cache_shrink(s);
		get_slabinfo(s, &si);
		KUNIT_EXPECT_EQ_MSG(test, si.active_objs, 0, "kmalloc-%u: all freed", size);
		KUNIT_EXPECT_EQ_MSG(test, si.num_slabs, 0, "kmalloc-%u: shrink returns every slab", size);
		KUNIT_EXPECT_EQ_MSG(test, kmem_cache_validate(s), 0, "kmalloc-%u: validates", size);
	}
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

static void test_stress_shadow(struct kunit *test)
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
	KUNIT_EXPECT_EQ_MSG(test, corrupt, 0, "stress: %lu allocs, %lu frees: no object overwritten by another",
	       allocs, frees);
	KUNIT_EXPECT_EQ_MSG(test, failed, 0, "stress: no allocation failed");
	KUNIT_EXPECT_EQ_MSG(test, mid_errors, 0, "stress: every cache validates half-way");
	for (int i = 0; i < SLOTS; i++) {
		if (sh[i].p && !shadow_intact(&sh[i]))
			corrupt++;
		kfree(sh[i].p);
	}
	KUNIT_EXPECT_EQ_MSG(test, corrupt, 0, "stress: contents intact at the end");
	KUNIT_EXPECT_EQ_MSG(test, validate_all(), 0, "stress: every cache validates after freeing everything");
	shrink_all();
	KUNIT_EXPECT_EQ_MSG(test, free_pages_now(), before, "stress: free pages back to where they started");
	free(sh);
}

static void test_debug_fill(struct kunit *test)
{
	unsigned char *p = kmalloc(64, GFP_KERNEL);
	int odd = 0;

	KUNIT_EXPECT_TRUE_MSG(test, cache_of(p)->flags & SLAB_RED_ZONE, "kmalloc-64 has debugging on (slub_debug=...,kmalloc-64)");
	for (int i = 0; i < 64; i++)
		odd += p[i] != POISON_INUSE;
	KUNIT_EXPECT_EQ_MSG(test, odd, 0, "debug: a new object reads 0x5a (uninitialised)");
	kfree(p);
	odd = 0;
	for (int i = 0; i < 63; i++)
		odd += p[i] != POISON_FREE;
	KUNIT_EXPECT_EQ_MSG(test, odd + (p[63] != POISON_END), 0, "debug: a freed object is 0x6b ... 0xa5");
	KUNIT_EXPECT_EQ_MSG(test, p[-1], SLUB_RED_INACTIVE, "debug: a free object's red zone is 0xbb");
}

static void test_double_free(struct kunit *test)
{
	void *p = kmalloc(64, GFP_KERNEL);

	kfree(p);
	host_log_clear();
	kfree(p);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("BUG kmalloc-64 (") && host_log_contains("): Object already free"),
	   "double free: \"BUG kmalloc-64 (...): Object already free\"");
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("Allocated in 0x") && host_log_contains("Freed in 0x") &&
	   host_log_contains("INFO: Freed again from 0x"),
	   "double free: names the allocating, freeing and offending callers");
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("FIX kmalloc-64: Object at ") && host_log_contains("not freed"),
	   "double free: the second free is refused");
	still_works(test, "double free", 64);
}

static void test_double_free_nondebug(struct kunit *test)
{
	void *p = kmalloc(32, GFP_KERNEL), *a, *b;

	KUNIT_EXPECT_TRUE_MSG(test, !kmem_cache_debug(cache_of(p)), "kmalloc-32 runs without debugging");
	kfree(p);
	host_log_clear();
	kfree(p);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("BUG kmalloc-32 (") && host_log_contains("Object already free"),
	   "no debug: an immediate double free is still caught (naive check)");
	a = kmalloc(32, GFP_KERNEL);
	b = kmalloc(32, GFP_KERNEL);
	KUNIT_EXPECT_TRUE_MSG(test, a && b && a != b, "no debug: the freelist has no loop (two allocations differ)");
	kfree(a);
	kfree(b);

	p = kmalloc(32, GFP_KERNEL);
	host_log_clear();
	kfree((char *)p + 8);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("BUG kmalloc-32 (") && host_log_contains("Invalid object pointer"),
	   "no debug: a pointer into the middle of an object is refused");
	kfree(p);
	still_works(test, "no-debug checks", 32);
}

static void test_invalid_pointer(struct kunit *test)
{
	char *p = kmalloc(64, GFP_KERNEL);

	host_log_clear();
	kfree(p + 16);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("BUG kmalloc-64 (") && host_log_contains("Invalid object pointer 0x"),
	   "middle of an object: \"Invalid object pointer\"");
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("16 bytes into object"), "middle of an object: says where");
	host_log_clear();
	kfree(p);
	KUNIT_EXPECT_TRUE_MSG(test, !host_log_contains("BUG"), "the object itself is still freed normally");
	still_works(test, "invalid pointer", 64);
}

static void test_not_slab(struct kunit *test)
{
	int on_stack;
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	char *large = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
	void *p32 = kmalloc(32, GFP_KERNEL);

	host_log_clear();
	kfree(&on_stack);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("BUG kfree (") && host_log_contains("not in RAM the page allocator manages"),
	   "kfree of a pointer outside RAM is refused");
	host_log_clear();
	kfree(page_address(page));
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("BUG kfree (") && host_log_contains("not a slab object or a large kmalloc"),
	   "kfree of a page from alloc_pages is refused");
	__free_pages(page, 0);
	host_log_clear();
	kfree(large + PAGE_SIZE);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("BUG kfree ("), "kfree into the middle of a large kmalloc is refused");
	kfree(large);
	host_log_clear();
	kmem_cache_free(kmalloc_slab_of(64), p32);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("BUG kmalloc-64 (") &&
	   host_log_contains("Wrong slab cache: object") && host_log_contains("belongs to kmalloc-32"),
	   "kmem_cache_free to the wrong cache is refused");
	kfree(p32);
	still_works(test, "non-slab pointers", 64);
}

static void test_redzones(struct kunit *test)
{
	unsigned char *p = kmalloc(64, GFP_KERNEL);

	p[64] = 'x';		/* one byte past the end */
	host_log_clear();
	kfree(p);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("BUG kmalloc-64 (") && host_log_contains("): Right Redzone overwritten"),
	   "write past the end: \"Right Redzone overwritten\"");
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("First byte 0x78 instead of 0xcc"), "right red zone: shows the bad byte");
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("FIX kmalloc-64: Restoring Right Redzone") &&
	   host_log_contains("not freed"), "right red zone: restored, free refused");
	still_works(test, "right red zone", 64);
	host_log_clear();
	kfree(p);		/* repaired: now it may go */
	KUNIT_EXPECT_TRUE_MSG(test, !host_log_contains("BUG"), "the repaired object frees cleanly");

	p = kmalloc(64, GFP_KERNEL);
	p[-3] = 0;		/* before the start */
	host_log_clear();
	kfree(p);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("): Left Redzone overwritten") &&
	   host_log_contains("First byte 0x0 instead of 0xcc"),
	   "write before the start: \"Left Redzone overwritten\"");
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("FIX kmalloc-64: Restoring Left Redzone"), "left red zone: restored");
	still_works(test, "left red zone", 64);
	kfree(p);
}

static void test_use_after_free(struct kunit *test)
{
	unsigned char *p = kmalloc(64, GFP_KERNEL), *q;
	int odd = 0;

	kfree(p);
	p[10] = 0x42;		/* use after free */
	host_log_clear();
	q = kmalloc(64, GFP_KERNEL);	/* the same object comes back first */
	KUNIT_EXPECT_TRUE_MSG(test, q == p, "the damaged object is the next one allocated");
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("BUG kmalloc-64 (") && host_log_contains("): Poison overwritten"),
	   "use after free: \"Poison overwritten\" at the next allocation");
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("First byte 0x42 instead of 0x6b") &&
	   host_log_contains("Freed in 0x") && host_log_contains("Detected while allocating for 0x"),
	   "use after free: the byte, the freeing caller and the allocating caller");
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("FIX kmalloc-64: Restoring Poison"), "use after free: poison restored");
	for (int i = 0; i < 64; i++)
		odd += q[i] != POISON_INUSE;
	KUNIT_EXPECT_EQ_MSG(test, odd, 0, "the object is handed out repaired (all 0x5a), not corrupted");
	kfree(q);
	still_works(test, "use after free", 64);

	/* The end marker too, in kmalloc-192 (also debugged). */
	p = kmalloc(150, GFP_KERNEL);
	kfree(p);
	p[191] = 0;
	host_log_clear();
	q = kmalloc(150, GFP_KERNEL);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("BUG kmalloc-192 (") && host_log_contains("End Poison overwritten"),
	   "use after free of the last byte: \"End Poison overwritten\"");
	kfree(q);
	still_works(test, "end poison", 150);
}

/* Everything the cases above allocated is back: free pages as right after kmem_cache_init. */
static void test_back_to_boot(struct kunit *test)
{
	shrink_all();
	KUNIT_EXPECT_EQ(test, free_pages_now(), boot_free);
}

/*
 * A cache whose free list a case damaged on purpose: its isolated objects
 * never come back, so it can neither be destroyed nor validate again. It is
 * taken off slab_caches and left (leaked, as Linux leaves a cache
 * kmem_cache_destroy refuses), so that the suites after this one, which
 * validate every cache, see only caches that must be consistent.
 */
static void retire_damaged(struct kmem_cache *s)
{
	list_del(&s->list);
}

/*
 * A free pointer overwritten inside a free object (possible only by a wild
 * write: debug caches keep it outside the object). After everything else of
 * this suite, because the objects behind the damage stay isolated for good.
 */
static void test_freepointer_corrupt(struct kunit *test)
{
	struct kmem_cache *s = kmem_cache_create("test-debug-fp", 48, 0, 0, NULL);
	void *a = kmem_cache_alloc(s, GFP_KERNEL), *b = kmem_cache_alloc(s, GFP_KERNEL);
	void *p[8];
	int bad = 0;

	KUNIT_EXPECT_TRUE_MSG(test, kmem_cache_debug(s), "test-debug-fp has debugging (slub_debug=...,test-debug*)");
	kmem_cache_free(s, a);			/* freelist: a -> the untouched rest */
	set_freepointer(s, a, (void *)0x1234);	/* a wild write hits a's free pointer */
	host_log_clear();
	kmem_cache_free(s, b);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("BUG test-debug-fp (") && host_log_contains("Freechain corrupt") &&
	   host_log_contains("FIX test-debug-fp: Isolate corrupted freechain"),
	   "corrupt free pointer found while freeing: freelist cut there");
	for (int i = 0; i < 8; i++) {
		p[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!p[i] || (i < 2 && p[i] != b && p[i] != a))
			bad++;
	}
	KUNIT_EXPECT_EQ_MSG(test, bad, 0, "after the cut: the two good objects come back, then a new slab");
	for (int i = 0; i < 8; i++)
		kmem_cache_free(s, p[i]);
	KUNIT_EXPECT_TRUE_MSG(test, kmem_cache_alloc(s, GFP_KERNEL) != NULL, "the cache keeps working");
	retire_damaged(s);
}

/*
 * A free list that loops (a -> b -> a) is found and cut while freeing
 * another object, not followed around and around; the cache goes on with
 * a new slab. Also after the rest: a and b stay isolated.
 */
static void test_freelist_cycle(struct kunit *test)
{
	struct kmem_cache *s = kmem_cache_create("test-debug-cycle", 48, 0, 0, NULL);
	void *a = kmem_cache_alloc(s, GFP_KERNEL), *b = kmem_cache_alloc(s, GFP_KERNEL);
	void *c = kmem_cache_alloc(s, GFP_KERNEL), *p;

	kmem_cache_free(s, a);
	kmem_cache_free(s, b);			/* freelist: b -> a -> the untouched rest */
	set_freepointer(s, a, b);		/* now b -> a -> b -> ... */
	host_log_clear();
	kmem_cache_free(s, c);
	KUNIT_EXPECT_TRUE_MSG(test, host_log_contains("BUG test-debug-cycle (") && host_log_contains("Freelist cycle detected") &&
	   host_log_contains("FIX test-debug-cycle: Freelist cleared"),
	   "a cyclic free list is reported while freeing, and cut");
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_EXPECT_TRUE_MSG(test, p && p != a && p != b, "the cache keeps working, without handing out the looped objects");
	kmem_cache_free(s, p);
	retire_damaged(s);
}

static struct kunit_case slub_host_cases[] = {
	KUNIT_CASE(test_boot_line),
	KUNIT_CASE(test_slub_debug_parser),
	KUNIT_CASE(test_slab_orders),
	KUNIT_CASE(test_size_classes),
	KUNIT_CASE(test_stress_shadow),
	KUNIT_CASE(test_debug_fill),
	KUNIT_CASE(test_double_free),
	KUNIT_CASE(test_double_free_nondebug),
	KUNIT_CASE(test_invalid_pointer),
	KUNIT_CASE(test_not_slab),
	KUNIT_CASE(test_redzones),
	KUNIT_CASE(test_use_after_free),
	KUNIT_CASE(test_back_to_boot),
	KUNIT_CASE(test_freepointer_corrupt),
	KUNIT_CASE(test_freelist_cycle),
	{ NULL, NULL },
};

static struct kunit_suite slub_host_suite = { .name = "slub_host", .cases = slub_host_cases };
selftest_suite(slub_host_suite);
