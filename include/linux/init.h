/*
 * Boot parameters. Each is declared next to the code it configures:
 *     static int __init parse_hz(const char *val) { ... }
 *     __setup("hz", parse_hz);
 * and kernel/params.c calls it for "hz=..." (or "hz" alone, val = NULL).
 * A handler returns 0, or -1 for a bad value (reported, then ignored).
 * Linux: include/linux/init.h (__setup, early_param).
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

#define __init

struct kernel_param {
	const char *name;
	int (*setup)(const char *val);
};

#define __setup(str, fn)						\
	static const struct kernel_param __setup_##fn __used		\
	__section(".setup_params") __aligned(8) = { str, fn }

/* Parse bootargs: call every matching handler; report unknown or bad ones. */
void parse_args(const char *cmdline);
/* True if the bare word (e.g. "selftest") or "word=..." is on the command line. */
bool cmdline_has(const char *word);
/* The value of "key=value" on the command line, copied into buf; false if absent. */
bool cmdline_get(const char *key, char *buf, unsigned long size);

#endif
