/*
 * Formatted output. The formatting is the kernel's own lib/vsprintf.c,
 * compiled again for user space: same conversions, no floating point.
 * printf writes to fd 1 with one write() per call, so lines from different
 * tasks do not interleave mid-line. Output longer than PRINTF_BUF bytes is cut.
 */
#ifndef _USER_STDIO_H
#define _USER_STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <linux/compiler.h>

#define PRINTF_BUF	512

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
__printf(1, 2) int printf(const char *fmt, ...);
__printf(2, 3) int dprintf(int fd, const char *fmt, ...);
int vdprintf(int fd, const char *fmt, va_list ap);
/* s and a newline. */
int puts(const char *s);

#endif
