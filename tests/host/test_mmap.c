/*
 * The host-only suite "mmap_host": mm/mmap.c -- the VMA list that mmap,
 * munmap, mprotect and brk change -- compiled as is, under ASan/UBSan, in
 * build/host/test_mmap. The kernel has no suite of its own for it (its
 * user programs exercise it through system calls: kernel/task_test.c).
 *
 * What mm/mmap.c calls outside itself is played by this file and kept
 * honest: kmem_cache_alloc() is malloc() with a count of live objects per
 * cache (no VMA may leak) and a switch to fail the Nth allocation; the
 * page-table calls (unmap_range, change_protection) record which pages they
 * were asked about, and every operation is checked to zap exactly the pages
 * it unmapped and to reprotect exactly the pages whose flags changed.
 *
 * After every operation the list must be well formed (check_vmas) and, in
 * the random run, describe exactly a page-granular model of a window of the
 * address space (check_model).
 *
 * Why the whole suite runs on the host only: every case relies on those
 * played calls -- the slab and page-table functions are defined here,
 * counting and failing allocations on purpose -- which in the kernel are
 * mm/slub.c and mm/pgtable.c themselves; test_random is a 20,000-step run
 * against the model (MMAP_SEED=N reruns it with another seed) and
 * test_find_vma_many times 10,000 VMAs.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mman.h>
#include <linux/mmu_gather.h>
#include <linux/pgtable.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/slab.h>
#include <asm/mmu_context.h>
#include <uapi/mman.h>
#include "host_shim.h"
#include <linux/selftest.h>

#define P		PAGE_SIZE
#define WIN_BASE	0x10000000UL		/* the random run's window of the address space */
#define WIN_PAGES	256
#define WIN_END		(WIN_BASE + WIN_PAGES * P)

/* ---- the kernel around mm/mmap.c, played by the test ---------------------- */

struct kmem_cache {
	const char *name;
	unsigned int size;
	long live;
};

static struct kmem_cache *vma_cache;
static int fail_alloc_in = -1;		/* >= 0: the allocation after this many more fails */
static int allocs_failed;

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *))
{
	struct kmem_cache *s = calloc(1, sizeof(*s));

	s->name = name;
	s->size = size;
	if (strcmp(name, "vm_area_struct") == 0)
		vma_cache = s;
	return s;
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	if (fail_alloc_in >= 0 && fail_alloc_in-- == 0) {
		allocs_failed++;
		return NULL;
	}
	s->live++;
	/* Garbage, like a slab object: mm/mmap.c must set every field it reads. */
	return memset(malloc(s->size), 0xa5, s->size);
}

void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	s->live--;
	free(obj);
}

static int pgds_live, contexts_destroyed;

pgd_t *pgd_alloc(void)
{
	pgds_live++;
	return aligned_alloc(PAGE_SIZE, PAGE_SIZE);
}

void free_pgd_range(pgd_t *pgd, unsigned long *nr_tables)
{
	pgds_live--;
	(*nr_tables)--;
	free(pgd);
}

void destroy_context(struct mm_struct *mm)
{
	contexts_destroyed++;
}

/*
 * The page-table side: which window pages were zapped or reprotected (and
 * to what) since the last reset_pt(); anything outside the window, or an
 * unmap_range outside a gather of the same mm, is a failure of its own.
 */
static int gathers_open, pt_misuse;
static bool zapped[WIN_PAGES], reprot[WIN_PAGES];
static pgprot_t reprot_to[WIN_PAGES];
static long zap_outside, reprot_outside, fullmm_zaps;

static void reset_pt(void)
{
	memset(zapped, 0, sizeof(zapped));
	memset(reprot, 0, sizeof(reprot));
	zap_outside = reprot_outside = 0;
}

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm, bool fullmm)
{
	memset(tlb, 0, sizeof(*tlb));
	tlb->mm = mm;
	tlb->fullmm = fullmm;
	gathers_open++;
}

void tlb_finish_mmu(struct mmu_gather *tlb)
{
	if (gathers_open-- != 1)
		pt_misuse++;
}

unsigned long unmap_range(struct mmu_gather *tlb, struct mm_struct *mm, unsigned long start,
			  unsigned long end)
{
	if (gathers_open != 1 || tlb->mm != mm || start >= end || (start | end) & ~PAGE_MASK)
		pt_misuse++;
	if (tlb->fullmm) {
		fullmm_zaps++;
		return 0;
	}
	for (unsigned long a = start; a < end; a += P) {
		if (a >= WIN_BASE && a < WIN_END)
			zapped[(a - WIN_BASE) / P] = true;
		else
			zap_outside++;
	}
	return 0;
}

/*
 * free_pgtables must be asked about the hole munmap left, nothing more:
 * [start, end) inside [floor, ceiling), no VMA in there, and floor/ceiling
 * the very ends of the neighbours (or 0), so no table a VMA uses is freed.
 */
static long pgtables_calls;

unsigned long free_pgtables(struct mmu_gather *tlb, struct mm_struct *mm, unsigned long start,
			    unsigned long end, unsigned long floor, unsigned long ceiling)
{
	struct vm_area_struct *vma;
	unsigned long want_floor = 0, want_ceiling = 0;

	pgtables_calls++;
	if (gathers_open != 1 || tlb->mm != mm || tlb->fullmm || start >= end || start < floor ||
	    end - 1 > ceiling - 1)
		pt_misuse++;
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_end <= start) {
			want_floor = vma->vm_end;
		} else {
			want_ceiling = vma->vm_start;
			break;
		}
	}
	if (floor != want_floor || ceiling != want_ceiling || (want_ceiling && want_ceiling < end))
		pt_misuse++;
	return 0;
}

unsigned long change_protection(struct mm_struct *mm, unsigned long start, unsigned long end,
				pgprot_t newprot)
{
	if (start >= end || (start | end) & ~PAGE_MASK)
		pt_misuse++;
	for (unsigned long a = start; a < end; a += P) {
		if (a >= WIN_BASE && a < WIN_END) {
			reprot[(a - WIN_BASE) / P] = true;
			reprot_to[(a - WIN_BASE) / P] = newprot;
		} else {
			reprot_outside++;
		}
	}
	return 0;
}

/* ---- invariants of the VMA list --------------------------------------------- */

static char why[256];

static bool same_name(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* What mm/mmap.c must merge: the test's own statement of it, not a call into the code. */
static bool mergeable(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_flags == b->vm_flags && (a->vm_flags & VM_ANON) &&
	       !(a->vm_flags & (VM_SHARED | VM_GROWSDOWN)) && same_name(a->name, b->name);
}

/* The VMA containing addr by a scan of the list: what find_vma must agree with. */
static struct vm_area_struct *find_vma_linear(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (addr >= vma->vm_start && addr < vma->vm_end)
			return vma;
	return NULL;
}

/*
 * mm->mm_rb holds exactly the list's VMAs, in the same order (an in-order
 * walk of the tree is the list), and find_vma through it agrees with a
 * linear scan at each VMA's first and last byte, in the gap below it, and
 * at sampled addresses of the random run's window.
 */
static bool check_rb(struct mm_struct *mm)
{
	struct rb_node *node = rb_first(&mm->mm_rb);
	struct vm_area_struct *vma;
	unsigned long probes[3];

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (node != &vma->vm_rb) {
			snprintf(why, sizeof(why), "mm_rb: in-order walk differs from the list at VMA %lx-%lx",
				 vma->vm_start, vma->vm_end);
			return false;
		}
		node = rb_next(node);
		probes[0] = vma->vm_start;
		probes[1] = vma->vm_end - 1;
		probes[2] = vma->vm_start - 1;
		for (int i = 0; i < 3; i++) {
			if (find_vma(mm, probes[i]) != find_vma_linear(mm, probes[i])) {
				snprintf(why, sizeof(why), "find_vma(%lx) disagrees with a scan of the list",
					 probes[i]);
				return false;
			}
		}
	}
	if (node) {
		snprintf(why, sizeof(why), "mm_rb has a VMA the list does not");
		return false;
	}
	for (unsigned long a = WIN_BASE - P; a <= WIN_END; a += 7 * P + 123) {
		if (find_vma(mm, a) != find_vma_linear(mm, a)) {
			snprintf(why, sizeof(why), "find_vma(%lx) disagrees with a scan of the list", a);
			return false;
		}
	}
	return true;
}

/* Returns false and fills why[] at the first broken invariant. */
static bool check_vmas(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *prev = NULL;
	unsigned long pages = 0, heap_end = ALIGN(mm->brk, P);
	int n = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_start >= vma->vm_end || (vma->vm_start | vma->vm_end) & ~PAGE_MASK ||
		    vma->vm_end > TASK_SIZE) {
			snprintf(why, sizeof(why), "VMA %lx-%lx: empty, unaligned or beyond TASK_SIZE",
				 vma->vm_start, vma->vm_end);
			return false;
		}
		if (prev && prev->vm_end > vma->vm_start) {
			snprintf(why, sizeof(why), "VMAs %lx-%lx and %lx-%lx: unsorted or overlapping",
				 prev->vm_start, prev->vm_end, vma->vm_start, vma->vm_end);
			return false;
		}
		if (prev && mergeable(prev, vma)) {
			snprintf(why, sizeof(why), "VMAs %lx-%lx and %lx-%lx (flags %lx, %s): not merged",
				 prev->vm_start, prev->vm_end, vma->vm_start, vma->vm_end, vma->vm_flags,
				 vma->name);
			return false;
		}
		if (vma->vm_page_prot != vm_get_page_prot(vma->vm_flags) || vma->vm_mm != mm) {
			snprintf(why, sizeof(why), "VMA %lx-%lx: vm_page_prot or vm_mm stale", vma->vm_start,
				 vma->vm_end);
			return false;
		}
		if (same_name(vma->name, "[heap]") && (vma->vm_start < mm->start_brk || vma->vm_end > heap_end)) {
			snprintf(why, sizeof(why), "[heap] %lx-%lx outside start_brk %lx .. brk %lx",
				 vma->vm_start, vma->vm_end, mm->start_brk, mm->brk);
			return false;
		}
		pages += (vma->vm_end - vma->vm_start) / P;
		n++;
		prev = vma;
	}
	if (n != mm->map_count || pages != mm->total_vm) {
		snprintf(why, sizeof(why), "map_count %d total_vm %lu, the list has %d VMAs of %lu pages",
			 mm->map_count, mm->total_vm, n, pages);
		return false;
	}
	if (!vma_cache || vma_cache->live != n) {
		snprintf(why, sizeof(why), "%ld VMA objects allocated for %d VMAs (leak or double free)",
			 vma_cache ? vma_cache->live : -1L, n);
		return false;
	}
	if (!check_rb(mm))
		return false;
	if (gathers_open || pt_misuse) {
		snprintf(why, sizeof(why), "mmu_gather misused (%d open, %d misuses)", gathers_open, pt_misuse);
		return false;
	}
	if (host_log_contains("WARNING")) {
		snprintf(why, sizeof(why), "mm/mmap.c printed a WARNING");
		return false;
	}
	return true;
}

/* A copy of the list, to show that a refused operation changed nothing. */
struct snap {
	int n;
	struct { unsigned long start, end, flags; const char *name; } v[64];
	unsigned long brk, total_vm;
};

static void take_snap(struct mm_struct *mm, struct snap *s)
{
	struct vm_area_struct *vma;

	s->n = 0;
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (s->n < 64)
			s->v[s->n] = (typeof(s->v[0])){ vma->vm_start, vma->vm_end, vma->vm_flags, vma->name };
		s->n++;
	}
	s->brk = mm->brk;
	s->total_vm = mm->total_vm;
}

static bool same_snap(struct mm_struct *mm, const struct snap *a)
{
	struct snap b;

	take_snap(mm, &b);
	if (a->n != b.n || a->brk != b.brk || a->total_vm != b.total_vm)
		return false;
	for (int i = 0; i < a->n && i < 64; i++)
		if (a->v[i].start != b.v[i].start || a->v[i].end != b.v[i].end ||
		    a->v[i].flags != b.v[i].flags || !same_name(a->v[i].name, b.v[i].name))
			return false;
	return true;
}

static bool nothing_zapped(void)
{
	for (int i = 0; i < WIN_PAGES; i++)
		if (zapped[i] || reprot[i])
			return false;
	return !zap_outside && !reprot_outside;
}

/* "start-end flags name" of every VMA, for the TAP log when a check fails. */
static void dump_vmas(struct kunit *test, struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		kunit_note(test, "  %lx-%lx flags %lx %s", vma->vm_start, vma->vm_end, vma->vm_flags, vma->name);
}

static int vma_count(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	int n = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		n++;
	return n;
}

/* The VMA at addr must be exactly [start, end) with flags (and name, if given). */
static bool vma_is(struct mm_struct *mm, unsigned long addr, unsigned long start, unsigned long end,
		   unsigned long flags, const char *name)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && vma->vm_start == start && vma->vm_end == end && vma->vm_flags == flags &&
	       (!name || same_name(vma->name, name));
}

/* A fresh mm laid out like the random run's: a heap at WIN_BASE + 16 pages, mmap below WIN_END. */
static struct mm_struct *new_mm(void)
{
	struct mm_struct *mm = mm_alloc();

	mm->start_brk = mm->brk = WIN_BASE + 16 * P;
	mm->mmap_base = WIN_END;
	host_log_clear();
	reset_pt();
	return mm;
}

static void end_mm(struct kunit *test, struct mm_struct *mm, const char *what)
{
	int destroyed = contexts_destroyed;

	mmput(mm);
	KUNIT_EXPECT_TRUE_MSG(test, vma_cache->live == 0 && pgds_live == 0 && contexts_destroyed == destroyed + 1,
			"%s: mmput frees every VMA (%ld live), the pgd (%d live) and the ASID", what, vma_cache->live,
			pgds_live);
}

#define RW	(VM_READ | VM_WRITE | VM_ANON)
#define RO	(VM_READ | VM_ANON)
#define NONE	(VM_ANON)
#define FIX	(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
#define ANON	(MAP_PRIVATE | MAP_ANONYMOUS)
#define VM_PROT	(VM_READ | VM_WRITE | VM_EXEC)

/* Each directed step: the result, and the invariants after it. */
#define step(mm, call, want, ...) do {						\
	long __r = (call);							\
	KUNIT_EXPECT_EQ_MSG(test, __r, want, __VA_ARGS__);			\
	if (!KUNIT_EXPECT_TRUE_MSG(test, check_vmas(mm), "  invariants hold after: " #call ": %s", why)) \
		dump_vmas(test, mm);						\
} while (0)

/* ---- directed cases ---------------------------------------------------------- */

static void test_split_and_merge(struct kunit *test)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = WIN_BASE + 64 * P;

	step(mm, do_mmap(mm, a, 4 * P, PROT_READ | PROT_WRITE, FIX), (long)a, "mmap 4 pages RW fixed");
	reset_pt();
	step(mm, do_mprotect(mm, a + P, P, PROT_READ), 0, "mprotect the 2nd page RO");
	KUNIT_EXPECT_TRUE_MSG(test,
			vma_count(mm) == 3 && vma_is(mm, a, a, a + P, RW, "[anon]") && vma_is(mm, a + P, a + P, a + 2 * P, RO, NULL) &&
			vma_is(mm, a + 2 * P, a + 2 * P, a + 4 * P, RW, NULL), "  a middle page: three VMAs RW|RO|RW");
	KUNIT_EXPECT_TRUE_MSG(test,
			reprot[64 + 1] && !reprot[64] && !reprot[64 + 2] && reprot_to[64 + 1] == PAGE_READONLY,
			"  change_protection on that page only, to PAGE_READONLY");
	reset_pt();
	step(mm, do_mprotect(mm, a + P, P, PROT_READ | PROT_WRITE), 0, "mprotect it RW again");
	KUNIT_EXPECT_TRUE_MSG(test, vma_count(mm) == 1 && vma_is(mm, a, a, a + 4 * P, RW, "[anon]"),
			"  merged back into one VMA");
	step(mm, do_mprotect(mm, a, P, PROT_READ), 0, "mprotect the first page RO");
	step(mm, do_mprotect(mm, a + 3 * P, P, PROT_NONE), 0, "mprotect the last page NONE");
	KUNIT_EXPECT_TRUE_MSG(test,
			vma_count(mm) == 3 && vma_is(mm, a, a, a + P, RO, NULL) && vma_is(mm, a + P, a + P, a + 3 * P, RW, NULL) &&
			vma_is(mm, a + 3 * P, a + 3 * P, a + 4 * P, NONE, NULL), "  split at both ends: RO|RW|NONE");
	reset_pt();
	step(mm, do_mprotect(mm, a, 4 * P, PROT_READ), 0, "mprotect all four RO");
	KUNIT_EXPECT_TRUE_MSG(test, vma_count(mm) == 1 && vma_is(mm, a, a, a + 4 * P, RO, NULL),
			"  one VMA again");
	KUNIT_EXPECT_TRUE_MSG(test, !reprot[64] && reprot[65] && reprot[66] && reprot[67],
			"  the page already RO is left alone (Linux: mprotect_fixup), the others reprotected");
	step(mm, do_mprotect(mm, a, 2 * P, PROT_READ), 0, "mprotect to the same flags");
	KUNIT_EXPECT_TRUE_MSG(test, vma_count(mm) == 1, "  changes nothing, splits nothing");

	/* A boundary moves: Linux's vma_merge "shrink one, grow the other". */
	step(mm, do_mprotect(mm, a + 2 * P, 2 * P, PROT_READ | PROT_WRITE), 0, "mprotect the upper half RW");
	step(mm, do_mprotect(mm, a + P, P, PROT_READ | PROT_WRITE), 0, "mprotect the page below it RW");
	KUNIT_EXPECT_TRUE_MSG(test,
			vma_count(mm) == 2 && vma_is(mm, a, a, a + P, RO, NULL) && vma_is(mm, a + P, a + P, a + 4 * P, RW, NULL),
			"  the boundary moved, still two VMAs");

	/* Neighbours: consecutive anonymous mmaps become one VMA. */
	unsigned long m1 = do_mmap(mm, 0, 2 * P, PROT_READ | PROT_WRITE, ANON);
	unsigned long m2 = do_mmap(mm, 0, 3 * P, PROT_READ | PROT_WRITE, ANON);
	KUNIT_EXPECT_TRUE_MSG(test, m1 == WIN_END - 2 * P && m2 == m1 - 3 * P,
			"two mmaps top down from mmap_base: %lx %lx", m1, m2);
	KUNIT_EXPECT_TRUE_MSG(test, check_vmas(mm) && vma_is(mm, m2, m2, WIN_END, RW, "[anon]"),
			"  one VMA of 5 pages (%s)", why);
	step(mm, do_mmap(mm, 0, P, PROT_READ, ANON), (long)(m2 - P), "an RO mmap below them");
	KUNIT_EXPECT_TRUE_MSG(test, vma_is(mm, m2 - P, m2 - P, m2, RO, NULL),
			"  a VMA of its own (other flags)");
	step(mm, do_mmap(mm, m2 - 2 * P, P, PROT_READ, FIX), (long)(m2 - 2 * P), "an RO mmap fixed below that");
	KUNIT_EXPECT_TRUE_MSG(test, vma_is(mm, m2 - 2 * P, m2 - 2 * P, m2, RO, NULL),
			"  merged with the RO one above");
	/* MAP_FIXED over the middle of a VMA with other flags, then with its own flags. */
	reset_pt();
	step(mm, do_mmap(mm, m2 + P, P, PROT_NONE, FIX), (long)(m2 + P), "MAP_FIXED NONE in the RW VMA");
	KUNIT_EXPECT_TRUE_MSG(test,
			vma_count(mm) == 6 && zapped[(m2 + P - WIN_BASE) / P] && !zapped[(m2 - WIN_BASE) / P] &&
			!zapped[(m2 + 2 * P - WIN_BASE) / P], "  splits it in three, zaps just that page");
	step(mm, do_mmap(mm, m2 + P, P, PROT_READ | PROT_WRITE, FIX), (long)(m2 + P), "MAP_FIXED RW there again");
	KUNIT_EXPECT_TRUE_MSG(test, vma_count(mm) == 4 && vma_is(mm, m2, m2, WIN_END, RW, NULL),
			"  merged back");
	end_mm(test, mm, "split and merge");
}

static void test_munmap(struct kunit *test)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = WIN_BASE + 100 * P;
	int zaps = 0;

	step(mm, do_mmap(mm, a, 10 * P, PROT_READ | PROT_WRITE, FIX), (long)a, "mmap 10 pages");
	reset_pt();
	step(mm, do_munmap(mm, a + 4 * P, 2 * P), 0, "munmap 2 pages in the middle");
	KUNIT_EXPECT_TRUE_MSG(test,
			vma_count(mm) == 2 && vma_is(mm, a, a, a + 4 * P, RW, NULL) && vma_is(mm, a + 6 * P, a + 6 * P, a + 10 * P, RW, NULL),
			"  two VMAs either side");
	for (int i = 0; i < WIN_PAGES; i++)
		zaps += zapped[i];
	KUNIT_EXPECT_TRUE_MSG(test, zaps == 2 && zapped[104] && zapped[105],
			"  exactly the two pages zapped (%d)", zaps);
	step(mm, do_munmap(mm, a, P), 0, "munmap the first page");
	step(mm, do_munmap(mm, a + 9 * P, P), 0, "munmap the last page");
	KUNIT_EXPECT_TRUE_MSG(test,
			vma_is(mm, a + P, a + P, a + 4 * P, RW, NULL) && vma_is(mm, a + 6 * P, a + 6 * P, a + 9 * P, RW, NULL),
			"  both ends trimmed");
	step(mm, do_mprotect(mm, a + 7 * P, P, PROT_READ), 0, "mprotect a page of the upper VMA (three VMAs there)");
	reset_pt();
	step(mm, do_munmap(mm, a + 2 * P, 6 * P), 0, "munmap across the hole and three VMAs");
	KUNIT_EXPECT_TRUE_MSG(test, vma_count(mm) == 2 && vma_is(mm, a + P, a + P, a + 2 * P, RW, NULL) &&
			vma_is(mm, a + 8 * P, a + 8 * P, a + 9 * P, RW, NULL), "  the pieces outside the range stay");
	zaps = 0;
	for (int i = 0; i < WIN_PAGES; i++)
		zaps += zapped[i];
	KUNIT_EXPECT_TRUE_MSG(test,
			zaps == 4 && zapped[102] && zapped[103] && zapped[106] && zapped[107] && !zapped[104],
			"  the mapped pages in the range are zapped, the hole is not (%d)", zaps);
	step(mm, do_munmap(mm, a + 20 * P, 3 * P), 0, "munmap of nothing mapped is fine");
	step(mm, do_munmap(mm, a + P, P / 2), 0, "munmap of half a page: the whole page");
	KUNIT_EXPECT_TRUE_MSG(test, vma_count(mm) == 1, "  gone");
	end_mm(test, mm, "munmap");
}

static void test_bad_lengths(struct kunit *test)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = WIN_BASE + 32 * P;
	struct snap s;

	step(mm, do_mmap(mm, a, 2 * P, PROT_READ, FIX), (long)a, "mmap 2 pages");
	take_snap(mm, &s);
	reset_pt();
	step(mm, do_munmap(mm, a, -1UL), -EINVAL, "munmap(a, -1): rounds up to 0");
	step(mm, do_munmap(mm, a, -P), -EINVAL, "munmap(a, -4096): wraps");
	step(mm, do_munmap(mm, a, 0), -EINVAL, "munmap(a, 0)");
	step(mm, do_munmap(mm, a + 1, P), -EINVAL, "munmap of an unaligned address");
	step(mm, do_munmap(mm, TASK_SIZE - P, 2 * P), -EINVAL, "munmap beyond TASK_SIZE");
	step(mm, do_mprotect(mm, a, -1UL, PROT_READ | PROT_WRITE), -ENOMEM, "mprotect(a, -1): wraps");
	step(mm, do_mprotect(mm, a, -P, PROT_READ | PROT_WRITE), -ENOMEM, "mprotect(a, -4096): wraps");
	step(mm, do_mprotect(mm, a, 0, PROT_READ | PROT_WRITE), 0, "mprotect(a, 0) does nothing");
	step(mm, do_mprotect(mm, a, 3 * P, PROT_READ | PROT_WRITE), -ENOMEM, "mprotect over an unmapped page");
	step(mm, do_mprotect(mm, a, P, PROT_WRITE | PROT_EXEC), -EINVAL, "mprotect W|X");
	step(mm, do_mmap(mm, 0, -1UL, PROT_READ, ANON), -ENOMEM, "mmap(NULL, -1)");
	step(mm, do_mmap(mm, 0, -P, PROT_READ, ANON), -ENOMEM, "mmap(NULL, -4096)");
	step(mm, do_mmap(mm, 0, TASK_SIZE, PROT_READ, ANON), -ENOMEM, "mmap(NULL, TASK_SIZE)");
	step(mm, do_mmap(mm, 0, WIN_END + P, PROT_READ, ANON), -ENOMEM, "mmap(NULL, more than mmap_base)");
	step(mm, do_mmap(mm, 0, 0, PROT_READ, ANON), -EINVAL, "mmap(NULL, 0)");
	step(mm, do_mmap(mm, a, -P, PROT_READ, FIX), -ENOMEM, "mmap fixed, addr + len wraps");
	step(mm, do_mmap(mm, TASK_SIZE - P, 2 * P, PROT_READ, FIX), -ENOMEM, "mmap fixed beyond TASK_SIZE");
	step(mm, do_mmap(mm, a + 1, P, PROT_READ, FIX), -EINVAL, "mmap fixed, unaligned");
	step(mm, do_mmap(mm, 0, P, PROT_READ, FIX), -EINVAL, "mmap fixed at 0");
	step(mm, do_mmap(mm, a, P, PROT_WRITE | PROT_EXEC, FIX), -EINVAL, "mmap fixed W|X");
	step(mm, do_mmap(mm, a, P, PROT_READ, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED), -EINVAL, "mmap shared");
	step(mm, do_brk(mm, -1UL), (long)s.brk, "brk(-1): unchanged");
	step(mm, do_brk(mm, mm->start_brk - 1), (long)s.brk, "brk below start_brk: unchanged");
	KUNIT_EXPECT_TRUE_MSG(test, same_snap(mm, &s) && nothing_zapped(),
			"refused calls changed nothing, zapped nothing");
	end_mm(test, mm, "bad lengths");
}

static void test_brk(struct kunit *test)
{
	struct mm_struct *mm = new_mm();
	unsigned long b = mm->start_brk;

	step(mm, do_brk(mm, b + 3 * P), (long)(b + 3 * P), "brk(b + 3P)");
	KUNIT_EXPECT_TRUE_MSG(test, vma_count(mm) == 1 && vma_is(mm, b, b, b + 3 * P, RW, "[heap]"),
			"  one [heap] VMA");
	step(mm, do_brk(mm, b + 3 * P + 100), (long)(b + 3 * P + 100), "brk(b + 3P + 100): unaligned");
	KUNIT_EXPECT_TRUE_MSG(test, vma_is(mm, b, b, b + 4 * P, RW, "[heap]"),
			"  the heap grows to the page");
	step(mm, do_brk(mm, b + 3 * P + 200), (long)(b + 3 * P + 200), "brk within the same page");
	step(mm, do_brk(mm, b + P), (long)(b + P), "brk(b + P): shrink");
	KUNIT_EXPECT_TRUE_MSG(test, vma_is(mm, b, b, b + P, RW, "[heap]") && vma_count(mm) == 1,
			"  the heap shrinks");
	step(mm, do_brk(mm, b), (long)b, "brk(b): empty heap");
	KUNIT_EXPECT_TRUE_MSG(test, vma_count(mm) == 0, "  no VMA left");

	/* brk after mprotect of part of the heap (fault brk-split in the kernel suite). */
	step(mm, do_brk(mm, b + 3 * P), (long)(b + 3 * P), "brk(b + 3P)");
	step(mm, do_mprotect(mm, b + P, P, PROT_NONE), 0, "mprotect(b + P, P, NONE)");
	step(mm, do_brk(mm, b + 4 * P), (long)(b + 4 * P), "brk(b + 4P) after the split");
	KUNIT_EXPECT_TRUE_MSG(test, vma_count(mm) == 3 && vma_is(mm, b + 2 * P, b + 2 * P, b + 4 * P, RW, "[heap]"),
			"  the last heap piece grows");
	step(mm, do_mprotect(mm, b + 3 * P, P, PROT_READ), 0, "mprotect the top heap page RO");
	step(mm, do_brk(mm, b + 5 * P), (long)(b + 5 * P), "brk(b + 5P) above an RO piece");
	KUNIT_EXPECT_TRUE_MSG(test,
			vma_count(mm) == 5 && vma_is(mm, b + 4 * P, b + 4 * P, b + 5 * P, RW, "[heap]"), "  a new [heap] piece");
	step(mm, do_mprotect(mm, b, 5 * P, PROT_READ | PROT_WRITE), 0, "mprotect the whole heap RW");
	KUNIT_EXPECT_TRUE_MSG(test, vma_count(mm) == 1 && vma_is(mm, b, b, b + 5 * P, RW, "[heap]"),
			"  one [heap] VMA again");
	step(mm, do_brk(mm, b + 2 * P), (long)(b + 2 * P), "brk(b + 2P)");

	/* brk after munmap of part of the heap. */
	step(mm, do_brk(mm, b + 6 * P), (long)(b + 6 * P), "brk(b + 6P)");
	step(mm, do_munmap(mm, b + 2 * P, 2 * P), 0, "munmap a hole in the heap");
	step(mm, do_munmap(mm, b + 5 * P, P), 0, "munmap the top heap page");
	step(mm, do_brk(mm, b + 7 * P), (long)(b + 7 * P), "brk(b + 7P) over the hole at the top");
	KUNIT_EXPECT_TRUE_MSG(test,
			vma_is(mm, b + 6 * P, b + 6 * P, b + 7 * P, RW, "[heap]") && !find_vma(mm, b + 5 * P),
			"  new heap above, the hole stays a hole (as Linux)");
	step(mm, do_brk(mm, b + 3 * P), (long)(b + 3 * P), "brk(b + 3P) down into the hole");
	KUNIT_EXPECT_TRUE_MSG(test, vma_count(mm) == 1 && vma_is(mm, b, b, b + 2 * P, RW, "[heap]"),
			"  only the piece below the hole left");
	step(mm, do_brk(mm, b + 4 * P), (long)(b + 4 * P), "brk(b + 4P) up again");
	KUNIT_EXPECT_TRUE_MSG(test, vma_count(mm) == 2 && vma_is(mm, b + 3 * P, b + 3 * P, b + 4 * P, RW, "[heap]"),
			"  brk only maps from the old break up: [b+3P, b+4P)");

	/* brk refuses to grow into a mapping, and an [anon] mapping does not join the heap. */
	step(mm, do_mmap(mm, b + 6 * P, P, PROT_READ | PROT_WRITE, FIX), (long)(b + 6 * P), "mmap RW at b + 6P");
	step(mm, do_brk(mm, b + 7 * P), (long)(b + 4 * P), "brk(b + 7P) across it: refused, old break");
	step(mm, do_brk(mm, b + 6 * P), (long)(b + 6 * P), "brk(b + 6P) up to it");
	KUNIT_EXPECT_TRUE_MSG(test,
			vma_is(mm, b + 3 * P, b + 3 * P, b + 6 * P, RW, "[heap]") && vma_is(mm, b + 6 * P, b + 6 * P, b + 7 * P, RW, "[anon]"),
			"  [heap] and [anon] touch but stay two VMAs");
	step(mm, do_brk(mm, b), (long)b, "brk(b)");
	KUNIT_EXPECT_TRUE_MSG(test,
			vma_count(mm) == 1 && vma_is(mm, b + 6 * P, b + 6 * P, b + 7 * P, RW, "[anon]"), "  only the mmap left");
	end_mm(test, mm, "brk");
}

static void test_max_map_count(struct kunit *test)
{
	struct mm_struct *mm = new_mm();
	unsigned long a = WIN_BASE + 64 * P, b = mm->start_brk;
	int saved = sysctl_max_map_count;
	struct snap s;

	KUNIT_EXPECT_EQ_MSG(test, sysctl_max_map_count, 65530, "vm.max_map_count defaults to Linux's 65530");
	step(mm, do_mmap(mm, a, 8 * P, PROT_READ | PROT_WRITE, FIX), (long)a, "mmap 8 pages");
	sysctl_max_map_count = 1;
	take_snap(mm, &s);
	reset_pt();
	step(mm, do_mprotect(mm, a + 2 * P, P, PROT_READ), -ENOMEM, "limit 1: mprotect of a middle page");
	step(mm, do_mprotect(mm, a, P, PROT_READ), -ENOMEM, "limit 1: mprotect of the first page");
	step(mm, do_munmap(mm, a + 2 * P, P), -ENOMEM, "limit 1: munmap of a middle page");
	step(mm, do_mmap(mm, a + 20 * P, P, PROT_READ, FIX), -ENOMEM, "limit 1: mmap apart from it");
	step(mm, do_mmap(mm, a + 2 * P, P, PROT_READ, FIX), -ENOMEM, "limit 1: MAP_FIXED RO inside it");
	step(mm, do_brk(mm, b + P), (long)b, "limit 1: brk cannot add a heap");
	KUNIT_EXPECT_TRUE_MSG(test, same_snap(mm, &s) && nothing_zapped(),
			"  all refused: the VMA list is unchanged, nothing zapped");
	step(mm, do_mmap(mm, a + 8 * P, P, PROT_READ | PROT_WRITE, FIX), (long)(a + 8 * P), "limit 1: an adjacent RW mmap merges: allowed");
	step(mm, do_munmap(mm, a, P), 0, "limit 1: munmap of the first page: allowed");
	step(mm, do_mmap(mm, a + 2 * P, P, PROT_READ | PROT_WRITE, FIX), (long)(a + 2 * P), "limit 1: MAP_FIXED with its own flags: allowed");
	KUNIT_EXPECT_TRUE_MSG(test, vma_count(mm) == 1 && vma_is(mm, a + P, a + P, a + 9 * P, RW, NULL),
			"  still one VMA");

	sysctl_max_map_count = 3;
	step(mm, do_mprotect(mm, a + 3 * P, P, PROT_READ), 0, "limit 3: mprotect of a middle page");
	take_snap(mm, &s);
	reset_pt();
	step(mm, do_munmap(mm, a + 6 * P, P), -ENOMEM, "limit 3: munmap splitting the top VMA");
	step(mm, do_mprotect(mm, a + 6 * P, P, PROT_NONE), -ENOMEM, "limit 3: mprotect splitting it");
	KUNIT_EXPECT_TRUE_MSG(test, same_snap(mm, &s) && nothing_zapped(), "  refused splits lose nothing");
	step(mm, do_munmap(mm, a + 3 * P, 4 * P), 0, "limit 3: munmap across VMAs (no more VMAs after)");
	sysctl_max_map_count = 1;
	step(mm, do_mmap(mm, a + 3 * P, 4 * P, PROT_READ | PROT_WRITE, FIX), (long)(a + 3 * P),
			"over a lowered limit (1 < 2 VMAs): refilling the hole merges to 1: allowed");
	KUNIT_EXPECT_TRUE_MSG(test, vma_count(mm) == 1, "  one VMA");

	/* An allocation that fails half way through leaves the list as it was. */
	sysctl_max_map_count = saved;
	take_snap(mm, &s);
	reset_pt();
	fail_alloc_in = 1;			/* mprotect of a middle page needs two */
	allocs_failed = 0;
	step(mm, do_mprotect(mm, a + 4 * P, P, PROT_READ), -ENOMEM, "the second VMA allocation of a split fails");
	KUNIT_EXPECT_TRUE_MSG(test, allocs_failed == 1 && same_snap(mm, &s) && nothing_zapped(),
			"  nothing changed, nothing leaked");
	fail_alloc_in = 0;
	step(mm, do_mmap(mm, a + 4 * P, P, PROT_NONE, FIX), -ENOMEM, "MAP_FIXED whose allocation fails");
	KUNIT_EXPECT_TRUE_MSG(test, same_snap(mm, &s) && nothing_zapped(), "  the old mapping stays");
	fail_alloc_in = -1;
	end_mm(test, mm, "max_map_count");
}

/* ---- the random run against a page model ------------------------------------- */

struct model {
	unsigned long flags[WIN_PAGES];		/* 0: not mapped */
	const char *name[WIN_PAGES];
	unsigned long brk;
};

static struct rnd_state rnd_state;	/* lib/prandom.c */
static long nr_injected;		/* random run: allocations made to fail */

static unsigned long rnd(unsigned long n)
{
	return prandom_u32_state(&rnd_state) % n;
}

/* VMAs the model needs once everything mergeable is merged. */
static int model_vmas(const struct model *m)
{
	int n = 0;

	for (int i = 0; i < WIN_PAGES; i++)
		if (m->flags[i] && !(i > 0 && m->flags[i - 1] == m->flags[i] && same_name(m->name[i - 1], m->name[i])))
			n++;
	return n;
}

/* Is any page of [s, e) mapped in the model (any = true), or every page (any = false)? */
static bool model_mapped(const struct model *m, unsigned long s, unsigned long e, bool any)
{
	for (unsigned long a = s; a < e; a += P)
		if ((m->flags[(a - WIN_BASE) / P] != 0) == any)
			return any;
	return !any;
}

static void model_set(struct model *m, unsigned long s, unsigned long e, unsigned long flags, const char *name)
{
	for (unsigned long a = s; a < e; a += P) {
		m->flags[(a - WIN_BASE) / P] = flags;
		m->name[(a - WIN_BASE) / P] = flags ? name : NULL;
	}
}

/* After a mismatch: carry on from the kernel's state. */
static void take_model_from(struct mm_struct *mm, struct model *m)
{
	struct vm_area_struct *vma;

	memset(m, 0, sizeof(*m));
	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_start >= WIN_BASE && vma->vm_end <= WIN_END)
			model_set(m, vma->vm_start, vma->vm_end, vma->vm_flags, vma->name);
	m->brk = mm->brk;
}

/* Compare the list with the model, page by page. */
static bool check_model(struct mm_struct *mm, const struct model *m)
{
	static unsigned long flags[WIN_PAGES];
	static const char *name[WIN_PAGES];
	struct vm_area_struct *vma;

	memset(flags, 0, sizeof(flags));
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_start < WIN_BASE || vma->vm_end > WIN_END) {
			snprintf(why, sizeof(why), "VMA %lx-%lx outside the window", vma->vm_start, vma->vm_end);
			return false;
		}
		for (unsigned long a = vma->vm_start; a < vma->vm_end; a += P) {
			flags[(a - WIN_BASE) / P] = vma->vm_flags;
			name[(a - WIN_BASE) / P] = vma->name;
		}
	}
	for (int i = 0; i < WIN_PAGES; i++)
		if (flags[i] != m->flags[i] || (flags[i] && !same_name(name[i], m->name[i]))) {
			snprintf(why, sizeof(why), "page %lx: flags %lx %s, the model says %lx %s", WIN_BASE + i * P,
				 flags[i], flags[i] ? name[i] : "", m->flags[i], m->flags[i] ? m->name[i] : "");
			return false;
		}
	if (mm->brk != m->brk) {
		snprintf(why, sizeof(why), "brk %lx, the model says %lx", mm->brk, m->brk);
		return false;
	}
	return true;
}

static unsigned long prot_flags(int prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_READ | VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

static const int prots[] = { PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE, PROT_READ | PROT_EXEC, PROT_WRITE };

/*
 * One random operation, done on mm and on the model. Returns false (with
 * why[]) if they disagree: the result, the list, brk, and the pages zapped
 * and reprotected, which must be exactly those the model says changed.
 */
static bool random_op(struct mm_struct *mm, struct model *m, long *refused, char *desc, size_t desc_len)
{
	struct model before = *m;
	unsigned long start, len, end;
	long ret, want, fail;
	int kind = rnd(100), prot = prots[rnd(ARRAY_SIZE(prots))];
	bool unmaps = false, inject = rnd(100) < 5;

	start = WIN_BASE + rnd(WIN_PAGES) * P;
	len = (1 + rnd(rnd(4) ? 8 : 64)) * P - (rnd(4) ? 0 : rnd(P));	/* sometimes not whole pages */
	if (start + ALIGN(len, P) > WIN_END)
		len = WIN_END - start;
	end = start + ALIGN(len, P);
	fail = -ENOMEM;

	reset_pt();
	host_log_clear();
	allocs_failed = 0;
	fail_alloc_in = inject ? (int)rnd(3) : -1;
	if (kind < 25) {				/* mmap MAP_FIXED */
		snprintf(desc, desc_len, "mmap(%lx, %lx, %d, FIXED)", start, len, prot);
		ret = do_mmap(mm, start, len, prot, FIX);
		want = (long)start;
		model_set(m, start, end, prot_flags(prot) | VM_ANON, "[anon]");
		unmaps = true;
	} else if (kind < 35) {				/* mmap anywhere: the highest hole above brk */
		unsigned long a;

		if (len > 16 * P)
			len = 16 * P;
		snprintf(desc, desc_len, "mmap(0, %lx, %d)", len, prot);
		ret = do_mmap(mm, 0, len, prot, ANON);
		want = -ENOMEM;
		for (a = WIN_END - ALIGN(len, P); a > m->brk && a >= WIN_BASE; a -= P)
			if (!model_mapped(m, a, a + ALIGN(len, P), true)) {
				want = (long)a;
				model_set(m, a, a + ALIGN(len, P), prot_flags(prot) | VM_ANON, "[anon]");
				break;
			}
	} else if (kind < 55) {				/* munmap */
		snprintf(desc, desc_len, "munmap(%lx, %lx)", start, len);
		ret = do_munmap(mm, start, len);
		want = 0;
		model_set(m, start, end, 0, NULL);
		unmaps = true;
	} else if (kind < 82) {				/* mprotect */
		snprintf(desc, desc_len, "mprotect(%lx, %lx, %d)", start, len, prot);
		ret = do_mprotect(mm, start, len, prot);
		want = 0;
		if (!model_mapped(m, start, end, false))
			want = -ENOMEM;
		else
			for (unsigned long a = start; a < end; a += P)
				m->flags[(a - WIN_BASE) / P] = (m->flags[(a - WIN_BASE) / P] & ~VM_PROT) | prot_flags(prot);
	} else {					/* brk, sometimes out of bounds */
		unsigned long nb = mm->start_brk - 2 * P + rnd((WIN_PAGES - 14) * P);
		unsigned long old_end = ALIGN(m->brk, P), new_end;

		if (rnd(2))
			nb = ALIGN_DOWN(nb, P);
		new_end = ALIGN(nb, P);
		snprintf(desc, desc_len, "brk(%lx) from %lx", nb, m->brk);
		ret = do_brk(mm, nb);
		want = (long)nb;
		fail = (long)m->brk;
		if (nb < mm->start_brk || nb > mm->mmap_base) {
			want = fail;
		} else if (new_end > old_end) {
			if (!model_mapped(m, old_end, new_end, true))
				model_set(m, old_end, new_end, RW, "[heap]");
			else
				want = fail;
		} else {
			model_set(m, new_end, old_end, 0, NULL);
			start = new_end;
			end = old_end;
			unmaps = true;
		}
		if (want != fail)
			m->brk = nb;
	}
	fail_alloc_in = -1;

	/* vm.max_map_count: refused when the list would grow past it. */
	if (want != fail && model_vmas(m) > model_vmas(&before) && model_vmas(m) > sysctl_max_map_count) {
		want = fail;
		(*refused)++;
	}
	if (want == fail)
		*m = before;
	if (allocs_failed && ret == want && want != fail) {
		snprintf(why, sizeof(why), "an allocation failed but the call succeeded (%ld)", ret);
		return false;
	}
	nr_injected += allocs_failed;
	if (allocs_failed && ret == fail) {		/* the injected failure: nothing may have changed */
		want = fail;
		*m = before;
	}
	if (ret != want) {
		snprintf(why, sizeof(why), "returned %ld (%lx), want %ld (%lx)", ret, ret, want, want);
		return false;
	}
	if (!check_vmas(mm) || !check_model(mm, m))
		return false;

	/* The page tables were told exactly about the pages that changed. */
	if (zap_outside || reprot_outside) {
		snprintf(why, sizeof(why), "page-table calls outside the window");
		return false;
	}
	for (int i = 0; i < WIN_PAGES; i++) {
		unsigned long a = WIN_BASE + i * P;
		bool zap = ret != fail && unmaps && a >= start && a < end && before.flags[i];
		bool rp = ret != fail && kind >= 55 && kind < 82 && before.flags[i] != m->flags[i];

		if (zapped[i] != zap || reprot[i] != rp || (rp && reprot_to[i] != vm_get_page_prot(m->flags[i]))) {
			snprintf(why, sizeof(why), "page %lx: zapped %d reprotected %d (to %llx), want %d %d", a,
				 zapped[i], reprot[i], (unsigned long long)reprot_to[i], zap, rp);
			return false;
		}
	}
	return true;
}

static void test_random(struct kunit *test)
{
	const char *env = getenv("MMAP_SEED");
	unsigned long seed = env && *env ? strtoul(env, NULL, 0) : 20261203, nr_ops = 20000, i;
	struct mm_struct *mm = new_mm();
	struct model m = { .brk = mm->brk };
	long refused = 0, fails = 0, max_vmas = 0;
	struct timespec t0, t1;
	char desc[128];
	int saved = sysctl_max_map_count;

	kunit_note(test, "random run: %lu operations, seed %lu (MMAP_SEED=N to change)", nr_ops, seed);
	prandom_seed_state(&rnd_state, seed);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < nr_ops; i++) {
		/* The middle half runs under a low, changing vm.max_map_count. */
		if (i >= nr_ops / 4 && i < 3 * nr_ops / 4 && i % 500 == 0)
			sysctl_max_map_count = 2 + rnd(20);
		else if (i == 3 * nr_ops / 4)
			sysctl_max_map_count = saved;
		if (!random_op(mm, &m, &refused, desc, sizeof(desc))) {
			if (fails++ < 3) {
				kunit_note(test, "op %lu, %s: %s", i, desc, why);
				dump_vmas(test, mm);
			}
			/* Go on from what the kernel did, to find more than one bug per run. */
			take_model_from(mm, &m);
		}
		if (mm->map_count > max_vmas)
			max_vmas = mm->map_count;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	sysctl_max_map_count = saved;
	KUNIT_EXPECT_TRUE_MSG(test, fails == 0,
			"random run: %lu operations (seed %lu), each one checked against the page model: %ld wrong",
			nr_ops, seed, fails);
	KUNIT_EXPECT_TRUE_MSG(test, refused > 100,
			"  vm.max_map_count refused %ld of them, as the model predicted", refused);
	KUNIT_EXPECT_TRUE_MSG(test, nr_injected > 100,
			"  %ld failed an allocation on purpose and changed nothing", nr_injected);
	kunit_note(test, "  up to %ld VMAs at once, %.2f s", max_vmas,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	end_mm(test, mm, "random run");
}

/*
 * find_vma with 10,000 VMAs, through the tree and by a scan of the list,
 * timed (printed, never asserted: this is an ASan/UBSan -O1 build on a
 * shared machine, only the ratio means something) and checked to agree.
 */
static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) * 1e-9;
}

static void test_find_vma_many(struct kunit *test)
{
	const int nr = 10000, tree_lookups = 1000000, scan_lookups = 5000;
	struct mm_struct *mm = new_mm();
	unsigned long base = 0x100000000UL, span = 2UL * nr * P, sum = 0;
	struct rnd_state seed;
	struct timespec t0;
	double tree_ns, scan_ns;
	bool all_mapped = true, agree = true;

	prandom_seed_state(&seed, 1);
	/* One page mapped, one not: 10,000 VMAs that cannot merge. */
	for (int i = 0; i < nr; i++)
		all_mapped &= do_mmap(mm, base + 2UL * i * P, P, PROT_READ,
				      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED) == (long)(base + 2UL * i * P);
	KUNIT_EXPECT_TRUE_MSG(test, all_mapped && mm->map_count >= nr,
			"10,000 one-page VMAs mapped (%d VMAs)", mm->map_count);
	for (int i = 0; i < 20000; i++) {
		unsigned long a = base + prandom_u32_state(&seed) % span;

		agree &= find_vma(mm, a) == find_vma_linear(mm, a);
	}
	KUNIT_EXPECT_TRUE_MSG(test, agree, "find_vma agrees with a scan at 20,000 random addresses");

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < tree_lookups; i++)
		sum += (unsigned long)find_vma(mm, base + prandom_u32_state(&seed) % span);
	tree_ns = seconds_since(&t0) * 1e9 / tree_lookups;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < scan_lookups; i++)
		sum += (unsigned long)find_vma_linear(mm, base + prandom_u32_state(&seed) % span);
	scan_ns = seconds_since(&t0) * 1e9 / scan_lookups;
	kunit_note(test, "find_vma, %d VMAs, random addresses (ASan -O1 build): rbtree %.0f ns, list scan %.0f ns "
		   "per lookup (%.0fx)%s", mm->map_count, tree_ns, scan_ns, scan_ns / tree_ns, sum ? "" : " ");
	end_mm(test, mm, "10,000 VMAs");
}

static struct kunit_case mmap_host_cases[] = {
	KUNIT_CASE(test_split_and_merge),
	KUNIT_CASE(test_munmap),
	KUNIT_CASE(test_bad_lengths),
	KUNIT_CASE(test_brk),
	KUNIT_CASE(test_max_map_count),
	KUNIT_CASE(test_random),
	KUNIT_CASE(test_find_vma_many),
	{ NULL, NULL },
};

static struct kunit_suite mmap_host_suite = { .name = "mmap_host", .cases = mmap_host_cases };
selftest_suite(mmap_host_suite);

/* No machine to build: mm/mmap.c runs on the calls this file plays. */
int selftest_host_init(void)
{
	return 0;
}
