/* Compiler attributes and access helpers, as in Linux's compiler.h. */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define __noreturn	__attribute__((noreturn))
#define __packed	__attribute__((packed))
#define __aligned(x)	__attribute__((aligned(x)))
#define __section(s)	__attribute__((section(s)))
#define __used		__attribute__((used))
#define __unused	__attribute__((unused))
#define __weak		__attribute__((weak))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define noinline	__attribute__((noinline))
#undef __always_inline	/* glibc defines it too (host tests) */
#define __always_inline	inline __attribute__((always_inline))

/*
 * A file's internals that its host test reaches through the file's
 * _internal.h header: static in the kernel, global in host builds
 * (Linux: VISIBLE_IF_KUNIT, include/kunit/visibility.h).
 */
#ifdef HOST_TEST
#define VISIBLE_IF_KUNIT
#else
#define VISIBLE_IF_KUNIT static
#endif

#define barrier()	__asm__ __volatile__("" ::: "memory")

/* Single-copy-atomic accesses the compiler may not tear, merge or elide. */
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#endif
