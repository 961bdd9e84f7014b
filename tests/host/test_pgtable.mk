# The page-table API and mmu_gather (mm/pgtable*.c, mm/mmu_gather.c) on the
# real buddy allocator in a fake RAM arena; the TLB helpers are the test's.
HOST_TESTS += test_pgtable
test_pgtable_SRCS := mm/pgtable.c arch/arm64/mm/flush.c mm/pgtable_walk.c mm/mmu_gather.c $(HOST_MM_SRCS)
