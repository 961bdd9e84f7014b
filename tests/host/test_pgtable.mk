# The page-table API and mmu_gather (mm/pgtable*.c, mm/mmu_gather.c) on the
# real buddy allocator in a fake RAM arena; the TLB helpers are the test's.
HOST_TESTS += test_pgtable
test_pgtable_SRCS := mm/pgtable.c arch/arm64/mm/flush.c mm/pgtable_walk.c mm/mmu_gather.c \
	mm/memblock.c mm/mm_init.c mm/page_alloc.c mm/page_alloc_debug.c \
	mm/percpu_pagelist.c mm/vmstat.c tests/host/host_shim.c tests/host/host_mm.c \
	tests/host/host_stubs.c
# See test_memblock.mk: read compiler.h before glibc's <sys/cdefs.h>.
test_pgtable_LIBS := -include linux/compiler.h
