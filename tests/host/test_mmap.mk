# The VMA list (mm/mmap.c: mmap, munmap, mprotect, brk, VMA merging,
# vm.max_map_count) as a user program, the host-only suite mmap_host;
# tests/host/test_mmap.c plays the slab and page-table calls it makes and
# checks every operation against a page model (MMAP_SEED=N reruns the
# random part with another seed).
HOST_TESTS += test_mmap
test_mmap_SRCS := $(HOST_KUNIT_SRCS) lib/prandom.c mm/mmap.c lib/rbtree.c tests/host/host_shim.c
