/*
 * A test hook: damage a slot of the swap area (mm/zram.c) so that its next
 * read fails, to see the failure reported and handled (mm/zram_test.c; the
 * reclaim suite, mm/reclaim_test.c, corrupts a swapped-out page of a task
 * and checks that the fault kills it with SIGBUS instead of mapping garbage).
 *
 * It overwrites a compressed slot's bytes with 0xff. The first lz4 token
 * then asks for more literal bytes than the block holds, which
 * LZ4_decompress_safe reports as an error: the next read gives -EIO.
 * Same-filled and huge slots hold no lz4 data (-EINVAL). Linux's zram has
 * no such hook; its block layer has fault injection (fail_make_request).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/spinlock.h>
#include <linux/swap.h>
#include <linux/zsmalloc.h>
#include "zram_internal.h"
#include <string.h>

int zram_corrupt_slot(unsigned long slot)
{
	struct zram_table_entry *e;
	unsigned long irqflags;
	int ret = -EINVAL;
	void *p;

	spin_lock_irqsave(&zram.lock, irqflags);
	e = zram_slot_entry(slot, "zram_corrupt_slot");
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
