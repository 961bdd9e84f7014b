# The zsmalloc-like pool (mm/zsmalloc.c) as a user program, on the real SLUB
# and buddy allocator in a fake RAM arena (as test_slub.mk).
HOST_TESTS += test_zsmalloc
test_zsmalloc_SRCS := lib/bitmap.c lib/prandom.c mm/zsmalloc.c mm/slub.c mm/slub_debug.c mm/slab_common.c mm/kmalloc.c \
	mm/memblock.c mm/mm_init.c mm/page_alloc.c mm/page_alloc_debug.c \
	mm/percpu_pagelist.c mm/vmstat.c tests/host/host_shim.c tests/host/host_mm.c \
	tests/host/host_stubs.c
# -include: see test_memblock.mk (glibc and compiler.h both define __always_inline).
test_zsmalloc_LIBS := -include linux/compiler.h
