/*
 * The swap area in RAM: each swapped-out page is compressed with lz4 and
 * kept in a zsmalloc pool (Linux: drivers/block/zram/zram_drv.c, which
 * offers the same thing as a block device, /dev/zram0, that swapon uses).
 * The interface is in include/linux/swap.h ("the swap area") and
 * include/linux/zram.h; docs/zram.md walks through it. This file is the
 * store: slots, the table, compression streams, the pool, the counters.
 * Beside it, sharing mm/zram_internal.h: mm/zram_bootargs.c (zram.size=,
 * zram.mem_limit=), mm/zram_lz4.c (which liblz4 entry point compresses),
 * mm/zram_show.c (the counters as text, the shell's `zram`) and
 * mm/zram_corrupt.c (the test hook that damages a slot).
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
#include <lz4.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
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

struct zram zram;

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
		disksize = zram_bootarg_disksize ? zram_bootarg_disksize : (totalram_pages() / 4) << PAGE_SHIFT;
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
	zram.limit_pages = ALIGN(zram_bootarg_mem_limit, PAGE_SIZE) >> PAGE_SHIFT;
	zram.initialized = true;
	printk("zram: %lu KiB swap area (%lu slots), lz4 via %s, pages of >= %zu compressed "
	       "bytes stored as is, mem_limit %lu KiB%s\n", zram.nr_slots << (PAGE_SHIFT - 10),
	       zram.nr_slots, zram_lz4_mode_name(zram_get_lz4_mode()), zram.huge_class_size,
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
	n = zram_lz4_compress(strm->state, src, strm->buffer, STRM_BUF_SIZE);
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
struct zram_table_entry *zram_slot_entry(unsigned long slot, const char *who)
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
	e = zram_slot_entry(slot, "zram_read_page");
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
	e = zram_slot_entry(slot, "zram_free_slot");
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
	e = zram_slot_entry(slot, "zram_set_shadow");
	if (e)
		e->shadow = shadow;
	spin_unlock_irqrestore(&zram.lock, irqflags);
}

unsigned long zram_get_shadow(unsigned long slot)
{
	unsigned long irqflags, shadow = 0;
	struct zram_table_entry *e;

	spin_lock_irqsave(&zram.lock, irqflags);
	e = zram_slot_entry(slot, "zram_get_shadow");
	if (e)
		shadow = e->shadow;
	spin_unlock_irqrestore(&zram.lock, irqflags);
	return shadow;
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
