# mm/memblock.c as a user program (like Linux's tools/testing/memblock).
HOST_TESTS += test_memblock
test_memblock_SRCS := mm/memblock.c tests/host/host_shim.c
# glibc's <sys/cdefs.h> and include/linux/compiler.h both define __always_inline;
# glibc #undefs first, so reading compiler.h before any libc header avoids the
# -Werror redefinition. (Better fixed once in compiler.h with an #undef.)
test_memblock_LIBS := -include linux/compiler.h
