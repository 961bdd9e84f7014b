/*
 * The swap area in RAM: each swapped-out page is compressed with lz4 and
 * kept in a zsmalloc pool (Linux: drivers/block/zram/zram_drv.c, which
 * offers the same thing as a block device, /dev/zram0, that swapon uses).
 * The interface is in include/linux/swap.h ("the swap area") and
 * include/linux/zram.h; docs/zram.md walks through it.
 *
 * A slot is one swap offset. The slot table says, for each slot:
 *   ZRAM_ALLOCATED  in use;
 *   ZRAM_SAME       the page was one 64-bit word repeated (often all zeros):
 *                   the word is kept in the table, no pool memory at all;
 *   ZRAM_HUGE       lz4 could not bring it below huge_class_size: stored
 *                   as is (a full page in the pool), decompression skipped;
 *   otherwise       handle and size of the lz4 block in the pool;
 * plus the LRU policy's shadow value for refault detection.
 *
 * Writing a page (zram_write_page):
 *   same-filled? -> store the word
 *   lz4 into this CPU's buffer (preallocated state; kernel_neon_begin/end
 *   around it: liblz4 uses the NEON registers) -> too big? store raw
 *   -> zs_malloc -> copy in -> over mem_limit? undo, -ENOSPC
 *   -> take a free slot (next-fit from a cursor in a bitmap)
 * Reading (zram_read_page) runs that backwards; LZ4_decompress_safe never
 * reads or writes outside its buffers and must yield exactly PAGE_SIZE
 * bytes, or the slot is reported corrupt (-EIO).
 *
 * Locking: zram.lock (irqsave) guards the table, the bitmap and the
 * counters; a read holds it while it decompresses, so a slot cannot be freed
 * under it (Linux: a lock bit per slot). A write compresses outside it, in
 * this CPU's stream with interrupts masked from compression to the copy
 * into the pool (Linux: zcomp_stream_get, a local lock), and takes the lock
 * only to publish the slot.
 *
 * Pool pages are taken with ZRAM_GFP. A write runs on behalf of reclaim,
 * usually when free memory is already below the min watermark: it must not
 * recurse into reclaim (no __GFP_DIRECT_RECLAIM), and it must be allowed
 * into the reserve, or reclaim can never start (__GFP_HIGH: down to half of
 * min). Storing a page frees a whole page for a fraction of one, so the
 * reserve comes back with interest. Linux gets the same effect from
 * PF_MEMALLOC, which lets reclaim ignore the watermarks altogether.
 */
#define LZ4_STATIC_LINKING_ONLY		/* LZ4_compress_fast_extState_fastReset */
#include <lz4.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/shell.h>
#include <linux/bitmap.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/swap.h>
#include <linux/zram.h>
#include <linux/zsmalloc.h>
#include <asm/irqflags.h>
#include <asm/neon.h>
#include <asm/processor.h>
#include "zram_internal.h"
#include <string.h>

#define ZRAM_GFP	(__GFP_HIGH | __GFP_KSWAPD_RECLAIM | __GFP_NOWARN)	/* GFP_ATOMIC, quiet */

VISIBLE_IF_KUNIT struct zram zram;

VISIBLE_IF_KUNIT enum zram_lz4_mode lz4_mode = ZRAM_LZ4_FASTRESET;
VISIBLE_IF_KUNIT unsigned long bootarg_disksize, bootarg_mem_limit;

/* ---- boot arguments ------------------------------------------------------- */

/*
 * "64M", "1G", "65536K", "0x4000000" or bytes (lib/cmdline.c: memparse),
 * with nothing after it; false if there is no value or it is malformed.
 */
VISIBLE_IF_KUNIT bool zram_size_arg(const char *val, unsigned long *size)
{
	char *end;

	if (!val || !*val)
		return false;
	*size = memparse(val, &end);
	return !*end;
}

VISIBLE_IF_KUNIT int __init parse_zram_size(const char *val)
{
	if (!zram_size_arg(val, &bootarg_disksize))
		bootarg_disksize = 0;
	return bootarg_disksize >= PAGE_SIZE ? 0 : -1;
}
__setup("zram.size", parse_zram_size);

VISIBLE_IF_KUNIT int __init parse_zram_mem_limit(const char *val)
{
	unsigned long v;

	if (!zram_size_arg(val, &v))
		return -1;
	bootarg_mem_limit = v;
	return 0;
}
__setup("zram.mem_limit", parse_zram_mem_limit);

static const char *const lz4_mode_names[NR_ZRAM_LZ4_MODES] = {
	[ZRAM_LZ4_FASTRESET] = "fastreset",
	[ZRAM_LZ4_EXTSTATE] = "extstate",
	[ZRAM_LZ4_STREAM] = "stream",
};

VISIBLE_IF_KUNIT int __init parse_zram_lz4(const char *val)
{
	for (int m = 0; m < NR_ZRAM_LZ4_MODES; m++)
		if (val && strcmp(val, lz4_mode_names[m]) == 0) {
			lz4_mode = m;
			return 0;
		}
	return -1;
}
__setup("zram.lz4", parse_zram_lz4);

const char *zram_lz4_mode_name(enum zram_lz4_mode mode)
{
	return mode < NR_ZRAM_LZ4_MODES ? lz4_mode_names[mode] : "?";
}

enum zram_lz4_mode zram_set_lz4_mode(enum zram_lz4_mode mode)
{
	enum zram_lz4_mode old = lz4_mode;

	if (mode < NR_ZRAM_LZ4_MODES)
		lz4_mode = mode;
	return old;
}

/* ---- the slot table and the bitmap ------------------------------------------ */

VISIBLE_IF_KUNIT struct zram_table_entry *zram_entry(unsigned long index)
{
	return &zram.table[index / ENTRIES_PER_CHUNK][index % ENTRIES_PER_CHUNK];
}

/*
 * A free slot, next-fit from the cursor: the area is used front to back and
 * a slot just freed is not reused at once (Linux's swap allocator also
 * moves forward, in clusters). Returns the slot or -1 when all are in use.
 * zram.lock held.
 */
static long zram_alloc_slot(void)
{
	unsigned long slot = find_next_zero_bit(zram.bitmap, zram.nr_slots, zram.cursor);

	if (slot >= zram.nr_slots)	/* none from the cursor up: wrap to the start */
		slot = find_first_zero_bit(zram.bitmap, zram.nr_slots);
	if (slot >= zram.nr_slots)
		return -1;
	__set_bit(slot, zram.bitmap);
	zram.slots_used++;
	zram.cursor = slot + 1 < zram.nr_slots ? slot + 1 : 0;
	return slot;
}

/* ---- setting up and tearing down ----------------------------------------------- */

static void zram_free_streams(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (zram.strm[cpu].block)
			__free_pages(zram.strm[cpu].block, STRM_ORDER);
		zram.strm[cpu].block = NULL;
	}
}

/* Preallocate each CPU's lz4 state and buffer: nothing is allocated when compressing. */
static int zram_alloc_streams(void)
{
	if ((unsigned long)LZ4_sizeofState() > STRM_BUF_OFFSET) {
		pr_err("zram: LZ4_sizeofState() = %d does not fit the stream block\n", LZ4_sizeofState());
		return -EINVAL;
	}
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct zcomp_strm *strm = &zram.strm[cpu];
		void *ok;

		strm->block = alloc_pages(GFP_KERNEL, STRM_ORDER);
		if (!strm->block)
			return -ENOMEM;
		strm->state = page_address(strm->block);
		strm->buffer = (char *)strm->state + STRM_BUF_OFFSET;
		/* A zeroed, valid state: what LZ4_compress_fast_extState_fastReset requires. */
		kernel_neon_begin();
		ok = LZ4_initStream(strm->state, LZ4_sizeofState());
		kernel_neon_end();
		if (!ok)
			return -EINVAL;
	}
	return 0;
}

static void zram_free_table(void)
{
	unsigned long chunks = DIV_ROUND_UP(zram.nr_slots, ENTRIES_PER_CHUNK);

	if (zram.table)
		for (unsigned long c = 0; c < chunks; c++)
			if (zram.table[c])
				free_page((unsigned long)zram.table[c]);
	kfree(zram.table);
	kfree(zram.bitmap);
	zram.table = NULL;
	zram.bitmap = NULL;
}

static int zram_alloc_table(void)
{
	unsigned long chunks = DIV_ROUND_UP(zram.nr_slots, ENTRIES_PER_CHUNK);
	unsigned long n = BITS_TO_LONGS(zram.nr_slots);

	zram.table = kcalloc(chunks, sizeof(*zram.table), GFP_KERNEL);
	zram.bitmap = kcalloc(n, sizeof(unsigned long), GFP_KERNEL);
	if (!zram.table || !zram.bitmap)
		return -ENOMEM;
	for (unsigned long c = 0; c < chunks; c++) {
		zram.table[c] = (struct zram_table_entry *)get_free_page(GFP_KERNEL);	/* zeroed */
		if (!zram.table[c])
			return -ENOMEM;
	}
	return 0;
}

static void zram_teardown(void)
{
	zram_free_streams();
	if (zram.mem_pool)
		zs_destroy_pool(zram.mem_pool);
	zram.mem_pool = NULL;
	zram_free_table();
	zram.nr_slots = zram.slots_used = zram.cursor = 0;
	zram.pages_stored = zram.compr_data_size = zram.same_pages = 0;
	zram.huge_pages = zram.max_used_pages = 0;
	zram.rejected_compress_poor = 0;
	memset(&zram.io, 0, sizeof(zram.io));
	zram.initialized = false;
}

int zram_init(unsigned long disksize)
{
	int err;

	if (zram.initialized)
		return -EBUSY;
	if (!system_supports_fpsimd()) {
		pr_err("zram: no FP/AdvSIMD on this CPU: liblz4 cannot run, no swap area\n");
		return -ENODEV;
	}
	if (!disksize)
		disksize = bootarg_disksize ? bootarg_disksize : (totalram_pages() / 4) << PAGE_SHIFT;
	spin_lock_init(&zram.lock);
	zram.nr_slots = disksize >> PAGE_SHIFT;
	if (!zram.nr_slots) {
		pr_err("zram: disksize %lu is smaller than a page\n", disksize);
		return -EINVAL;
	}
	err = zram_alloc_table();
	if (!err)
		err = zram_alloc_streams();
	if (!err) {
		zram.mem_pool = zs_create_pool("zram");
		if (!zram.mem_pool)
			err = -ENOMEM;
	}
	if (err) {
		pr_err("zram: cannot set up a %lu KiB area: error %d\n", disksize >> 10, err);
		zram_teardown();
		return err;
	}
	zram.huge_class_size = zs_huge_class_size(zram.mem_pool);
	zram.limit_pages = ALIGN(bootarg_mem_limit, PAGE_SIZE) >> PAGE_SHIFT;
	zram.initialized = true;
	printk("zram: %lu KiB swap area (%lu slots), lz4 via %s, pages of >= %zu compressed "
	       "bytes stored as is, mem_limit %lu KiB%s\n", zram.nr_slots << (PAGE_SHIFT - 10),
	       zram.nr_slots, lz4_mode_names[lz4_mode], zram.huge_class_size,
	       zram.limit_pages << (PAGE_SHIFT - 10), zram.limit_pages ? "" : " (none)");
	return 0;
}

void zram_reset(void)
{
	if (!zram.initialized)
		return;
	for (unsigned long slot = 0; slot < zram.nr_slots; slot++)
		if (zram_entry(slot)->flags & ZRAM_ALLOCATED)
			zram_free_slot(slot);
	zram_teardown();
}

void zram_set_mem_limit(unsigned long bytes)
{
	unsigned long flags;

	spin_lock_irqsave(&zram.lock, flags);
	zram.limit_pages = ALIGN(bytes, PAGE_SIZE) >> PAGE_SHIFT;
	spin_unlock_irqrestore(&zram.lock, flags);
}

/* ---- writing a page ---------------------------------------------------------- */

/* Is the page one 64-bit word repeated? Then *element is that word (Linux: page_same_filled). */
static bool page_same_filled(const void *ptr, unsigned long *element)
{
	const unsigned long *page = ptr;
	const unsigned int last = PAGE_SIZE / sizeof(*page) - 1;
	unsigned long val = page[0];

	if (val != page[last])		/* most pages differ at the two ends: cheap exit */
		return false;
	for (unsigned int i = 1; i < last; i++)
		if (page[i] != val)
			return false;
	*element = val;
	return true;
}

static void zram_fill_page(void *ptr, unsigned long value)
{
	unsigned long *page = ptr;

	if (value == 0x0101010101010101UL * (value & 0xff)) {
		memset(ptr, (int)(value & 0xff), PAGE_SIZE);
		return;
	}
	for (unsigned int i = 0; i < PAGE_SIZE / sizeof(*page); i++)
		page[i] = value;
}

/* lz4 one page into strm->buffer; the compressed size, or <= 0 on failure. */
static int zram_compress(struct zcomp_strm *strm, const void *src)
{
	int n;

	kernel_neon_begin();
	switch (lz4_mode) {
	case ZRAM_LZ4_EXTSTATE:
		n = LZ4_compress_fast_extState(strm->state, src, strm->buffer, PAGE_SIZE,
					       STRM_BUF_SIZE, 1);
		break;
	case ZRAM_LZ4_STREAM:
		LZ4_resetStream_fast(strm->state);
		n = LZ4_compress_fast_continue(strm->state, src, strm->buffer, PAGE_SIZE,
					       STRM_BUF_SIZE, 1);
		break;
	default:
		n = LZ4_compress_fast_extState_fastReset(strm->state, src, strm->buffer, PAGE_SIZE,
							 STRM_BUF_SIZE, 1);
		break;
	}
	kernel_neon_end();
	return n;
}

/* Take a slot and fill it in. -ENOSPC (handle freed by the caller) if none is left. */
static int zram_publish(unsigned long handle, unsigned long element, unsigned int flags,
			unsigned int size, unsigned long *slot)
{
	struct zram_table_entry *e;
	unsigned long irqflags;
	long s;

	spin_lock_irqsave(&zram.lock, irqflags);
	s = zram_alloc_slot();
	if (s < 0) {
		zram.io.failed_writes++;
		spin_unlock_irqrestore(&zram.lock, irqflags);
		return -ENOSPC;
	}
	e = zram_entry(s);
	if (flags & ZRAM_SAME)
		e->element = element;
	else
		e->handle = handle;
	e->flags = ZRAM_ALLOCATED | flags;
	e->size = size;
	e->shadow = 0;
	zram.pages_stored++;
	zram.compr_data_size += size;
	if (flags & ZRAM_SAME)
		zram.same_pages++;
	if (flags & ZRAM_HUGE)
		zram.huge_pages++;
	spin_unlock_irqrestore(&zram.lock, irqflags);
	*slot = s;
	return 0;
}

static int write_failed(int err)
{
	unsigned long irqflags;

	spin_lock_irqsave(&zram.lock, irqflags);
	zram.io.failed_writes++;
	spin_unlock_irqrestore(&zram.lock, irqflags);
	return err;
}

/*
 * Store one page. store_huge: what to do with a page lz4 cannot bring below
 * huge_class_size -- keep it as-is (ZRAM_HUGE, Linux zram's choice) or
 * refuse it with -E2BIG (reclaim's choice, see zram_store_page).
 */
static int __zram_write_page(struct page *page, unsigned long *slot, bool store_huge)
{
	const void *src = page_address(page);
	unsigned long element, handle, irqflags, total;
	unsigned int flags = 0;
	struct zcomp_strm *strm;
	int comp_len, err;
	void *dst;

	if (!zram.initialized)
		return -ENODEV;
	if (READ_ONCE(zram.slots_used) >= zram.nr_slots)	/* full: don't compress for nothing */
		return write_failed(-ENOSPC);

	if (page_same_filled(src, &element))
		return zram_publish(0, element, ZRAM_SAME, 0, slot);

	/* This CPU's stream is ours until irqs are restored (Linux: zcomp_stream_get). */
	irqflags = arch_local_irq_save();
	strm = &zram.strm[smp_processor_id()];
	comp_len = zram_compress(strm, src);
	if (comp_len <= 0) {
		arch_local_irq_restore(irqflags);
		pr_err("zram: lz4 compression failed (%d)\n", comp_len);
		return write_failed(-EINVAL);
	}
	if ((size_t)comp_len >= zram.huge_class_size) {
		if (!store_huge) {
			arch_local_irq_restore(irqflags);
			spin_lock_irqsave(&zram.lock, irqflags);
			zram.rejected_compress_poor++;
			spin_unlock_irqrestore(&zram.lock, irqflags);
			return -E2BIG;
		}
		comp_len = PAGE_SIZE;	/* no gain: keep the page as it is */
		flags = ZRAM_HUGE;
	}

	handle = zs_malloc(zram.mem_pool, comp_len, ZRAM_GFP);
	if (!handle) {
		arch_local_irq_restore(irqflags);
		return write_failed(-ENOMEM);
	}
	total = zs_get_total_pages(zram.mem_pool);
	if (zram.limit_pages && total > zram.limit_pages) {	/* Linux returns -ENOMEM here */
		zs_free(zram.mem_pool, handle);
		arch_local_irq_restore(irqflags);
		return write_failed(-ENOSPC);
	}
	dst = zs_map_object(zram.mem_pool, handle, ZS_MM_WO);
	memcpy(dst, flags & ZRAM_HUGE ? src : strm->buffer, comp_len);
	zs_unmap_object(zram.mem_pool, handle);
	arch_local_irq_restore(irqflags);

	err = zram_publish(handle, 0, flags, comp_len, slot);
	if (err) {
		zs_free(zram.mem_pool, handle);
		return err;
	}
	spin_lock_irqsave(&zram.lock, irqflags);
	if (total > zram.max_used_pages)
		zram.max_used_pages = total;
	spin_unlock_irqrestore(&zram.lock, irqflags);
	return 0;
}

int zram_write_page(struct page *page, unsigned long *slot)
{
	return __zram_write_page(page, slot, true);
}

/*
 * Reclaim's way in. A page that does not compress is refused (-E2BIG)
 * instead of stored as-is: a huge slot costs a whole pool page to free a
 * whole page, so swapping it gains no memory, spends a slot, and costs a
 * compression now and a copy at swap-in (docs/zram.md has the numbers).
 * Linux's zswap makes the same choice (reject_compress_poor); Linux's zram
 * stores such pages and can write them back to a disk (writeback=huge).
 */
int zram_store_page(struct page *page, unsigned long *slot)
{
	return __zram_write_page(page, slot, false);
}

/* Is there room for one more page: a free slot, and the pool under mem_limit? */
bool zram_can_store(void)
{
	if (!zram.initialized || READ_ONCE(zram.slots_used) >= zram.nr_slots)
		return false;
	return !zram.limit_pages || zs_get_total_pages(zram.mem_pool) < zram.limit_pages;
}

/* ---- reading, freeing, the shadow ------------------------------------------------- */

/* The entry of an allocated slot, or NULL after a report. zram.lock held. */
static struct zram_table_entry *slot_entry(unsigned long slot, const char *who)
{
	struct zram_table_entry *e;

	if (!zram.initialized || slot >= zram.nr_slots) {
		pr_err("zram: %s: slot %lu out of range (%lu slots)\n", who, slot, zram.nr_slots);
		zram.io.invalid_io++;
		return NULL;
	}
	e = zram_entry(slot);
	if (!(e->flags & ZRAM_ALLOCATED)) {
		pr_err("zram: %s: slot %lu is not in use\n", who, slot);
		zram.io.invalid_io++;
		return NULL;
	}
	return e;
}

int zram_read_page(unsigned long slot, struct page *page)
{
	void *dst = page_address(page);
	struct zram_table_entry *e;
	unsigned long irqflags;
	const char *src;
	int ret = PAGE_SIZE;

	spin_lock_irqsave(&zram.lock, irqflags);
	e = slot_entry(slot, "zram_read_page");
	if (!e) {
		spin_unlock_irqrestore(&zram.lock, irqflags);
		return -EINVAL;
	}
	if (e->flags & ZRAM_SAME) {
		zram_fill_page(dst, e->element);
		spin_unlock_irqrestore(&zram.lock, irqflags);
		return 0;
	}
	src = zs_map_object(zram.mem_pool, e->handle, ZS_MM_RO);
	if (!src) {
		ret = -1;
	} else if (e->flags & ZRAM_HUGE) {
		memcpy(dst, src, PAGE_SIZE);
	} else {
		kernel_neon_begin();
		ret = LZ4_decompress_safe(src, dst, (int)e->size, PAGE_SIZE);
		kernel_neon_end();
	}
	if (src)
		zs_unmap_object(zram.mem_pool, e->handle);
	if (ret != PAGE_SIZE) {
		zram.io.failed_reads++;
		if (!src)
			pr_err("zram: slot %lu is corrupt: its pool handle is bad\n", slot);
		else if (ret < 0)
			pr_err("zram: slot %lu is corrupt: LZ4_decompress_safe failed (%d) on its "
			       "%u compressed bytes\n", slot, ret, e->size);
		else
			pr_err("zram: slot %lu is corrupt: it decompressed to %d bytes, not %lu\n",
			       slot, ret, PAGE_SIZE);
		spin_unlock_irqrestore(&zram.lock, irqflags);
		return -EIO;
	}
	spin_unlock_irqrestore(&zram.lock, irqflags);
	return 0;
}

void zram_free_slot(unsigned long slot)
{
	unsigned long irqflags, handle = 0;
	struct zram_table_entry *e;

	spin_lock_irqsave(&zram.lock, irqflags);
	e = slot_entry(slot, "zram_free_slot");
	if (!e) {
		spin_unlock_irqrestore(&zram.lock, irqflags);
		return;
	}
	if (e->flags & ZRAM_SAME)
		zram.same_pages--;
	else
		handle = e->handle;
	if (e->flags & ZRAM_HUGE)
		zram.huge_pages--;
	zram.pages_stored--;
	zram.compr_data_size -= e->size;
	zram.io.notify_free++;
	memset(e, 0, sizeof(*e));
	__clear_bit(slot, zram.bitmap);
	zram.slots_used--;
	spin_unlock_irqrestore(&zram.lock, irqflags);
	if (handle)
		zs_free(zram.mem_pool, handle);
}

void zram_set_shadow(unsigned long slot, unsigned long shadow)
{
	unsigned long irqflags;
	struct zram_table_entry *e;

	spin_lock_irqsave(&zram.lock, irqflags);
	e = slot_entry(slot, "zram_set_shadow");
	if (e)
		e->shadow = shadow;
	spin_unlock_irqrestore(&zram.lock, irqflags);
}

unsigned long zram_get_shadow(unsigned long slot)
{
	unsigned long irqflags, shadow = 0;
	struct zram_table_entry *e;

	spin_lock_irqsave(&zram.lock, irqflags);
	e = slot_entry(slot, "zram_get_shadow");
	if (e)
		shadow = e->shadow;
	spin_unlock_irqrestore(&zram.lock, irqflags);
	return shadow;
}

/*
 * Overwrite a compressed slot's bytes with 0xff. The first lz4 token then
 * asks for more literal bytes than the block holds, which
 * LZ4_decompress_safe reports as an error: the next read gives -EIO.
 * Same-filled and huge slots hold no lz4 data (-EINVAL).
 */
int zram_corrupt_slot(unsigned long slot)
{
	struct zram_table_entry *e;
	unsigned long irqflags;
	int ret = -EINVAL;
	void *p;

	spin_lock_irqsave(&zram.lock, irqflags);
	e = slot_entry(slot, "zram_corrupt_slot");
	if (e && !(e->flags & (ZRAM_SAME | ZRAM_HUGE))) {
		p = zs_map_object(zram.mem_pool, e->handle, ZS_MM_RW);
		if (p) {
			memset(p, 0xff, e->size);
			zs_unmap_object(zram.mem_pool, e->handle);
			ret = 0;
		}
	}
	spin_unlock_irqrestore(&zram.lock, irqflags);
	return ret;
}

/* ---- numbers ----------------------------------------------------------------------- */

unsigned long zram_nr_slots(void)
{
	return zram.nr_slots;
}

unsigned long zram_slots_used(void)
{
	return READ_ONCE(zram.slots_used);
}

void zram_get_mm_stat(struct zram_mm_stat *st)
{
	struct zs_pool_stats ps = { 0 };
	unsigned long irqflags;

	memset(st, 0, sizeof(*st));
	if (!zram.initialized)
		return;
	zs_pool_stats(zram.mem_pool, &ps);
	spin_lock_irqsave(&zram.lock, irqflags);
	st->orig_data_size = (u64)zram.pages_stored << PAGE_SHIFT;
	st->compr_data_size = zram.compr_data_size;
	st->mem_used_total = (u64)zs_get_total_pages(zram.mem_pool) << PAGE_SHIFT;
	st->mem_limit = (u64)zram.limit_pages << PAGE_SHIFT;
	st->mem_used_max = (u64)zram.max_used_pages << PAGE_SHIFT;
	st->same_pages = zram.same_pages;
	st->pages_compacted = ps.pages_compacted;
	st->huge_pages = zram.huge_pages;
	spin_unlock_irqrestore(&zram.lock, irqflags);
}

void zram_get_io_stat(struct zram_io_stat *st)
{
	unsigned long irqflags;

	spin_lock_irqsave(&zram.lock, irqflags);
	*st = zram.io;
	spin_unlock_irqrestore(&zram.lock, irqflags);
}

/* x / y with two decimals, as "12.34" (no floating point in the kernel). */
static void print_ratio(const char *label, u64 x, u64 y, const char *what)
{
	u64 r = y ? x * 100 / y : 0;

	printk("  %-16s %7lu.%02lu  %s\n", label, (unsigned long)(r / 100),
	       (unsigned long)(r % 100), what);
}

void zram_show_mm_stat(void)
{
	struct zram_mm_stat st;
	struct zram_io_stat io;

	if (!zram.initialized) {
		printk("zram: no swap area (zram_init has not run)\n");
		return;
	}
	zram_get_mm_stat(&st);
	zram_get_io_stat(&io);
	printk("zram: %lu slots (%lu KiB), %lu in use; lz4 via %s; stored as is from %zu bytes\n",
	       zram.nr_slots, zram.nr_slots << (PAGE_SHIFT - 10), zram_slots_used(),
	       lz4_mode_names[lz4_mode], zram.huge_class_size);
	printk("  orig_data_size   %10lu  bytes of pages stored\n", (unsigned long)st.orig_data_size);
	printk("  compr_data_size  %10lu  bytes after compression\n", (unsigned long)st.compr_data_size);
	printk("  mem_used_total   %10lu  bytes of pool pages\n", (unsigned long)st.mem_used_total);
	printk("  mem_limit        %10lu  %s\n", (unsigned long)st.mem_limit,
	       st.mem_limit ? "bytes" : "(no limit)");
	printk("  mem_used_max     %10lu  bytes, high-water mark\n", (unsigned long)st.mem_used_max);
	printk("  same_pages       %10lu  pages of one repeated word (no pool memory)\n",
	       (unsigned long)st.same_pages);
	printk("  pages_compacted  %10lu  (no compaction here)\n", (unsigned long)st.pages_compacted);
	printk("  huge_pages       %10lu  pages stored uncompressed\n", (unsigned long)st.huge_pages);
	printk("  reject_compress_poor %6lu  pages reclaim offered that lz4 could not shrink (kept in RAM)\n",
	       READ_ONCE(zram.rejected_compress_poor));
	print_ratio("ratio", st.orig_data_size, st.mem_used_total, "orig_data_size / mem_used_total");
	print_ratio("density", st.compr_data_size * 100, st.mem_used_total,
		    "% of pool bytes holding data (compr_data_size / mem_used_total)");
	printk("  io_stat: failed_reads %lu failed_writes %lu invalid_io %lu notify_free %lu\n",
	       (unsigned long)io.failed_reads, (unsigned long)io.failed_writes,
	       (unsigned long)io.invalid_io, (unsigned long)io.notify_free);
	/* Linux: cat /sys/block/zram0/mm_stat */
	printk("mm_stat: %8lu %8lu %8lu %8lu %8lu %8lu %8lu %8lu\n",
	       (unsigned long)st.orig_data_size, (unsigned long)st.compr_data_size,
	       (unsigned long)st.mem_used_total, (unsigned long)st.mem_limit,
	       (unsigned long)st.mem_used_max, (unsigned long)st.same_pages,
	       (unsigned long)st.pages_compacted, (unsigned long)st.huge_pages);
}

void zram_show_classes(bool all)
{
	if (zram.initialized)
		zs_show_classes(zram.mem_pool, all);
	else
		printk("zram: no swap area (zram_init has not run)\n");
}

VISIBLE_IF_KUNIT int cmd_zram(int argc, char **argv)
{
	if (argc == 1) {
		zram_show_mm_stat();
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "classes") == 0) {
		zram_show_classes(false);
		return 0;
	}
	printk("usage: zram [classes]\n");
	return -1;
}
shell_command("zram", "zram [classes]",
	      "compressed swap area: mm_stat, labelled (classes: zsmalloc size classes)", cmd_zram);
