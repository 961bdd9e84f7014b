/*
 * A tiny TAP producer for host unit tests: every check prints "ok N - ..."
 * or "not ok N - ..." with the values compared, and done_testing() prints the
 * plan and returns the exit status prove expects.
 */
#ifndef TAP_H
#define TAP_H

#include <stdio.h>
#include <stdarg.h>

static int tap_n, tap_failed;

static inline int tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	return cond;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* Compare two integers and print both when they differ. */
#define is_int(got, want, ...) do {					\
	long long __g = (long long)(got), __w = (long long)(want);	\
	if (!tap_ok(__g == __w, __FILE__, __LINE__, __VA_ARGS__))	\
		printf("#   got %lld (0x%llx), want %lld (0x%llx)\n",	\
		       __g, __g, __w, __w);				\
} while (0)

#define is_str(got, want, ...) do {					\
	const char *__g = (got), *__w = (want);				\
	if (!tap_ok(strcmp(__g, __w) == 0, __FILE__, __LINE__, __VA_ARGS__)) \
		printf("#   got  \"%s\"\n#   want \"%s\"\n", __g, __w);	\
} while (0)

static inline int done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
