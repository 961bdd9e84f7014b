/*
 * SLUB debugging, as in the CONFIG_SLUB_DEBUG half of Linux's mm/slub.c:
 * red zones, poisoning, alloc/free tracking, the checks that use them, and
 * the "BUG <cache> (Not tainted): ..." reports.
 *
 * What each flag adds to an object (layout drawn in mm/slab.h):
 *   Z  SLAB_RED_ZONE    guard bytes on both sides: 0xbb while the object is
 *                       free, 0xcc while allocated. A write past either end
 *                       of the object changes them.
 *   P  SLAB_POISON      a free object is filled with 0x6b and ends in 0xa5;
 *                       a write after free changes that and is caught when
 *                       the object is next allocated. A new object is filled
 *                       with 0x5a, so reading it uninitialised shows 0x5a.
 *   U  SLAB_STORE_USER  the caller and a sequence number of the last alloc
 *                       and the last free, printed in every report.
 *   F  SLAB_CONSISTENCY_CHECKS  (and any of the above, here): every free is
 *                       checked to point at an object start, not already on
 *                       the freelist, with intact red zones.
 * Debug caches take the slow, locked path for every object (mm/slub.c), so
 * these checks always see a consistent slab.
 *
 * After a report the allocator stays consistent: a bad free is refused (the
 * object is left as it was), damaged guard bytes and poison are restored
 * ("FIX ...: Restoring ..."), and a corrupt free pointer cuts the freelist
 * short, so the objects after it are never handed out again.
 */
#include <linux/bitmap.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <string.h>
#include "slab.h"
#ifndef HOST_TEST
#include <linux/kallsyms.h>
#endif

slab_flags_t slub_debug;		/* flags from "slub_debug=..." */
static char slub_debug_string[128];	/* cache names it applies to; "" = all */
static unsigned long slub_seq;		/* stamps alloc/free tracks */
static bool slub_tainted;		/* a report was printed: Linux's taint 'B' */

/* ---- The slub_debug boot argument -------------------------------------- */

int slub_debug_setup(const char *str)
{
	slab_flags_t flags = 0;
	const char *names = "";
	size_t i;

	if (str && *str == '=')
		str++;
	if (!str || !*str || *str == ',') {
		flags = SLAB_DEBUG_FLAGS;	/* no letters: everything */
		if (str && *str == ',')
			names = str + 1;
		goto out;
	}
	for (; *str && *str != ','; str++) {
		switch (*str | 0x20) {	/* letters in either case */
		case 'f': flags |= SLAB_CONSISTENCY_CHECKS; break;
		case 'z': flags |= SLAB_RED_ZONE; break;
		case 'p': flags |= SLAB_POISON; break;
		case 'u': flags |= SLAB_STORE_USER; break;
		case '-': flags = 0; break;	/* switch debugging off */
		default:
			pr_err("slub_debug option '%c' unknown. skipped\n", *str);
		}
	}
	if (*str == ',')
		names = str + 1;
out:
	slub_debug = flags;
	for (i = 0; names[i] && i < sizeof(slub_debug_string) - 1; i++)
		slub_debug_string[i] = names[i];
	slub_debug_string[i] = 0;
	return 0;
}
__setup("slub_debug", slub_debug_setup);

/* Is @name in the comma-separated @list? "kmalloc-*" matches a prefix. */
static bool name_in_list(const char *name, const char *list)
{
	size_t nlen = strlen(name);

	while (*list) {
		const char *end = strchr(list, ',');
		size_t len = end ? (size_t)(end - list) : strlen(list);

		if (len && list[len - 1] == '*') {
			if (strncmp(name, list, len - 1) == 0)
				return true;
		} else if (len == nlen && strncmp(name, list, len) == 0) {
			return true;
		}
		if (!end)
			break;
		list = end + 1;
	}
	return false;
}

/* The flags a new cache gets: its own plus slub_debug's if it is selected. */
slab_flags_t kmem_cache_flags(const char *name, slab_flags_t flags)
{
	if (slub_debug && (!slub_debug_string[0] || name_in_list(name, slub_debug_string)))
		flags |= slub_debug;
	return flags;
}

/* ---- Filling objects --------------------------------------------------- */

static struct track *get_track(struct kmem_cache *s, void *object, enum track_item alloc)
{
	/* Debug caches keep the free pointer outside the object; the tracks follow it. */
	return (struct track *)((char *)object + s->offset + sizeof(void *)) + alloc;
}

static void set_track(struct kmem_cache *s, void *object, enum track_item alloc,
		      unsigned long addr)
{
	struct track *t;

	if (!(s->flags & SLAB_STORE_USER))
		return;
	t = get_track(s, object, alloc);
	t->addr = addr;
	t->cpu = smp_processor_id();
	t->when = __atomic_add_fetch(&slub_seq, 1, __ATOMIC_RELAXED);	/* caches lock separately */
}

/* Write the red zones (@val: active or inactive) and the matching poison. */
static void init_object(struct kmem_cache *s, void *object, u8 val)
{
	u8 *p = object;

	if (s->flags & SLAB_RED_ZONE) {
		memset(p - s->red_left_pad, val, s->red_left_pad);
		memset(p + s->object_size, val, s->inuse - s->object_size);
	}
	if (s->flags & __OBJECT_POISON) {
		if (val == SLUB_RED_INACTIVE) {
			memset(p, POISON_FREE, s->object_size - 1);
			p[s->object_size - 1] = POISON_END;
		} else {
			memset(p, POISON_INUSE, s->object_size);
		}
	}
}

/* A new slab's object: free, poisoned, never allocated or freed yet. */
void setup_object_debug(struct kmem_cache *s, void *object)
{
	init_object(s, object, SLUB_RED_INACTIVE);
	if (s->flags & SLAB_STORE_USER)
		memset(get_track(s, object, TRACK_ALLOC), 0, 2 * sizeof(struct track));
}

/* ---- Reports ----------------------------------------------------------- */

/* "func+0x1c/0x40" from the kernel's symbol table, or the bare address. */
static const char *symbolize(unsigned long addr, char *buf, size_t len)
{
#ifndef HOST_TEST
	unsigned long size, off;
	const char *name = kallsyms_lookup(addr, &size, &off);

	if (name) {
		snprintf(buf, len, "%s+0x%lx/0x%lx", name, off, size);
		return buf;
	}
#endif
	snprintf(buf, len, "0x%lx", addr);
	return buf;
}

/* The banner every report starts with (Linux: slab_bug). */
void slab_bug(const char *name, const char *fmt, ...)
{
	char reason[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	pr_err("=============================================================================\n");
	pr_err("BUG %s (%s): %s\n", name, slub_tainted ? "Tainted: B" : "Not tainted", reason);
	pr_err("-----------------------------------------------------------------------------\n");
	slub_tainted = true;
}

/* What was done about it (Linux: slab_fix). */
static void __printf(2, 3) slab_fix(struct kmem_cache *s, const char *fmt, ...)
{
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	pr_err("FIX %s: %s\n", s->name, what);
}

void print_caller(const char *what, unsigned long addr)
{
	char sym[96];

	pr_err("INFO: %s %s\n", what, symbolize(addr, sym, sizeof(sym)));
}

static void print_track(const char *what, const struct track *t)
{
	char sym[96];

	if (!t->addr)
		return;
	pr_err("%s in %s seq=%lu (now %lu) cpu=%u\n", what,
	       symbolize(t->addr, sym, sizeof(sym)), t->when, slub_seq, t->cpu);
}

static void print_tracking(struct kmem_cache *s, void *object)
{
	if (!(s->flags & SLAB_STORE_USER))
		return;
	print_track("Allocated", get_track(s, object, TRACK_ALLOC));
	print_track("Freed", get_track(s, object, TRACK_FREE));
}

/* Hex dump, 16 bytes a line, at most @max bytes. */
static void print_section(const char *text, const u8 *addr, unsigned int len, unsigned int max)
{
	for (unsigned int i = 0; i < len && i < max; i += 16) {
		char line[16 * 3 + 1];
		unsigned int n = 0;

		for (unsigned int j = i; j < len && j < i + 16; j++)
			n += snprintf(line + n, sizeof(line) - n, " %02x", addr[j]);
		pr_err("%s%p:%s\n", text, addr + i, line);
	}
	if (len > max)
		pr_err("%s... (%u more bytes)\n", text, len - max);
}

static void print_slab_info(struct page *slab)
{
	pr_err("Slab %p objects=%u used=%u fp=%p flags=0x%lx\n", (void *)slab,
	       slab->objects, slab->inuse, slab->freelist, slab->flags);
}

/* Everything known about one object (Linux: print_trailer). */
static void print_trailer(struct kmem_cache *s, struct page *slab, u8 *p)
{
	char *base = page_address(slab);

	print_tracking(s, p);
	print_slab_info(slab);
	pr_err("Object %p @offset=%lu fp=%p\n", p, (unsigned long)((char *)p - base),
	       get_freepointer(s, p));
	if (s->flags & SLAB_RED_ZONE) {
		/* The end of the left red zone, where an underflow lands first. */
		unsigned int shown = min(s->red_left_pad, 16u);

		print_section("Redzone  ", p - shown, shown, 16);
	}
	print_section("Object   ", p, s->object_size, 64);
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone  ", p + s->object_size, s->inuse - s->object_size, 16);
}

static void object_err(struct kmem_cache *s, struct page *slab, void *object,
		       const char *reason)
{
	slab_bug(s->name, "%s", reason);
	print_trailer(s, slab, object);
}

/* ---- Checks ------------------------------------------------------------ */

/*
 * Are all @bytes at @start equal to @value? If not, report the damaged range
 * and write @value back over it (Linux: check_bytes_and_report, restore_bytes).
 */
static bool check_bytes_and_report(struct kmem_cache *s, struct page *slab, u8 *object,
				   const char *what, u8 *start, u8 value, unsigned int bytes)
{
	u8 *fault = NULL, *end = start + bytes;

	for (u8 *p = start; p < end; p++) {
		if (*p != value) {
			fault = p;
			break;
		}
	}
	if (!fault)
		return true;
	while (end > fault && end[-1] == value)
		end--;

	slab_bug(s->name, "%s overwritten", what);
	pr_err("INFO: %p-%p @offset=%ld. First byte 0x%x instead of 0x%x\n",
	       fault, end - 1, (long)(fault - object), *fault, value);
	print_trailer(s, slab, object);
	slab_fix(s, "Restoring %s %p-%p=0x%x", what, fault, end - 1, value);
	memset(fault, value, end - fault);
	return false;
}

/* Red zones (as @val says they should be) and, for free objects, poison. */
static bool check_object(struct kmem_cache *s, struct page *slab, u8 *p, u8 val)
{
	bool ok = true;

	if (s->flags & SLAB_RED_ZONE) {
		ok &= check_bytes_and_report(s, slab, p, "Left Redzone",
					     p - s->red_left_pad, val, s->red_left_pad);
		ok &= check_bytes_and_report(s, slab, p, "Right Redzone",
					     p + s->object_size, val, s->inuse - s->object_size);
	}
	if ((s->flags & __OBJECT_POISON) && val == SLUB_RED_INACTIVE) {
		ok &= check_bytes_and_report(s, slab, p, "Poison", p, POISON_FREE,
					     s->object_size - 1);
		ok &= check_bytes_and_report(s, slab, p, "End Poison", p + s->object_size - 1,
					     POISON_END, 1);
	}
	return ok;
}

/*
 * Is @search on @slab's freelist? Walks the whole list, and if a free
 * pointer leads outside the slab, cuts the list there and counts the lost
 * objects as in use, so they are never handed out (Linux: on_freelist).
 */
static bool on_freelist(struct kmem_cache *s, struct page *slab, void *search)
{
	void *fp = slab->freelist, *object = NULL;
	unsigned int nr = 0;

	while (fp && nr <= slab->objects) {
		if (fp == search)
			return true;
		if (!check_valid_pointer(s, slab, fp)) {
			if (object) {
				object_err(s, slab, object, "Freechain corrupt");
				set_freepointer(s, object, NULL);
			} else {
				slab_bug(s->name, "Freepointer corrupt");
				print_slab_info(slab);
				slab->freelist = NULL;
			}
			slab_fix(s, "Isolate corrupted freechain");
			slab->inuse = slab->objects - nr;
			return false;
		}
		object = fp;
		fp = get_freepointer(s, object);
		nr++;
	}
	if (fp) {
		/*
		 * More links than the slab has objects, every one of them a
		 * valid object: the chain loops back on itself (two frees
		 * crossed, or a wild write). Following it would hand out the
		 * same objects forever; cut it, and let the slab count as full
		 * (Linux: on_freelist, "Freelist cycle detected").
		 */
		slab_bug(s->name, "Freelist cycle detected");
		print_slab_info(slab);
		slab->freelist = NULL;
		slab->inuse = slab->objects;
		slab_fix(s, "Freelist cleared");
	}
	return false;
}

/*
 * @object, the head of @slab's freelist, is about to be handed out: check
 * that it was left alone while free (red zones, poison, free pointer),
 * repair what was not, then mark it allocated. Under n->list_lock.
 *
 * Linux, after such a report, also marks every object of the slab as used so
 * nothing in it is reused. We only repair: once the bytes are restored the
 * object is exactly a fresh free object, and every counter stays exact.
 */
void alloc_debug_processing(struct kmem_cache *s, struct page *slab, void *object,
			    unsigned long addr)
{
	void *fp = get_freepointer(s, object);

	if (fp && !check_valid_pointer(s, slab, fp)) {
		object_err(s, slab, object, "Freepointer corrupt");
		slab_fix(s, "Isolating the %d free objects after it",
			 slab->objects - slab->inuse - 1);
		set_freepointer(s, object, NULL);
		slab->inuse = slab->objects - 1;	/* only @object is left free */
	}
	if (!check_object(s, slab, object, SLUB_RED_INACTIVE))
		print_caller("Detected while allocating for", addr);
	init_object(s, object, SLUB_RED_ACTIVE);
	set_track(s, object, TRACK_ALLOC, addr);
}

/*
 * May @object be freed? Refuses (returns false, after a report) a pointer
 * that is not an object start, an object already free, and an object whose
 * red zones were overwritten (Linux: free_debug_processing). On success the
 * object is poisoned and marked free. Under n->list_lock.
 */
bool free_debug_processing(struct kmem_cache *s, struct page *slab, void *object,
			   unsigned long addr)
{
	if (!check_valid_pointer(s, slab, object)) {
		report_invalid_pointer(s, slab, object, addr);
		return false;
	}
	if (on_freelist(s, slab, object)) {
		object_err(s, slab, object, "Object already free");
		print_caller("Freed again from", addr);
		slab_fix(s, "Object at %p not freed", object);
		return false;
	}
	if (!check_object(s, slab, object, SLUB_RED_ACTIVE)) {
		print_caller("Freed from", addr);
		slab_fix(s, "Object at %p not freed", object);
		return false;
	}
	set_track(s, object, TRACK_FREE, addr);
	init_object(s, object, SLUB_RED_INACTIVE);
	return true;
}

/* The cheap check of every cache: @x was the last object freed to this slab. */
void report_naive_double_free(struct kmem_cache *s, struct page *slab, void *x,
			      unsigned long addr)
{
	slab_bug(s->name, "Object already free");
	pr_err("INFO: Object %p is the head of the freelist: freed twice in a row\n", x);
	print_slab_info(slab);
	print_caller("Freed again from", addr);
	slab_fix(s, "Object at %p not freed (boot with slub_debug for full checks)", x);
}

/* @x is inside @slab but not at the start of an object. */
void report_invalid_pointer(struct kmem_cache *s, struct page *slab, void *x,
			    unsigned long addr)
{
	char *base = page_address(slab), *p = x;

	slab_bug(s->name, "Invalid object pointer %p", x);
	if (p >= base + s->red_left_pad) {
		unsigned long idx = (p - base - s->red_left_pad) / s->size;
		char *object = base + s->red_left_pad + idx * s->size;

		if (idx < slab->objects) {
			pr_err("INFO: %ld bytes into object %p (object size %u, slot size %u)\n",
			       (long)(p - object), object, s->object_size, s->size);
			print_tracking(s, object);
		}
	}
	print_slab_info(slab);
	print_caller("Freed from", addr);
	slab_fix(s, "Object at %p not freed", x);
}

/* kmem_cache_free(@s, @x) where @x is not an object of @s at all. */
void report_wrong_cache(struct kmem_cache *s, struct page *slab, void *x,
			unsigned long addr)
{
	if (!slab)
		slab_bug(s->name, "Invalid object pointer %p: not in RAM the page allocator manages", x);
	else if (!PageSlab(slab))
		slab_bug(s->name, "Invalid object pointer %p: not in a slab (page flags 0x%lx)",
			 x, slab->flags);
	else
		slab_bug(s->name, "Wrong slab cache: object %p belongs to %s",
			 x, slab->slab_cache->name);
	print_caller("Freed from", addr);
	slab_fix(s, "Object at %p not freed", x);
}

/* ---- Walking whole slabs: leak lists and validation -------------------- */

/*
 * Mark the free objects of @slab in @map (one bit per object index).
 * Returns how many there are, or -1 if the freelist leaves the slab or loops.
 */
static int get_map(struct kmem_cache *s, struct page *slab, unsigned long *map)
{
	char *base = (char *)page_address(slab) + s->red_left_pad;
	int nr = 0;

	bitmap_zero(map, slab->objects);
	for (char *p = slab->freelist; p; p = get_freepointer(s, p)) {
		unsigned long idx;

		if (!check_valid_pointer(s, slab, p))
			return -1;
		idx = (p - base) / s->size;
		if (__test_and_set_bit(idx, map))
			return -1;
		nr++;
	}
	return nr;
}

/* For kmem_cache_destroy: the objects still allocated in @slab (Linux: list_slab_objects). */
void list_slab_objects(struct kmem_cache *s, struct page *slab)
{
	DECLARE_BITMAP(map, MAX_OBJS_PER_SLAB);
	char *base = page_address(slab), *p;
	unsigned int idx = 0, shown = 0;

	print_slab_info(slab);
	if (get_map(s, slab, map) < 0) {
		pr_err("INFO: freelist corrupt, objects not listed\n");
		return;
	}
	for_each_object(p, s, base, slab->objects) {
		if (!test_bit(idx++, map) && shown++ < 16) {
			pr_err("Object %p @offset=%lu\n", p, (unsigned long)(p - base));
			print_tracking(s, p);
		}
	}
	if (shown > 16)
		pr_err("INFO: ... and %u more\n", shown - 16);
}

/*
 * Check one slab: its freelist stays inside it, inuse matches the freelist,
 * it is on the right list, and on debug caches every object's red zones and
 * poison are intact (Linux: validate_slab). Returns the problems found.
 */
static int validate_slab(struct kmem_cache *s, struct page *slab, bool on_full_list)
{
	DECLARE_BITMAP(map, MAX_OBJS_PER_SLAB);
	char *base = page_address(slab), *p;
	unsigned int idx = 0;
	int nfree, errors = 0;

	if (!PageSlab(slab) || slab->slab_cache != s) {
		slab_bug(s->name, "Not a slab of this cache: %p", (void *)slab);
		return 1;
	}
	nfree = get_map(s, slab, map);
	if (nfree < 0) {
		slab_bug(s->name, "Freelist corrupt");
		print_slab_info(slab);
		return 1;
	}
	if (slab->inuse != slab->objects - nfree) {
		slab_bug(s->name, "Wrong object count. Counter is %d but counted were %d",
			 slab->inuse, slab->objects - nfree);
		errors++;
	}
	if (on_full_list != (nfree == 0)) {
		slab_bug(s->name, "Slab %p with %d free objects on the %s list",
			 (void *)slab, nfree, on_full_list ? "full" : "partial");
		errors++;
	}
	if (!kmem_cache_debug(s))
		return errors;
	for_each_object(p, s, base, slab->objects) {
		u8 val = test_bit(idx++, map) ? SLUB_RED_INACTIVE : SLUB_RED_ACTIVE;

		if (!check_object(s, slab, (u8 *)p, val))
			errors++;
	}
	return errors;
}

int kmem_cache_validate(struct kmem_cache *s)
{
	struct kmem_cache_node *n = get_node(s, 0);
	unsigned long flags, count = 0;
	struct page *slab;
	int errors = 0;

	flush_all(s);
	spin_lock_irqsave(&n->list_lock, flags);
	list_for_each_entry(slab, &n->partial, slab_list) {
		errors += validate_slab(s, slab, false);
		count++;
	}
	if (count != n->nr_partial) {
		slab_bug(s->name, "nr_partial is %lu but %lu slabs are on the partial list",
			 n->nr_partial, count);
		errors++;
	}
	list_for_each_entry(slab, &n->full, slab_list) {
		errors += validate_slab(s, slab, true);
		count++;
	}
	if (count != n->nr_slabs) {
		slab_bug(s->name, "nr_slabs is %lu but %lu slabs are on the lists",
			 n->nr_slabs, count);
		errors++;
	}
	spin_unlock_irqrestore(&n->list_lock, flags);
	return errors;
}
