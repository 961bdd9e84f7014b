# Source lists the host tests share, written once; the Makefile reads this
# file before tests/host/test_*.mk, which build on these.
#
# The buddy allocator as boot sets it up (memblock, mem_map, watermarks,
# per-CPU lists, vmstat), and the host's stand-ins for the rest of the
# kernel (printk, panic, the fake linear map).
HOST_BUDDY_SRCS := mm/memblock.c mm/mm_init.c mm/page_alloc.c mm/percpu_pagelist.c \
	mm/page_alloc_debug.c mm/vmstat.c tests/host/host_shim.c
# ... booted on a fake arena by host_mm_boot(), for tests of what sits on it.
HOST_MM_SRCS := $(HOST_BUDDY_SRCS) tests/host/host_mm.c tests/host/host_stubs.c
# ... booted from a device tree by host_dt_boot() (link with -lfdt).
HOST_DT_SRCS := drivers/of.c drivers/of_fdt.c $(HOST_BUDDY_SRCS) tests/host/host_dt.c tests/host/host_stubs.c
# SLUB and kmalloc on top of that.
HOST_SLUB_SRCS := lib/bitmap.c mm/slub.c mm/slub_debug.c mm/slab_common.c mm/kmalloc.c $(HOST_MM_SRCS) \
	tests/host/host_slab.c
# The compressed swap area (mm/zram*.c) on zsmalloc, with the host's liblz4:
# the static archive, as Debian's liblz4.so hides
# LZ4_compress_fast_extState_fastReset (lz4.h: "definitions are hidden ...
# when building LZ4 as a shared library").
HOST_ZRAM_SRCS := mm/zram.c mm/zram_bootargs.c mm/zram_lz4.c mm/zram_show.c mm/zram_corrupt.c \
	lib/cmdline.c mm/zsmalloc.c $(HOST_SLUB_SRCS)
HOST_ZRAM_LIBS := -l:liblz4.a
# Self-test suites (include/linux/selftest.h): the runner and KTAP printer
# the kernel uses too, and the host's main.
HOST_KUNIT_SRCS := lib/kunit.c tests/host/kunit_main.c
