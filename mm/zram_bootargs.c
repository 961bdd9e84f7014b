/*
 * The boot arguments that size the swap area (mm/zram.c): zram.size= (the
 * area, default a quarter of RAM) and zram.mem_limit= (the most pool memory
 * it may use, default none). Linux sets the same two through sysfs:
 * echo 64M > /sys/block/zram0/disksize and .../mem_limit (disksize_store,
 * mem_limit_store in drivers/block/zram/zram_drv.c, both memparse).
 * zram_init() reads the values when it is not given a size.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include "zram_internal.h"

unsigned long zram_bootarg_disksize, zram_bootarg_mem_limit;

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

/* A malformed or sub-page size leaves the default (0: a quarter of RAM). */
VISIBLE_IF_KUNIT int __init parse_zram_size(const char *val)
{
	if (!zram_size_arg(val, &zram_bootarg_disksize))
		zram_bootarg_disksize = 0;
	return zram_bootarg_disksize >= PAGE_SIZE ? 0 : -1;
}
__setup("zram.size", parse_zram_size);

VISIBLE_IF_KUNIT int __init parse_zram_mem_limit(const char *val)
{
	unsigned long v;

	if (!zram_size_arg(val, &v))
		return -1;
	zram_bootarg_mem_limit = v;
	return 0;
}
__setup("zram.mem_limit", parse_zram_mem_limit);
