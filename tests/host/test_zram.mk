# The compressed swap area (mm/zram*.c) on mm/zsmalloc.c, the real SLUB and
# buddy allocator in a fake RAM arena, and the host's liblz4
# (tests/host/test_zram.c): the suites zram (mm/zram_test.c, which also runs
# in QEMU) and zram_host (which reaches zram's internals through
# mm/zram_internal.h). The benchmark program built from the same sources is
# bench/host/bench_zram.c (bench/bench.mk).
HOST_TESTS += test_zram
test_zram_SRCS := mm/zram_test.c $(HOST_KUNIT_SRCS) lib/prandom.c $(HOST_ZRAM_SRCS)
test_zram_LIBS := $(HOST_ZRAM_LIBS)
