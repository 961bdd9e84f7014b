# SLUB (mm/slub*.c, mm/slab_common.c, mm/kmalloc.c) as a user program, on top of
# the real memblock and buddy allocator, in a fake RAM arena.
HOST_TESTS += test_slub
test_slub_SRCS := $(HOST_SLUB_SRCS)
