# mm/memblock.c as a user program (like Linux's tools/testing/memblock).
HOST_TESTS += test_memblock
test_memblock_SRCS := mm/memblock.c tests/host/host_shim.c
