# lib/vsprintf.c against glibc's snprintf (ours is renamed kvsnprintf under HOST_TEST).
HOST_TESTS += test_vsprintf
test_vsprintf_SRCS := lib/prandom.c lib/vsprintf.c
