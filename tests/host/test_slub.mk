# SLUB and kmalloc on a fake 64 MiB machine booted with slub_debug
# (tests/host/test_slub.c), on top of the real memblock and buddy allocator:
# the suites slub (mm/slub_test.c, which also runs in QEMU) and slub_host.
HOST_TESTS += test_slub
test_slub_SRCS := mm/slub_test.c $(HOST_KUNIT_SRCS) lib/prandom.c $(HOST_SLUB_SRCS)
