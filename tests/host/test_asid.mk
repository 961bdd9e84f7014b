# The ASID allocator (arch/arm64/mm/context.c; the test reaches two internals
# through context_internal.h) in build/host/test_asid (tests/host/test_asid.c):
# the suites asid (arch/arm64/mm/context_test.c, which also runs in QEMU) and
# asid_host (simulated CPUs with a model TLB).
HOST_TESTS += test_asid
test_asid_SRCS := arch/arm64/mm/context_test.c $(HOST_KUNIT_SRCS) arch/arm64/mm/context.c lib/bitmap.c \
	lib/prandom.c $(HOST_MM_SRCS)
