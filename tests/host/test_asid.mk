# The ASID allocator (arch/arm64/mm/context.c; the test reaches two internals
# through context_internal.h) on simulated CPUs with a model TLB.
HOST_TESTS += test_asid
test_asid_SRCS := arch/arm64/mm/context.c lib/bitmap.c lib/prandom.c tests/host/host_shim.c
