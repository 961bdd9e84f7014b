# lib/string.c and lib/stdlib.c against glibc (ours are renamed k* under
# HOST_TEST): the host-only suite string_host.
HOST_TESTS += test_string
test_string_SRCS := $(HOST_KUNIT_SRCS) lib/string.c lib/stdlib.c
# As for the kernel object: keep GCC from turning string.c's loops into calls
# to glibc's memset/memcpy, which would leave nothing of ours to test.
test_string_CFLAGS := -fno-tree-loop-distribute-patterns
