/*
 * The machine on which the suite "memblock" (mm/memblock_test.c) runs in
 * build/host/test_memblock (include/linux/selftest.h tells how suites run
 * on the host): tests/host/dts/twobank.dts booted as the kernel boots
 * (tests/host/host_dt.c), so that mm/memblock.c, mm/mm_init.c and the
 * buddy allocator run on it under ASan/UBSan. Two banks with a hole, a
 * /memreserve/ page, a no-map firmware range and the DTB at the start of
 * RAM give the live-map cases more to check than QEMU's one bank does.
 *
 * There is no host-only suite: the made-up maps of the algorithm cases
 * (Linux's tools/testing/memblock) need no host, since memblock never
 * touches the memory it describes, so they run in the kernel too, on a
 * scratch map the suite saves and restores around them.
 */
#include <linux/kernel.h>
#include <linux/selftest.h>
#include "host_shim.h"

#define DTB_PA		0x40000000UL	/* where QEMU's virt puts it: the start of RAM */
#define IMAGE_PA	0x40200000UL
#define IMAGE_SIZE	0x281000UL	/* not a multiple of 64 KiB, as a real image */

int selftest_host_init(void)
{
	return host_dt_boot(DTB_DIR "/twobank.dtb", DTB_PA, IMAGE_PA, IMAGE_SIZE);
}
