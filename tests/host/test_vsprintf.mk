# lib/vsprintf.c against glibc's snprintf (ours is renamed kvsnprintf under
# HOST_TEST): the host-only suite vsprintf_host.
HOST_TESTS += test_vsprintf
test_vsprintf_SRCS := $(HOST_KUNIT_SRCS) lib/prandom.c lib/vsprintf.c
