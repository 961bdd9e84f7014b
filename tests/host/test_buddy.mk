# The buddy allocator on a fake 64 MiB machine (tests/host/test_buddy.c):
# the suites buddy (mm/buddy_test.c, which also runs in QEMU) and buddy_host.
HOST_TESTS += test_buddy
test_buddy_SRCS := mm/buddy_test.c $(HOST_KUNIT_SRCS) lib/prandom.c $(HOST_BUDDY_SRCS)
