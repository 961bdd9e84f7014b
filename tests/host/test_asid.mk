# The ASID allocator (arch/arm64/mm/context.c, #included by the test) on
# simulated CPUs with a model TLB.
HOST_TESTS += test_asid
test_asid_SRCS := lib/bitmap.c lib/prandom.c tests/host/host_shim.c
test_asid_DEPS := arch/arm64/mm/context.c arch/arm64/include/asm/mmu_context.h
