/*
 * strtoul/strtol come from the kernel's lib/stdlib.c (compiled again for
 * user space); malloc/calloc/free/realloc are user/lib/malloc.c (on brk);
 * the rest is user/lib/stdlib.c.
 */
#ifndef _USER_STDLIB_H
#define _USER_STDLIB_H

#include <libc/stdlib.h>
#include <linux/compiler.h>

void *realloc(void *p, size_t size);
int atoi(const char *s);
long atol(const char *s);
/* End the program with code (the same as returning it from main). */
__noreturn void exit(int code);
__noreturn void abort(void);

#define EXIT_SUCCESS	0
#define EXIT_FAILURE	1

#endif
