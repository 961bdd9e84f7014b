# The zsmalloc-like pool (mm/zsmalloc.c) as a user program, on the real SLUB
# and buddy allocator in a fake RAM arena (as test_slub.mk).
HOST_TESTS += test_zsmalloc
test_zsmalloc_SRCS := lib/prandom.c mm/zsmalloc.c $(HOST_SLUB_SRCS)
