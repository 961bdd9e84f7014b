# The compressed swap area (mm/zram*.c; the test reaches its internals through
# mm/zram_internal.h) on mm/zsmalloc.c, the real SLUB and buddy allocator in a
# fake RAM arena, and the host's liblz4. The benchmark program built from the
# same sources is bench/host/bench_zram.c (bench/bench.mk).
HOST_TESTS += test_zram
test_zram_SRCS := $(HOST_ZRAM_SRCS) lib/prandom.c
test_zram_LIBS := $(HOST_ZRAM_LIBS)
