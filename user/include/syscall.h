/*
 * Raw system calls: `svc #0`, number in x8, arguments in x0..x5, result in
 * x0 (see include/uapi/unistd.h). The result is returned as the kernel gave
 * it, -errno included; the wrappers in unistd.h turn that into -1 + errno.
 * Use these directly to see exactly what the kernel returned.
 */
#ifndef _USER_SYSCALL_H
#define _USER_SYSCALL_H

#include <uapi/unistd.h>

static inline long __syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	register long x5 __asm__("x5") = f;

	/* "memory": the kernel may read or write any buffer we passed. */
	__asm__ __volatile__("svc #0"
			     : "+r"(x0)
			     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
			     : "memory");
	return x0;
}

#define __syscall0(nr)			__syscall6(nr, 0, 0, 0, 0, 0, 0)
#define __syscall1(nr, a)		__syscall6(nr, (long)(a), 0, 0, 0, 0, 0)
#define __syscall2(nr, a, b)		__syscall6(nr, (long)(a), (long)(b), 0, 0, 0, 0)
#define __syscall3(nr, a, b, c)		__syscall6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)

/* A raw result in [-4095, -1] is -errno. */
#define IS_SYSCALL_ERR(r)	((unsigned long)(r) >= (unsigned long)-4095L)

#endif
