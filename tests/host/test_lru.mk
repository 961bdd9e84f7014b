# The LRU policies (mm/lru*.c) and the reverse map (mm/rmap.c) as a user
# program, on real page tables (mm/pgtable.c) and the real buddy allocator in
# a fake RAM arena; tools/mm/lru_sim.c plays the MMU and the reclaim driver:
# the host-only suite lru_host (tests/host/test_lru.c).
include tools/mm/lru_srcs.inc
HOST_TESTS += test_lru
test_lru_SRCS := $(HOST_KUNIT_SRCS) $(LRU_HOST_SRCS) tests/host/host_shim.c
test_lru_DEPS := $(LRU_HOST_DEPS)
