# The buddy allocator and the memblock hand-over on a fake 64 MiB RAM arena.
HOST_TESTS += test_buddy
test_buddy_SRCS := lib/prandom.c mm/memblock.c mm/mm_init.c mm/page_alloc.c mm/percpu_pagelist.c \
		   mm/page_alloc_debug.c mm/vmstat.c tests/host/host_shim.c
# See test_memblock.mk: read compiler.h before glibc's <sys/cdefs.h>.
test_buddy_LIBS := -include linux/compiler.h
