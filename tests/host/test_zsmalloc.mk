# The zsmalloc pool (mm/zsmalloc.c) on the real SLUB and buddy allocator in a
# fake RAM arena (tests/host/test_zsmalloc.c): the suites zsmalloc
# (mm/zsmalloc_test.c, which also runs in QEMU) and zsmalloc_host.
HOST_TESTS += test_zsmalloc
test_zsmalloc_SRCS := mm/zsmalloc_test.c $(HOST_KUNIT_SRCS) lib/prandom.c mm/zsmalloc.c $(HOST_SLUB_SRCS)
