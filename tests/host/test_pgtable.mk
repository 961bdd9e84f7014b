# The page-table API and mmu_gather (mm/pgtable*.c, mm/mmu_gather.c) on the
# real buddy allocator in a fake RAM arena (tests/host/test_pgtable.c): the
# suites pgtable (mm/pgtable_test.c, which also runs in QEMU) and
# pgtable_host (the TLB helpers played by the test).
HOST_TESTS += test_pgtable
test_pgtable_SRCS := mm/pgtable_test.c $(HOST_KUNIT_SRCS) mm/pgtable.c arch/arm64/mm/flush.c \
	mm/pgtable_walk.c mm/mmu_gather.c $(HOST_MM_SRCS)
