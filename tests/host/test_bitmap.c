/*
 * build/host/test_bitmap: the suite "bitmap" (lib/bitmap_test.c, which also
 * runs in the kernel) on the host, under ASan/UBSan. It needs no machine:
 * bitmaps and the generator are plain memory. There is no host-only suite.
 */
#include "host_shim.h"

int selftest_host_init(void)
{
	return 0;
}
